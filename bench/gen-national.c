/* gen-national.c: fill a langso database (migrated, with the official
 * units and ~100,000 villages) with a national year of reports for the
 * benchmarks: a team in every village, a weekly form of 30 indicators, 52
 * submitted weeks per team (30 values each), and their roll-ups (agg,
 * agg_report) computed in memory, as langso keeps them.
 * Usage: gen-national DB [WEEKS]. A benchmark tool, not part of langso. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NIND 30

static sqlite3 *db;

static void die(const char *what)
{
	fprintf(stderr, "gen-national: %s: %s\n", what, sqlite3_errmsg(db));
	exit(1);
}

static void exec(const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(sql);
}

static sqlite3_stmt *prep(const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die(sql);
	return st;
}

static void step_reset(sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		die("step");
	sqlite3_reset(st);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: gen-national DB [WEEKS]\n");
		return 2;
	}
	int weeks = argc > 2 ? atoi(argv[2]) : 52;
	if (sqlite3_open(argv[1], &db) != SQLITE_OK)
		die("open");
	exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000;");
	exec("BEGIN");
	/* 18 more indicators and a weekly form of 30 */
	for (int i = 1; i <= NIND - 12; i++) {
		char sql[256];
		snprintf(
		    sql, sizeof sql,
		    "INSERT INTO indicator(code, name_vi, name_en, ceiling, position)"
		    " VALUES ('BENCH_%02d', 'Chỉ tiêu thử %d', 'Bench indicator %d', 100000, %d)",
		    i, i, i, 100 + i);
		exec(sql);
	}
	exec("INSERT INTO form(code, name_vi, name_en, period_type, due_days)"
	     " VALUES ('BENCH30', 'Báo cáo tuần 30 chỉ tiêu', 'Weekly report of 30', 'week', 2)");
	exec("INSERT INTO form_indicator(form_id, indicator_id, position)"
	     " SELECT (SELECT id FROM form WHERE code = 'BENCH30'), id, position FROM indicator"
	     " ORDER BY id LIMIT 30");
	sqlite3_stmt *q = prep("SELECT (SELECT id FROM form WHERE code = 'BENCH30')");
	sqlite3_step(q);
	int form = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	int ind[NIND], stock[NIND], n = 0;
	q = prep("SELECT f.indicator_id, i.aggregation = 'latest' FROM form_indicator f"
		 " JOIN indicator i ON i.id = f.indicator_id WHERE f.form_id = ? ORDER BY "
		 "f.indicator_id");
	sqlite3_bind_int(q, 1, form);
	while (sqlite3_step(q) == SQLITE_ROW && n < NIND) {
		ind[n] = sqlite3_column_int(q, 0);
		stock[n++] = sqlite3_column_int(q, 1);
	}
	sqlite3_finalize(q);

	/* a team in every village without one */
	exec(
	    "INSERT INTO team(unit_id, name, name_fold, decision_no, decision_date, established_on)"
	    " SELECT u.id, 'Tổ CNSCĐ ' || u.name, 'to cnscd ' || u.name_fold, '1/QĐ-UBND',"
	    " '2025-12-01', '2025-12-01' FROM unit u WHERE u.level = 'village'"
	    " AND NOT EXISTS (SELECT 1 FROM team t WHERE t.unit_id = u.id AND t.dissolved_on IS "
	    "NULL)");

	/* the ancestors (commune, province, nation) of every team's village */
	int maxid = 0;
	q = prep("SELECT max(id) FROM unit");
	sqlite3_step(q);
	maxid = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	int *slot = calloc((size_t)maxid + 1, sizeof *slot); /* unit id → 1-based slot */
	int nslots = 0;
	int *slot_unit = calloc((size_t)maxid + 1, sizeof *slot_unit);
	q = prep("SELECT id FROM unit WHERE level <> 'village'");
	while (sqlite3_step(q) == SQLITE_ROW) {
		int id = sqlite3_column_int(q, 0);
		slot[id] = ++nslots;
		slot_unit[nslots] = id;
	}
	sqlite3_finalize(q);
	long long *sum = calloc((size_t)(nslots + 1) * NIND * (size_t)weeks, sizeof *sum);
	int *cnt = calloc((size_t)(nslots + 1) * (size_t)weeks, sizeof *cnt);
	if (!slot || !slot_unit || !sum || !cnt)
		return 1;

	sqlite3_stmt *teams =
	    prep("SELECT t.id, v.parent_id, c.parent_id, p.parent_id FROM team t"
		 " JOIN unit v ON v.id = t.unit_id JOIN unit c ON c.id = v.parent_id"
		 " JOIN unit p ON p.id = c.parent_id WHERE t.dissolved_on IS NULL"
		 " ORDER BY t.id");
	sqlite3_stmt *rep =
	    prep("INSERT INTO report(team_id, form_id, period, status, due_on,"
		 " late, revision, submitted_at) VALUES (?, ?, ?, 'submitted', ?, 0, 1,"
		 " '2026-06-01T00:00:00Z')");
	sqlite3_stmt *val = prep("INSERT INTO report_value(report_id, indicator_id, value)"
				 " VALUES (?, ?, ?)");
	/* stocks: each team's change from its previous week, at its village
	 * (the units above are summed from sum[] below) */
	sqlite3_stmt *chg =
	    prep("INSERT INTO agg_stock(unit_id, indicator_id, period, value, teams,"
		 " reports) VALUES ((SELECT unit_id FROM team WHERE id = ?), ?, ?, ?, ?, 1)");
	unsigned seed = 12345;
	long long values = 0;
	int nteams = 0;
	while (sqlite3_step(teams) == SQLITE_ROW) {
		int team = sqlite3_column_int(teams, 0);
		int prev[NIND] = {0};
		int anc[3] = {slot[sqlite3_column_int(teams, 1)],
			      slot[sqlite3_column_int(teams, 2)],
			      slot[sqlite3_column_int(teams, 3)]};
		for (int w = 0; w < weeks; w++) {
			char period[16];
			snprintf(period, sizeof period, "2026W%02d", w + 1);
			sqlite3_bind_int(rep, 1, team);
			sqlite3_bind_int(rep, 2, form);
			sqlite3_bind_text(rep, 3, period, -1, SQLITE_STATIC);
			sqlite3_bind_text(rep, 4, "2026-12-31", -1, SQLITE_STATIC);
			step_reset(rep);
			long long rid = sqlite3_last_insert_rowid(db);
			for (int i = 0; i < NIND; i++) {
				seed = seed * 1103515245u + 12345u;
				int v = (int)((seed >> 16) % 20);
				sqlite3_bind_int64(val, 1, rid);
				sqlite3_bind_int(val, 2, ind[i]);
				sqlite3_bind_int(val, 3, v);
				step_reset(val);
				if (stock[i]) {
					sqlite3_bind_int(chg, 1, team);
					sqlite3_bind_int(chg, 2, ind[i]);
					sqlite3_bind_text(chg, 3, period, -1, SQLITE_STATIC);
					sqlite3_bind_int(chg, 4, v - prev[i]);
					sqlite3_bind_int(chg, 5, w == 0);
					step_reset(chg);
					prev[i] = v;
				}
				for (int k = 0; k < 3; k++)
					sum[((size_t)anc[k] * NIND + (size_t)i) * (size_t)weeks +
					    (size_t)w] += v;
				values++;
			}
			for (int k = 0; k < 3; k++)
				cnt[(size_t)anc[k] * (size_t)weeks + (size_t)w]++;
		}
		if (++nteams % 10000 == 0)
			fprintf(stderr, "  %d teams, %lld values\n", nteams, values);
	}
	sqlite3_finalize(teams);
	sqlite3_finalize(chg);
	sqlite3_finalize(rep);
	sqlite3_finalize(val);

	/* the roll-ups, as the writing transactions would have left them */
	sqlite3_stmt *agg = prep("INSERT INTO agg(unit_id, indicator_id, period, value, reports)"
				 " VALUES (?, ?, ?, ?, ?)");
	sqlite3_stmt *sagg = prep("INSERT INTO agg_stock(unit_id, indicator_id, period, value,"
				  " teams, reports) VALUES (?, ?, ?, ?, ?, ?)");
	sqlite3_stmt *ar = prep("INSERT INTO agg_report(unit_id, form_id, period, received, late)"
				" VALUES (?, ?, ?, ?, 0)");
	long long rows = 0;
	for (int s = 1; s <= nslots; s++) {
		for (int w = 0; w < weeks; w++) {
			int c = cnt[(size_t)s * (size_t)weeks + (size_t)w];
			if (!c)
				continue;
			char period[16];
			snprintf(period, sizeof period, "2026W%02d", w + 1);
			for (int i = 0; i < NIND; i++) {
				long long *at =
				    &sum[((size_t)s * NIND + (size_t)i) * (size_t)weeks];
				if (stock[i]) { /* every team reports every week */
					sqlite3_bind_int(sagg, 1, slot_unit[s]);
					sqlite3_bind_int(sagg, 2, ind[i]);
					sqlite3_bind_text(sagg, 3, period, -1, SQLITE_TRANSIENT);
					sqlite3_bind_int64(sagg, 4, at[w] - (w ? at[w - 1] : 0));
					sqlite3_bind_int(sagg, 5, w ? 0 : c);
					sqlite3_bind_int(sagg, 6, c);
					step_reset(sagg);
				} else {
					sqlite3_bind_int(agg, 1, slot_unit[s]);
					sqlite3_bind_int(agg, 2, ind[i]);
					sqlite3_bind_text(agg, 3, period, -1, SQLITE_TRANSIENT);
					sqlite3_bind_int64(agg, 4, at[w]);
					sqlite3_bind_int(agg, 5, c);
					step_reset(agg);
				}
				rows++;
			}
			sqlite3_bind_int(ar, 1, slot_unit[s]);
			sqlite3_bind_int(ar, 2, form);
			sqlite3_bind_text(ar, 3, period, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int(ar, 4, c);
			step_reset(ar);
		}
	}
	/* agg_report also counts at the village (depth 0) */
	exec("INSERT INTO agg_report(unit_id, form_id, period, received, late)"
	     " SELECT t.unit_id, r.form_id, r.period, count(*), 0 FROM report r"
	     " JOIN team t ON t.id = r.team_id WHERE r.form_id = (SELECT id FROM form"
	     " WHERE code = 'BENCH30') GROUP BY 1, 2, 3");
	/* a week's flows also under its month and year (as langso keeps them) */
	exec("INSERT INTO agg_coarse(unit_id, period, stripe, indicator_id, value, reports)"
	     " SELECT a.unit_id, w.period, a.stripe, a.indicator_id, sum(a.value), sum(a.reports)"
	     " FROM agg a JOIN week_period w ON w.week = a.period"
	     " GROUP BY a.unit_id, w.period, a.stripe, a.indicator_id");
	sqlite3_finalize(agg);
	sqlite3_finalize(sagg);
	sqlite3_finalize(ar);
	exec("COMMIT");
	exec("PRAGMA synchronous=FULL; PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;");
	printf("%d teams, %d weeks, %lld values, %lld roll-up rows\n", nteams, weeks, values, rows);
	sqlite3_close(db);
	free(sum);
	free(cnt);
	free(slot);
	free(slot_unit);
	return 0;
}
