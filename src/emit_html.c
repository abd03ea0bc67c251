/* emit_html.c: index.html, the budget as a document to read and to print.
 *
 * One self-contained page (docs/publish.md): the narrative, every table as
 * published (drawn from layout.h: rowspan/colspan headers, sides, indented
 * lines, notes, indicators), the charts of the lines marked `chart`
 * (chart.h), and the consistency report.  Nothing is fetched: styles are
 * inline, charts are inline SVG, there is no script, and a
 * Content-Security-Policy forbids every request, so a browser opening the
 * file makes none.  Print CSS makes a browser's print-to-PDF the printable
 * document: A4, each table on a new page (wide ones in landscape), table
 * headers repeated on every page, links and screen aids hidden.
 *
 * Links both ways between the report and the figures: each identity lists
 * the figures it reads, each linking to the cell that shows it
 * (#f<line>-<column>); each figure links to the identity that checks it,
 * or, when several do, to its list of them (#r..., shown when targeted).
 * A figure in an identity that is not exact is marked in the table.  The
 * identities' figures come from the checker (m_identity.figs).
 *
 * Every text from the budget goes out through present_html.  The same
 * model gives the same bytes. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "chart.h"
#include "emit.h"
#include "layout.h"
#include "pmap.h"
#include "present.h"
#include "prose.h"
#include "source.h"

/* Figures an identity lists before "... (N in all)". */
#define HTML_MAX_FIG_LINKS 40

typedef struct html {
    FILE *out;
    const m_model *m;
    arena *a;
    pmap rows;              /* (row, NULL) -> its number in the page */
    pmap keys;              /* (row, slot) -> figure number (slot: see fig_slot) */
    size_t nkeys;
    size_t *count, *start;  /* per figure: its identities in list[start .. start + count) */
    size_t *list;
    unsigned char *worst;   /* per figure: the severity of its worst identity */
    bool *listed;           /* per identity: in the page's report (emit_document_lists) */
    int ncharts;
} html;

static void put(html *h, const char *s)
{
    fputs(s, h->out);
}

static void esc(html *h, const char *s)
{
    present_html(h->out, s);
}

/* ---- figures and their identities ------------------------------------- */

/* The slot of a figure of a line: a column's value, or (a narrative's
 * change column) its stated change and rate.  Last year's value is not
 * shown: an identity that reads it links to this year's. */
static const void *fig_slot(size_t col, m_fig_what what)
{
    return (const void *)(uintptr_t)(col * 2 + (what == M_FIG_CHANGE || what == M_FIG_RATE) + 1);
}

static size_t row_number(const html *h, const m_row *row)
{
    const size_t *n = pmap_get(&h->rows, row, NULL);
    return n ? *n : 0;
}

/* The anchor of a figure: "f12-3" (a value), "f12-0c" (a change). */
static void anchor(html *h, char *buf, size_t cap, const m_row *row, size_t col, bool change)
{
    snprintf(buf, cap, "f%zu-%zu%s", row_number(h, row), col, change ? "c" : "");
}

/* How much a status asks for attention: broken, then known (a failure
 * the source acknowledges), then within rounding. */
static unsigned severity(ck_status s)
{
    switch (s) {
    case ST_EXACT: return 0;
    case ST_WITHIN: return 1;
    case ST_KNOWN: return 2;
    case ST_BROKEN: return 3;
    }
    return 0;
}

/* Numbers every line and indexes every figure that an identity reads,
 * with the identities that read it: keys first, then room per figure,
 * then the lists. */
static void index_figures(html *h)
{
    const m_model *m = h->m;
    size_t g = 0, total = 0, rows = 0;
    h->listed = arena_alloc(h->a, m->nids + 1);
    for (size_t i = 0; i < m->nids; i++)
        h->listed[i] = emit_document_lists(m, &m->ids[i]) && rows++ < EMIT_DOCUMENT_REPORT_ROWS;
    for (size_t ti = 0; ti < m->ntables; ti++)
        for (size_t i = 0; i < m->tables[ti]->nrows; i++) {
            bool found;
            *pmap_slot(h->a, &h->rows, m->tables[ti]->rows[i], NULL, &found) = ++g;
        }
    for (size_t i = 0; i < m->nids; i++)
        for (size_t k = 0; h->listed[i] && k < m->ids[i].nfigs; k++) {
            const m_fig *f = &m->ids[i].figs[k];
            bool found;
            size_t *slot = pmap_slot(h->a, &h->keys, f->row, fig_slot(f->col, (m_fig_what)f->what), &found);
            if (!found)
                *slot = h->nkeys++;
            total++;
        }
    h->count = arena_alloc(h->a, (h->nkeys + 1) * sizeof *h->count);
    h->start = arena_alloc(h->a, (h->nkeys + 1) * sizeof *h->start);
    h->worst = arena_alloc(h->a, h->nkeys + 1);
    h->list = arena_alloc(h->a, (total + 1) * sizeof *h->list);
    for (size_t i = 0; i < m->nids; i++)
        for (size_t k = 0; h->listed[i] && k < m->ids[i].nfigs; k++) {
            const m_fig *f = &m->ids[i].figs[k];
            h->count[*pmap_get(&h->keys, f->row, fig_slot(f->col, (m_fig_what)f->what))]++;
        }
    for (size_t x = 0, at = 0; x < h->nkeys; x++) {
        h->start[x] = at;
        at += h->count[x];
        h->count[x] = 0;
    }
    for (size_t i = 0; i < m->nids; i++) {
        const m_identity *id = &m->ids[i];
        for (size_t k = 0; h->listed[i] && k < id->nfigs; k++) {
            const m_fig *f = &id->figs[k];
            size_t x = *pmap_get(&h->keys, f->row, fig_slot(f->col, (m_fig_what)f->what));
            if (h->count[x] && h->list[h->start[x] + h->count[x] - 1] == i)
                continue;       /* one identity reading a figure twice lists it once (identities
                                   are listed in order, so its entry is the last) */
            h->list[h->start[x] + h->count[x]++] = i;
            if (severity(id->status) > h->worst[x])
                h->worst[x] = (unsigned char)severity(id->status);
        }
    }
}

/* The figure number of (row, col, change), or SIZE_MAX when no identity
 * reads it. */
static size_t figure_of(const html *h, const m_row *row, size_t col, bool change)
{
    const size_t *x = pmap_get(&h->keys, row, fig_slot(col, change ? M_FIG_CHANGE : M_FIG_VALUE));
    return x ? *x : SIZE_MAX;
}

static const char *status_class(unsigned worst)
{
    static const char *const cls[] = { "", " within", " known", " broken" };
    return worst < 4 ? cls[worst] : "";
}

/* A figure cell's contents: its text, linked to its identity (or to the
 * list of them), with the anchor the report links to. */
static void figure_cell(html *h, const lay_cell *c, const m_row *row, size_t col, bool change)
{
    char id[64];
    anchor(h, id, sizeof id, row, col, change);
    size_t x = figure_of(h, row, col, change);
    fprintf(h->out, "<td class=\"num%s%s\" id=\"%s\"", c->total ? " tot" : "",
            x == SIZE_MAX ? "" : status_class(h->worst[x]), id);
    if (c->plain) {
        put(h, " data-v=\"");
        esc(h, c->plain);
        put(h, "\"");
    }
    put(h, ">");
    if (x != SIZE_MAX && h->count[x] == 1)
        fprintf(h->out, "<a href=\"#i%zu\">", h->m->ids[h->list[h->start[x]]].id);
    else if (x != SIZE_MAX)
        fprintf(h->out, "<a href=\"#r%s\">", id + 1);
    esc(h, c->text);
    put(h, x != SIZE_MAX ? "</a></td>" : "</td>");
}

/* ---- tables --------------------------------------------------------------- */

static void table_id(html *h, const m_table *t)
{
    put(h, t->narrative ? "n-" : "t-");
    esc(h, t->id);
}

static void thead(html *h, const lay_table *l)
{
    put(h, "<thead>\n");
    for (size_t r = 0; r < l->nhead; r++) {
        put(h, "<tr>");
        for (size_t c = 0; c < l->ncols; c++) {
            const lay_head *x = layout_head(l, r, c);
            if (!x->rowspan)
                continue;
            put(h, "<th");
            if (x->rowspan > 1)
                fprintf(h->out, " rowspan=\"%u\"", x->rowspan);
            if (x->colspan > 1)
                fprintf(h->out, " colspan=\"%u\"", x->colspan);
            put(h, ">");
            esc(h, x->text);
            put(h, "</th>");
        }
        put(h, "</tr>\n");
    }
    put(h, "</thead>\n");
}

static void tbody(html *h, const lay_table *l)
{
    put(h, "<tbody>\n");
    lay_cell c;
    for (size_t r = 0; r < l->nbody; r++) {
        bool total = false;
        for (size_t g = 0; g < l->ngroups; g++) {
            const m_row *row = l->place[r * l->ngroups + g];
            total = total || (row && row->total && !l->side_by_side);
        }
        put(h, total ? "<tr class=\"total\">" : "<tr>");
        for (size_t col = 0; col < l->ncols; col++) {
            layout_body_cell(l, r, col, &c);
            if (c.kind == LAY_AMOUNT) {
                figure_cell(h, &c, c.row, c.col, false);
                continue;
            }
            /* A blank cell ('-') an identity reads: the report links to
             * it as to any figure, so it carries its anchor (empty). */
            const m_row *vrow = l->place[r * l->ngroups + l->cols[col].group];
            if (l->cols[col].kind == LAYC_VALUE && c.kind == LAY_BLANK && vrow &&
                figure_of(h, vrow, l->cols[col].mcol, false) != SIZE_MAX) {
                c.text = "";
                figure_cell(h, &c, vrow, l->cols[col].mcol, false);
                continue;
            }
            if (l->cols[col].kind == LAYC_CHANGE && c.kind == LAY_TEXT) {
                const m_row *row = l->place[r * l->ngroups + l->cols[col].group];
                c.plain = NULL;
                figure_cell(h, &c, row, 0, true);
                continue;
            }
            if (c.label)
                fprintf(h->out, "<td class=\"label l%u%s\">", c.indent < 12 ? c.indent : 12, c.total ? " tot" : "");
            else if (c.code)
                put(h, "<td class=\"code\">");
            else if (c.kind == LAY_TEXT)
                put(h, "<td class=\"text\">");
            else
                put(h, "<td>");
            if (c.kind == LAY_TEXT)
                esc(h, c.text);
            put(h, "</td>");
        }
        put(h, "</tr>\n");
    }
    put(h, "</tbody>\n");
}

static void indicators(html *h, const lay_table *l)
{
    if (!l->nind)
        return;
    put(h, "<table class=\"ind\">\n<thead><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>目标值</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < l->nind; i++) {
        const lay_indicator *x = &l->ind[i];
        put(h, "<tr>");
        if (x->span1) {
            fprintf(h->out, "<td rowspan=\"%u\">", x->span1);
            esc(h, x->level1);
            put(h, "</td>");
        }
        if (x->span2) {
            fprintf(h->out, "<td rowspan=\"%u\">", x->span2);
            esc(h, x->level2);
            put(h, "</td>");
        }
        put(h, "<td>");
        esc(h, x->name);
        put(h, "</td><td class=\"target\">");
        esc(h, x->target);
        put(h, "</td></tr>\n");
    }
    put(h, "</tbody>\n</table>\n");
}

static void charts(html *h, const m_table *t)
{
    for (size_t i = 0; i < t->nrows; i++)
        if (t->rows[i]->chart)
            chart_write(h->out, h->m, t->rows[i], ++h->ncharts, h->a);
}

/* A table or narrative as published.  Wide tables print in landscape. */
static void section(html *h, const m_table *t)
{
    arena *scratch = arena_new();
    const lay_table *l = layout_table(scratch, t);
    put(h, t->narrative ? "<section class=\"narrative\" id=\"" : "<section class=\"table");
    if (!t->narrative)
        put(h, l->ncols > 8 ? " wide\" id=\"" : "\" id=\"");
    table_id(h, t);
    put(h, "\" data-id=\"");
    esc(h, t->id);
    put(h, "\">\n");
    if (t->narrative) {
        put(h, "<h3>");
        esc(h, t->id);
        if (t->title) {
            put(h, "　");
            esc(h, t->title);
        }
        put(h, "</h3>\n");
        /* its text, placeholders printed (prose.h); its figures follow */
        put(h, "<div class=\"prose\">\n");
        for (size_t p = 0; p < t->nparas; p++) {
            const m_para *pa = &t->paras[p];
            if (!pa->table) {
                put(h, "<p>");
                esc(h, prose_para(h->a, h->m, pa));
                put(h, "</p>\n");
                continue;
            }
            /* a table of the text: its first row the head */
            put(h, "<table class=\"text\">\n<tr><th>");
            bool head = true;
            for (size_t i = 0; i < pa->nruns; i++) {
                const m_run *r = &pa->runs[i];
                if (r->kind == RUN_ROW) {
                    put(h, i + 1 < pa->nruns ? "</tr>\n<tr>" : "</tr>\n");
                    head = false;
                } else if (r->kind == RUN_CELL) {
                    put(h, head ? "</th>" : "</td>");
                    if (i + 1 < pa->nruns && pa->runs[i + 1].kind != RUN_ROW)
                        put(h, head ? "<th>" : "<td>");
                } else {
                    esc(h, prose_run(h->a, h->m, r));
                }
                if (r->kind == RUN_ROW && i + 1 < pa->nruns)
                    put(h, "<td>");
            }
            put(h, "</table>\n");
        }
        put(h, "</div>\n");
    } else {
        if (t->number > 0)
            fprintf(h->out, "<p class=\"tno\">表%d</p>\n", t->number);
        put(h, "<h3>");
        esc(h, t->title ? t->title : t->id);
        put(h, "</h3>\n<p class=\"meta\"><span>");
        if (t->department) {
            put(h, "部门名称：");
            esc(h, t->department);
        }
        put(h, "</span><span>单位：");
        esc(h, l->unit);
        put(h, "</span></p>\n");
    }
    put(h, t->narrative ? "<table class=\"figures\"" : l->side_by_side ? "<table class=\"pub sides\"" :
                                                                        "<table class=\"pub\"");
    put(h, " data-table=\"");
    esc(h, t->id);
    put(h, "\">\n");
    thead(h, l);
    tbody(h, l);
    put(h, "</table>\n");
    indicators(h, l);
    for (size_t i = 0; i < l->nnotes; i++) {
        put(h, "<p class=\"note\">");
        esc(h, l->notes[i]);
        put(h, "</p>\n");
    }
    charts(h, t);
    put(h, "</section>\n");
    arena_free(scratch);
}

/* ---- the consistency report ------------------------------------------------ */

static const char *status_word(ck_status s)
{
    switch (s) {
    case ST_EXACT: return "相符";
    case ST_WITHIN: return "舍入误差内";
    case ST_BROKEN: return "不符";
    case ST_KNOWN: return "已知差异";
    }
    return "";
}

static void amount(html *h, dec v, int pow10)
{
    char out[PRESENT_AMOUNT_MAX];
    present_amount(v, pow10, 0, out);
    put(h, out);
}

/* A figure an identity reads, as a link to its cell; a figure no table
 * prints (a heading column's sum, say) as its name only. */
static void fig_link(html *h, const m_identity *id, const m_fig *f)
{
    char a[64];
    const m_table *t = f->row->table;
    const m_col *c = t->cols[f->col];
    bool change = f->what == M_FIG_CHANGE || f->what == M_FIG_RATE;
    bool printed = t->narrative || (c->printed && !c->indicator);
    anchor(h, a, sizeof a, f->row, f->col, change && t->narrative);
    if (printed)
        fprintf(h->out, "<a href=\"#%s\">", a);
    else
        put(h, "<span class=\"unprinted\" title=\"不单独印出\">");
    if (t != id->table) {
        esc(h, t->narrative ? t->id : layout_caption(h->a, t));
        put(h, " ");
    }
    static const char *const what[] = { "", "上年 ", "增减 ", "增减率 " };
    put(h, what[f->what < 4 ? f->what : 0]);
    esc(h, f->row->label);
    if (!t->narrative && t->ncols > 1) {
        put(h, "［");
        esc(h, t->cols[f->col]->header);
        put(h, "］");
    }
    put(h, printed ? "</a>" : "</span>");
}

static void report(html *h)
{
    const m_model *m = h->m;
    size_t n[4] = { 0, 0, 0, 0 };
    for (size_t i = 0; i < m->nids; i++)
        n[m->ids[i].status]++;
    put(h, "<section id=\"report\" class=\"report\">\n<h2>一致性检查</h2>\n");
    fprintf(h->out, "<p class=\"summary\">共 %zu 项：相符 %zu 项，舍入误差内 %zu 项，不符 %zu 项，已知差异 %zu 项。",
            m->nids + m->nunrecorded, n[ST_EXACT] + m->nunrecorded, n[ST_WITHIN], n[ST_BROKEN], n[ST_KNOWN]);
    put(h, "<span class=\"screen\">每项列出它所用的数字，点击可到表中该数字；表中数字也链接到核对它的各项。</span></p>\n");
    if (n[ST_EXACT])
        fprintf(h->out, "<p class=\"print\">以下只印出不完全相符的 %zu 项；相符的 %zu 项见电子版。</p>\n",
                n[ST_WITHIN] + n[ST_BROKEN] + n[ST_KNOWN], n[ST_EXACT] + m->nunrecorded);
    put(h, "<table class=\"report\">\n<thead><tr><th>编号</th><th>检查</th><th>所在</th><th>等式</th><th>列</th>"
           "<th>左边</th><th>右边</th><th>差额</th><th>结果</th><th class=\"figs\">所用数字</th></tr></thead>\n<tbody>\n");
    size_t left = m->nunrecorded;
    for (size_t i = 0; i < m->nids; i++) {
        const m_identity *id = &m->ids[i];
        static const char *const cls[] = { "exact", "within", "broken", "known" };
        if (!h->listed[i]) {
            left++;
            continue;
        }
        fprintf(h->out, "<tr id=\"i%zu\" class=\"%s\"><td>%zu</td><td>%s</td><td>", id->id, cls[id->status], id->id,
                ck_kind_name(id->kind));
        if (id->table) {
            put(h, "<a href=\"#");
            table_id(h, id->table);
            put(h, "\">");
            esc(h, id->table->narrative ? id->table->id : layout_caption(h->a, id->table));
            put(h, "</a>");
        }
        unsigned line = 0, col = 0;
        if (id->at.file) {
            src_linecol(id->at.file, id->at.begin, &line, &col);
            fprintf(h->out, " <span class=\"line\">第 %u 行</span>", line);
        }
        put(h, "</td><td class=\"expr\">");
        esc(h, id->expression);
        put(h, "</td><td>");
        esc(h, id->column);
        put(h, "</td><td class=\"num\">");
        amount(h, id->lhs, id->pow10);
        put(h, "</td><td class=\"num\">");
        amount(h, id->rhs, id->pow10);
        put(h, "</td><td class=\"num\">");
        amount(h, id->diff, id->pow10);
        put(h, "</td><td class=\"st\" title=\"");
        esc(h, id->rule);
        fprintf(h->out, "\">%s</td><td class=\"figs\">", status_word(id->status));
        for (size_t k = 0; k < id->nfigs && k < HTML_MAX_FIG_LINKS; k++) {
            if (k)
                put(h, "、");
            fig_link(h, id, &id->figs[k]);
        }
        if (id->nfigs > HTML_MAX_FIG_LINKS)
            fprintf(h->out, " …（共 %zu 个数字）", id->nfigs);
        put(h, "</td></tr>\n");
    }
    put(h, "</tbody>\n</table>\n");
    if (left)
        fprintf(h->out, "<p class=\"note\">另有 %zu 项检查未逐项列出（%s）。</p>\n", left,
                m->record_exact ? "report.json 列出全部" : "report.json 按表计数；fisc build --report=full 逐项列出");
    put(h, "</section>\n");
}

/* The lists of identities of the figures several identities read: shown
 * only when a figure's link targets one. */
static void backlinks(html *h)
{
    put(h, "<section id=\"refs\" class=\"refs\">\n");
    const m_model *m = h->m;
    for (size_t ti = 0; ti < m->ntables; ti++) {
        const m_table *t = m->tables[ti];
        for (size_t i = 0; i < t->nrows; i++) {
            const m_row *row = t->rows[i];
            for (size_t col = 0; col < t->ncols; col++)
                for (int change = 0; change < 2; change++) {
                    size_t x = figure_of(h, row, col, change);
                    if (x == SIZE_MAX || h->count[x] < 2)
                        continue;
                    char a[64];
                    anchor(h, a, sizeof a, row, col, change);
                    fprintf(h->out, "<p class=\"ref\" id=\"r%s\"><a href=\"#%s\">", a + 1, a);
                    esc(h, t->narrative ? t->id : layout_caption(h->a, t));
                    put(h, " ");
                    esc(h, row->label);
                    if (!t->narrative && t->ncols > 1) {
                        put(h, "［");
                        esc(h, t->cols[col]->header);
                        put(h, "］");
                    }
                    put(h, "</a> 用于：");
                    for (size_t k = 0; k < h->count[x]; k++) {
                        const m_identity *id = &m->ids[h->list[h->start[x] + k]];
                        fprintf(h->out, "%s<a href=\"#i%zu\">#%zu %s</a>", k ? "、" : "", id->id, id->id,
                                status_word(id->status));
                    }
                    put(h, "</p>\n");
                }
        }
    }
    put(h, "</section>\n");
}

/* ---- the page -------------------------------------------------------------- */

static const char style[] =
    "body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"WenQuanYi Micro Hei\",\"PingFang SC\","
    "\"Microsoft YaHei\",\"SimSun\",sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222;"
    "line-height:1.5}\n"
    "h1{text-align:center;margin-bottom:.2em}h2{border-bottom:2px solid #444;margin-top:2em}\n"
    ".sub{text-align:center;color:#555}\n"
    "nav ol{columns:2}\n"
    "section.table,section.narrative{margin:2.5em 0}\n"
    ".prose p{text-indent:2em;line-height:1.8;margin:.4em 0}\n"
    "table.text{border-collapse:collapse;margin:.6em 0}\n"
    "table.text th,table.text td{border:1px solid #888;padding:.2em .5em;vertical-align:top}\n"
    ".tno{margin:0;color:#444}h3{text-align:center;margin:.3em 0}\n"
    ".meta{display:flex;justify-content:space-between;margin:.3em 0;font-size:.95em}\n"
    "table{border-collapse:collapse;margin:.5em 0}\n"
    "table.pub,table.figures,table.ind{width:100%}\n"
    "th,td{border:1px solid #888;padding:.15em .4em;vertical-align:middle}\n"
    "th{background:#eee;font-weight:bold;text-align:center}\n"
    "td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
    "td.code{white-space:nowrap}td.text{font-size:.92em}\n"
    "tr.total td,td.tot{font-weight:bold}\n"
    ".l1{padding-left:1.4em}.l2{padding-left:2.4em}.l3{padding-left:3.4em}.l4{padding-left:4.4em}"
    ".l5{padding-left:5.4em}.l6{padding-left:6.4em}.l7{padding-left:7.4em}.l8{padding-left:8.4em}"
    ".l9{padding-left:9.4em}.l10{padding-left:10.4em}.l11{padding-left:11.4em}.l12{padding-left:12.4em}\n"
    "td a{color:inherit;text-decoration:none;border-bottom:1px dotted #999}\n"
    "td.within{background:#fff2cc}td.known{background:#dbe8f6}td.broken{background:#f4cccc}\n"
    "td:target,tr:target{outline:3px solid #e15759}\n"
    ".note{font-size:.92em;margin:.3em 0}\n"
    "figure.chart{margin:1em 0}figcaption{font-size:.92em;color:#333}svg.chart{max-width:100%;height:auto}\n"
    "table.report{font-size:.85em;width:100%}table.report td.expr{max-width:28em}\n"
    "td.st{white-space:nowrap}tr.within td.st{background:#fff2cc}tr.known td.st{background:#dbe8f6}"
    "tr.broken td.st{background:#f4cccc}\n"
    ".line{color:#777;white-space:nowrap}.print{display:none}\n"
    ".refs .ref{display:none}.refs .ref:target{display:block;position:fixed;bottom:0;left:0;right:0;margin:0;"
    "padding:.6em 1em;background:#fffbe6;border-top:2px solid #e0c060}\n"
    "@page{size:A4;margin:14mm 12mm}\n"
    "@page wide{size:A4 landscape}\n"
    "@media print{body{max-width:none;margin:0;font-size:10pt}nav,.refs,.screen{display:none}"
    "section.table{break-before:page;page:auto}section.table.wide{page:wide}"
    "section.report{break-before:page}table.report tr.exact,table.report .figs{display:none}"
    ".print{display:block}"
    "thead{display:table-header-group}tr,figure{break-inside:avoid}"
    "td a{border:0}td:target,tr:target{outline:0}a{color:inherit;text-decoration:none}}\n";

int emit_html(FILE *out, const m_model *m, const char *source_path)
{
    html h;
    memset(&h, 0, sizeof h);
    h.out = out;
    h.m = m;
    h.a = arena_new();
    index_figures(&h);

    const char *entity = m->budget.entity ? m->budget.entity : "";
    put(&h, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    put(&h, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "img-src 'none'; font-src 'none'; connect-src 'none'; script-src 'none'; base-uri 'none'; "
            "form-action 'none'\">\n");
    put(&h, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    put(&h, "<meta name=\"generator\" content=\"fisc\">\n<title>");
    esc(&h, entity);
    if (m->budget.year)
        fprintf(out, " %d", m->budget.year);
    put(&h, "</title>\n<style>\n");
    put(&h, style);
    put(&h, "</style>\n</head>\n<body>\n<header>\n<h1>");
    esc(&h, entity);
    put(&h, "</h1>\n<p class=\"sub\">");
    if (m->budget.year)
        fprintf(out, "%d 年　", m->budget.year);
    put(&h, "金额单位：");
    esc(&h, m->budget.unit ? m->budget.unit->name : "元");
    put(&h, "　由 fisc 编译自 ");
    esc(&h, source_path);
    put(&h, "</p>\n</header>\n");

    /* contents */
    bool any_narrative = false, any_table = false;
    for (size_t i = 0; i < m->ntables; i++) {
        any_narrative = any_narrative || m->tables[i]->narrative;
        any_table = any_table || !m->tables[i]->narrative;
    }
    put(&h, "<nav class=\"screen\">\n<h2>目录</h2>\n<ol>\n");
    for (size_t k = 0; k < 2 * m->ntables; k++) {       /* in page order: the text, then the tables */
        const m_table *t = m->tables[k % m->ntables];
        if (t->narrative != (k < m->ntables))
            continue;
        put(&h, "<li><a href=\"#");
        table_id(&h, t);
        put(&h, "\">");
        if (t->narrative) {
            esc(&h, t->id);
            put(&h, " ");
            esc(&h, t->title);
        } else {
            esc(&h, layout_caption(h.a, t));
        }
        put(&h, "</a></li>\n");
    }
    put(&h, "<li><a href=\"#report\">一致性检查</a></li>\n</ol>\n</nav>\n<main>\n");

    if (any_narrative) {
        put(&h, "<section id=\"text\">\n<h2>文字部分</h2>\n");
        for (size_t i = 0; i < m->ntables; i++)
            if (m->tables[i]->narrative)
                section(&h, m->tables[i]);
        put(&h, "</section>\n");
    }
    if (any_table) {
        put(&h, "<section id=\"tables\">\n<h2>表格部分</h2>\n");
        for (size_t i = 0; i < m->ntables; i++)
            if (!m->tables[i]->narrative)
                section(&h, m->tables[i]);
        put(&h, "</section>\n");
    }
    report(&h);
    put(&h, "</main>\n");
    backlinks(&h);
    put(&h, "</body>\n</html>\n");
    arena_free(h.a);
    return ferror(out) ? -1 : 0;
}
