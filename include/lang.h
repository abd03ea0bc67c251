/* lang.h: the few notions of the language that the syntax tree and the
 * model both speak of -- relations, tolerance modes, year-over-year
 * derivations -- so that the model (and the checker, which reads only the
 * model) need not include the syntax tree's header. */
#ifndef FISC_LANG_H
#define FISC_LANG_H

/* Relations.  The spelling as written is kept where it is printed. */
typedef enum { REL_EQ, REL_NE, REL_GE, REL_LE, REL_GT, REL_LT } lang_rel;

/* A tolerance: the budget's rule, exact, or a fixed bound (within N). */
typedef enum { TOL_DEFAULT, TOL_EXACT, TOL_WITHIN } lang_tolerance;

/* A line whose values are derived from another line's year over year:
 * "2021 年" = prev("2022 年"), 增减 = change(...), 增减率 = rate(...). */
typedef enum { DERIVE_NONE, DERIVE_PREV, DERIVE_CHANGE, DERIVE_RATE } lang_derive;

/* The basis a figure compares with, as written (docs/language.md §9):
 * `was`, `change`, prev(X) name none (last year's figure of the
 * document's own kind: a budget's 上年预算数, final accounts' 上年决算数);
 * `was budget`, prev(X, budget) last year's budget; `was final`,
 * prev(X, final) last year's final accounts (执行数, 决算数); `budget`,
 * budget(X) this year's budget beside a final figure. */
typedef enum { BASIS_OWN, BASIS_BUDGET, BASIS_FINAL, BASIS_THIS_BUDGET } lang_basis;

/* The canonical spelling of a relation: "==", ">=", ... */
const char *lang_rel_spelling(lang_rel r);

#endif
