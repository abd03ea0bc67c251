/* emit_md.c: narrative.md, the narrative's text as Markdown.
 *
 * The 文字部分 of the published document, for people and programs that
 * read text: a heading per narrative (its id and title, as the web page
 * prints them), then its paragraphs, placeholders printed (prose.h), one
 * paragraph a line, a blank line between (a table of the text as a pipe
 * table).  The text is the budget's own:
 * the characters Markdown would read as markup are escaped with a
 * backslash, so a renderer shows it as written. */
#include <stdio.h>
#include <string.h>
#include "emit.h"
#include "present.h"
#include "prose.h"

/* Writes s as Markdown text: ASCII punctuation that may be markup
 * escaped; at the start of a paragraph also what starts a list, a quote,
 * a heading or a rule. */
static void md_text(FILE *out, const char *s, bool para_start)
{
    if (para_start) {
        const char *d = s;
        while (*d >= '0' && *d <= '9')
            d++;
        if (strchr("+-=", *s) && *s) {
            fputc('\\', out);
        } else if (d > s && (*d == '.' || *d == ')')) {
            fwrite(s, 1, (size_t)(d - s), out);
            fputc('\\', out);
            s = d;
        }
    }
    for (; *s; s++) {
        if (strchr("\\`*_[]<>#|&!~", *s))
            fputc('\\', out);
        fputc(*s, out);
    }
}

/* A table of a narrative's text as a pipe table: its first row the head,
 * then the delimiter row. */
static void md_table(FILE *out, arena *a, const m_model *m, const m_para *p)
{
    bool head = true, cell_start = true;
    for (size_t i = 0; i < p->nruns; i++) {
        const m_run *r = &p->runs[i];
        if (r->kind == RUN_ROW) {
            if (head) {
                fputs("\n|", out);
                for (size_t c = 0; c < p->ncells; c++)
                    fputs(" --- |", out);
                head = false;
            }
            if (i + 1 < p->nruns)
                fputc('\n', out);
            continue;
        }
        if (cell_start)
            fputs(i == 0 || p->runs[i - 1].kind == RUN_ROW ? "| " : " ", out);
        cell_start = r->kind == RUN_CELL;
        if (r->kind == RUN_CELL)
            fputs(" |", out);
        else
            md_text(out, prose_run(a, m, r), false);
    }
}

int emit_narrative_md(FILE *out, const m_model *m)
{
    arena *a = arena_new();
    fputs("# ", out);
    md_text(out, m->budget.entity ? m->budget.entity : "", false);
    if (m->budget.year)
        fprintf(out, " %d 年", m->budget.year);
    fputc('\n', out);
    for (size_t i = 0; i < m->ntables; i++) {
        const m_table *t = m->tables[i];
        if (!t->narrative)
            continue;
        fputs("\n## ", out);
        md_text(out, t->id, false);
        if (t->title) {
            fputc(' ', out);
            md_text(out, t->title, false);
        }
        fputc('\n', out);
        for (size_t p = 0; p < t->nparas; p++) {
            fputc('\n', out);
            if (t->paras[p].table)
                md_table(out, a, m, &t->paras[p]);
            else
                md_text(out, prose_para(a, m, &t->paras[p]), true);
            fputc('\n', out);
        }
    }
    arena_free(a);
    return ferror(out) ? -1 : 0;
}
