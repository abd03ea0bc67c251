/* lsp_text.h: an editor's buffer and LSP positions in it.
 *
 * LSP positions are (line, character) with the character counted in the
 * code units the client and server agreed on at initialisation: UTF-16
 * by default, UTF-8 or UTF-32 when both sides support them.  A budget is
 * Chinese text, so the three differ on nearly every line: 教 is 3 UTF-8
 * units, 1 UTF-16 unit and 1 UTF-32 unit; 𠀀 (U+20000) is 4, 2 and 1. */
#ifndef FISC_LSP_TEXT_H
#define FISC_LSP_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { LSP_UTF8, LSP_UTF16, LSP_UTF32 } lsp_enc;

typedef struct lsp_text {
    char *s;            /* malloc'd; s[n] == '\0' */
    size_t n;
    uint32_t *lines;    /* offset of each line's first byte; lines[0] == 0 */
    size_t nlines;      /* a text ending in '\n' has an empty last line */
} lsp_text;

/* A text holding a copy of s[0..n) (s may hold NUL bytes).  False when n
 * passes the compiler's source limit (the text is then empty). */
bool lsp_text_set(lsp_text *t, const char *s, size_t n);
void lsp_text_free(lsp_text *t);
/* Replaces bytes [b, e) (b <= e <= t->n) with s[0..n).  False, with the
 * text unchanged, when the result would pass the source limit. */
bool lsp_text_replace(lsp_text *t, size_t b, size_t e, const char *s, size_t n);

/* The byte offset of (line, ch) in enc units.  False when line is
 * negative or past the last line, or ch is negative; a ch past the end of
 * its line means the end of the line (the protocol's rule). */
bool lsp_text_offset(const lsp_text *t, lsp_enc enc, long long line, long long ch, size_t *off);
/* The position of byte offset off (clamped to the text). */
void lsp_text_pos(const lsp_text *t, lsp_enc enc, size_t off, unsigned *line, unsigned *ch);
/* Code units of s[0..n) in enc. */
size_t lsp_units(lsp_enc enc, const char *s, size_t n);

/* "utf-8", "utf-16" or "utf-32", the protocol's names. */
const char *lsp_enc_name(lsp_enc enc);

#endif
