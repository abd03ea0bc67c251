/* label.h: when two labels name the same thing.
 *
 * A label is printed as its source wrote it, but matched by its key: the
 * label with full-width and ASCII punctuation taken as one.  Published
 * documents write `维修（护）费` in one table and `维修(护)费` in the next,
 * `“三公”经费` and `"三公"经费`; they are one line, one column, one
 * classification entry.  The key folds
 *
 *   - the full-width forms U+FF01..U+FF5E to ASCII U+0021..U+007E
 *     (（ ） ， ： ； － ／ ［ ］ and full-width letters and digits),
 *   - U+3000 IDEOGRAPHIC SPACE to a space,
 *   - the curly quotes “ ” to '"' and ‘ ’ to '\''.
 *
 * Nothing else changes (、 and 。 have no ASCII twin; case is kept).  This
 * is the one place that says so: the resolver's lookups (classification
 * names, lines, columns, check references), the matcher (match.c: diff,
 * textconv, last year's budget) and anything added later compare labels
 * through these functions. */
#ifndef FISC_LABEL_H
#define FISC_LABEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "arena.h"

/* The key of label s, interned in names: s itself (the same pointer) when
 * nothing in it folds, so most labels cost one scan and no memory.  Two
 * labels interned in names are the same label when their keys are the
 * same pointer.  NULL for NULL. */
const char *label_key(strtab *names, const char *s);

/* Whether a and b are the same label (by contents; NULL only equals
 * NULL), without interning anything. */
bool label_same(const char *a, const char *b);

/* A hash of s's key (NULL hashes as ""): label_same labels hash alike. */
size_t label_hash(const char *s);

/* The key of s as code points, into out[0..cap): their number, or cap + 1
 * when there are more (an invalid byte counts as one code point, its
 * value 0xFFFD + the byte, so it equals only itself).  What "did you mean"
 * compares (suggest.h). */
size_t label_key_points(const char *s, uint32_t *out, size_t cap);

/* s after the ordinal a published list numbers it with, or s itself when
 * it has none: `一、一般公共服务支出`, `（一）…`, `(3)…`, `1、…`, `2.…`
 * give what follows the ordinal (never an empty label). */
const char *label_unnumbered(const char *s);

/* The styles of a list's ordinals: 一、 （一） 1、/1. (1) */
enum { LABEL_ORD_COMMA = 1, LABEL_ORD_PAREN, LABEL_ORD_DIGITS, LABEL_ORD_PAREN_DIGITS };

/* label_unnumbered, and the ordinal's number (一、 1, 二十六、 26; 0 when
 * none, or a form past 99) and style (a LABEL_ORD_*, 0 when none). */
const char *label_ordinal(const char *s, unsigned *value, int *style);

#endif
