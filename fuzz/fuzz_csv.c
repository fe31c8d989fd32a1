/* fuzz_csv.c: CSV files as imports read them (any delimiter, quotes, BOM,
 * blank lines): a parse succeeds with rows that hold fields, or fails
 * with a line and a message. */
#include "fuzz.h"
#include "util/csv.h"
#include "util/text.h"
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct csv c;
	struct csv_error err = {0, 0, NULL};
	if (csv_parse(&a, (const char *)data, size, &c, &err) == 0) {
		MUST(c.nrows >= 0);
		for (int i = 0; i < c.nrows; i++) {
			MUST(c.rows[i].nfields >= 1 && c.rows[i].line >= 1);
			for (int k = 0; k < c.rows[i].nfields; k++)
				MUST(utf8_valid(c.rows[i].fields[k], strlen(c.rows[i].fields[k])));
		}
	} else {
		MUST(err.msgid != NULL && err.line >= 0);
	}
	arena_release(&a);
	return 0;
}
