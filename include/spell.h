/* spell.h: how a name is written in fisc source.
 *
 * A label, a path segment or a classification name is written bare when
 * it lexes as one name (letters, digits after the first, '_', Chinese and
 * other non-ASCII text, full-width punctuation) and is not a keyword;
 * otherwise it is quoted, with the escapes \" \\ \n \t.  The formatter
 * prints labels this way and the diagnostics' fixes write names this way
 * ("did you mean", the hint to quote a label), so a fix always reads back
 * as the name it means.  The keywords are listed here once. */
#ifndef FISC_SPELL_H
#define FISC_SPELL_H

#include <stdbool.h>
#include <stddef.h>
#include "arena.h"

/* The language's keywords, NULL-terminated ("_" included). */
extern const char *const spell_keywords[];

/* Whether s[0..n) is a keyword. */
bool spell_is_keyword(const char *s, size_t n);
/* Whether s[0..n) lexes as one name that is not a keyword: it may be bare. */
bool spell_bare(const char *s, size_t n);
/* s[0..n) quoted, escapes and all, into out (room for 2 * n + 3 bytes,
 * NUL included); returns its length. */
size_t spell_quote(char *out, const char *s, size_t n);
/* s as source writes it: bare when it may be, else quoted (in a). */
const char *spell_label(arena *a, const char *s);

#endif
