/* lsp_index.c: the language server's view of one compiled buffer.
 *
 * The single module of the server that reads the compiler's syntax tree
 * and model (lsp_index.h says why).  One walk over the buffer's syntax
 * tree lists every name and figure as an occurrence; the model says what
 * each names: a table, line or column is identified by the span of its
 * name (m_table.id_at, m_row.at, m_col.at), and the references of a check
 * by its IR (model.h), whose reference nodes come in source order like
 * the tree's references.  Occurrences come out in source order already (the tree is in
 * source order and every item's names precede its block), and a final
 * sort makes that a guarantee rather than an assumption.
 *
 * The identities of a figure are recovered from the model the way the
 * checker makes them (check.c): an identity records the span of its
 * claim (the declared figure, or the check), so a cell's identities are
 * those at its own span, at its parent's and parent column's spans, and
 * at every check that names it.  Walks over expressions use an explicit
 * stack: a check may have 150,000 terms. */
#include <stdlib.h>
#include <string.h>
#include "ast.h"
#include "lsp_index.h"
#include "pmap.h"
#include "present.h"

typedef struct builder {
    arena *a;
    lsp_index *x;
    const m_model *m;
    const ast_file **trees; /* the tree of each of m->sources */
    size_t capocc;
    pmap row_of;            /* (file, label or code offset + 1) -> index in rowv */
    const m_row **rowv;
    size_t nrowv, caprowv;
    pmap entry_of;          /* (classification name, code) -> index in entries */
    size_t capentries;
} builder;

static void *grow(arena *a, void *p, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return p;
    size_t ncap = *cap ? *cap * 2 : 16;
    p = arena_grow(a, p, *cap * elem, ncap * elem);
    *cap = ncap;
    return p;
}

static span none(void)
{
    span s = { NULL, 0, 0 };
    return s;
}

/* Adds o when its span is in the indexed buffer. */
static void push(builder *b, const lsp_occ *o)
{
    if (!b->x->src || o->begin >= o->end || o->end > b->x->src->len)
        return;
    b->x->occ = grow(b->a, b->x->occ, &b->capocc, b->x->nocc, sizeof *b->x->occ);
    b->x->occ[b->x->nocc++] = *o;
}

static lsp_occ occ_at(span at, lsp_occ_kind kind, const char *name)
{
    lsp_occ o;
    memset(&o, 0, sizeof o);
    o.begin = at.begin;
    o.end = at.end;
    o.kind = (unsigned char)kind;
    o.name = name;
    return o;
}

/* ---- lookups ----------------------------------------------------------- */

static const m_table *table_of_item(const builder *b, const ast_item *it)
{
    for (size_t i = 0; i < b->m->ntables; i++)
        if (b->m->tables[i]->id_at.file == it->id_at.file && b->m->tables[i]->id_at.begin == it->id_at.begin)
            return b->m->tables[i];
    return NULL;
}

/* The key of a line's name in row_of (m_row.at is its label, else its code). */
static const void *name_key(uint32_t begin)
{
    return (const void *)(uintptr_t)(begin + 1);
}

static const m_table *table_named(const builder *b, const char *id)
{
    for (size_t i = 0; id && i < b->m->ntables; i++)
        if (b->m->tables[i]->id == id)
            return b->m->tables[i];
    return NULL;
}

static const m_row *row_of_item(const builder *b, const ast_item *it)
{
    span at = it->label ? it->label_at : it->code_at;
    const size_t *ix = at.file ? pmap_get(&b->row_of, at.file, name_key(at.begin)) : NULL;
    return ix ? b->rowv[*ix] : NULL;
}

static const m_col *col_at(const m_table *t, span at)
{
    for (size_t i = 0; t && i < t->ncols; i++)
        if (t->cols[i]->at.file == at.file && t->cols[i]->at.begin == at.begin)
            return t->cols[i];
    return NULL;
}

/* The top-level item of kind k named id in any file read (the first). */
static const ast_item *top_item(const builder *b, ast_item_kind k, const char *id)
{
    for (size_t f = 0; id && f < b->m->nsources; f++) {
        const ast_file *af = b->trees[f];
        for (size_t i = 0; i < af->nitems; i++) {
            const ast_item *it = af->items[i];
            if (it->kind == k && it->id == id && (k != ITEM_COLUMNS || it->has_block))
                return it;
        }
    }
    return NULL;
}

static const lsp_entry *entry_named(const builder *b, const char *classification, const char *code)
{
    if (!classification || !code)
        return NULL;
    const size_t *ix = pmap_get(&b->entry_of, classification, code);
    return ix ? &b->x->entries[*ix] : NULL;
}

/* The column a `for` path names (the resolver keeps only the result). */
static const m_col *match_col(const m_table *t, const ast_path *p)
{
    const m_col *hit = NULL;
    for (size_t i = 0; i < t->ncols; i++) {
        const m_col *c = t->cols[i];
        size_t k = p->n;
        if (c->label != p->seg[k - 1])
            continue;
        k--;
        for (const m_col *x = c->parent; x && k > 0; x = x->parent)
            if (x->label == p->seg[k - 1])
                k--;
        if (k > 0)
            continue;
        if (hit)
            return NULL;
        hit = c;
    }
    return hit;
}

/* ---- names in paths ------------------------------------------------------ */

/* A path naming row (NULL: unresolved): its last segment names the row,
 * earlier ones its ancestors, in order, not necessarily adjacent. */
static void row_path(builder *b, const ast_path *p, const m_row *row, const m_table *t)
{
    const m_row *anc = row;
    for (size_t k = p->n; k-- > 0;) {
        const char *seg = p->seg[k];
        if (k + 1 < p->n) {
            anc = anc ? anc->parent : NULL;
            while (anc && anc->label != seg && anc->code != seg)
                anc = anc->parent;
        }
        lsp_occ o = occ_at(p->seg_at[k], OCC_ROW, seg);
        o.table = t;
        o.row = anc;
        o.code = p->seg_is_code[k] || (anc && anc->code == seg);
        o.def_at = anc ? anc->at : none();
        push(b, &o);
    }
}

/* A path naming column col (NULL: unresolved); "政府预算拨款/小计" names
 * a column by its subtotal. */
static void col_path(builder *b, const ast_path *p, const m_col *col, const m_table *t)
{
    const m_col *anc = col;
    size_t n = p->n;
    if (col && col->subtotal && n >= 2 && p->seg[n - 1] == col->subtotal && p->seg[n - 2] == col->label) {
        lsp_occ o = occ_at(p->seg_at[n - 1], OCC_COL, col->subtotal);
        o.table = t;
        o.col = col;
        o.def_at = col->at;
        push(b, &o);
        n--;
    }
    for (size_t k = n; k-- > 0;) {
        const char *seg = p->seg[k];
        if (k + 1 < n) {
            anc = anc ? anc->parent : NULL;
            while (anc && anc->label != seg)
                anc = anc->parent;
        }
        lsp_occ o = occ_at(p->seg_at[k], OCC_COL, seg);
        o.table = t;
        o.col = anc;
        o.def_at = anc ? anc->at : none();
        push(b, &o);
    }
}

/* ---- items --------------------------------------------------------------- */

static void values(builder *b, const m_table *t, const m_row *row, const ast_values *vs, lsp_fig_slot slot)
{
    const m_block *blk = t && row ? &t->blocks[row->block] : NULL;
    for (size_t i = 0; i < vs->n; i++) {
        const ast_value *v = &vs->v[i];
        lsp_occ o = occ_at(v->at, OCC_FIGURE, NULL);
        o.slot = (unsigned char)slot;
        o.table = t;
        o.row = row;
        if (v->unit)
            o.end = v->unit_begin;
        if (blk && i < blk->ncols) {
            o.ci = blk->cols[i];
            o.col = t->cols[o.ci];
        } else {
            o.row = NULL;       /* more values than columns: no cell */
        }
        /* a figure's trailing spaces before its unit are not the figure */
        while (o.end > o.begin && v->at.file->text[o.end - 1] == ' ')
            o.end--;
        push(b, &o);
        if (v->unit) {
            lsp_occ u = occ_at(ast_unit_span(v), OCC_UNIT, v->unit);
            push(b, &u);
        }
        if (v->rate) {
            lsp_occ r = occ_at(v->rate->at, OCC_FIGURE, NULL);
            r.slot = FIG_RATE;
            r.table = o.table;
            r.row = o.row;
            r.ci = o.ci;
            r.col = o.col;
            r.end = v->rate->unit_begin;
            push(b, &r);
            lsp_occ u = occ_at(ast_unit_span(v->rate), OCC_UNIT, v->rate->unit);
            push(b, &u);
        }
    }
}

static void line(builder *b, const m_table *t, const ast_item *k, const char *classification)
{
    const m_row *row = row_of_item(b, k);
    if (k->code) {
        lsp_occ o = occ_at(k->code_at, OCC_ROW, k->code);
        o.def = true;
        o.code = true;
        o.table = t;
        o.row = row;
        o.def_at = k->code_at;
        const lsp_entry *e = entry_named(b, classification, k->code);
        if (e)
            o.alt_at = e->at;
        push(b, &o);
    }
    if (k->label) {
        lsp_occ o = occ_at(k->label_at, OCC_ROW, k->label);
        o.def = true;
        o.table = t;
        o.row = row;
        o.def_at = k->label_at;
        push(b, &o);
    }
    if (!k->values.n && !k->derive && row && b->x->nocc &&
        b->x->occ[b->x->nocc - 1].begin == (k->label ? k->label_at : k->code_at).begin)
        b->x->occ[b->x->nocc - 1].bare = true;
    values(b, t, row, &k->values, FIG_VALUE);
    if (k->derive && k->derive_from)
        row_path(b, k->derive_from, row ? m_row_derive_from(row) : NULL, t);
    for (size_t i = 0; i < k->ncmp; i++) {
        /* the own basis's figures are cells hover can show; the others'
         * are figures with no cell of their own here */
        const ast_compare *cm = &k->cmp[i];
        bool own = cm->basis == BASIS_OWN && cm->what != CMP_BUDGET;
        values(b, t, own ? row : NULL, &cm->values, cm->what == CMP_WAS ? FIG_WAS : FIG_CHANGE);
    }
    for (size_t i = 0; i < k->nkids; i++)
        if (k->kids[i]->kind == ITEM_LINE)
            line(b, t, k->kids[i], classification);
}

/* A column line of a table (t) or of a column set (t NULL). */
static void column(builder *b, const m_table *t, const ast_item *k)
{
    if (k->kind != ITEM_LINE || !k->label)
        return;
    lsp_occ o = occ_at(k->label_at, OCC_COL, k->label);
    o.def = true;
    o.table = t;
    o.col = col_at(t, k->label_at);
    o.def_at = k->label_at;
    push(b, &o);
    for (size_t i = 0; i < k->nkids; i++)
        column(b, t, k->kids[i]);
}

/* The compiled form of check item it (by its span), or NULL. */
static const m_check *check_of_item(const builder *b, const ast_item *it)
{
    for (size_t i = 0; i < b->m->nchecks; i++)
        if (b->m->checks[i].at.file == it->at.file && b->m->checks[i].at.begin == it->at.begin)
            return &b->m->checks[i];
    return NULL;
}

/* The next reference node of ck from *i on (REF, PREV, CHANGE: in source
 * order, as the tree's references are); NULL when there are no more. */
static const ir_node *next_ref(const m_check *ck, size_t *i)
{
    for (; ck && *i < ck->nir; (*i)++) {
        const ir_node *x = &ck->ir[*i];
        if (x->op == IR_REF || x->op == IR_PREV || x->op == IR_CHANGE) {
            (*i)++;
            return x;
        }
    }
    return NULL;
}

/* Every name in a check, by an explicit stack over its expressions. */
static void check(builder *b, const ast_item *it, const m_table *ctx)
{
    const m_check *ck = check_of_item(b, it);
    size_t ir_at = 0;
    size_t cap = 16, n = 0;
    const ast_expr **stack = malloc(cap * sizeof *stack);
    if (!stack)
        return;
    for (size_t i = it->nops; i-- > 0;)
        if (it->ops[i]) {
            if (n == cap) {
                const ast_expr **s = realloc(stack, 2 * cap * sizeof *stack);
                if (!s)
                    break;
                stack = s, cap *= 2;
            }
            stack[n++] = it->ops[i];
        }
    while (n > 0) {
        const ast_expr *e = stack[--n];
        if (e->kind == EXPR_REF) {
            /* its node in the IR: the next reference there, at its span */
            const ir_node *x = next_ref(ck, &ir_at);
            uint32_t xb = x ? (x->op == IR_REF ? x->begin : x->arg_begin) : 0;
            if (x && xb != e->at.begin)
                x = NULL;
            const m_table *bound = x ? x->u.ref.table : NULL;
            const m_table *t = bound ? bound : e->table ? table_named(b, e->table) : ctx;
            if (e->table) {
                lsp_occ o = occ_at(e->table_at, OCC_TABLE, e->table);
                o.table = t;
                o.def_at = t ? t->id_at : none();
                push(b, &o);
            }
            const m_row *row = x ? x->u.ref.row : NULL;
            if (e->row.n)
                row_path(b, &e->row, row, t);
            if (e->col.n)
                col_path(b, &e->col, row && !x->vec ? t->cols[x->col] : NULL, t);
            for (size_t k = 0; k < e->ncols; k++) {     /* (A, B, C): each its column */
                const uint32_t *list = row && ck->collist ? ck->collist[x - ck->ir] : NULL;
                col_path(b, &e->cols[k], list ? t->cols[list[k]] : NULL, t);
            }
            continue;
        }
        if (e->kind == EXPR_NUM) {
            const ast_value *v = &e->num;
            lsp_occ o = occ_at(v->at, OCC_NUMBER, NULL);
            if (v->unit)
                o.end = v->unit_begin;
            push(b, &o);
            if (v->unit) {
                lsp_occ u = occ_at(ast_unit_span(v), OCC_UNIT, v->unit);
                push(b, &u);
            }
            continue;
        }
        const ast_expr *kids[2] = { e->r, e->l };   /* l pops first: source order */
        for (int i = 0; i < 2; i++) {
            if (!kids[i])
                continue;
            if (n == cap) {
                const ast_expr **s = realloc(stack, 2 * cap * sizeof *stack);
                if (!s)
                    break;
                stack = s, cap *= 2;
            }
            stack[n++] = kids[i];
        }
    }
    free(stack);
    if (it->tol == TOL_WITHIN) {
        lsp_occ o = occ_at(it->within.at, OCC_NUMBER, NULL);
        if (it->within.unit)
            o.end = it->within.unit_begin;
        push(b, &o);
    }
}

static void table_items(builder *b, const ast_item *it)
{
    const m_table *t = table_of_item(b, it);
    lsp_occ o = occ_at(it->id_at, OCC_TABLE, it->id);
    o.def = true;
    o.table = t;
    o.def_at = it->id_at;
    push(b, &o);
    const char *bound = it->kind == ITEM_NARRATIVE ? it->bound : NULL;
    if (bound) {    /* narrative ... rows CLASSIFICATION */
        const ast_item *def = top_item(b, ITEM_CLASSIFICATION, bound);
        lsp_occ c = occ_at(it->bound_at, OCC_CLASS, bound);
        c.def_at = def ? def->id_at : none();
        push(b, &c);
    }
    for (size_t i = 0; i < it->nkids; i++) {
        const ast_item *k = it->kids[i];
        switch (k->kind) {
        case ITEM_COLUMNS:
            if (k->has_block) {
                for (size_t j = 0; j < k->nkids; j++)
                    column(b, t, k->kids[j]);
            } else if (k->id) {
                const ast_item *def = top_item(b, ITEM_COLUMNS, k->id);
                lsp_occ c = occ_at(k->id_at, OCC_COLSET, k->id);
                c.def_at = def ? def->id_at : none();
                push(b, &c);
            }
            break;
        case ITEM_ROWS:
            if (k->classification) {
                const ast_item *def = top_item(b, ITEM_CLASSIFICATION, k->classification);
                lsp_occ c = occ_at(k->classification_at, OCC_CLASS, k->classification);
                c.def_at = def ? def->id_at : none();
                push(b, &c);
            }
            for (size_t j = 0; t && j < k->nfor; j++)
                col_path(b, &k->for_cols[j], match_col(t, &k->for_cols[j]), t);
            for (size_t j = 0; j < k->nkids; j++)
                if (k->kids[j]->kind == ITEM_LINE)
                    line(b, t, k->kids[j], k->classification);
            break;
        case ITEM_LINE:
            line(b, t, k, bound);
            break;
        case ITEM_CHECK:
            check(b, k, t);
            break;
        case ITEM_INDICATORS:
            /* groups are columns; each indicator is a line named by checks */
            for (size_t g = 0; g < k->nkids; g++) {
                const ast_item *l1 = k->kids[g];
                column(b, t, l1);
                for (size_t h = 0; h < l1->nkids; h++)
                    for (size_t m = 0; m < l1->kids[h]->nkids; m++) {
                        const ast_item *ind = l1->kids[h]->kids[m];
                        if (ind->kind != ITEM_LINE || !ind->label)
                            continue;
                        /* column() made it a column def: make it a line */
                        for (size_t q = b->x->nocc; q-- > 0;)
                            if (b->x->occ[q].begin == ind->label_at.begin) {
                                b->x->occ[q].kind = OCC_ROW;
                                b->x->occ[q].col = NULL;
                                b->x->occ[q].table = t;
                                break;
                            }
                        values(b, t, NULL, &ind->values, FIG_VALUE);
                    }
            }
            break;
        case ITEM_ATTR:
            if (k->attr == ATTR_UNIT) {
                lsp_occ u = occ_at(k->args.v[0].at, OCC_UNIT, NULL);
                push(b, &u);
            } else if (k->args.n && k->args.v[0].kind == VAL_NUMBER) {
                lsp_occ u = occ_at(k->args.v[0].at, OCC_NUMBER, NULL);
                push(b, &u);
            }
            break;
        default:
            break;
        }
    }
}

/* dir of from joined with rel, as the resolver joins an import. */
static const char *join_dir(arena *a, const char *from, const char *rel)
{
    if (rel[0] == '/')
        return rel;
    const char *slash = strrchr(from, '/');
    return slash ? arena_printf(a, "%.*s/%s", (int)(slash - from), from, rel) : rel;
}

static void classification_entries(builder *b, const ast_item *cl, const ast_item *it, bool in_buffer)
{
    for (size_t i = 0; i < it->nkids; i++) {
        const ast_item *k = it->kids[i];
        if (k->kind != ITEM_LINE || !k->code)
            continue;
        bool found;
        size_t *slot = pmap_slot(b->a, &b->entry_of, cl->id, k->code, &found);
        if (!found) {
            b->x->entries = grow(b->a, b->x->entries, &b->capentries, b->x->nentries, sizeof *b->x->entries);
            lsp_entry *e = &b->x->entries[b->x->nentries];
            e->classification = cl->id;
            e->code = k->code;
            e->label = k->label;
            e->at = k->code_at;
            *slot = b->x->nentries++;
        }
        if (in_buffer) {
            lsp_occ o = occ_at(k->code_at, OCC_ENTRY, k->code);
            o.def = o.code = true;
            o.def_at = k->code_at;
            push(b, &o);
            if (k->label) {
                lsp_occ l = occ_at(k->label_at, OCC_ENTRY, k->label);
                l.def = true;
                l.def_at = k->label_at;
                push(b, &l);
            }
        }
        classification_entries(b, cl, k, in_buffer);
    }
}

static void top_items(builder *b, const ast_file *f)
{
    for (size_t i = 0; i < f->nitems; i++) {
        const ast_item *it = f->items[i];
        switch (it->kind) {
        case ITEM_BUDGET:
            for (size_t j = 0; j < it->nkids; j++) {
                const ast_item *k = it->kids[j];
                if (k->kind != ITEM_ATTR || !k->args.n)
                    continue;
                if (k->attr == ATTR_PREVIOUS && b->m->budget.previous) {
                    lsp_occ o = occ_at(k->args.v[0].at, OCC_FILE, NULL);
                    o.path = b->m->budget.previous;
                    push(b, &o);
                } else if (k->attr == ATTR_UNIT) {
                    lsp_occ o = occ_at(k->args.v[0].at, OCC_UNIT, NULL);
                    push(b, &o);
                } else if (k->args.v[0].kind == VAL_NUMBER) {
                    lsp_occ o = occ_at(k->args.v[0].at, OCC_NUMBER, NULL);
                    push(b, &o);
                }
            }
            break;
        case ITEM_IMPORT: {
            lsp_occ o = occ_at(it->title_at, OCC_FILE, NULL);
            const char *path = join_dir(b->a, f->src->path, it->title);
            for (size_t k = 1; k < b->m->nsources; k++)
                if (strcmp(b->m->sources[k]->path, path) == 0)
                    o.path = path;
            push(b, &o);
            break;
        }
        case ITEM_CLASSIFICATION: {
            lsp_occ o = occ_at(it->id_at, OCC_CLASS, it->id);
            o.def = true;
            o.def_at = it->id_at;
            push(b, &o);
            break;
        }
        case ITEM_COLUMNS:
            if (it->id && it->has_block) {
                lsp_occ o = occ_at(it->id_at, OCC_COLSET, it->id);
                o.def = true;
                o.def_at = it->id_at;
                push(b, &o);
                for (size_t j = 0; j < it->nkids; j++)
                    column(b, NULL, it->kids[j]);
            }
            break;
        case ITEM_TABLE:
        case ITEM_NARRATIVE:
            table_items(b, it);
            break;
        case ITEM_CHECK:
            check(b, it, NULL);
            break;
        default:
            break;
        }
    }
}

/* ---- outline ------------------------------------------------------------- */

static const char *text_of(arena *a, span at, size_t max)
{
    size_t n = at.end - at.begin;
    const char *s = at.file->text + at.begin;
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;        /* not inside a character */
        return arena_printf(a, "%.*s…", (int)n, s);
    }
    return arena_strndup(a, s, n);
}

static void outline_items(builder *b, ast_item *const *items, size_t n, lsp_outline **out, size_t *nout);

static bool outline_node(builder *b, const ast_item *it, lsp_outline *o)
{
    memset(o, 0, sizeof *o);
    o->begin = it->at.begin;
    o->end = it->has_block ? it->end.end : it->at.end;
    o->sel_begin = it->at.begin;
    o->sel_end = it->at.end;
    bool block = false;
    switch (it->kind) {
    case ITEM_BUDGET:
        o->kind = OUT_BUDGET;
        o->name = it->title ? it->title : "budget";
        o->detail = b->m->budget.year ? arena_printf(b->a, "budget %d", b->m->budget.year) : "budget";
        o->sel_begin = it->title_at.begin, o->sel_end = it->title_at.end;
        break;
    case ITEM_IMPORT:
        o->kind = OUT_IMPORT;
        o->name = it->title;
        o->detail = "import";
        break;
    case ITEM_CLASSIFICATION:
        o->kind = OUT_CLASSIFICATION;
        o->name = it->id;
        o->detail = it->title;
        o->sel_begin = it->id_at.begin, o->sel_end = it->id_at.end;
        block = true;
        break;
    case ITEM_COLUMNS:
        if (!it->has_block)
            return false;
        o->kind = OUT_COLSET;
        o->name = it->id ? it->id : "columns";
        if (it->id)
            o->sel_begin = it->id_at.begin, o->sel_end = it->id_at.end;
        block = true;
        break;
    case ITEM_TABLE:
    case ITEM_NARRATIVE:
        o->kind = it->kind == ITEM_TABLE ? OUT_TABLE : OUT_NARRATIVE;
        o->name = it->id;
        o->detail = it->title;
        o->sel_begin = it->id_at.begin, o->sel_end = it->id_at.end;
        block = true;
        break;
    case ITEM_ROWS:
        o->kind = OUT_ROWS;
        o->name = it->classification ? arena_printf(b->a, "rows %s", it->classification) : "rows";
        block = true;
        break;
    case ITEM_INDICATORS:
        o->kind = OUT_INDICATORS;
        o->name = "indicators";
        block = true;
        break;
    case ITEM_LINE: {
        const ast_item *p = it->parent;
        bool in_class = false, in_cols = false;
        for (; p; p = p->parent) {
            in_class |= p->kind == ITEM_CLASSIFICATION;
            in_cols |= p->kind == ITEM_COLUMNS || p->kind == ITEM_INDICATORS;
        }
        o->kind = in_class ? OUT_ENTRY : in_cols ? OUT_COLUMN : OUT_LINE;
        if (it->code && it->label)
            o->name = arena_printf(b->a, "%s %s", it->code, it->label);
        else
            o->name = it->label ? it->label : it->code ? it->code : "?";
        span sel = it->code ? it->code_at : it->label_at;
        if (it->label)
            sel.end = it->label_at.end;
        o->sel_begin = sel.begin, o->sel_end = sel.end;
        if (it->values.n) {
            span vs = { it->at.file, it->values.v[0].at.begin, it->values.v[it->values.n - 1].at.end };
            o->detail = text_of(b->a, vs, 60);
        }
        block = true;
        break;
    }
    case ITEM_CHECK: {
        o->kind = OUT_CHECK;
        o->name = it->check_label ? it->check_label : text_of(b->a, it->at, 80);
        break;
    }
    default:
        return false;
    }
    if (o->sel_end <= o->sel_begin)
        o->sel_begin = it->at.begin, o->sel_end = it->at.end;
    if (block && it->nkids)
        outline_items(b, it->kids, it->nkids, &o->kids, &o->nkids);
    return true;
}

static void outline_items(builder *b, ast_item *const *items, size_t n, lsp_outline **out, size_t *nout)
{
    lsp_outline *v = arena_alloc(b->a, n * sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (items[i]->at.file == b->x->src && outline_node(b, items[i], &v[k]))
            k++;
    *out = v;
    *nout = k;
}

/* ---- building -------------------------------------------------------------- */

static int occ_cmp(const void *pa, const void *pb)
{
    const lsp_occ *a = pa, *b = pb;
    return a->begin < b->begin ? -1 : a->begin > b->begin;
}

lsp_index *lsp_index_build(arena *a, const m_model *m, const struct ast_file **trees, bool checked)
{
    lsp_index *x = arena_alloc(a, sizeof *x);
    x->m = m;
    x->checked = checked;
    if (!m || !m->nsources || !trees)
        return x;
    const ast_file *f = trees[0];
    x->src = f->src;
    builder bs, *b = &bs;
    memset(b, 0, sizeof *b);
    b->a = a;
    b->x = x;
    b->m = m;
    b->trees = trees;
    for (size_t ti = 0; ti < m->ntables; ti++)
        for (size_t i = 0; i < m->tables[ti]->nrows; i++) {
            const m_row *row = m->tables[ti]->rows[i];
            if (!row->at.file)
                continue;
            bool found;
            size_t *slot = pmap_slot(a, &b->row_of, row->at.file, name_key(row->at.begin), &found);
            if (found)
                continue;
            b->rowv = grow(a, b->rowv, &b->caprowv, b->nrowv, sizeof *b->rowv);
            *slot = b->nrowv;
            b->rowv[b->nrowv++] = row;
        }
    size_t capcl = 0, capcs = 0;
    for (size_t fi = 0; fi < m->nsources; fi++) {
        const ast_file *af = trees[fi];
        for (size_t i = 0; i < af->nitems; i++) {
            const ast_item *it = af->items[i];
            if (it->kind == ITEM_CLASSIFICATION && it->id) {
                x->classes = grow(a, x->classes, &capcl, x->nclasses, sizeof *x->classes);
                x->classes[x->nclasses++] = it->id;
                classification_entries(b, it, it, fi == 0);
            } else if (it->kind == ITEM_COLUMNS && it->id && it->has_block) {
                x->colsets = grow(a, x->colsets, &capcs, x->ncolsets, sizeof *x->colsets);
                x->colsets[x->ncolsets++] = it->id;
            }
        }
    }
    top_items(b, f);
    if (x->nocc)
        qsort(x->occ, x->nocc, sizeof *x->occ, occ_cmp);
    outline_items(b, f->items, f->nitems, &x->outline, &x->noutline);
    return x;
}

const lsp_occ *lsp_index_at(const lsp_index *x, uint32_t off)
{
    size_t lo = 0, hi = x->nocc;    /* first occurrence with begin > off */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->occ[mid].begin <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    const lsp_occ *o = &x->occ[lo - 1];
    return off <= o->end ? o : NULL;
}

/* ---- identities ------------------------------------------------------------ */

typedef struct idset {
    const m_identity **v;
    size_t n, cap, total;
} idset;

static void add_id(idset *s, const m_identity *id)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i] == id)
            return;
    s->total++;
    if (s->n < s->cap)
        s->v[s->n++] = id;
}

static bool same_col(const m_identity *id, const m_table *t, size_t ci)
{
    return !id->column || !t || t->narrative || strcmp(id->column, t->cols[ci]->header) == 0;
}

/* The identities recorded at byte off, of kind k, made in column ci. */
static void ids_at(const lsp_index *x, uint32_t off, ck_kind k, const m_table *t, size_t ci, idset *s)
{
    const m_model *m = x->m;
    size_t lo = 0, hi = m->nids;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->ids[mid].at.begin < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < m->nids && m->ids[i].at.begin == off; i++)
        if (m->ids[i].kind == k && m->ids[i].at.file == x->src && same_col(&m->ids[i], t, ci))
            add_id(s, &m->ids[i]);
}

static uint32_t cell_span(const m_row *row, size_t ci)
{
    const m_value *v = &row->cells[ci];
    return v->at_len ? v->at_begin : row->at.begin;
}

/* Does reference node x of a check name (row, ci)? */
static bool names_cell(const ir_node *x, const m_row *row, size_t ci)
{
    if (x->u.ref.row != row)
        return false;
    if (!x->vec)
        return x->col == ci;
    const m_block *b = &row->table->blocks[row->block];
    if (b->ncols == 1)
        return b->cols[0] == ci;
    for (size_t i = 0; i < b->ncols; i++)
        if (b->cols[i] == ci)
            return true;    /* a vector: the identity's column decides */
    return false;
}

static bool check_names(const m_check *ck, const m_row *row, size_t ci)
{
    size_t i = 0;
    for (const ir_node *x; (x = next_ref(ck, &i)) != NULL;)
        if (names_cell(x, row, ci))
            return true;
    return false;
}

static int id_order(const void *pa, const void *pb)
{
    const m_identity *a = *(const m_identity *const *)pa, *b = *(const m_identity *const *)pb;
    return a->id < b->id ? -1 : a->id > b->id;
}

size_t lsp_index_cell_ids(const lsp_index *x, const m_row *row, size_t ci, const m_identity **out, size_t cap)
{
    idset s = { out, 0, cap, 0 };
    if (!x->m || !row || !row->cells || !row->table || ci >= row->table->ncols)
        return 0;
    const m_table *t = row->table;
    const m_col *col = t->cols[ci];
    uint32_t own = cell_span(row, ci);
    /* what the figure states */
    ids_at(x, own, CK_FOOTING, t, ci, &s);
    ids_at(x, own, CK_CROSS_FOOTING, t, ci, &s);
    ids_at(x, own, CK_OF_WHICH, t, ci, &s);
    if (m_row_change(row) && m_row_change(row)[ci].at_len)
        ids_at(x, m_row_change(row)[ci].at_begin, CK_YOY_CHANGE, t, ci, &s);
    if (m_row_rate(row) && m_row_rate(row)[ci].at_len)
        ids_at(x, m_row_rate(row)[ci].at_begin, CK_YOY_RATE, t, ci, &s);
    /* what it is a part of */
    if (row->parent && !row->ofwhich)
        ids_at(x, cell_span(row->parent, ci), CK_FOOTING, t, ci, &s);
    if (row->parent && row->ofwhich)
        ids_at(x, own, CK_OF_WHICH, t, ci, &s);
    if (col->parent && !col->ofwhich)
        ids_at(x, cell_span(row, col->parent->index), CK_CROSS_FOOTING, t, col->parent->index, &s);
    for (size_t k = 0; k < row->nkids; k++)
        if (row->kids[k]->ofwhich)
            ids_at(x, cell_span(row->kids[k], ci), CK_OF_WHICH, t, ci, &s);
    for (size_t k = 0; k < col->nkids; k++)
        if (col->kids[k]->ofwhich)
            ids_at(x, cell_span(row, col->kids[k]->index), CK_OF_WHICH, t, col->kids[k]->index, &s);
    for (size_t i = 0; i < x->m->nchecks; i++) {
        const m_check *ck = &x->m->checks[i];
        if (check_names(ck, row, ci))
            ids_at(x, ck->at.begin, CK_IDENTITY, t, ci, &s);
    }
    if (s.n > 1)
        qsort(out, s.n, sizeof *out, id_order);
    return s.total;
}

size_t lsp_index_check_ids(const lsp_index *x, uint32_t off, const m_identity **out, size_t cap)
{
    idset s = { out, 0, cap, 0 };
    if (x->m)
        ids_at(x, off, CK_IDENTITY, NULL, 0, &s);
    return s.total;
}

void lsp_index_status_counts(const lsp_index *x, const m_table *t, size_t counts[3])
{
    counts[0] = counts[1] = counts[2] = 0;
    for (size_t i = 0; x->m && i < x->m->nids; i++)
        if (x->m->ids[i].table == t && x->m->ids[i].status <= ST_BROKEN)
            counts[x->m->ids[i].status]++;
}

/* ---- amounts for people -------------------------------------------------- */

const char *lsp_amount_text(arena *a, dec v, int pow10)
{
    return present_amount_str(a, v, pow10);
}

const char *lsp_value_text(arena *a, const m_model *m, const m_table *t, const m_value *v)
{
    if (!v || !v->present)
        return "";
    if (v->blank)
        return "- (blank)";
    switch (v->kind) {
    case KIND_TEXT:
        return arena_printf(a, "\"%s\"", m_value_text(v) ? m_value_text(v) : "");
    case KIND_MONEY: {
        const unit_info *u = present_money_unit(m, t);
        return arena_printf(a, "%s %s", lsp_amount_text(a, v->v, u->pow10), u->name);
    }
    case KIND_RATE:
        return arena_printf(a, "%s%%", lsp_amount_text(a, v->v, 0));
    case KIND_COUNT:
        return arena_printf(a, "%s %s", lsp_amount_text(a, v->v, 0), m_value_unit(v) ? m_value_unit(v)->name : "");
    default:
        return lsp_amount_text(a, v->v, 0);
    }
}

bool lsp_index_check_at(const lsp_index *x, uint32_t off, uint32_t *begin, uint32_t *end)
{
    for (size_t i = 0; x->m && i < x->m->nchecks; i++) {
        span at = x->m->checks[i].at;
        if (at.file == x->src && at.begin <= off && off <= at.end) {
            *begin = at.begin;
            *end = at.end;
            return true;
        }
    }
    return false;
}

const m_value *lsp_cell(const m_row *row, size_t ci, lsp_fig_slot slot)
{
    if (!row || !row->table || ci >= row->table->ncols)
        return NULL;
    const m_value *v = slot == FIG_VALUE ? row->cells : slot == FIG_WAS ? m_row_was(row) : slot == FIG_CHANGE ? m_row_change(row)
                                                                                                        : m_row_rate(row);
    return v ? &v[ci] : NULL;
}

const char *lsp_row_values(arena *a, const lsp_index *x, const m_row *row)
{
    const m_table *t = row->table;
    const m_block *b = &t->blocks[row->block];
    const char *out = "";
    for (size_t i = 0; i < b->ncols && i < 24; i++) {
        const m_value *v = &row->cells[b->cols[i]];
        const char *text = !v->present ? "?" : v->kind == KIND_MONEY
            ? lsp_amount_text(a, v->v, present_pow10(x->m, t, KIND_MONEY))
            : lsp_value_text(a, x->m, t, v);
        out = arena_printf(a, "%s%s%s", out, i ? " · " : "", text);
    }
    return b->ncols > 24 ? arena_printf(a, "%s · …", out) : out;
}

const char *lsp_identity_text(arena *a, const m_identity *id)
{
    const char *unit = id->unit_name && *id->unit_name ? id->unit_name : "";
    const char *sep = *unit && strcmp(unit, "%") != 0 ? " " : "";
    return arena_printf(a, "%s%s%s: %s — %s %s %s (difference %s%s%s%s%s)", ck_kind_name(id->kind),
                        id->column ? " in " : "", id->column ? id->column : "", id->expression ? id->expression : "",
                        lsp_amount_text(a, id->lhs, id->pow10), ast_rel_spelling(id->rel),
                        lsp_amount_text(a, id->rhs, id->pow10), lsp_amount_text(a, id->diff, id->pow10), sep, unit,
                        id->rule ? "; " : "", id->rule ? id->rule : "");
}
