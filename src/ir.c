/* ir.c: compiling a check into the check IR.
 *
 * Semantic analysis turns each operand of a check into a run of nodes in
 * postfix order (docs/architecture.md §4): a + b - c becomes a b + c -, so
 * the checker evaluates it with a stack, in source order, without
 * recursion.  Literals are parsed here, once, with their units; what
 * cannot be evaluated (an unknown unit, a malformed literal, prev() of
 * something that is not a line) becomes an IR_BAD node holding its
 * message, which the checker reports when it evaluates the node -- exactly
 * where and when the old tree walker did.  prev(a + b) keeps a + b's nodes
 * after its IR_BAD, skipped by evaluation, because the shape of a check
 * (which vector its references span) counts them.
 *
 * References are left unbound: each is recorded as a site (check, node,
 * the tree's reference) for the resolver to bind when the whole file is
 * read.  Chains a + b + c are walked with an explicit stack; everything
 * else nests no deeper than the parser's limits. */
#include <stdio.h>
#include <string.h>
#include "i18n.h"
#include "ir.h"
#include "label.h"

static ir_node *emit(ir_builder *b, ir_op op, span at)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        b->v = arena_side_grow(b->a, b->v, b->cap * sizeof *b->v, cap * sizeof *b->v);
        b->cap = cap;
    }
    ir_node *x = &b->v[b->n++];
    memset(x, 0, sizeof *x);
    x->op = (unsigned char)op;
    x->begin = at.begin;
    x->end = at.end;
    return x;
}

static void add_site(ir_builder *b, size_t check, const ast_expr *ref)
{
    if (b->nsites == b->capsites) {
        size_t cap = b->capsites ? b->capsites * 2 : 256;
        b->sites = arena_side_grow(b->a, b->sites, b->capsites * sizeof *b->sites, cap * sizeof *b->sites);
        b->capsites = cap;
    }
    ir_site *s = &b->sites[b->nsites++];
    s->check = check;
    s->node = (uint32_t)(b->n - 1);
    s->ref = ref;
}

/* A node that reports msg (under check name `check`) at `at` when it is
 * evaluated. */
static ir_node *emit_bad(ir_builder *b, span at, const char *check, const char *msg)
{
    ir_node *x = emit(b, IR_BAD, at);
    x->u.bad.check = check;
    x->u.bad.msg = arena_strdup(b->a, msg);
    return x;
}

/* A literal: parsed now, in its unit (a plain number when it has none). */
static void emit_num(ir_builder *b, const ast_value *v, span at)
{
    const unit_info *u = NULL;
    if (v->unit) {
        u = unit_lookup(v->unit, strlen(v->unit));
        if (!u) {
            char msg[300];
            snprintf(msg, sizeof msg, _("unknown unit '%s'"), v->unit);
            emit_bad(b, ast_unit_span(v), "unit", msg);
            return;
        }
    }
    char why[160];
    int places;
    dec x;
    if (dec_parse(v->text, v->len, u ? u->pow10 : 0, &x, &places, why, sizeof why) != DEC_OK) {
        emit_bad(b, v->at, NULL, why);
        return;
    }
    ir_node *n = emit(b, IR_NUM, at);
    n->kind = (unsigned char)(u ? u->kind : KIND_NONE);
    n->u.num.v = x;
    n->u.num.unit = u;
    n->u.num.places = (signed char)places;
}

static void compile(ir_builder *b, size_t check, const ast_expr *e)
{
    switch (e->kind) {
    case EXPR_ADD:
    case EXPR_SUB:
    case EXPR_MUL:
    case EXPR_DIV: {
        /* The leftmost operand, then each right operand and its operator. */
        size_t base = b->chain.n;
        compile(b, check, ast_chain_push(b->a, &b->chain, e));
        while (b->chain.n > base) {
            const ast_expr *op = b->chain.v[--b->chain.n];
            compile(b, check, op->r);
            static const ir_op ops[] = { [EXPR_ADD] = IR_ADD, [EXPR_SUB] = IR_SUB, [EXPR_MUL] = IR_MUL,
                                         [EXPR_DIV] = IR_DIV };
            emit(b, ops[op->kind], op->at);
        }
        return;
    }
    case EXPR_NEG:
        compile(b, check, e->l);
        emit(b, IR_NEG, e->at);
        return;
    case EXPR_NUM:
        emit_num(b, &e->num, e->at);
        return;
    case EXPR_YEAR: {
        ir_node *n = emit(b, IR_NUM, e->at);    /* a plain number */
        n->u.num.v = (dec)b->year * DEC_ONE;
        return;
    }
    case EXPR_PREV:
    case EXPR_CHANGE:
    case EXPR_RATE: {
        const ast_expr *x = e->l;
        if (x->kind == EXPR_REF) {
            /* rate(X) is change(X) / prev(X): the share of last year's
             * value the change is, in percent (IR_DIV of two amounts) */
            ir_node *n = emit(b, e->kind == EXPR_PREV ? IR_PREV : IR_CHANGE, e->at);
            n->basis = e->basis;
            n->arg_begin = x->at.begin;
            n->arg_end = x->at.end;
            add_site(b, check, x);
            if (e->kind == EXPR_RATE) {
                n->kind = 1;
                n = emit(b, IR_PREV, e->at);
                n->basis = e->basis;
                n->arg_begin = x->at.begin;
                n->arg_end = x->at.end;
                add_site(b, check, x);
                emit(b, IR_DIV, e->at);
            }
            return;
        }
        size_t bad = b->n;
        emit_bad(b, x->at, NULL, e->basis == BASIS_THIS_BUDGET ? _("budget() takes a line")
                                 : e->kind == EXPR_PREV ? _("prev() takes a line")
                                 : e->kind == EXPR_CHANGE ? _("change() takes a line") : _("rate() takes a line"));
        compile(b, check, x);
        b->v[bad].col = (uint32_t)(b->n - bad - 1);
        return;
    }
    case EXPR_REF:
        emit(b, IR_REF, e->at);
        add_site(b, check, e);
        return;
    }
}

void ir_compile_check(ir_builder *b, const ast_item *it, m_table *ctx, size_t index, int money_pow10,
                      m_check *ck)
{
    memset(ck, 0, sizeof *ck);
    ck->at = it->at;
    ck->ctx = ctx;
    ck->nops = it->nops;
    ck->ops = arena_alloc(b->a, it->nops * sizeof *ck->ops);
    if (it->nops > 1) {
        ck->rels = arena_alloc(b->a, (it->nops - 1) * sizeof *ck->rels);
        ck->rel_ats = arena_alloc(b->a, (it->nops - 1) * sizeof *ck->rel_ats);
        memcpy(ck->rels, it->rels, (it->nops - 1) * sizeof *ck->rels);
        memcpy(ck->rel_ats, it->rel_ats, (it->nops - 1) * sizeof *ck->rel_ats);
    }
    b->n = 0;
    for (size_t i = 0; i < it->nops; i++) {
        ck->ops[i].first = (uint32_t)b->n;
        ck->ops[i].at = it->ops[i]->at;
        compile(b, index, it->ops[i]);
        ck->ops[i].n = (uint32_t)(b->n - ck->ops[i].first);
    }
    ck->nir = b->n;
    ck->ir = arena_alloc(b->a, b->n * sizeof *ck->ir);
    if (b->n)
        memcpy(ck->ir, b->v, b->n * sizeof *ck->ir);
    ck->tol = it->tol;
    ck->label = it->check_label;
    if (it->known) {
        ck->known = arena_alloc(b->a, sizeof *ck->known);
        ck->known->reason = it->known;
        ck->known->at = it->known_at;
    }
    if (it->tol == TOL_WITHIN) {
        /* The bound's sign is not read: "within 2" and "within -2" agree. */
        const ast_value *w = &it->within;
        const unit_info *u = w->unit ? unit_lookup(w->unit, strlen(w->unit)) : NULL;
        char why[160];
        int places;
        ck->within_at = w->at;
        if (dec_parse(w->text, w->len, u ? u->pow10 : money_pow10, &ck->within, &places, why, sizeof why) !=
            DEC_OK)
            ck->within_error = arena_strdup(b->a, why);
    }
}

void ir_compile_expr(ir_builder *b, const ast_expr *e, span at, m_table *ctx, size_t index, m_check *ck)
{
    memset(ck, 0, sizeof *ck);
    ck->at = at;
    ck->ctx = ctx;
    ck->nops = 1;
    ck->ops = arena_alloc(b->a, sizeof *ck->ops);
    b->n = 0;
    ck->ops[0].at = e->at;
    compile(b, index, e);
    ck->ops[0].n = (uint32_t)b->n;
    ck->nir = b->n;
    ck->ir = arena_alloc(b->a, b->n * sizeof *ck->ir);
    memcpy(ck->ir, b->v, b->n * sizeof *ck->ir);
}

/* Where a reference node names its line. */
static span ref_span(const m_check *ck, const ir_node *x)
{
    span s = { ck->at.file, x->op == IR_REF ? x->begin : x->arg_begin, x->op == IR_REF ? x->end : x->arg_end };
    return s;
}

/* How many of the n columns cols of t are labelled label (as labels
 * compare); the first one's index in *at. */
static size_t cols_labelled(const m_table *t, const size_t *cols, size_t n, const char *label, size_t *at)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (label_same(t->cols[cols[i]]->label, label)) {
            if (!k)
                *at = cols[i];
            k++;
        }
    return k;
}

/* The columns cols[0..n) of t matched to the shape's positions by their
 * labels (the leaf of each header: 基本支出 is 基本支出 under 合计 and
 * under 本年支出合计), M_NOCOL where none has the label; NULL when no
 * position matches, or (ck->shape_ambiguous set) when a label names
 * several columns of one side. */
static uint32_t *match_cols(arena *a, m_check *ck, const m_table *t, const size_t *cols, size_t n)
{
    const m_table *st = ck->shape_t;
    uint32_t *map = arena_alloc(a, ck->npos * sizeof *map);
    size_t matched = 0;
    for (size_t p = 0; p < ck->npos; p++) {
        const char *label = st->cols[ck->shape_cols[p]]->label;
        size_t at = 0, mine;
        size_t k = cols_labelled(t, cols, n, label, &at);
        map[p] = M_NOCOL;
        if (k == 0)
            continue;
        if (k > 1 || cols_labelled(st, ck->shape_cols, ck->npos, label, &mine) > 1) {
            ck->shape_ambiguous = label;
            ck->shape_ambiguous_t = k > 1 ? t : st;
            return NULL;
        }
        map[p] = (uint32_t)at;
        matched++;
    }
    return matched ? map : NULL;
}

void ir_shape(arena *a, m_check *ck)
{
    span first = { NULL, 0, 0 };
    bool first_list = false;
    for (size_t i = 0; i < ck->nir; i++) {
        const ir_node *x = &ck->ir[i];
        if (x->op != IR_REF && x->op != IR_PREV && x->op != IR_CHANGE)
            continue;
        const m_row *row = x->u.ref.row;
        const m_table *t = x->u.ref.table;
        if (row && x->rows)
            ck->by_rows = true;
        if (!row || !x->vec || t->narrative)
            continue;
        /* its columns: a list written (A, B, C), or its block's */
        const m_block *bl = &t->blocks[row->block];
        bool list = ck->collist && ck->collist[i];
        const size_t *cols = bl->cols;
        size_t n = bl->ncols;
        if (list) {
            size_t *v = arena_alloc(a, ck->ncollist[i] * sizeof *v);
            for (size_t k = 0; k < ck->ncollist[i]; k++)
                v[k] = ck->collist[i][k];
            cols = v;
            n = ck->ncollist[i];
        } else if (n <= 1) {
            continue;
        }
        if (!ck->shape_t) {
            ck->shape_t = t;
            ck->shape_b = list ? NULL : bl;
            ck->shape_cols = cols;
            ck->npos = n;
            first = ref_span(ck, x);
            first_list = list;
            if (list) {
                if (!ck->colmap)
                    ck->colmap = arena_alloc(a, ck->nir * sizeof *ck->colmap);
                ck->colmap[i] = ck->collist[i];
            }
            continue;
        }
        uint32_t *map = NULL;
        if (list && first_list) {
            /* two lists: paired in order */
            if (n != ck->npos) {
                ck->shape_error = true;
                ck->shape_lens[0] = (uint32_t)n;
                ck->shape_lens[1] = (uint32_t)ck->npos;
                ck->shape_at = ref_span(ck, x);
                ck->shape_other_at = first;
                return;
            }
            map = ck->collist[i];
        } else {
            bool same = !first_list && !list && ck->npos == n;
            for (size_t k = 0; same && k < n; k++)
                same = ck->shape_t->cols[ck->shape_cols[k]]->header == t->cols[cols[k]]->header;
            if (same)
                continue;
            /* other columns: matched by their labels, when that is unambiguous */
            map = match_cols(a, ck, t, cols, n);
        }
        if (!map) {
            ck->shape_error = true;
            ck->shape_at = ref_span(ck, x);
            ck->shape_other_at = first;
            return;
        }
        if (!ck->colmap)
            ck->colmap = arena_alloc(a, ck->nir * sizeof *ck->colmap);
        ck->colmap[i] = map;
    }
}

void ir_builder_free(ir_builder *b)
{
    arena_side_free(b->a, b->v);
    arena_side_free(b->a, b->sites);
    b->v = NULL;
    b->sites = NULL;
    b->n = b->cap = b->nsites = b->capsites = 0;
}
