/* report.c: the consistency report, as text, JSON or CSV.
 *
 * Every identity the checker kept (m->ids, already in report order)
 * appears once in each form.  The report is full when the checker kept
 * every identity (m->record_exact: `--report=full`), compact otherwise:
 * then m->ids holds the identities that are not exact, and the exact ones
 * are counted per table and kind (m_table.exact, m_model.exact_top) --
 * at a million lines there are 1.6 million, nearly all exact.  The machine
 * forms (documented in docs/report.md) carry amounts as JSON strings /
 * CSV fields holding exact decimals in the identity's unit, never floats,
 * so nothing is lost; the text form is for a person: a summary, the
 * broken and within-rounding identities in full, then per table its
 * identities (compact: those not exact, and the count of exact ones) with
 * a status mark.  Output is deterministic byte for byte: it depends only
 * on the model and the source path given.
 *
 * Kinds and statuses are spelled by ck_kind_name / ck_status_name (the
 * names diagnostics use too); docs/report.md lists them.  Every text from
 * the budget (labels, expressions, paths) goes out through present.h:
 * escaped for a terminal, disarmed for a spreadsheet, lossless in JSON. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emit.h"
#include "present.h"
#include "source.h"

typedef struct counts { size_t exact, within, broken, known; } counts;

static counts count_ids(const m_model *m)
{
    counts c = {0, 0, 0, 0};
    for (size_t i = 0; i < m->nids; i++) {
        switch (m->ids[i].status) {
        case ST_EXACT: c.exact++; break;
        case ST_WITHIN: c.within++; break;
        case ST_BROKEN: c.broken++; break;
        case ST_KNOWN: c.known++; break;
        }
    }
    c.exact += m->nunrecorded;
    return c;
}

/* The exact identities of table t (NULL: the top-level checks). */
static const size_t *exact_of(const m_model *m, const m_table *t)
{
    return t ? t->exact : m->exact_top;
}

static size_t exact_total(const size_t *by_kind)
{
    size_t n = 0;
    for (size_t k = 0; k < CK_NKINDS; k++)
        n += by_kind[k];
    return n;
}

/* An exact decimal in 10^pow10 base units, into buf (DEC_FMT_MAX). */
static const char *amount(dec v, int pow10, char *buf)
{
    dec_format_exact(v, pow10, 0, buf);
    return buf;
}

/* An amount for a person (the text form), as diagnostics print it: exact,
 * with thousands separators ("6,198", "-1,234.5"); into buf. */
static const char *human(dec v, int pow10, char buf[PRESENT_AMOUNT_MAX])
{
    present_amount(v, pow10, 0, buf);
    return buf;
}

/* Where an identity stands: file, line, column (0s when unlocated). */
static void locate(const m_identity *id, const char **file, unsigned *line, unsigned *col)
{
    *file = NULL;
    *line = *col = 0;
    if (id->at.file) {
        *file = id->at.file->path;
        src_linecol(id->at.file, id->at.begin, line, col);
    }
}

/* ---- JSON ---- */

static void json_key(FILE *out, const char *k)
{
    fprintf(out, "\"%s\": ", k);
}

static void report_json(FILE *out, const m_model *m, const char *source_path)
{
    const m_budget *b = &m->budget;
    char buf[DEC_FMT_MAX];
    counts c = count_ids(m);

    fputs("{\n  \"budget\": {", out);
    json_key(out, "entity");
    present_json_string(out, b->entity);
    fputs(", ", out);
    json_key(out, "year");
    if (b->year)
        fprintf(out, "%d", b->year);
    else
        fputs("null", out);
    fputs(", ", out);
    json_key(out, "unit");
    present_json_string(out, b->unit ? b->unit->name : NULL);
    fputs(", ", out);
    json_key(out, "rounding");
    present_json_string(out, amount(b->rounding, b->unit ? b->unit->pow10 : 0, buf));
    fputs(", ", out);
    json_key(out, "source");
    present_json_string(out, source_path);
    fputs("},\n", out);

    fprintf(out, "  \"summary\": {\"exact\": %zu, \"within_rounding\": %zu, "
            "\"broken\": %zu, \"known\": %zu, \"total\": %zu},\n",
            c.exact, c.within, c.broken, c.known, c.exact + c.within + c.broken + c.known);
    if (!m->record_exact) {
        /* compact: the exact identities counted, per table and kind */
        fputs("  \"exact_by_table\": [", out);
        bool first = true;
        for (size_t ti = 0; ti <= m->ntables; ti++) {
            const m_table *t = ti < m->ntables ? m->tables[ti] : NULL;
            const size_t *by = exact_of(m, t);
            size_t n = exact_total(by);
            if (!n)
                continue;
            fputs(first ? "\n    {" : ",\n    {", out);
            first = false;
            json_key(out, "table");
            present_json_string(out, t ? t->id : NULL);
            fprintf(out, ", \"exact\": %zu, \"kinds\": {", n);
            bool k1 = true;
            for (size_t k = 0; k < CK_NKINDS; k++) {
                if (!by[k])
                    continue;
                fprintf(out, "%s\"%s\": %zu", k1 ? "" : ", ", ck_kind_name((ck_kind)k), by[k]);
                k1 = false;
            }
            fputs("}}", out);
        }
        fputs(first ? "],\n" : "\n  ],\n", out);
    }

    fputs("  \"identities\": [", out);
    for (size_t i = 0; i < m->nids; i++) {
        const m_identity *id = &m->ids[i];
        const char *file;
        unsigned line, col;
        locate(id, &file, &line, &col);
        fputs(i ? ",\n    {" : "\n    {", out);
        fprintf(out, "\"id\": %zu, ", id->id);
        json_key(out, "kind");
        present_json_string(out, ck_kind_name(id->kind));
        fputs(", ", out);
        json_key(out, "table");
        present_json_string(out, id->table ? id->table->id : NULL);
        fputs(", ", out);
        json_key(out, "file");
        present_json_string(out, file);
        if (file)
            fprintf(out, ", \"line\": %u, \"column\": %u, ", line, col);
        else
            fputs(", \"line\": null, \"column\": null, ", out);
        json_key(out, "expression");
        present_json_string(out, id->expression);
        fputs(", ", out);
        json_key(out, "in_column");
        present_json_string(out, id->column);
        fputs(", ", out);
        if (id->row) {      /* a row-by-row check's: the line it was made for */
            json_key(out, "in_row");
            present_json_string(out, id->row);
            fputs(", ", out);
        }
        json_key(out, "unit");
        present_json_string(out, id->unit_name);
        fputs(", ", out);
        json_key(out, "lhs");
        present_json_string(out, amount(id->lhs, id->pow10, buf));
        fputs(", ", out);
        json_key(out, "rhs");
        present_json_string(out, amount(id->rhs, id->pow10, buf));
        fputs(", ", out);
        json_key(out, "difference");
        present_json_string(out, amount(id->diff, id->pow10, buf));
        fputs(", ", out);
        json_key(out, "tolerance");
        present_json_string(out, amount(id->tolerance, id->pow10, buf));
        fputs(", ", out);
        json_key(out, "tolerance_bound");
        present_json_string(out, id->tolerance_strict ? "<" : "<=");
        fputs(", ", out);
        json_key(out, "rule");
        present_json_string(out, id->rule);
        fputs(", ", out);
        json_key(out, "status");
        present_json_string(out, ck_status_name(id->status));
        if (id->status == ST_KNOWN) {
            fputs(", ", out);
            json_key(out, "known");
            present_json_string(out, id->known->reason);
        }
        putc('}', out);
    }
    fputs(m->nids ? "\n  ]\n}\n" : "]\n}\n", out);
}

/* ---- CSV ---- */

static void csv_str(FILE *out, const char *s)
{
    if (s)
        present_csv_text(out, s, strlen(s));
}

static void report_csv(FILE *out, const m_model *m)
{
    char buf[DEC_FMT_MAX];
    fputs("id,kind,table,file,line,column,expression,in_column,"
          "lhs,rhs,difference,tolerance,status,known,in_row\n", out);
    for (size_t i = 0; i < m->nids; i++) {
        const m_identity *id = &m->ids[i];
        const char *file;
        unsigned line, col;
        locate(id, &file, &line, &col);
        fprintf(out, "%zu,%s,", id->id, ck_kind_name(id->kind));
        csv_str(out, id->table ? id->table->id : NULL);
        putc(',', out);
        csv_str(out, file);
        if (file)
            fprintf(out, ",%u,%u,", line, col);
        else
            fputs(",,,", out);
        csv_str(out, id->expression);
        putc(',', out);
        csv_str(out, id->column);
        putc(',', out);
        fprintf(out, "%s,", amount(id->lhs, id->pow10, buf));
        fprintf(out, "%s,", amount(id->rhs, id->pow10, buf));
        fprintf(out, "%s,", amount(id->diff, id->pow10, buf));
        fprintf(out, "%s,", amount(id->tolerance, id->pow10, buf));
        fprintf(out, "%s,", ck_status_name(id->status));
        csv_str(out, id->status == ST_KNOWN ? id->known->reason : NULL);
        putc(',', out);
        csv_str(out, id->row);
        putc('\n', out);
    }
}

/* ---- text ---- */

static const char *mark(ck_status s)
{
    switch (s) {
    case ST_EXACT: return "✓";
    case ST_WITHIN: return "≈";
    case ST_BROKEN: return "✗";
    case ST_KNOWN: return "⚑";
    }
    return "?";
}

/* "file:line:col" or "(no location)". */
static void text_where(FILE *out, const m_identity *id)
{
    const char *file;
    unsigned line, col;
    locate(id, &file, &line, &col);
    if (file) {
        present_str(out, file);
        fprintf(out, ":%u:%u", line, col);
    } else {
        fputs("(no location)", out);
    }
}

static void text_unit(FILE *out, const m_identity *id)
{
    if (id->unit_name && id->kind_of_values != KIND_RATE)
        fprintf(out, " %s", id->unit_name);
    else if (id->kind_of_values == KIND_RATE)
        fputs(" percentage points", out);
}

/* A side of an identity: as its source wrote it when the checker says
 * so (201.50, 0.83 万元), else the amount. */
static const char *side(const char *written, dec v, int pow10, char *buf)
{
    return written ? written : human(v, pow10, buf);
}

/* The row and column an identity was made in, after `open`: "[总计]",
 * "[for 208 社会保障和就业支出 in 基本支出]" (a row-by-row check). */
static void where_in(FILE *out, const m_identity *id, const char *open)
{
    if (!id->column && !id->row)
        return;
    fputs(open, out);
    if (id->row) {
        fputs("for ", out);
        present_str(out, id->row);
        if (id->column)
            fputs(" in ", out);
    }
    if (id->column)
        present_str(out, id->column);
    putc(']', out);
}

/* An identity in full, for the broken and within-rounding sections. */
static void text_detail(FILE *out, const m_identity *id)
{
    char l[PRESENT_AMOUNT_MAX], r[PRESENT_AMOUNT_MAX], d[PRESENT_AMOUNT_MAX], t[PRESENT_AMOUNT_MAX];
    fputs("  ", out);
    text_where(out, id);
    fprintf(out, ": %s", ck_kind_name(id->kind));
    if (id->table) {
        fputs(" in ", out);
        present_str(out, id->table->id);
    }
    fprintf(out, " (#%zu)\n      ", id->id);
    present_str(out, id->expression);
    where_in(out, id, "   [");
    putc('\n', out);
    fprintf(out, "      %s vs %s: difference %s", side(id->lhs_text, id->lhs, id->pow10, l),
            side(id->rhs_text, id->rhs, id->pow10, r), human(id->diff, id->pow10, d));
    text_unit(out, id);
    if (id->rule) {         /* the rule states the bound itself */
        fputs("; tolerance: ", out);
        present_str(out, id->rule);
    } else {
        fprintf(out, "; tolerance: |difference| %s %s",
                id->tolerance_strict ? "<" : "<=", human(id->tolerance, id->pow10, t));
    }
    putc('\n', out);
    if (id->status == ST_KNOWN) {
        fputs("      known: ", out);
        present_str(out, id->known->reason);
        putc('\n', out);
    }
}

/* An identity on one line, for the per-table listing. */
static void text_line(FILE *out, const m_identity *id)
{
    char l[PRESENT_AMOUNT_MAX], r[PRESENT_AMOUNT_MAX], d[PRESENT_AMOUNT_MAX];
    fprintf(out, "  %s %zu ", mark(id->status), id->id);
    text_where(out, id);
    fprintf(out, " %s: ", ck_kind_name(id->kind));
    present_str(out, id->expression);
    where_in(out, id, " [");
    fprintf(out, " — %s vs %s", side(id->lhs_text, id->lhs, id->pow10, l), side(id->rhs_text, id->rhs, id->pow10, r));
    if (id->diff != 0)
        fprintf(out, ", difference %s", human(id->diff, id->pow10, d));
    putc('\n', out);
}

typedef struct tab_index { const m_table *t; size_t i; } tab_index;

static int cmp_tab(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const tab_index *)a)->t;
    uintptr_t y = (uintptr_t)((const tab_index *)b)->t;
    return x < y ? -1 : x > y;
}

/* Groups identity indices by table (model order, top-level checks last),
 * keeping report order within a group: a stable counting sort.  order gets
 * nids indices, start[g]..start[g+1] bounds group g (ntables + 1 groups).
 * Returns false when out of memory. */
static bool group_ids(const m_model *m, size_t **order_out, size_t **start_out)
{
    size_t ng = m->ntables + 1;
    tab_index *ti = malloc((m->ntables ? m->ntables : 1) * sizeof *ti);
    size_t *grp = malloc((m->nids ? m->nids : 1) * sizeof *grp);
    size_t *start = calloc(ng + 1, sizeof *start);
    size_t *order = malloc((m->nids ? m->nids : 1) * sizeof *order);
    if (!ti || !grp || !start || !order) {
        free(ti); free(grp); free(start); free(order);
        return false;
    }
    for (size_t i = 0; i < m->ntables; i++)
        ti[i] = (tab_index){ m->tables[i], i };
    qsort(ti, m->ntables, sizeof *ti, cmp_tab);
    for (size_t i = 0; i < m->nids; i++) {
        size_t g = m->ntables;      /* top-level, or a table not listed */
        if (m->ids[i].table && m->ntables) {
            tab_index key = { m->ids[i].table, 0 };
            tab_index *hit = bsearch(&key, ti, m->ntables, sizeof *ti, cmp_tab);
            if (hit)
                g = hit->i;
        }
        grp[i] = g;
        start[g + 1]++;
    }
    for (size_t g = 0; g < ng; g++)
        start[g + 1] += start[g];
    /* start[g] is group g's next free slot while filling; shift back. */
    for (size_t i = 0; i < m->nids; i++)
        order[start[grp[i]]++] = i;
    for (size_t g = ng; g > 0; g--)
        start[g] = start[g - 1];
    start[0] = 0;
    free(ti);
    free(grp);
    *order_out = order;
    *start_out = start;
    return true;
}

static int report_text(FILE *out, const m_model *m, const char *source_path)
{
    const m_budget *b = &m->budget;
    counts c = count_ids(m);
    char buf[PRESENT_AMOUNT_MAX];

    present_str(out, b->entity ? b->entity : (source_path ? source_path : "budget"));
    if (b->year)
        fprintf(out, " %d", b->year);
    size_t total = c.exact + c.within + c.broken + c.known;
    fprintf(out, ": %zu %s — %zu exact, %zu within rounding, %zu broken",
            total, total == 1 ? "identity" : "identities",
            c.exact, c.within, c.broken);
    if (c.known)
        fprintf(out, ", %zu known", c.known);
    putc('\n', out);
    if (source_path) {
        fputs("source: ", out);
        present_str(out, source_path);
    }
    if (b->unit)
        fprintf(out, "%sunit %s, rounding %s", source_path ? "; " : "",
                b->unit->name, human(b->rounding, b->unit->pow10, buf));
    if (source_path || b->unit)
        putc('\n', out);

    static const struct { ck_status st; const char *title; } sections[] = {
        { ST_BROKEN, "BROKEN" }, { ST_KNOWN, "known (acknowledged in the source)" }, { ST_WITHIN, "within rounding" },
    };
    for (size_t s = 0; s < 3; s++) {
        size_t n = sections[s].st == ST_BROKEN ? c.broken : sections[s].st == ST_KNOWN ? c.known : c.within;
        if (n == 0)
            continue;
        fprintf(out, "\n%s (%zu):\n", sections[s].title, n);
        for (size_t i = 0; i < m->nids; i++)
            if (m->ids[i].status == sections[s].st)
                text_detail(out, &m->ids[i]);
    }

    size_t *order, *start;
    if (!group_ids(m, &order, &start)) {
        errno = ENOMEM;
        return -1;
    }
    for (size_t g = 0; g <= m->ntables; g++) {
        const size_t *by = exact_of(m, g < m->ntables ? m->tables[g] : NULL);
        size_t nexact = m->record_exact ? 0 : exact_total(by);
        if (start[g] == start[g + 1] && !nexact)
            continue;
        putc('\n', out);
        if (g < m->ntables) {
            const m_table *t = m->tables[g];
            present_str(out, t->id ? t->id : "(table)");
            if (t->title) {
                putc(' ', out);
                present_str(out, t->title);
            }
            putc('\n', out);
        } else {
            fputs("checks\n", out);
        }
        for (size_t k = start[g]; k < start[g + 1]; k++)
            text_line(out, &m->ids[order[k]]);
        if (nexact) {
            /* compact: the exact ones counted, by kind */
            fprintf(out, "  %s %zu exact:", mark(ST_EXACT), nexact);
            const char *sep = " ";
            for (size_t k = 0; k < CK_NKINDS; k++)
                if (by[k]) {
                    fprintf(out, "%s%s %zu", sep, ck_kind_name((ck_kind)k), by[k]);
                    sep = ", ";
                }
            putc('\n', out);
        }
    }
    free(order);
    free(start);
    return 0;
}

/* The consistency report: every identity in m->ids. 0 or -1 (write error). */
int emit_report(FILE *out, const m_model *m, const char *source_path, report_format f)
{
    switch (f) {
    case REPORT_JSON:
        report_json(out, m, source_path);
        break;
    case REPORT_CSV:
        report_csv(out, m);
        break;
    case REPORT_TEXT:
        if (report_text(out, m, source_path) != 0)
            return -1;
        break;
    }
    return ferror(out) ? -1 : 0;
}
