/* layout.h: a table as it is published -- the grid the XLSX and HTML
 * writers draw.
 *
 * A published table prints its number (表 N), its title, the 部门 and 单位
 * lines, header rows whose cells span the column tree, the body with lines
 * indented by level, the notes, and (表11) the performance indicators.
 * layout_table turns one m_table into that grid once, so the writers only
 * place cells; it is, with layout_value, the only publishing code that
 * reads the model's rows and columns.
 *
 * Header: the column tree becomes rows of cells.  A `heading` column and a
 * `subtotal` column head their children (a subtotal first prints its own
 * "小计" column under its label); a plain column with children prints
 * beside them, as 收入总计 stands beside 本年收入 in 表2; a column with no
 * children spans down to the last header row.
 *
 * Side by side: when a table's row blocks stand side by side (`beside`,
 * m_table.nsides: 表1's 收入 | 支出, 表6's 人员经费 | 公用经费), each block
 * gets its own code and 项目 columns and the columns it fills, and the
 * blocks stand side by side; their lines from the first `total` line on
 * (本年收入合计, 上年结余、结转, 收入总计) are aligned at the bottom, as
 * published.  Otherwise the blocks follow one another.
 *
 * Codes print in the table's code columns (m_table.ncode_cols: one 编码
 * column, none, or `codes 类 款 项`, the code split 3 + 2 + 2 digits:
 * layout_code_part).  The CSV writer lays its grid out here too, so the
 * CSV, the workbook and the web page place every line and figure alike.
 *
 * Everything is allocated in the arena given, which the caller frees when
 * the table is written (a budget may have thousands of tables). */
#ifndef FISC_LAYOUT_H
#define FISC_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include "arena.h"
#include "decimal.h"
#include "model.h"

typedef enum { LAY_BLANK, LAY_TEXT, LAY_AMOUNT } lay_kind;

/* Most header cells (rows x columns) drawn as a tree of merged cells; a
 * deeper or wider header is drawn flat, one row of CSV header paths, so
 * that a small file (a 60-deep column set taken by 40 tables) cannot ask
 * for millions of cells. */
#define LAYOUT_MAX_HEAD_CELLS 10000

/* A header cell: its text spans rowspan x colspan cells; the cells it
 * covers have rowspan = colspan = 0. */
typedef struct lay_head {
    const char *text;
    unsigned rowspan, colspan;
} lay_head;

/* A body cell, made on demand by layout_body_cell: its texts live in its
 * own buffers (a table of a million lines is never held as cells). */
typedef struct lay_cell {
    lay_kind kind;
    const char *text;       /* TEXT: the text; AMOUNT: as printed ("7,440", "105 台", "-4%") */
    const char *plain;      /* AMOUNT: as in the CSV ("7440"): digits, '-', '.' */
    qty_kind qkind;         /* AMOUNT: money, count or rate */
    int places;             /* AMOUNT: decimals printed */
    const char *suffix;     /* AMOUNT: printed after the digits (" 台", "%", " 万元" in a narrative), or NULL */
    unsigned indent;        /* line labels: level in the row tree */
    bool total;             /* a cell of a `total` line */
    bool label;             /* a line's label (项目) */
    bool code;              /* a line's code (编码) */
    const m_row *row;       /* AMOUNT: the model cell it shows (for links) */
    size_t col;
    char num[DEC_FMT_MAX];  /* the buffers text and plain point into */
    char shown[DEC_GROUPED_MAX + 96];
} lay_cell;

/* What a grid column holds. */
typedef enum { LAYC_CODE, LAYC_LABEL, LAYC_VALUE, LAYC_TEXT, LAYC_CHANGE } lay_colkind;

typedef struct lay_col {
    lay_colkind kind;
    size_t group;           /* side by side: the block whose lines it shows */
    const char *header;     /* VALUE/TEXT: the CSV header it is; CODE: its head (编码, 类 ...) */
    size_t mcol;            /* VALUE/TEXT: its index in m_table.cols */
    size_t part;            /* CODE: which part of the code (layout_code_part) */
} lay_col;

/* A performance indicator: 一级指标 / 二级指标 / 三级指标 / 目标值, with the
 * rows the first two span (0 where covered by the row above). */
typedef struct lay_indicator {
    const char *level1, *level2, *name, *target;
    unsigned span1, span2;
} lay_indicator;

typedef struct lay_table {
    const m_table *t;
    const char *id, *title, *department;
    const char *unit;       /* the money unit of its figures ("万元") */
    int number;             /* 表 N; 0 when not numbered */
    bool narrative;
    const char *const *notes;
    size_t nnotes;
    size_t ncols;           /* grid columns */
    lay_col *cols;
    size_t nhead;           /* header rows */
    lay_head *head;         /* nhead x ncols */
    bool flat_head;         /* drawn flat (LAYOUT_MAX_HEAD_CELLS) */
    size_t nbody;           /* body rows */
    size_t ngroups;         /* 1, or the blocks standing side by side */
    const m_row **place;    /* nbody x ngroups: the line in each body row of each group, or NULL */
    bool side_by_side;
    size_t nstub;           /* leading 编码/项目 columns (stacked layout) */
    lay_indicator *ind;
    size_t nind;
} lay_table;

/* The published layout of t (a table or a narrative), in arena a. */
lay_table *layout_table(arena *a, const m_table *t);

/* Header cell (r, c). */
static inline const lay_head *layout_head(const lay_table *l, size_t r, size_t c)
{
    return &l->head[r * l->ncols + c];
}

/* Body cell (r, c), made from the model into *out. */
void layout_body_cell(const lay_table *l, size_t r, size_t c, lay_cell *out);

/* Fills *out for value v of table t as the table prints it (precision <
 * 0: the table's precision for tables, the decimals as written in a
 * narrative): AMOUNT, TEXT for a text value, BLANK when v holds nothing. */
void layout_value(const m_table *t, const m_value *v, int precision, lay_cell *out);

/* Part k of code as a table with n code columns prints it, into buf (of
 * size bytes): the whole code when n <= 1; else part 0 is its first 3
 * digits, each later part the next 2, the last part the rest ("2010601"
 * in 类 款 项: "201", "06", "01"; "201" in 类 款 项: "201", "", "").
 * Returns the part's length (0: empty). */
size_t layout_code_part(const char *code, size_t k, size_t n, char *buf, size_t size);

/* The label of the table for a person: "表7 一般公共预算支出表（按功能分类）",
 * or the title alone, or the id. */
const char *layout_caption(arena *a, const m_table *t);

#endif
