/* training_files.c: a training's materials as files: added and removed by
 * those who manage it, read by those who see it; each file's kind decided
 * by its content. */
#include "core/trainings.h"
#include "core/tx.h"
#include "i18n/i18n.h"
#include "util/jw.h"
#include "util/sniff.h"
#include "util/text.h"
#include "util/vec.h"
#include <string.h>

/* The kinds a material may be. */
static int material_kind(enum sniffed k)
{
	return k != SNIFF_NONE;
}

int trainings_files(struct db *db, struct arena *a, long long training, struct training_file **out,
		    int *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_prepare(
	    db, "SELECT f.id, f.name, f.mime, length(f.bytes) FROM training_file tf"
		" JOIN file_blob f ON f.id = tf.file_id WHERE tf.training_id = :t ORDER BY f.id");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":t", training);
	VEC(struct training_file) v = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct training_file *f = VEC_PUSH(a, &v);
		f->id = db_col_int(st, 0);
		f->name = arena_strdup(a, db_col_text(st, 1));
		f->mime = arena_strdup(a, db_col_text(st, 2));
		f->bytes = db_col_int(st, 3);
	}
	db_done(st);
	*out = v.items;
	*n = v.n;
	return rc == DB_DONE ? RES_OK : RES_ERROR;
}

/* The file's name as kept: its own when it is valid text (the folder part
 * left out), else one made from the training and the kind. */
static const char *kept_name(struct arena *a, const char *filename, long long training,
			     enum sniffed k)
{
	const char *base = filename ? filename : "";
	const char *slash = strrchr(base, '/'), *back = strrchr(base, '\\');
	if (slash || back)
		base = (slash > back ? slash : back) + 1;
	const char *name;
	struct field_errors fe = {0};
	if (*base && field_text(a, &fe, "file", base, 120, 0, &name) == 0 && *name)
		return name;
	return arena_printf(a, "tai-lieu-%lld.%s", training, sniff_ext(k));
}

int trainings_add_file(struct db *db, struct arena *a, const struct user *who, long long id,
		       const char *filename, const void *data, size_t len, struct field_errors *fe,
		       long long *file)
{
	*file = 0;
	struct training t;
	int rc = trainings_get(db, a, who, id, &t);
	if (rc != RES_OK)
		return rc;
	if (!t.may_manage)
		return RES_FORBIDDEN;
	enum sniffed k = sniff(data, len);
	if (len > TRAINING_FILE_MAX)
		field_error_add(fe, "file", N_("the file is larger than 10 MB"), NULL);
	else if (!material_kind(k))
		field_error_add(
		    fe, "file",
		    N_("the file is not a PDF, an image, an Office or OpenDocument file"), NULL);
	if (fe->n)
		return RES_INVALID;
	int nfiles;
	struct training_file *files;
	if (trainings_files(db, a, id, &files, &nfiles) != RES_OK)
		return RES_ERROR;
	if (nfiles >= TRAINING_FILES_MAX) {
		field_error_add(fe, "file", N_("at most 20 files"), NULL);
		return RES_INVALID;
	}
	const char *name = kept_name(a, filename, id, k);
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	int res = RES_ERROR;
	struct db_stmt *st = db_prepare(db, "INSERT INTO file_blob(mime, name, bytes)"
					    " VALUES (:mime, :name, :bytes)");
	if (st) {
		db_bind_text(st, ":mime", sniff_mime(k));
		db_bind_text(st, ":name", name);
		db_bind_blob(st, ":bytes", data, len);
		res = db_run(st) == DB_OK ? RES_OK : RES_ERROR;
	}
	*file = res == RES_OK ? db_last_id(db) : 0;
	st = res == RES_OK ? db_prepare(db, "INSERT INTO training_file(training_id, file_id,"
					    " added_by) VALUES (:t, :f, :by)")
			   : NULL;
	if (st) {
		db_bind_int(st, ":t", id);
		db_bind_int(st, ":f", *file);
		db_bind_id(st, ":by", who->id);
		res = db_run(st) == DB_OK ? RES_OK : RES_ERROR;
	}
	struct buf d = BUF_INIT;
	struct jw j;
	jw_init(&j, &d);
	jw_obj_begin(&j);
	jw_kv_str(&j, "name", name);
	jw_kv_int(&j, "bytes", (long long)len);
	jw_obj_end(&j);
	res = tx_end(db, res, who, "file", "training", id, t.unit_id, buf_cstr(&d));
	buf_release(&d);
	return res;
}

int trainings_file(struct db *db, struct arena *a, const struct user *who, long long id,
		   long long file, struct training_file *out, const void **data)
{
	struct training t;
	int rc = trainings_get(db, a, who, id, &t);
	if (rc != RES_OK)
		return rc;
	struct db_stmt *st = db_prepare(
	    db, "SELECT f.name, f.mime, length(f.bytes), f.bytes FROM training_file tf"
		" JOIN file_blob f ON f.id = tf.file_id WHERE tf.training_id = :t AND f.id = :f");
	if (!st)
		return RES_ERROR;
	db_bind_int(st, ":t", id);
	db_bind_int(st, ":f", file);
	rc = db_step(st);
	if (rc == DB_ROW) {
		out->id = file;
		out->name = arena_strdup(a, db_col_text(st, 0));
		out->mime = arena_strdup(a, db_col_text(st, 1));
		out->bytes = db_col_int(st, 2);
		void *copy = arena_alloc(a, (size_t)out->bytes + 1);
		memcpy(copy, db_col_blob(st, 3), (size_t)out->bytes);
		*data = copy;
	}
	db_done(st);
	return rc == DB_ROW ? RES_OK : rc == DB_DONE ? RES_NOT_FOUND : RES_ERROR;
}

int trainings_remove_file(struct db *db, struct arena *a, const struct user *who, long long id,
			  long long file)
{
	struct training t;
	int rc = trainings_get(db, a, who, id, &t);
	if (rc != RES_OK)
		return rc;
	if (!t.may_manage)
		return RES_FORBIDDEN;
	struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM training_file"
					    " WHERE training_id = :t AND file_id = :f");
	if (st) {
		db_bind_int(st, ":t", id);
		db_bind_int(st, ":f", file);
	}
	if (db_one_int(st, 0) != 1)
		return RES_NOT_FOUND;
	if (tx_begin(db) != RES_OK)
		return RES_ERROR;
	st = db_prepare(db, "DELETE FROM training_file WHERE training_id = :t AND file_id = :f");
	int res = RES_ERROR;
	if (st) {
		db_bind_int(st, ":t", id);
		db_bind_int(st, ":f", file);
		res = db_run(st) == DB_OK ? RES_OK : RES_ERROR;
	}
	st = res == RES_OK ? db_prepare(db, "DELETE FROM file_blob WHERE id = :f") : NULL;
	if (st) {
		db_bind_int(st, ":f", file);
		res = db_run(st) == DB_OK ? RES_OK : RES_ERROR;
	}
	return tx_end(db, res, who, "unfile", "training", id, t.unit_id, NULL);
}
