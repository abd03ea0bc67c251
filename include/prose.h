/* prose.h: a narrative's text -- lines of text with placeholders for
 * figures, read from a line (the resolver's side) and printed from the
 * checked model (the published document's side).  docs/language.md §5.1.
 *
 *     > {year} 年部门预算收入 {部门预算收入}，比 {year - 1} 年{change(部门预算收入):增加|减少}。
 *
 * prints "2022 年部门预算收入 7,440 万元，比 2021 年减少 274 万元。". */
#ifndef FISC_PROSE_H
#define FISC_PROSE_H

#include <stdbool.h>
#include <stddef.h>
#include "arena.h"
#include "diag.h"
#include "model.h"

/* A piece of a line of text: text, a placeholder, or the end of a
 * table's cell. */
typedef enum { PIECE_TEXT, PIECE_PH, PIECE_CELL } prose_piece_kind;

typedef struct prose_piece {
    unsigned char kind;         /* a prose_piece_kind */
    const char *text;           /* text ('{{' and '}}' read as braces), NUL-terminated */
    span at;                    /* a placeholder: from '{' to '}' */
    uint32_t expr_begin, expr_end; /* ... its expression's bytes in the file */
    unsigned char form;         /* ... an m_ph_form */
    const char *words[3];       /* ... its words for the sign (m_placeholder) */
} prose_piece;

/* Whether a line of text is a row of a table: it starts with '|'. */
bool prose_is_row(const char *text);

/* Splits the text of a line of text, standing at `at` in its file, into
 * pieces (allocated in a); a row of a table (prose_is_row) into cells,
 * each trimmed and ended by a PIECE_CELL.  A placeholder that is not well
 * formed (not closed, empty, a format that is neither '#' nor words) is
 * reported to d, and the line is then not split: false. */
bool prose_split(arena *a, diag_list *d, span at, prose_piece **out, size_t *n);

/* The blank that joins two lines of one paragraph: none when either side
 * of the line break is a character beyond ASCII (Chinese text breaks
 * lines without a space), else one.  prev_end: the end of the text before
 * the break; next: the text after it. */
bool prose_joins_with_blank(const char *prev, size_t nprev, const char *next);

/* What placeholder ph of m prints (valid after check_model, when ph->ok):
 * "7,440 万元", "减少 274 万元", "4%", "2022" (docs/language.md §5.1). */
const char *prose_value(arena *a, const m_model *m, const m_placeholder *ph);

/* What run r of a paragraph prints: its text, or its placeholder's
 * value ("" for the end of a cell or row). */
const char *prose_run(arena *a, const m_model *m, const m_run *r);

/* Paragraph p as one text, its placeholders printed (a table's cells
 * joined by a blank, its rows by a line feed). */
const char *prose_para(arena *a, const m_model *m, const m_para *p);

#endif
