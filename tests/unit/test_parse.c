/* test_parse.c: the parser's syntax tree, shape by shape.
 *
 * Each test parses a small fisc source held in a string literal and walks
 * the resulting items: kinds, ids, labels, codes, values, relations, check
 * chains, spans and blank-line counts.  The recovery tests check that a
 * bad line costs exactly one error and that the items around it survive. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "ast.h"

typedef struct parsed {
    arena *a;
    diag_list *diags;
    src_file *f;
    ast_file *file;
} parsed;

static parsed *parse_str(const char *s)
{
    parsed *P = calloc(1, sizeof *P);
    assert_non_null(P);
    P->a = arena_new();
    P->diags = diag_new(P->a);
    P->f = src_from_memory(P->a, "t.fisc", s, strlen(s));
    P->file = parse_file(P->a, strtab_new(P->a), P->diags, P->f);
    assert_non_null(P->file);
    return P;
}

static void done(parsed *P)
{
    arena_free(P->a);
    free(P);
}

/* Byte offset of the first occurrence of needle in the source. */
static uint32_t off(const parsed *P, const char *needle)
{
    const char *p = strstr(P->f->text, needle);
    if (!p)
        fail_msg("'%s' not in the source", needle);
    return (uint32_t)(p - P->f->text);
}

/* The span covers exactly the first occurrence of needle. */
static void span_is(const parsed *P, span s, const char *needle)
{
    assert_ptr_equal(s.file, P->f);
    assert_int_equal(s.begin, off(P, needle));
    assert_int_equal(s.end, off(P, needle) + strlen(needle));
}

static void no_errors(const parsed *P)
{
    for (size_t i = 0; i < diag_size(P->diags); i++)
        print_message("unexpected: %s\n", diag_at(P->diags, i)->msg);
    assert_int_equal(diag_size(P->diags), 0);
}

/* The item at a path of child indexes from the file (-1 ends the list). */
static ast_item *at(const parsed *P, int first, ...)
{
    assert_true((size_t)first < P->file->nitems);
    ast_item *it = P->file->items[first];
    va_list ap;
    va_start(ap, first);
    for (int i; (i = va_arg(ap, int)) >= 0;) {
        assert_true((size_t)i < it->nkids);
        assert_ptr_equal(it->kids[i]->parent, it);
        it = it->kids[i];
    }
    va_end(ap);
    return it;
}

/* A number value as written (without its sign). */
static void num_is(const ast_value *v, const char *text, bool neg, const char *unit)
{
    assert_int_equal(v->kind, VAL_NUMBER);
    assert_int_equal(v->len, strlen(text));
    assert_memory_equal(v->text, text, v->len);
    assert_int_equal(v->neg, neg);
    if (unit)
        assert_string_equal(v->unit, unit);
    else
        assert_null(v->unit);
}

/* --- header and tables -------------------------------------------------- */

static void test_budget_block(void **state)
{
    (void)state;
    parsed *P = parse_str(
        "budget \"深圳市社会保险基金管理局龙岗分局\" {\n"
        "    year 2022\n"
        "    unit 万元\n"
        "    rounding 1\n"
        "    tolerance rounding\n"
        "    previous \"longgang-2021.fisc\"\n"
        "}\n");
    no_errors(P);
    assert_int_equal(P->file->nitems, 1);
    ast_item *b = at(P, 0, -1);
    assert_int_equal(b->kind, ITEM_BUDGET);
    assert_string_equal(b->title, "深圳市社会保险基金管理局龙岗分局");
    span_is(P, b->title_at, "\"深圳市社会保险基金管理局龙岗分局\"");
    assert_true(b->has_block);
    assert_int_equal(b->nkids, 5);
    span_is(P, b->end, "}");

    ast_item *year = at(P, 0, 0, -1);
    assert_int_equal(year->kind, ITEM_ATTR);
    assert_int_equal(year->attr, ATTR_YEAR);
    assert_int_equal(year->args.n, 1);
    num_is(&year->args.v[0], "2022", false, NULL);
    span_is(P, year->at, "year 2022");

    ast_item *unit = at(P, 0, 1, -1);
    assert_int_equal(unit->attr, ATTR_UNIT);
    assert_int_equal(unit->args.v[0].kind, VAL_WORD);
    assert_memory_equal(unit->args.v[0].text, "万元", unit->args.v[0].len);

    assert_int_equal(at(P, 0, 2, -1)->attr, ATTR_ROUNDING);
    num_is(&at(P, 0, 2, -1)->args.v[0], "1", false, NULL);
    assert_int_equal(at(P, 0, 3, -1)->attr, ATTR_TOLERANCE);
    assert_int_equal(at(P, 0, 3, -1)->args.v[0].kind, VAL_WORD);

    ast_item *prev = at(P, 0, 4, -1);
    assert_int_equal(prev->attr, ATTR_PREVIOUS);
    assert_int_equal(prev->args.v[0].kind, VAL_TEXT);
    span_is(P, prev->args.v[0].at, "\"longgang-2021.fisc\"");
    assert_string_equal(prev->args.v[0].text, "longgang-2021.fisc");
    done(P);
}

static void test_table_attrs(void **state)
{
    (void)state;
    parsed *P = parse_str(
        "table t02 \"收入总表\" {\n"
        "    number 2\n"
        "    department \"深圳市社会保险基金管理局龙岗分局\"\n"
        "    note \"注：本表本年无发生额。\"\n"
        "    precision 0\n"
        "    tolerance 0.5\n"
        "}\n");
    no_errors(P);
    ast_item *t = at(P, 0, -1);
    assert_int_equal(t->kind, ITEM_TABLE);
    assert_string_equal(t->id, "t02");
    span_is(P, t->id_at, "t02");
    assert_string_equal(t->title, "收入总表");
    assert_int_equal(t->nkids, 5);
    assert_int_equal(at(P, 0, 0, -1)->attr, ATTR_NUMBER);
    assert_int_equal(at(P, 0, 1, -1)->attr, ATTR_DEPARTMENT);
    assert_int_equal(at(P, 0, 2, -1)->attr, ATTR_NOTE);
    /* Quoted arguments hold their contents, the span the whole string. */
    assert_int_equal(at(P, 0, 2, -1)->args.v[0].kind, VAL_TEXT);
    assert_string_equal(at(P, 0, 2, -1)->args.v[0].text, "注：本表本年无发生额。");
    span_is(P, at(P, 0, 2, -1)->args.v[0].at, "\"注：本表本年无发生额。\"");
    assert_string_equal(at(P, 0, 1, -1)->args.v[0].text, "深圳市社会保险基金管理局龙岗分局");
    assert_int_equal(at(P, 0, 3, -1)->attr, ATTR_PRECISION);
    num_is(&at(P, 0, 4, -1)->args.v[0], "0.5", false, NULL);
    done(P);
}

static void test_import_and_classification(void **state)
{
    (void)state;
    parsed *P = parse_str(
        "import \"../lib/gov-cn-2022.fisc\"\n"
        "classification 支出功能分类 \"政府收支分类科目 支出功能分类\" {\n"
        "    205 教育支出 {\n"
        "        20508 进修及培训 {\n"
        "            2050803 培训支出\n"
        "        }\n"
        "    }\n"
        "}\n");
    no_errors(P);
    assert_int_equal(P->file->nitems, 2);
    assert_int_equal(at(P, 0, -1)->kind, ITEM_IMPORT);
    assert_string_equal(at(P, 0, -1)->title, "../lib/gov-cn-2022.fisc");
    ast_item *c = at(P, 1, -1);
    assert_int_equal(c->kind, ITEM_CLASSIFICATION);
    assert_string_equal(c->id, "支出功能分类");
    assert_string_equal(c->title, "政府收支分类科目 支出功能分类");
    ast_item *leaf = at(P, 1, 0, 0, 0, -1);
    assert_string_equal(leaf->code, "2050803");
    assert_string_equal(leaf->label, "培训支出");
    assert_false(leaf->has_block);
    assert_string_equal(leaf->parent->code, "20508");
    done(P);
}

static void test_columns_tree(void **state)
{
    (void)state;
    parsed *P = parse_str(
        "table t02 \"收入总表\" {\n"
        "    columns {\n"
        "        总计 {\n"
        "            政府预算拨款 subtotal \"小计\" {\n"
        "                一般公共预算拨款\n"
        "            }\n"
        "            单位资金 heading {\n"
        "                事业收入\n"
        "            }\n"
        "            其中：政府采购 ofwhich\n"
        "            说明 text\n"
        "            \"上年结余、结转\"\n"
        "        }\n"
        "    }\n"
        "}\n");
    no_errors(P);
    ast_item *cols = at(P, 0, 0, -1);
    assert_int_equal(cols->kind, ITEM_COLUMNS);
    assert_int_equal(cols->nkids, 1);
    ast_item *total = at(P, 0, 0, 0, -1);
    assert_int_equal(total->kind, ITEM_LINE);
    assert_string_equal(total->label, "总计");
    assert_int_equal(total->nkids, 5);
    /* The head line's span stops at its '{'. */
    span_is(P, total->at, "总计 {");

    ast_item *gov = at(P, 0, 0, 0, 0, -1);
    assert_string_equal(gov->subtotal, "小计");
    span_is(P, gov->subtotal_at, "\"小计\"");
    assert_false(gov->heading);
    assert_string_equal(at(P, 0, 0, 0, 0, 0, -1)->label, "一般公共预算拨款");

    ast_item *unitfunds = at(P, 0, 0, 0, 1, -1);
    assert_true(unitfunds->heading);
    assert_null(unitfunds->subtotal);

    ast_item *ofwhich = at(P, 0, 0, 0, 2, -1);
    assert_string_equal(ofwhich->label, "其中：政府采购");
    assert_true(ofwhich->ofwhich);
    assert_false(ofwhich->has_block);

    assert_true(at(P, 0, 0, 0, 3, -1)->text_col);

    ast_item *quoted = at(P, 0, 0, 0, 4, -1);
    assert_string_equal(quoted->label, "上年结余、结转");
    assert_true(quoted->label_quoted);
    span_is(P, quoted->label_at, "\"上年结余、结转\"");
    done(P);
}

static void test_rows_classification_and_for(void **state)
{
    (void)state;
    parsed *P = parse_str(
        "table t03 \"支出总表\" {\n"
        "    rows 支出功能分类 for 支出总计, 项目支出/预算准备金 {\n"
        "    }\n"
        "    rows for 收入 {\n"
        "    }\n"
        "    rows {\n"
        "    }\n"
        "}\n");
    no_errors(P);
    ast_item *r = at(P, 0, 0, -1);
    assert_int_equal(r->kind, ITEM_ROWS);
    assert_string_equal(r->classification, "支出功能分类");
    span_is(P, r->classification_at, "支出功能分类");
    assert_int_equal(r->nfor, 2);
    assert_int_equal(r->for_cols[0].n, 1);
    assert_string_equal(r->for_cols[0].seg[0], "支出总计");
    assert_int_equal(r->for_cols[1].n, 2);
    assert_string_equal(r->for_cols[1].seg[0], "项目支出");
    assert_string_equal(r->for_cols[1].seg[1], "预算准备金");
    span_is(P, r->for_cols[1].at, "项目支出/预算准备金");
    assert_true(r->has_block);
    assert_int_equal(r->nkids, 0);

    ast_item *r2 = at(P, 0, 1, -1);
    assert_null(r2->classification);
    assert_int_equal(r2->nfor, 1);
    assert_string_equal(r2->for_cols[0].seg[0], "收入");

    ast_item *r3 = at(P, 0, 2, -1);
    assert_null(r3->classification);
    assert_int_equal(r3->nfor, 0);
    done(P);
}

/* --- lines -------------------------------------------------------------- */

static const char lines_src[] =
    "rows 支出功能分类 {\n"
    "    total 支出总计 = 7,440 {\n"
    "        205 教育支出 = 11 11 0 {\n"
    "            2050803 = 11 _ 0\n"
    "        }\n"
    "        \"1.一般公共预算拨款\" = -36 +111 \"有效提升\"\n"
    "        金融社保终端机租赁数 = 105台 85% 7,440 万元\n"
    "    }\n"
    "}\n";

static void test_line_shapes(void **state)
{
    (void)state;
    parsed *P = parse_str(lines_src);
    no_errors(P);
    ast_item *total = at(P, 0, 0, -1);
    assert_int_equal(total->kind, ITEM_LINE);
    assert_true(total->total);
    assert_null(total->code);
    assert_string_equal(total->label, "支出总计");
    span_is(P, total->label_at, "支出总计");
    /* A line's span is its head: from its first token to its '{'. */
    span_is(P, total->at, "total 支出总计 = 7,440 {");
    assert_int_equal(total->end.begin, off(P, "}\n}"));     /* its closing brace */
    assert_int_equal(total->end.end, total->end.begin + 1);
    assert_int_equal(total->values.n, 1);
    num_is(&total->values.v[0], "7,440", false, NULL);
    assert_int_equal(total->nkids, 3);

    /* code + label */
    ast_item *edu = at(P, 0, 0, 0, -1);
    assert_false(edu->total);
    span_is(P, edu->at, "205 教育支出 = 11 11 0 {");
    assert_string_equal(edu->code, "205");
    span_is(P, edu->code_at, "205");
    assert_string_equal(edu->label, "教育支出");
    assert_false(edu->label_quoted);
    assert_int_equal(edu->values.n, 3);
    num_is(&edu->values.v[2], "0", false, NULL);
    assert_string_equal(edu->rel_text, "=");
    assert_int_equal(edu->rel, REL_EQ);

    /* code only, with a derived value */
    ast_item *code_only = at(P, 0, 0, 0, 0, -1);
    span_is(P, code_only->at, "2050803 = 11 _ 0");
    assert_false(code_only->has_block);
    assert_string_equal(code_only->code, "2050803");
    assert_null(code_only->label);
    assert_int_equal(code_only->values.n, 3);
    assert_int_equal(code_only->values.v[1].kind, VAL_DERIVED);
    span_is(P, code_only->values.v[1].at, "_");

    /* quoted label, signs, text */
    ast_item *q = at(P, 0, 0, 1, -1);
    assert_null(q->code);
    assert_string_equal(q->label, "1.一般公共预算拨款");
    assert_true(q->label_quoted);
    assert_int_equal(q->values.n, 3);
    num_is(&q->values.v[0], "36", true, NULL);
    span_is(P, q->values.v[0].at, "-36");
    num_is(&q->values.v[1], "111", false, NULL);
    assert_true(q->values.v[1].plus);
    assert_int_equal(q->values.v[2].kind, VAL_TEXT);
    assert_memory_equal(q->values.v[2].text, "有效提升", q->values.v[2].len);
    assert_int_equal(q->values.v[2].len, strlen("有效提升"));

    /* units, glued or spaced */
    ast_item *u = at(P, 0, 0, 2, -1);
    assert_int_equal(u->values.n, 3);
    num_is(&u->values.v[0], "105", false, "台");
    span_is(P, u->values.v[0].at, "105台");
    span_is(P, ast_unit_span(&u->values.v[0]), "台");
    num_is(&u->values.v[1], "85", false, "%");
    span_is(P, u->values.v[1].at, "85%");
    num_is(&u->values.v[2], "7,440", false, "万元");
    span_is(P, u->values.v[2].at, "7,440 万元");
    done(P);
}

static void test_line_without_values(void **state)
{
    (void)state;
    parsed *P = parse_str("rows {\n    一、政府预算拨款\n    2080109\n}\n");
    no_errors(P);
    ast_item *a = at(P, 0, 0, -1);
    assert_string_equal(a->label, "一、政府预算拨款");
    assert_int_equal(a->values.n, 0);
    assert_null(a->rel_text);
    ast_item *b = at(P, 0, 1, -1);
    assert_string_equal(b->code, "2080109");
    assert_null(b->label);
    done(P);
}

static void test_was_and_change(void **state)
{
    (void)state;
    parsed *P = parse_str(
        "narrative 第二部分 {\n"
        "    社会保险业务管理 = 27 was 63 change -36 (-57%)\n"
        "    部门预算收入 = 7,440 change -274 (-4%)\n"
        "    机关运行 = 5 6 was 4 5 change 1 (25.0%) 1 (+20%)\n"
        "    上年结转 change 0\n"
        "}\n");
    no_errors(P);
    ast_item *n = at(P, 0, -1);
    assert_int_equal(n->kind, ITEM_NARRATIVE);
    assert_string_equal(n->id, "第二部分");
    assert_null(n->title);

    /* a line's was and change lists: its compares, in canonical order */
    ast_item *a = at(P, 0, 0, -1);
    assert_int_equal(a->values.n, 1);
    assert_int_equal(a->ncmp, 2);
    assert_int_equal(a->cmp[0].what, CMP_WAS);
    assert_int_equal(a->cmp[0].values.n, 1);
    num_is(&a->cmp[0].values.v[0], "63", false, NULL);
    assert_int_equal(a->cmp[1].what, CMP_CHANGE);
    num_is(&a->cmp[1].values.v[0], "36", true, NULL);
    assert_non_null(a->cmp[1].values.v[0].rate);
    num_is(a->cmp[1].values.v[0].rate, "57", true, "%");
    span_is(P, a->cmp[1].values.v[0].rate->at, "-57%");

    ast_item *b = at(P, 0, 1, -1);
    assert_int_equal(b->ncmp, 1);
    num_is(b->cmp[0].values.v[0].rate, "4", true, "%");

    ast_item *c = at(P, 0, 2, -1);
    assert_int_equal(c->values.n, 2);
    assert_int_equal(c->cmp[0].values.n, 2);
    assert_int_equal(c->cmp[1].values.n, 2);
    num_is(c->cmp[1].values.v[0].rate, "25.0", false, "%");
    assert_true(c->cmp[1].values.v[1].rate->plus);

    ast_item *d = at(P, 0, 3, -1);
    assert_int_equal(d->values.n, 0);
    assert_int_equal(d->ncmp, 1);
    assert_int_equal(d->cmp[0].values.n, 1);
    assert_null(d->cmp[0].values.v[0].rate);
    done(P);
}

/* Several bases: written in any order, kept in the canonical one (budget,
 * was, was budget, was final, change, change budget, change final), each
 * with its basis, a change with the year it speaks of. */
static void test_bases(void **state)
{
    (void)state;
    parsed *P = parse_str(
        "narrative n {\n"
        "    收入 = 7,440 change final -60 (-0.80%) since 2021 was final 7,500 budget 7,000 (106.29%) "
        "was 7,714 change -274 (-4%)\n"
        "    check prev(收入, final) == 7,500\n"
        "    check budget(收入) < 收入\n"
        "}\n");
    no_errors(P);
    ast_item *a = at(P, 0, 0, -1);
    assert_int_equal(a->ncmp, 5);
    static const unsigned what[] = { CMP_BUDGET, CMP_WAS, CMP_WAS, CMP_CHANGE, CMP_CHANGE };
    static const unsigned basis[] = { BASIS_OWN, BASIS_OWN, BASIS_FINAL, BASIS_OWN, BASIS_FINAL };
    for (size_t k = 0; k < 5; k++) {
        assert_int_equal(a->cmp[k].what, what[k]);
        assert_int_equal(a->cmp[k].basis, basis[k]);
    }
    num_is(a->cmp[0].values.v[0].rate, "106.29", false, "%");
    span_is(P, a->cmp[2].at, "was final");
    assert_null(a->cmp[3].since.text);
    span_is(P, a->cmp[4].since.at, "2021");
    ast_item *k1 = at(P, 0, 1, -1);
    assert_int_equal(k1->ops[0]->kind, EXPR_PREV);
    assert_int_equal(k1->ops[0]->basis, BASIS_FINAL);
    ast_item *k2 = at(P, 0, 2, -1);
    assert_int_equal(k2->ops[0]->kind, EXPR_PREV);
    assert_int_equal(k2->ops[0]->basis, BASIS_THIS_BUDGET);
    done(P);
}

static void test_indicators(void **state)
{
    (void)state;
    parsed *P = parse_str(
        "table t10 \"项目绩效目标表\" {\n"
        "    indicators {\n"
        "        产出指标 {\n"
        "            数量指标 {\n"
        "                金融社保终端机租赁数 = 105 台\n"
        "                文书邮寄费数 ≧ 7,500 单\n"
        "                劳务派遣人员数 ≦ 69 人\n"
        "                满意度 >= 85%\n"
        "                差错率 < 1%\n"
        "            }\n"
        "        }\n"
        "        效益指标 {\n"
        "            社会效益指标 {\n"
        "                提升社会保险志愿服务水平 = \"有效提升\"\n"
        "            }\n"
        "        }\n"
        "    }\n"
        "}\n");
    no_errors(P);
    ast_item *ind = at(P, 0, 0, -1);
    assert_int_equal(ind->kind, ITEM_INDICATORS);
    assert_int_equal(ind->nkids, 2);
    ast_item *qty = at(P, 0, 0, 0, 0, -1);
    assert_string_equal(qty->label, "数量指标");
    assert_int_equal(qty->nkids, 5);

    ast_item *rent = at(P, 0, 0, 0, 0, 0, -1);
    num_is(&rent->values.v[0], "105", false, "台");

    ast_item *mail = at(P, 0, 0, 0, 0, 1, -1);
    assert_int_equal(mail->rel, REL_GE);
    assert_string_equal(mail->rel_text, "≧");
    span_is(P, mail->rel_at, "≧");
    num_is(&mail->values.v[0], "7,500", false, "单");

    ast_item *staff = at(P, 0, 0, 0, 0, 2, -1);
    assert_int_equal(staff->rel, REL_LE);
    assert_string_equal(staff->rel_text, "≦");

    assert_int_equal(at(P, 0, 0, 0, 0, 3, -1)->rel, REL_GE);
    assert_string_equal(at(P, 0, 0, 0, 0, 3, -1)->rel_text, ">=");
    assert_int_equal(at(P, 0, 0, 0, 0, 4, -1)->rel, REL_LT);

    ast_item *txt = at(P, 0, 0, 1, 0, 0, -1);
    assert_int_equal(txt->values.v[0].kind, VAL_TEXT);
    done(P);
}

/* --- checks -------------------------------------------------------------- */

/* The single check item of a one-line source. */
static ast_item *check_of(const parsed *P)
{
    assert_int_equal(P->file->nitems, 1);
    ast_item *c = P->file->items[0];
    assert_int_equal(c->kind, ITEM_CHECK);
    return c;
}

static void test_check_refs(void **state)
{
    (void)state;
    parsed *P = parse_str("check t04[工资福利支出, 总计] == t07[2080109] + 预算/人员支出 - \"2021 年\"\n");
    no_errors(P);
    ast_item *c = check_of(P);
    assert_int_equal(c->nops, 2);
    assert_int_equal(c->rels[0], REL_EQ);
    assert_string_equal(c->rel_texts[0], "==");
    span_is(P, c->rel_ats[0], "==");
    assert_int_equal(c->tol, TOL_DEFAULT);
    assert_null(c->check_label);

    ast_expr *l = c->ops[0];
    assert_int_equal(l->kind, EXPR_REF);
    assert_string_equal(l->table, "t04");
    span_is(P, l->table_at, "t04");
    assert_int_equal(l->row.n, 1);
    assert_string_equal(l->row.seg[0], "工资福利支出");
    assert_false(l->row.seg_is_code[0]);
    assert_int_equal(l->col.n, 1);
    assert_string_equal(l->col.seg[0], "总计");
    span_is(P, l->at, "t04[工资福利支出, 总计]");

    /* (t07[2080109] + 预算/人员支出) - "2021 年": left-associative */
    ast_expr *r = c->ops[1];
    assert_int_equal(r->kind, EXPR_SUB);
    assert_int_equal(r->l->kind, EXPR_ADD);
    ast_expr *code = r->l->l;
    assert_string_equal(code->table, "t07");
    assert_int_equal(code->row.n, 1);
    assert_string_equal(code->row.seg[0], "2080109");
    assert_true(code->row.seg_is_code[0]);
    assert_int_equal(code->col.n, 0);

    ast_expr *bare = r->l->r;
    assert_int_equal(bare->kind, EXPR_REF);
    assert_null(bare->table);
    assert_int_equal(bare->row.n, 2);
    assert_string_equal(bare->row.seg[0], "预算");
    assert_string_equal(bare->row.seg[1], "人员支出");
    span_is(P, bare->row.at, "预算/人员支出");

    ast_expr *quoted = r->r;
    assert_string_equal(quoted->row.seg[0], "2021 年");
    done(P);
}

static void test_check_code_paths(void **state)
{
    (void)state;
    parsed *P = parse_str("check t07[2080109/社会保险经办机构, 项目支出/预算准备金] == a/205 + t07[2080109,基本支出]\n");
    no_errors(P);
    ast_item *c = check_of(P);
    ast_expr *l = c->ops[0];
    assert_int_equal(l->row.n, 2);
    assert_true(l->row.seg_is_code[0]);
    assert_false(l->row.seg_is_code[1]);
    assert_int_equal(l->col.n, 2);
    ast_expr *bare = c->ops[1]->l;
    assert_int_equal(bare->row.n, 2);
    assert_true(bare->row.seg_is_code[1]);
    /* "2080109," without a space: a code, then the comma. */
    ast_expr *glued = c->ops[1]->r;
    assert_string_equal(glued->row.seg[0], "2080109");
    assert_string_equal(glued->col.seg[0], "基本支出");
    done(P);
}

static void test_check_chain_and_tolerance(void **state)
{
    (void)state;
    parsed *P = parse_str("check t03[单位, 面向小型、微型企业] <= t03[单位, 面向中小企业] ≤ t03[单位, 小计] within 1 as \"采购\"\n");
    no_errors(P);
    ast_item *c = check_of(P);
    assert_int_equal(c->nops, 3);
    assert_int_equal(c->rels[0], REL_LE);
    assert_int_equal(c->rels[1], REL_LE);
    assert_string_equal(c->rel_texts[0], "<=");
    assert_string_equal(c->rel_texts[1], "≤");
    assert_int_equal(c->tol, TOL_WITHIN);
    num_is(&c->within, "1", false, NULL);
    assert_string_equal(c->check_label, "采购");
    done(P);

    P = parse_str("check a != b exact as \"x\"\n");
    no_errors(P);
    c = check_of(P);
    assert_int_equal(c->rels[0], REL_NE);
    assert_int_equal(c->tol, TOL_EXACT);
    assert_string_equal(c->check_label, "x");
    done(P);

    P = parse_str("check a = b > c < d >= e\n");
    no_errors(P);
    c = check_of(P);
    assert_int_equal(c->nops, 5);
    assert_int_equal(c->rels[0], REL_EQ);
    assert_string_equal(c->rel_texts[0], "=");
    assert_int_equal(c->rels[1], REL_GT);
    assert_int_equal(c->rels[2], REL_LT);
    assert_int_equal(c->rels[3], REL_GE);
    done(P);

    P = parse_str("check a == b within 0.5 万元\n");
    no_errors(P);
    num_is(&check_of(P)->within, "0.5", false, "万元");
    done(P);
}

static void test_check_expressions(void **state)
{
    (void)state;
    parsed *P = parse_str("check change(预算) == prev(预算) - -(a + b) + 274 万元 + 4%\n");
    no_errors(P);
    ast_item *c = check_of(P);
    ast_expr *l = c->ops[0];
    assert_int_equal(l->kind, EXPR_CHANGE);
    assert_string_equal(l->l->row.seg[0], "预算");
    span_is(P, l->at, "change(预算)");

    /* ((prev(预算) - -(a + b)) + 274 万元) + 4% */
    ast_expr *r = c->ops[1];
    assert_int_equal(r->kind, EXPR_ADD);
    num_is(&r->r->num, "4", false, "%");
    assert_int_equal(r->l->kind, EXPR_ADD);
    assert_int_equal(r->l->r->kind, EXPR_NUM);
    num_is(&r->l->r->num, "274", false, "万元");
    ast_expr *sub = r->l->l;
    assert_int_equal(sub->kind, EXPR_SUB);
    assert_int_equal(sub->l->kind, EXPR_PREV);
    assert_int_equal(sub->r->kind, EXPR_NEG);
    ast_expr *paren = sub->r->l;
    assert_int_equal(paren->kind, EXPR_ADD);
    assert_true(paren->parens);
    span_is(P, paren->at, "(a + b)");
    done(P);
}

static void test_check_split_over_lines(void **state)
{
    (void)state;
    parsed *P = parse_str("check t01[本年收入合计] == t01[\n"
                          "    本年支出合计]\n"
                          "check (a +\n"
                          "    b) == c\n");
    no_errors(P);
    assert_int_equal(P->file->nitems, 2);
    assert_int_equal(P->file->items[1]->kind, ITEM_CHECK);
    done(P);
}

/* --- layout -------------------------------------------------------------- */

static void test_prose(void **state)
{
    (void)state;
    /* Lines of text: the text after '>' and its blanks, trailing blanks
     * dropped; paragraphs start after a blank line (comments between do
     * not count), after '>' alone, at a table's first row and after it. */
    parsed *P = parse_str("narrative 说明 {\n"
                          "    >   甲 {x}  \n"          /* 0: starts */
                          "    > 乙\n"                  /* 1 */
                          "    // a comment\n"
                          "    > 丙\n"                  /* 2 */
                          "\n"
                          "    // a comment\n"
                          "    > 丁\n"                  /* 3: starts (a blank line above) */
                          "    >\n"                     /* 4: '>' alone */
                          "    > 戊\n"                  /* 5: starts */
                          "    > | 己 |\n"              /* 6: starts (a table) */
                          "    > | 庚 |\n"              /* 7 */
                          "    > 辛\n"                  /* 8: starts */
                          "    x = 1\n"
                          "    > 壬\n"                  /* 10: starts */
                          "}\n");
    no_errors(P);
    ast_item *n = at(P, 0, -1);
    assert_int_equal(n->nkids, 11);
    assert_int_equal(n->kids[0]->kind, ITEM_PROSE);
    assert_string_equal(n->kids[0]->title, "甲 {x}");
    span_is(P, n->kids[0]->title_at, "甲 {x}");
    assert_string_equal(n->kids[4]->title, "");
    static const bool starts[] = { 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 1 };
    for (size_t i = 0; i < n->nkids; i++)
        assert_int_equal(ast_prose_starts_paragraph(n->kids, i), starts[i]);
    done(P);
}

static void test_placeholder_expressions(void **state)
{
    (void)state;
    /* A placeholder's expression is parsed from its bytes in the file, as
     * a check's: spans point into the line; a syntax error is reported
     * there. */
    parsed *P = parse_str("> {rate(t01[\"2022 年\", 合计]) - year} {收入 +} {a/b / 2}\n");
    strtab *names = strtab_new(P->a);
    diag_list *d = diag_new(P->a);
    uint32_t b = off(P, "rate"), e = off(P, "} {收入");
    ast_expr *x = parse_placeholder(P->a, names, d, P->f, b, e);
    assert_non_null(x);
    assert_int_equal(x->kind, EXPR_SUB);
    assert_int_equal(x->l->kind, EXPR_RATE);
    assert_int_equal(x->l->l->kind, EXPR_REF);
    assert_string_equal(x->l->l->table, "t01");
    assert_string_equal(x->l->l->row.seg[0], "2022 年");
    assert_int_equal(x->r->kind, EXPR_YEAR);
    span_is(P, x->r->at, "year");
    assert_int_equal(diag_size(d), 0);
    x = parse_placeholder(P->a, names, d, P->f, off(P, "收入 +"), off(P, "} {a/b"));
    assert_null(x);
    assert_int_equal(diag_size(d), 1);
    assert_non_null(strstr(diag_at(d, 0)->msg, "unexpected end of placeholder"));
    assert_int_equal(diag_at(d, 0)->at.begin, off(P, "} {a/b"));
    x = parse_placeholder(P->a, names, d, P->f, off(P, "a/b"), off(P, "a/b / 2") + 7);
    assert_non_null(x);
    assert_int_equal(x->kind, EXPR_DIV);        /* a/b is a path, "/ 2" divides */
    assert_int_equal(x->l->row.n, 2);
    done(P);
}

static void test_blank_before_and_comments(void **state)
{
    (void)state;
    parsed *P = parse_str(
        "// 龙岗分局 2022\n"
        "budget \"龙岗\" {\n"
        "    year 2022  // 年度\n"
        "\n"
        "    unit 万元\n"
        "}\n"
        "\n"
        "   \t\n"
        "\n"
        "check a == b\n"
        "\n");
    no_errors(P);
    assert_int_equal(P->file->nitems, 2);
    assert_int_equal(at(P, 0, -1)->blank_before, 0);
    assert_int_equal(at(P, 0, 0, -1)->blank_before, 0);
    assert_int_equal(at(P, 0, 1, -1)->blank_before, 1);
    /* A line of blanks is a blank line. */
    assert_int_equal(at(P, 1, -1)->blank_before, 3);

    assert_int_equal(P->file->ncomments, 2);
    span_is(P, P->file->comments[0].at, "// 龙岗分局 2022");
    assert_true(P->file->comments[0].own_line);
    span_is(P, P->file->comments[1].at, "// 年度");
    assert_false(P->file->comments[1].own_line);
    done(P);
}

static void test_empty_blocks_and_file(void **state)
{
    (void)state;
    parsed *P = parse_str("");
    no_errors(P);
    assert_int_equal(P->file->nitems, 0);
    done(P);

    P = parse_str("\n\n// 只有注释\n");
    no_errors(P);
    assert_int_equal(P->file->nitems, 0);
    assert_int_equal(P->file->ncomments, 1);
    done(P);

    P = parse_str("budget \"龙岗\" {\n}\n");
    no_errors(P);
    assert_true(at(P, 0, -1)->has_block);
    assert_int_equal(at(P, 0, -1)->nkids, 0);
    done(P);
}

static void test_crlf_and_bom(void **state)
{
    (void)state;
    parsed *P = parse_str("\xEF\xBB\xBF" "budget \"龙岗\" {\r\n    year 2022\r\n}\r\n");
    no_errors(P);
    assert_int_equal(at(P, 0, -1)->nkids, 1);
    assert_int_equal(at(P, 0, -1)->at.begin, 3);
    done(P);
}

/* --- errors and recovery ------------------------------------------------- */

static void test_three_errors_recovery(void **state)
{
    (void)state;
    parsed *P = parse_str(
        "budget \"龙岗\" {\n"
        "    year 2022\n"
        "    year\n"                       /* 1: year without a number */
        "    unit 万元\n"
        "}\n"
        "table t07 \"支出表\" {\n"
        "    rows {\n"
        "        教育支出 = 11\n"
        "        培训支出 = = 11\n"          /* 2: doubled '=' */
        "        进修 = 3\n"
        "    }\n"
        "    check 教育支出 ==\n"            /* 3: no right-hand side */
        "    check 教育支出 == 进修\n"
        "}\n");
    assert_int_equal(diag_size(P->diags), 3);
    assert_int_equal(diag_at(P->diags, 0)->at.begin, off(P, "\n    unit") - 0);
    assert_int_equal(diag_at(P->diags, 1)->at.begin, off(P, "= 11\n        进修") );
    assert_int_equal(diag_at(P->diags, 2)->at.begin, off(P, "\n    check 教育支出 == 进修"));

    /* The good items around each bad line are still there. */
    assert_int_equal(P->file->nitems, 2);
    ast_item *b = at(P, 0, -1);
    assert_int_equal(b->nkids, 2);
    assert_int_equal(at(P, 0, 0, -1)->attr, ATTR_YEAR);
    assert_int_equal(at(P, 0, 1, -1)->attr, ATTR_UNIT);
    ast_item *t = at(P, 1, -1);
    assert_int_equal(t->nkids, 2);
    ast_item *rows = at(P, 1, 0, -1);
    assert_int_equal(rows->nkids, 2);
    assert_string_equal(at(P, 1, 0, 0, -1)->label, "教育支出");
    assert_string_equal(at(P, 1, 0, 1, -1)->label, "进修");
    assert_int_equal(at(P, 1, 1, -1)->kind, ITEM_CHECK);

    /* What recovery skipped: each bad line whole, from its start to its
     * end of line (the resolver does not call what it held undefined). */
    assert_int_equal(P->file->nskipped, 3);
    span_is(P, P->file->skipped[0], "    year\n");
    span_is(P, P->file->skipped[1], "        培训支出 = = 11\n");
    span_is(P, P->file->skipped[2], "    check 教育支出 ==\n");
    done(P);
}

/* A bad line that opens a block is skipped with its block; what the lexer
 * gave up on is skipped to the end. */
static void test_skipped_block(void **state)
{
    (void)state;
    parsed *P = parse_str("table t \"x\" {\n    rows {\n        基本 支出 = 3 {\n            甲 = 1\n        }\n"
                          "        乙 = 2\n    }\n}\n");
    assert_int_equal(P->file->nskipped, 1);
    span_is(P, P->file->skipped[0], "        基本 支出 = 3 {\n            甲 = 1\n        }\n");
    done(P);
}

/* The label a syntax error at `needle` (its first occurrence in text)
 * falls in, or "" when there is none to quote. */
static const char *label_at(arena *a, const char *text, const char *needle, bool in_block)
{
    src_file *f = src_from_memory(a, "t.fisc", text, strlen(text));
    const char *p = strstr(f->text, needle);
    assert_non_null(p);
    uint32_t b, e;
    if (!parse_label_to_quote(f, (uint32_t)(p - f->text), in_block, &b, &e))
        return "";
    return arena_strndup(a, f->text + b, e - b);
}

static void test_label_to_quote(void **state)
{
    (void)state;
    arena *a = arena_new();
    assert_string_equal(label_at(a, "        基本 支出\n", "支出", true), "基本 支出");
    assert_string_equal(label_at(a, "    政府办公厅(室) = 7,440\n", "(", true), "政府办公厅(室)");
    assert_string_equal(label_at(a, "    total 205 教育 支出 = 11\n", "支出", true), "教育 支出");
    assert_string_equal(label_at(a, "    x: y heading chart = 4\n", ":", true), "x: y");
    assert_string_equal(label_at(a, "    a.b ≥ 4\n", ".", true), "a.b");
    assert_string_equal(label_at(a, "check t[费用 (含税), 金额] == 1\n", "(", false), "费用 (含税)");
    /* no label: top level, a keyword first, a number last, a keyword
     * inside, not at a second word or ASCII punctuation, no quotes needed */
    assert_string_equal(label_at(a, "基本 支出\n", "支出", false), "");
    assert_string_equal(label_at(a, "    unit 万 元\n", "元", true), "");
    assert_string_equal(label_at(a, "    人力资源 7,065\n", "7", true), "");
    assert_string_equal(label_at(a, "    甲 heading 乙\n", "乙", true), "");
    assert_string_equal(label_at(a, "    甲 ＞＝ 10\n", "＞", true), "");
    assert_string_equal(label_at(a, "    # 注释\n", "#", true), "");
    assert_string_equal(label_at(a, "    }\n", "}", true), "");
    assert_string_equal(label_at(a, "check t[a == t[b]\n", "==", false), "");
    assert_string_equal(label_at(a, "    甲 = = 1\n", "= 1", true), "");
    arena_free(a);
}

static void test_bad_block_line_costs_one_message(void **state)
{
    (void)state;
    /* A bad line that opens a block takes its block with it: no second
     * error at the closing brace, and the next item parses. */
    parsed *P = parse_str(
        "tabel t02 \"收入总表\" {\n"
        "    number 2\n"
        "}\n"
        "table t03 \"支出总表\" {\n"
        "    number 3\n"
        "}\n");
    assert_int_equal(diag_size(P->diags), 1);
    assert_int_equal(diag_at(P->diags, 0)->at.begin, off(P, "tabel"));    /* a keyword misspelt */
    assert_string_equal(diag_at(P->diags, 0)->msg, "unknown keyword 'tabel'; did you mean 'table'?");
    assert_int_equal(P->file->nitems, 1);
    assert_string_equal(at(P, 0, -1)->id, "t03");
    assert_int_equal(at(P, 0, -1)->nkids, 1);
    done(P);
}

static void test_lex_error_costs_one_message(void **state)
{
    (void)state;
    /* The lexer's error and the parser's "syntax error" at the same token
     * are two entries here; diag_dedupe drops the second when printing. */
    parsed *P = parse_str("rows {\n    预算 = ７，４４０\n    人员支出 = 1\n}\n");
    assert_true(diag_size(P->diags) >= 1);
    diag_sort(P->diags);
    diag_dedupe(P->diags);
    assert_int_equal(diag_size(P->diags), 1);
    assert_non_null(strstr(diag_at(P->diags, 0)->msg, "full-width digits"));
    assert_int_equal(at(P, 0, -1)->nkids, 1);
    assert_string_equal(at(P, 0, 0, -1)->label, "人员支出");
    done(P);
}

static void test_unknown_escape(void **state)
{
    (void)state;
    parsed *P = parse_str("note \"a\\qb\"\n");
    assert_int_equal(diag_size(P->diags), 1);
    const diag *d = diag_at(P->diags, 0);
    assert_int_equal(d->at.begin, off(P, "\\q"));
    assert_int_equal(d->at.end, off(P, "\\q") + 2);
    assert_non_null(strstr(d->msg, "unknown escape '\\q'"));
    done(P);
}

static void test_utf16_rejected(void **state)
{
    (void)state;
    static const char le[] = "\xFF\xFE" "b\0u\0";
    parsed *P = calloc(1, sizeof *P);
    assert_non_null(P);
    P->a = arena_new();
    P->diags = diag_new(P->a);
    P->f = src_from_memory(P->a, "t.fisc", le, sizeof le - 1);
    P->file = parse_file(P->a, strtab_new(P->a), P->diags, P->f);
    assert_int_equal(P->file->nitems, 0);
    assert_int_equal(diag_size(P->diags), 1);
    assert_non_null(strstr(diag_at(P->diags, 0)->msg, "UTF-16 (little-endian)"));
    assert_int_equal(diag_at(P->diags, 0)->at.end, 2);
    done(P);
}

static void test_deep_nesting_is_one_error(void **state)
{
    (void)state;
    char buf[8 * 80 + 64];
    size_t n = 0;
    for (int i = 0; i < 70; i++)
        n += (size_t)sprintf(buf + n, "a {\n");
    for (int i = 0; i < 70; i++)
        n += (size_t)sprintf(buf + n, "}\n");
    parsed *P = parse_str(buf);
    /* The limit is fatal: no cascade of parser errors after it. */
    assert_int_equal(diag_size(P->diags), 1);
    assert_non_null(strstr(diag_at(P->diags, 0)->msg, "nesting limit"));
    done(P);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_budget_block),
        cmocka_unit_test(test_table_attrs),
        cmocka_unit_test(test_import_and_classification),
        cmocka_unit_test(test_columns_tree),
        cmocka_unit_test(test_rows_classification_and_for),
        cmocka_unit_test(test_line_shapes),
        cmocka_unit_test(test_line_without_values),
        cmocka_unit_test(test_was_and_change),
        cmocka_unit_test(test_bases),
        cmocka_unit_test(test_indicators),
        cmocka_unit_test(test_check_refs),
        cmocka_unit_test(test_check_code_paths),
        cmocka_unit_test(test_check_chain_and_tolerance),
        cmocka_unit_test(test_check_expressions),
        cmocka_unit_test(test_check_split_over_lines),
        cmocka_unit_test(test_prose),
        cmocka_unit_test(test_placeholder_expressions),
        cmocka_unit_test(test_blank_before_and_comments),
        cmocka_unit_test(test_empty_blocks_and_file),
        cmocka_unit_test(test_crlf_and_bom),
        cmocka_unit_test(test_three_errors_recovery),
        cmocka_unit_test(test_skipped_block),
        cmocka_unit_test(test_label_to_quote),
        cmocka_unit_test(test_bad_block_line_costs_one_message),
        cmocka_unit_test(test_lex_error_costs_one_message),
        cmocka_unit_test(test_unknown_escape),
        cmocka_unit_test(test_utf16_rejected),
        cmocka_unit_test(test_deep_nesting_is_one_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
