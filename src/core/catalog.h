/* catalog.h: what teams report on: platforms by domain, indicators
 * (national, or a province's own for its campaigns) and the forms that
 * group them with a period type and a deadline. */
#ifndef LANGSO_CATALOG_H
#define LANGSO_CATALOG_H
#include "core/accounts.h"
#include "core/periods.h"
#include "core/result.h"

struct indicator {
	long long id;
	const char *code, *name_vi, *name_en, *unit_vi, *unit_en;
	const char *aggregation; /* sum, latest */
	const char *domain;	 /* of its platform */
	long long ceiling;	 /* largest plausible value in one report */
	long long owner;	 /* 0: national; else the province that made it */
};

struct form {
	long long id;
	const char *code, *name_vi, *name_en;
	enum period_kind grain; /* PERIOD_WEEK or PERIOD_MONTH */
	int due_days;
};

struct platform {
	long long id;
	const char *code, *name_vi, *name_en, *domain;
};
/* catalog_platforms: every platform, by domain and code. */
int catalog_platforms(struct db *db, struct arena *a, struct platform **out, int *n);
/* catalog_platform_find: the id of the platform called code, or 0. */
long long catalog_platform_find(struct db *db, const char *code);

/* catalog_indicators: the indicators visible at unit (national ones and
 * those of the provinces above it), in their order. */
int catalog_indicators(struct db *db, struct arena *a, long long unit, struct indicator **out,
		       int *n);
/* catalog_forms: the forms the teams below unit fill (national ones and
 * those of the provinces above it). */
int catalog_forms(struct db *db, struct arena *a, long long unit, struct form **out, int *n);
/* catalog_form: the form called code, or RES_NOT_FOUND. */
int catalog_form(struct db *db, struct arena *a, const char *code, struct form *out);
/* catalog_form_for: the form the teams below unit fill for periods like
 * period (its kind picks weekly or monthly), or the one called code.
 * RES_NOT_FOUND when none fits. */
int catalog_form_for(struct db *db, struct arena *a, long long unit, const char *period,
		     const char *code, struct form *out);

/* catalog_form_indicators: the indicators of a form that the teams below
 * unit fill (a province's own only below that province), in order. */
int catalog_form_indicators(struct db *db, struct arena *a, long long form, long long unit,
			    struct indicator **out, int *n);
/* catalog_indicator_add: a new indicator: national for the ministry and
 * administrators, a province's own for a provincial officer; added to the
 * form called form_code when given. */
int catalog_indicator_add(struct db *db, const struct user *who, const char *code,
			  const char *name_vi, const char *name_en, const char *unit_vi,
			  const char *aggregation, const char *ceiling, const char *form_code,
			  struct field_errors *fe, long long *id);

#endif
