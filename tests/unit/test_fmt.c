/* test_fmt.c: the canonical layout, case by case.
 *
 * Each test formats a small source held in a string literal and compares
 * the output byte for byte with the layout docs/language.md section 12
 * describes.  Every case is also checked for idempotence (the expected
 * text formats to itself), for whitespace independence (the input
 * re-indented with tabs, trailing blanks and CRLF formats the same) and
 * for an unchanged tree (labels, codes, values as written, expressions). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "fmt.h"

typedef struct parsed {
    arena *a;
    ast_file *file;
} parsed;

static parsed parse_str(const char *s)
{
    parsed P;
    P.a = arena_new();
    diag_list *d = diag_new(P.a);
    src_file *f = src_from_memory(P.a, "t.fisc", s, strlen(s));
    P.file = parse_file(P.a, strtab_new(P.a), d, f);
    if (diag_count(d, DIAG_ERROR) > 0) {
        diag_print(d, stderr, &(diag_options){ .max_errors = 10 });
        fail_msg("the input has syntax errors:\n%s", s);
    }
    return P;
}

/* fmt(in) with options o, as a malloc'd string. */
static char *fmt_str(const char *in, const fmt_options *o)
{
    parsed P = parse_str(in);
    size_t n;
    char *out = fmt_render(P.file, o, &n);
    arena_free(P.a);
    return out;
}

static void same_value(const ast_value *x, const ast_value *y)
{
    assert_int_equal(x->kind, y->kind);
    assert_int_equal(x->len, y->len);
    assert_memory_equal(x->text, y->text, x->len);
    assert_int_equal(x->neg, y->neg);
    assert_int_equal(x->plus, y->plus);
    assert_ptr_equal(x->unit == NULL, y->unit == NULL);
    if (x->unit)
        assert_string_equal(x->unit, y->unit);
    assert_ptr_equal(x->rate == NULL, y->rate == NULL);
    if (x->rate)
        same_value(x->rate, y->rate);
}

static void same_values(const ast_values *x, const ast_values *y)
{
    assert_int_equal(x->n, y->n);
    for (size_t i = 0; i < x->n; i++)
        same_value(&x->v[i], &y->v[i]);
}

static void same_str(const char *x, const char *y)
{
    assert_ptr_equal(x == NULL, y == NULL);
    if (x)
        assert_string_equal(x, y);
}

static void same_path(const ast_path *x, const ast_path *y)
{
    assert_int_equal(x->n, y->n);
    for (size_t i = 0; i < x->n; i++) {
        assert_string_equal(x->seg[i], y->seg[i]);
        assert_int_equal(x->seg_is_code[i], y->seg_is_code[i]);
    }
}

static void same_expr(const ast_expr *x, const ast_expr *y)
{
    assert_ptr_equal(x == NULL, y == NULL);
    if (!x)
        return;
    assert_int_equal(x->kind, y->kind);
    assert_int_equal(x->parens, y->parens);
    same_str(x->table, y->table);
    same_path(&x->row, &y->row);
    same_path(&x->col, &y->col);
    if (x->kind == EXPR_NUM)
        same_value(&x->num, &y->num);
    same_expr(x->l, y->l);
    same_expr(x->r, y->r);
}

/* The trees the formatter must preserve: everything but layout.  Each
 * kind of item is compared on its own fields (they share storage). */
static void same_items(ast_item *const *xs, ast_item *const *ys, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const ast_item *x = xs[i], *y = ys[i];
        assert_int_equal(x->kind, y->kind);
        assert_int_equal(x->has_block, y->has_block);
        switch (x->kind) {
        case ITEM_BUDGET:
        case ITEM_IMPORT:
        case ITEM_CLASSIFICATION:
        case ITEM_TABLE:
        case ITEM_NARRATIVE:
        case ITEM_TEMPLATE:
            same_str(x->id, y->id);
            same_str(x->title, y->title);
            break;
        case ITEM_ATTR:
            assert_int_equal(x->attr, y->attr);
            same_values(&x->args, &y->args);
            break;
        case ITEM_ROWS:
            same_str(x->classification, y->classification);
            assert_int_equal(x->nfor, y->nfor);
            for (size_t k = 0; k < x->nfor; k++)
                same_path(&x->for_cols[k], &y->for_cols[k]);
            break;
        case ITEM_LINE:
            same_str(x->label, y->label);
            same_str(x->code, y->code);
            same_str(x->rel_text, y->rel_text);
            same_str(x->subtotal, y->subtotal);
            assert_int_equal(x->total, y->total);
            assert_int_equal(x->heading, y->heading);
            assert_int_equal(x->ofwhich, y->ofwhich);
            assert_int_equal(x->text_col, y->text_col);
            assert_int_equal(x->chart, y->chart);
            same_values(&x->values, &y->values);
            assert_int_equal(x->ncmp, y->ncmp);
            for (size_t k = 0; k < x->ncmp; k++) {
                assert_int_equal(x->cmp[k].what, y->cmp[k].what);
                assert_int_equal(x->cmp[k].basis, y->cmp[k].basis);
                same_values(&x->cmp[k].values, &y->cmp[k].values);
            }
            assert_int_equal(x->derive, y->derive);
            if (x->derive)
                same_path(x->derive_from, y->derive_from);
            break;
        case ITEM_CHECK:
            same_str(x->check_label, y->check_label);
            assert_int_equal(x->tol, y->tol);
            assert_int_equal(x->nops, y->nops);
            for (size_t k = 0; k < x->nops; k++) {
                same_expr(x->ops[k], y->ops[k]);
                if (k > 0)
                    assert_string_equal(x->rel_texts[k - 1], y->rel_texts[k - 1]);
            }
            if (x->tol == TOL_WITHIN)
                same_value(&x->within, &y->within);
            break;
        case ITEM_COLUMNS:
            same_str(x->id, y->id);
            break;
        case ITEM_INDICATORS:
            break;
        case ITEM_PROSE:
            same_str(x->title, y->title);
            assert_int_equal(ast_prose_starts_paragraph(xs, i), ast_prose_starts_paragraph(ys, i));
            break;
        }
        assert_int_equal(x->nkids, y->nkids);
        same_items(x->kids, y->kids, x->nkids);
    }
}

/* in re-indented with tabs and spaces, trailing blanks and CRLF. */
static char *perturb(const char *in)
{
    size_t n = strlen(in), cap = n * 4 + 16, k = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    unsigned line = 0;
    for (const char *p = in; *p;) {
        while (*p == ' ' || *p == '\t')
            p++;
        for (unsigned i = 0; i < (line * 7) % 5; i++)
            out[k++] = (i % 2) ? '\t' : ' ';
        while (*p && *p != '\n')
            out[k++] = *p++;
        out[k++] = ' ';
        out[k++] = '\t';
        out[k++] = '\r';
        out[k++] = '\n';
        if (*p == '\n')
            p++;
        line++;
    }
    out[k] = '\0';
    return out;
}

/* fmt(in) == want, fmt(want) == want, the perturbed input formats the
 * same, and the tree of want is the tree of in. */
static void formats_as_opts(const char *in, const char *want, const fmt_options *o)
{
    char *out = fmt_str(in, o);
    assert_string_equal(out, want);
    char *again = fmt_str(want, o);
    assert_string_equal(again, want);
    char *p = perturb(in);
    char *pout = fmt_str(p, o);
    assert_string_equal(pout, want);
    if (!o || !o->normalize_numbers) {
        parsed X = parse_str(in), Y = parse_str(want);
        assert_int_equal(X.file->nitems, Y.file->nitems);
        same_items(X.file->items, Y.file->items, X.file->nitems);
        assert_int_equal(X.file->ncomments, Y.file->ncomments);
        arena_free(X.a);
        arena_free(Y.a);
    }
    free(out);
    free(again);
    free(p);
    free(pout);
}

static void formats_as(const char *in, const char *want)
{
    formats_as_opts(in, want, NULL);
}

/* ---- layout ----------------------------------------------------------- */

static void test_header_and_indent(void **state)
{
    (void)state;
    formats_as("budget   \"局\"   {\n"
               "year 2022\n"
               "      unit 万元\n"
               "  rounding    1\n"
               "}\n"
               "import \"../lib/x.fisc\"",
               "budget \"局\" {\n"
               "    year 2022\n"
               "    unit 万元\n"
               "    rounding 1\n"
               "}\n"
               "import \"../lib/x.fisc\"\n");
}

static void test_align_cjk_labels(void **state)
{
    (void)state;
    /* 教育支出 is 8 columns wide, "A" 1: the relation of every line of the
     * block, at every depth, stands one column past the widest head. */
    formats_as("table t \"表\" {\n"
               "    rows {\n"
               "        total 合计 = 7,440 11 {\n"
               "            205 教育支出 = 11 0\n"
               "            A = 7,429 11\n"
               "        }\n"
               "    }\n"
               "}\n",
               "table t \"表\" {\n"
               "    rows {\n"
               "        total 合计       =   7,440      11 {\n"
               "            205 教育支出 =      11       0\n"
               "            A            =   7,429      11\n"
               "        }\n"
               "    }\n"
               "}\n");
}

static void test_figure_change_is_one_line(void **state)
{
    (void)state;
    /* A wider figure changes its own line only. */
    const char *a = "rows {\n    甲 = 1 2\n    乙 = 3 4\n}\n";
    const char *b = "rows {\n    甲 = 1 2\n    乙 = 3,000,000 4\n}\n";
    char *fa = fmt_str(a, NULL), *fb = fmt_str(b, NULL);
    assert_string_equal(fa, "rows {\n    甲 =       1       2\n    乙 =       3       4\n}\n");
    assert_string_equal(fb, "rows {\n    甲 =       1       2\n    乙 = 3,000,000       4\n}\n");
    free(fa);
    free(fb);
}

static void test_modifiers_units_text(void **state)
{
    (void)state;
    formats_as("columns {\n"
               "  单位资金 heading {\n"
               "    事业收入\n"
               "  }\n"
               "  \"采购\" subtotal \"小计\" {\n"
               "    其中 ofwhich\n"
               "  }\n"
               "  内容 text\n"
               "}\n"
               "indicators {\n"
               "  产出 {\n"
               "    数量 {\n"
               "      终端机 = 105台\n"
               "      邮寄 ≧ 7,500 单\n"
               "      满意度 >= 85 %\n"
               "      服务 = \"有效提升\"\n"
               "    }\n"
               "  }\n"
               "}\n",
               "columns {\n"
               "    单位资金 heading {\n"
               "        事业收入\n"
               "    }\n"
               "    采购 subtotal \"小计\" {\n"
               "        其中 ofwhich\n"
               "    }\n"
               "    内容 text\n"
               "}\n"
               "indicators {\n"
               "    产出 {\n"
               "        数量 {\n"
               "            终端机 =  105 台\n"
               "            邮寄   ≧ 7,500 单\n"
               "            满意度 >=     85%\n"
               "            服务   = \"有效提升\"\n"
               "        }\n"
               "    }\n"
               "}\n");
}

static void test_was_change(void **state)
{
    (void)state;
    formats_as("narrative 二 \"总体\" {\n"
               "  收入 = 7,440 change -274 (-4%)\n"
               "  项目 = 364 was 0\n"
               "  费用 ofwhich change -22\n"
               "}\n",
               "narrative 二 \"总体\" {\n"
               "    收入         =   7,440 change    -274 (-4%)\n"
               "    项目         =     364 was       0\n"
               "    费用 ofwhich change     -22\n"
               "}\n");
}

/* `chart` is a modifier: printed last, counted in the relation column. */
static void test_chart(void **state)
{
    (void)state;
    formats_as("narrative 三 {\n"
               "  预算 chart = 7,440 {\n"
               "    人员支出 = 4,226\n"
               "    项目 ofwhich   chart change +1\n"
               "  }\n"
               "}\n",
               "narrative 三 {\n"
               "    预算 chart             =   7,440 {\n"
               "        人员支出           =   4,226\n"
               "        项目 ofwhich chart change      +1\n"
               "    }\n"
               "}\n");
}

static void test_prose(void **state)
{
    (void)state;
    /* A line of text prints '>', a blank and its text as written (the
     * blanks around it dropped; "//" and braces in it are text); '>' alone
     * stays; blank lines are kept as between items; the relations of the
     * lines beside the text align as if it were not there. */
    formats_as("narrative 说明 \"标题\" {\n"
               ">   {year} 年收入 {收入}，比上年{change(收入):增加|减少}。   \n"
               "  >\t第二句，// 不是注释 {{括号}}\n"
               "\n"
               "\n"
               "   >\n"
               "> | 甲 | {rate(收入):增长|下降} |\n"
               "收入 = 7,440 change -274 (-4%)\n"
               "长长长长长的标签 = 1\n"
               "check rate(收入) == -4% + year - year\n"
               "}\n",
               "narrative 说明 \"标题\" {\n"
               "    > {year} 年收入 {收入}，比上年{change(收入):增加|减少}。\n"
               "    > 第二句，// 不是注释 {{括号}}\n"
               "\n"
               "    >\n"
               "    > | 甲 | {rate(收入):增长|下降} |\n"
               "    收入             =   7,440 change    -274 (-4%)\n"
               "    长长长长长的标签 =       1\n"
               "    check rate(收入) == -4% + year - year\n"
               "}\n");
}

static void test_empty_blocks_and_file(void **state)
{
    (void)state;
    formats_as("table t \"x\" { }\ncolumns {}\n", "table t \"x\" {\n}\ncolumns {\n}\n");
    formats_as("", "");
    formats_as("\n\n   \n", "");
}

static void test_blank_lines(void **state)
{
    (void)state;
    formats_as("\n\nbudget \"x\" {\n\n\n    year 2022\n\n\n\n    unit 元\n\n}\n\n\n"
               "import \"a\"\n\n\n",
               "budget \"x\" {\n    year 2022\n\n    unit 元\n}\n\nimport \"a\"\n");
}

/* ---- labels and numbers ---------------------------------------------- */

static void test_label_quoting(void **state)
{
    (void)state;
    formats_as("rows {\n"
               "    \"教育支出\" = 1\n"         /* a name: unquoted */
               "    \"total\" = 2\n"            /* a keyword */
               "    \"2021 年\" = 3\n"          /* starts with a digit, space */
               "    \"1.拨款\" = 4\n"           /* ASCII punctuation */
               "    \"a\\\"b\\\\c\" = 5\n"      /* escapes */
               "    \"≥85\" = 6\n"              /* a relation inside */
               "    \"_\" = 7\n"
               "    _x = 8\n"
               "}\n"
               "check t[\"教育\", \"2022 年\"] == t[\"for\"/205]\n",
               "rows {\n"
               "    教育支出  =       1\n"
               "    \"total\"   =       2\n"
               "    \"2021 年\" =       3\n"
               "    \"1.拨款\"  =       4\n"
               "    \"a\\\"b\\\\c\" =       5\n"
               "    \"≥85\"     =       6\n"
               "    \"_\"       =       7\n"
               "    _x        =       8\n"
               "}\n"
               "check t[教育, \"2022 年\"] == t[\"for\"/205]\n");
}

static void test_number_spelling_kept(void **state)
{
    (void)state;
    formats_as("rows {\n  甲 = 7440 7,440 +5 -0.50 1,234,567.89\n}\n",
               "rows {\n    甲 =    7440   7,440      +5   -0.50 1,234,567.89\n}\n");
}

static void test_normalize_numbers(void **state)
{
    (void)state;
    fmt_options o = { .normalize_numbers = true };
    formats_as_opts("budget \"x\" {\n  year 2022\n}\n"
                    "rows {\n  甲 = 7440 1234567.5 +5 -12,34 change 1000 (-4%)\n}\n"
                    "check 甲 == 10000 万元 within 1000\n",
                    "budget \"x\" {\n    year 2022\n}\n"
                    "rows {\n    甲 =   7,440 1,234,567.5      +5  -1,234 change   1,000 (-4%)\n}\n"
                    "check 甲 == 10,000 万元 within 1,000\n",
                    &o);
}

/* ---- checks ------------------------------------------------------------ */

static void test_checks(void **state)
{
    (void)state;
    formats_as("check   t01[ a ,b ]==t02[c]+( x - y )  within 2  as \"名\"\n"
               "check prev(a)>=change( b )≥-5%\n"
               "check a = b exact\n"
               "check a/b/205 != (((c)))\n",
               "check t01[a, b] == t02[c] + (x - y) within 2 as \"名\"\n"
               "check prev(a) >= change(b) ≥ -5%\n"
               "check a = b exact\n"
               "check a/b/205 != (c)\n");
}

/* ---- comments ---------------------------------------------------------- */

static void test_comments(void **state)
{
    (void)state;
    formats_as("// file comment\n"
               "\n"
               "\n"
               "// about the budget\n"
               "budget \"x\" {   // on the head\n"
               "        // before year, deeper than the item\n"
               "year 2022    // trailing   \n"
               "\n"
               "\n"
               "  // last in block\n"
               "} // after the brace\n"
               "rows {\n"
               "    甲 = 1 { // opens\n"
               "        乙 = 1\n"
               "    // closes 甲\n"
               "    }\n"
               "}\n"
               "check t[a,\n"
               "    // inside the check\n"
               "    b] == t[c, // at a line break\n"
               "    d] // at the end\n"
               "// the end\n",
               "// file comment\n"
               "\n"
               "// about the budget\n"
               "budget \"x\" { // on the head\n"
               "    // before year, deeper than the item\n"
               "    year 2022 // trailing\n"
               "\n"
               "    // last in block\n"
               "} // after the brace\n"
               "rows {\n"
               "    甲     =       1 { // opens\n"
               "        乙 =       1\n"
               "        // closes 甲\n"
               "    }\n"
               "}\n"
               "check t[a, b] == t[c, d] // at the end\n"
               "// inside the check\n"
               "// at a line break\n"
               "// the end\n");
}

static void test_comment_in_empty_block(void **state)
{
    (void)state;
    formats_as("columns {\n// nothing yet\n}\n", "columns {\n    // nothing yet\n}\n");
}

/* ---- next year ----------------------------------------------------------- */

static const char next_in[] =
    "// 2022\n"
    "budget \"x\" {\n"
    "    year 2022\n"
    "}\n"
    "table t \"表\" {\n"
    "    columns {\n"
    "        内容 text\n"
    "        金额\n"
    "    }\n"
    "    rows {\n"
    "        total 合计 = \"说明\" 7,440 { // sum\n"
    "            甲 = \"a\" 7,440 was \"a\" 7,000 change 440\n"
    "        }\n"
    "    }\n"
    "    indicators {\n"
    "        产出 {\n"
    "            数量 {\n"
    "                台数 = 105 台\n"
    "            }\n"
    "        }\n"
    "    }\n"
    "}\n"
    "narrative n {\n"
    "    人数 = 15 人 change +1\n"
    "    check 人数 == 15 人\n"
    "}\n";

static void test_next_year(void **state)
{
    (void)state;
    fmt_options o = { .next_year = true };
    char *out = fmt_str(next_in, &o);
    assert_string_equal(out,
        "// 2022\n"
        "budget \"x\" {\n"
        "    year 2023\n"
        "}\n"
        "table t \"表\" {\n"
        "    columns {\n"
        "        内容 text\n"
        "        金额\n"
        "    }\n"
        "    rows {\n"
        "        total 合计 =  \"说明\"       _ was  \"说明\"   7,440 { // sum\n"
        "            甲     =     \"a\"       _ was     \"a\"   7,440\n"
        "        }\n"
        "    }\n"
        "    indicators {\n"
        "        产出 {\n"
        "            数量 {\n"
        "                台数 =  105 台\n"
        "            }\n"
        "        }\n"
        "    }\n"
        "}\n"
        "narrative n {\n"
        "    人数 =       _ was   15 人\n"
        "    check 人数 == 15 人\n"
        "}\n");
    /* The result is canonical. */
    char *again = fmt_str(out, NULL);
    assert_string_equal(again, out);
    free(out);
    free(again);
}

/* next-year names the file it rolls from as the new file's previous year. */
static void test_next_year_previous(void **state)
{
    (void)state;
    fmt_options o = { .next_year = true, .previous = "budget-2022.fisc" };
    char *out = fmt_str("budget \"x\" {\n    year 2022\n    previous \"budget-2021.fisc\"\n}\n", &o);
    assert_string_equal(out, "budget \"x\" {\n    year 2023\n    previous \"budget-2022.fisc\"\n}\n");
    free(out);
}

static void test_next_year_keep(void **state)
{
    (void)state;
    fmt_options o = { .next_year = true, .keep = true };
    char *out = fmt_str("budget \"x\" {\n year 2022\n}\nrows {\n 甲 = 1 2 was 3 4\n}\n", &o);
    assert_string_equal(out, "budget \"x\" {\n    year 2023\n}\n"
                             "rows {\n    甲 =       1       2 was       1       2\n}\n");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_and_indent),
        cmocka_unit_test(test_align_cjk_labels),
        cmocka_unit_test(test_figure_change_is_one_line),
        cmocka_unit_test(test_modifiers_units_text),
        cmocka_unit_test(test_was_change),
        cmocka_unit_test(test_chart),
        cmocka_unit_test(test_prose),
        cmocka_unit_test(test_empty_blocks_and_file),
        cmocka_unit_test(test_blank_lines),
        cmocka_unit_test(test_label_quoting),
        cmocka_unit_test(test_number_spelling_kept),
        cmocka_unit_test(test_normalize_numbers),
        cmocka_unit_test(test_checks),
        cmocka_unit_test(test_comments),
        cmocka_unit_test(test_comment_in_empty_block),
        cmocka_unit_test(test_next_year),
        cmocka_unit_test(test_next_year_previous),
        cmocka_unit_test(test_next_year_keep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
