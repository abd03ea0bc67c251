/* test_check.c: the resolver and the checker, identity by identity.
 *
 * Each test writes a small budget (a string literal beside its
 * assertions) to a temporary file, resolves and checks it the way `fisc
 * check` does (the checker runs only when the resolver found no error),
 * and asserts on the identities in m->ids (kind, sides, difference,
 * tolerance, status) and on the diagnostics (severity, check, message).
 * Amounts are decs: value × 10^4 in the base unit (元 for money). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "emit.h"
#include "model.h"

/* 1 万元 in decs (base unit 元, 4 decimals). */
#define WAN ((dec)10000 * 10000)
#define YUAN ((dec)10000)

typedef struct run {
    arena *a;
    strtab *names;
    diag_list *d;
    m_model *m;
} run;

/* Resolves and checks src; the checker runs only on a clean resolve. */
static run *go(const char *src)
{
    char path[] = "/tmp/fisc-test-check-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t n = strlen(src);
    assert_int_equal(write(fd, src, n), (ssize_t)n);
    close(fd);
    run *R = calloc(1, sizeof *R);
    assert_non_null(R);
    R->a = arena_new();
    R->names = strtab_new(R->a);
    R->d = diag_new(R->a);
    R->m = resolve_file(R->a, R->names, R->d, path);
    assert_non_null(R->m);
    if (diag_count(R->d, DIAG_ERROR) == 0)
        check_model(R->a, R->d, R->m);
    unlink(path);
    return R;
}

static void done(run *R)
{
    arena_free(R->a);
    free(R);
}

static void show_diags(const run *R)
{
    for (size_t i = 0; i < diag_size(R->d); i++) {
        const diag *g = diag_at(R->d, i);
        print_message("diag: %s [%s] %s\n", g->sev == DIAG_ERROR ? "error" : "warning",
                      g->check ? g->check : "-", g->msg);
    }
}

static void no_diags(const run *R)
{
    show_diags(R);
    assert_int_equal(diag_size(R->d), 0);
}

/* The only identity of kind k whose column is col (NULL: any column).
 * Fails unless exactly one matches. */
static const m_identity *the_id(const run *R, ck_kind k, const char *col)
{
    const m_identity *hit = NULL;
    size_t n = 0;
    for (size_t i = 0; i < R->m->nids; i++) {
        const m_identity *id = &R->m->ids[i];
        if (id->kind != k)
            continue;
        if (col && (!id->column || strcmp(id->column, col) != 0))
            continue;
        hit = id;
        n++;
    }
    if (n != 1)
        fail_msg("%zu identities of kind %s in column %s, expected 1", n, ck_kind_name(k), col ? col : "(any)");
    return hit;
}

static size_t count_ids(const run *R, ck_kind k)
{
    size_t n = 0;
    for (size_t i = 0; i < R->m->nids; i++)
        n += R->m->ids[i].kind == k;
    return n;
}

/* The only diagnostic: its severity, check name and a message substring. */
static const diag *one_diag(const run *R, diag_severity sev, const char *check, const char *substr)
{
    show_diags(R);
    assert_int_equal(diag_size(R->d), 1);
    const diag *g = diag_at(R->d, 0);
    assert_int_equal(g->sev, sev);
    if (check)
        assert_string_equal(g->check, check);
    else
        assert_null(g->check);
    if (!strstr(g->msg, substr))
        fail_msg("message '%s' lacks '%s'", g->msg, substr);
    return g;
}

static void status_is(const m_identity *id, ck_status st, dec diff)
{
    assert_int_equal(id->status, st);
    assert_int_equal(id->diff, diff);
}

#define HEADER(extra) \
    "budget \"测试单位\" {\n    year 2022\n    unit 万元\n    rounding 1\n" extra "}\n"

/* --- footing ------------------------------------------------------------- */

static void test_footing_exact(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "table t01 \"支出表\" {\n"
        "    columns {\n        金额\n    }\n"
        "    rows {\n"
        "        合计 = 7,440 {\n"
        "            人员支出 = 4,226\n"
        "            公用支出 = 3,214\n"
        "        }\n"
        "    }\n"
        "}\n");
    no_diags(R);
    assert_int_equal(R->m->nids, 1);
    const m_identity *id = the_id(R, CK_FOOTING, "金额");
    assert_int_equal(id->lhs, 7440 * WAN);
    assert_int_equal(id->rhs, 7440 * WAN);
    status_is(id, ST_EXACT, 0);
    assert_string_equal(id->expression, "合计 = 人员支出 + 公用支出");
    assert_string_equal(id->table->id, "t01");
    /* three figures × ½ 万元 */
    assert_int_equal(id->tolerance, 15000 * YUAN);
    assert_true(id->tolerance_strict);
    done(R);
}

static void test_footing_within(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "table t01 \"支出表\" {\n"
        "    columns {\n        金额\n    }\n"
        "    rows {\n"
        "        合计 = 7,440 {\n"
        "            人员支出 = 4,226\n"
        "            公用支出 = 3,215\n"
        "        }\n"
        "    }\n"
        "}\n");
    one_diag(R, DIAG_WARNING, "footing", "'合计' in 金额 is 7,440 but its parts sum to 7,441");
    status_is(the_id(R, CK_FOOTING, NULL), ST_WITHIN, -WAN);
    assert_int_equal(diag_failures(R->d, false), 0);
    assert_int_equal(diag_failures(R->d, true), 1);   /* --strict */
    done(R);
}

static void test_footing_broken(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "table t01 \"支出表\" {\n"
        "    columns {\n        金额\n    }\n"
        "    rows {\n"
        "        合计 = 7,440 {\n"
        "            人员支出 = 4,226\n"
        "            公用支出 = 3,204\n"
        "        }\n"
        "    }\n"
        "}\n");
    const diag *g = one_diag(R, DIAG_ERROR, "footing", "parts sum to 7,430");
    assert_non_null(g->notes);   /* one note per part */
    assert_non_null(g->notes->next);
    assert_null(g->notes->next->next);
    assert_non_null(strstr(g->notes->msg, "人员支出 = 4,226"));
    status_is(the_id(R, CK_FOOTING, NULL), ST_BROKEN, 10 * WAN);
    assert_int_equal(diag_failures(R->d, false), 1);
    done(R);
}

/* --- cross-footing and of-which ----------------------------------------- */

static void test_cross_footing(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "table t03 \"支出表\" {\n"
        "    columns {\n"
        "        支出总计 {\n"
        "            基本支出\n"
        "            项目支出\n"
        "        }\n"
        "    }\n"
        "    rows {\n"
        "        甲 = 100 60 40\n"
        "        乙 = 100 60 30\n"
        "    }\n"
        "}\n");
    show_diags(R);
    assert_int_equal(count_ids(R, CK_CROSS_FOOTING), 2);
    assert_int_equal(diag_size(R->d), 1);
    const diag *g = diag_at(R->d, 0);
    assert_int_equal(g->sev, DIAG_ERROR);
    assert_string_equal(g->check, "cross-footing");
    assert_non_null(strstr(g->msg, "'乙' in 支出总计 is 100 but its sub-columns sum to 90"));
    assert_int_equal(R->m->ids[0].status, ST_EXACT);
    assert_int_equal(R->m->ids[1].status, ST_BROKEN);
    assert_string_equal(R->m->ids[1].expression, "[乙] 支出总计 = 基本支出 + 项目支出");
    done(R);
}

static void test_ofwhich_row(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "table t08 \"三公经费表\" {\n"
        "    columns {\n        金额\n    }\n"
        "    rows {\n"
        "        合计 = 30 {\n"
        "            公务接待费 = 10\n"
        "            公务用车费 = 20\n"
        "            其中：购置费 ofwhich = 35\n"
        "        }\n"
        "    }\n"
        "}\n");
    /* the of-which line is no summand: footing 30 = 10 + 20 holds */
    status_is(the_id(R, CK_FOOTING, NULL), ST_EXACT, 0);
    one_diag(R, DIAG_ERROR, "of-which", "'其中：购置费' (35) is more than the whole it is part of, '合计' (30)");
    const m_identity *id = the_id(R, CK_OF_WHICH, NULL);
    assert_int_equal(id->rel, REL_LE);
    status_is(id, ST_BROKEN, 5 * WAN);
    done(R);
}

static void test_ofwhich_row_holds(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "table t08 \"三公经费表\" {\n"
        "    columns {\n        金额\n    }\n"
        "    rows {\n"
        "        合计 = 30 {\n"
        "            公务接待费 = 10\n"
        "            公务用车费 = 20\n"
        "            其中：购置费 ofwhich = 15\n"
        "        }\n"
        "    }\n"
        "}\n");
    no_diags(R);
    const m_identity *id = the_id(R, CK_OF_WHICH, NULL);
    status_is(id, ST_EXACT, -15 * WAN);
    done(R);
}

static void test_ofwhich_column(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "table t03 \"支出表\" {\n"
        "    columns {\n"
        "        政府采购 {\n"
        "            货物\n"
        "            服务\n"
        "            面向中小企业 ofwhich\n"
        "        }\n"
        "    }\n"
        "    rows {\n"
        "        单位 = 100 60 40 120\n"
        "    }\n"
        "}\n");
    status_is(the_id(R, CK_CROSS_FOOTING, NULL), ST_EXACT, 0);
    one_diag(R, DIAG_ERROR, "of-which", "'面向中小企业' (120) is more than the whole it is part of, '政府采购' (100)");
    status_is(the_id(R, CK_OF_WHICH, NULL), ST_BROKEN, 20 * WAN);
    done(R);
}

/* --- explicit checks ----------------------------------------------------- */

static void test_check_scalar(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "table t01 \"收支总表\" {\n"
        "    columns {\n        金额\n    }\n"
        "    rows {\n"
        "        收入合计 = 7,440\n"
        "        支出合计 = 7,440\n"
        "    }\n"
        "}\n"
        "check t01[收入合计] == t01[支出合计]\n");
    no_diags(R);
    const m_identity *id = the_id(R, CK_IDENTITY, NULL);
    assert_null(id->table);   /* a top-level check */
    assert_null(id->column);  /* the line's only column: scalar */
    assert_string_equal(id->expression, "t01[收入合计] == t01[支出合计]");
    assert_int_equal(id->lhs, 7440 * WAN);
    status_is(id, ST_EXACT, 0);
    /* two published figures: bound 1 万元, strict */
    assert_int_equal(id->tolerance, WAN);
    assert_true(id->tolerance_strict);
    done(R);
}

static void test_check_vector(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "table t08 \"三公经费表\" {\n"
        "    columns {\n"
        "        \"2022 年\"\n"
        "        \"2021 年\"\n"
        "        增减\n"
        "    }\n"
        "    rows {\n"
        "        本年 = 10 20 30\n"
        "        上年 = 8 15 25\n"
        "        增减变化 = 2 5 7\n"
        "    }\n"
        "    check 本年 == 上年 + 增减变化\n"
        "}\n");
    assert_int_equal(count_ids(R, CK_IDENTITY), 3);
    status_is(the_id(R, CK_IDENTITY, "2022 年"), ST_EXACT, 0);
    status_is(the_id(R, CK_IDENTITY, "2021 年"), ST_EXACT, 0);
    status_is(the_id(R, CK_IDENTITY, "增减"), ST_BROKEN, -2 * WAN);
    one_diag(R, DIAG_ERROR, "identity", "check fails in 增减: 30 == 32 does not hold");
    assert_string_equal(the_id(R, CK_IDENTITY, "增减")->table->id, "t08");
    done(R);
}

static void test_check_chained(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "table t03 \"采购表\" {\n"
        "    columns {\n        金额\n    }\n"
        "    rows {\n"
        "        小计 = 100\n"
        "        面向中小企业 = 80\n"
        "        面向小微企业 = 90\n"
        "    }\n"
        "    check 小计 >= 面向中小企业 >= 面向小微企业\n"
        "}\n");
    assert_int_equal(count_ids(R, CK_IDENTITY), 2);
    assert_int_equal(R->m->ids[0].rel, REL_GE);
    status_is(&R->m->ids[0], ST_EXACT, 20 * WAN);
    status_is(&R->m->ids[1], ST_BROKEN, -10 * WAN);
    one_diag(R, DIAG_ERROR, "identity", "80 >= 90 does not hold");
    done(R);
}

static void test_check_within_exact_label(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "narrative n1 \"说明\" {\n"
        "    预算 = 100\n"
        "    人员 = 60\n"
        "    公用 = 43\n"
        "    check 预算 == 人员 + 公用 within 3\n"
        "    check 预算 == 人员 + 公用 within 2\n"
        "    check 预算 == 人员 + 40 exact as \"人员与四十\"\n"
        "    check 预算 == 人员 + 41 exact\n"
        "}\n");
    assert_int_equal(R->m->nids, 4);
    const m_identity *w3 = &R->m->ids[0], *w2 = &R->m->ids[1], *ex = &R->m->ids[2], *ex2 = &R->m->ids[3];
    status_is(w3, ST_WITHIN, -3 * WAN);   /* |diff| <= 3: within */
    assert_int_equal(w3->tolerance, 3 * WAN);
    assert_false(w3->tolerance_strict);
    status_is(w2, ST_BROKEN, -3 * WAN);
    status_is(ex, ST_EXACT, 0);
    assert_string_equal(ex->expression, "人员与四十");
    status_is(ex2, ST_BROKEN, -WAN);
    assert_int_equal(ex2->tolerance, 0);
    assert_string_equal(ex2->rule, "exact");
    assert_int_equal(diag_count(R->d, DIAG_WARNING), 1);
    assert_int_equal(diag_count(R->d, DIAG_ERROR), 2);
    done(R);
}

/* --- derived values ------------------------------------------------------ */

static void test_derived_parent(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "table t01 \"支出表\" {\n"
        "    columns {\n        金额\n    }\n"
        "    rows {\n"
        "        合计 {\n"
        "            甲 = 4,226\n"
        "            乙 = _ {\n"
        "                乙一 = 1,000\n"
        "                乙二 = 2,214\n"
        "            }\n"
        "        }\n"
        "    }\n"
        "    check 合计 == 7,440\n"
        "}\n");
    no_diags(R);
    assert_int_equal(count_ids(R, CK_FOOTING), 0);   /* nothing declared to foot */
    const m_table *t = model_table(R->m, "t01");
    const m_row *total = t->rows[0];
    assert_string_equal(total->label, "合计");
    assert_true(total->cells[0].present);
    assert_false(total->cells[0].declared);
    assert_int_equal(total->cells[0].v, 7440 * WAN);
    /* derived from 3 figures, literal 0: n = 3 */
    const m_identity *id = the_id(R, CK_IDENTITY, NULL);
    status_is(id, ST_EXACT, 0);
    assert_int_equal(id->tolerance, 15000 * YUAN);
    done(R);
}

static void test_derived_heading_column(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "table t02 \"收入表\" {\n"
        "    columns {\n"
        "        总计 {\n"
        "            财政拨款\n"
        "            单位资金 heading {\n"
        "                事业收入\n"
        "                其他收入\n"
        "            }\n"
        "        }\n"
        "    }\n"
        "    rows {\n"
        "        单位 = 100 70 20 11\n"
        "    }\n"
        "}\n");
    const m_table *t = model_table(R->m, "t02");
    assert_int_equal(t->ncols, 5);
    const m_col *unit = t->cols[2];
    assert_string_equal(unit->label, "单位资金");
    assert_false(unit->printed);
    const m_value *v = &t->rows[0]->cells[2];
    assert_true(v->present);
    assert_false(v->declared);
    assert_int_equal(v->v, 31 * WAN);
    /* 总计 = 财政拨款 + 单位资金(derived from 2) : n = 4, bound 2 */
    const m_identity *id = the_id(R, CK_CROSS_FOOTING, "总计");
    status_is(id, ST_WITHIN, -WAN);
    assert_int_equal(id->tolerance, 2 * WAN);
    one_diag(R, DIAG_WARNING, "cross-footing", "sub-columns sum to 101");
    done(R);
}

static void test_leaf_without_value(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "table t01 \"支出表\" {\n"
        "    columns {\n        金额\n    }\n"
        "    rows {\n"
        "        合计 {\n"
        "            甲 = 10\n"
        "            乙\n"
        "        }\n"
        "    }\n"
        "}\n");
    one_diag(R, DIAG_ERROR, "value", "'乙' has no value in 金额 and no parts to derive it from");
    done(R);
}

/* --- year over year ------------------------------------------------------ */

static void test_yoy_rate_exact(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "narrative n1 \"收支预算\" {\n"
        "    部门预算收入 = 7,440 change -274 (-4%)\n"
        "    check prev(部门预算收入) == 7,714\n"
        "}\n");
    no_diags(R);
    const m_identity *rate = the_id(R, CK_YOY_RATE, NULL);
    assert_int_equal(rate->kind_of_values, KIND_RATE);
    assert_int_equal(rate->lhs, -4 * DEC_ONE);
    status_is(rate, ST_EXACT, 0);
    assert_non_null(strstr(rate->expression, "-274 / 7,714"));
    /* last year derived from the change: 7,440 + 274 */
    status_is(the_id(R, CK_IDENTITY, NULL), ST_EXACT, 0);
    done(R);
}

static void test_yoy_rate_wrong(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "narrative n1 \"收支预算\" {\n"
        "    部门预算收入 = 7,440 change -274 (-3%)\n"
        "}\n");
    one_diag(R, DIAG_ERROR, "yoy-rate", "any rate from a change of -274 on 7,440 lies in [-3.5585%, -3.5455%]");
    status_is(the_id(R, CK_YOY_RATE, NULL), ST_BROKEN, DEC_ONE);
    done(R);
}

static void test_yoy_change_mismatch(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "narrative n1 \"收支预算\" {\n"
        "    社会保险业务管理 = 27 was 63 change -36 (-57%)\n"
        "    部门预算收入 = 7,440 was 7,700 change -274\n"
        "}\n");
    one_diag(R, DIAG_ERROR, "yoy-change", "'部门预算收入' is said to change by -274, but 7,440 - 7,700 = -260");
    assert_int_equal(count_ids(R, CK_YOY_CHANGE), 2);
    status_is(&R->m->ids[0], ST_EXACT, 0);
    assert_int_equal(R->m->ids[1].kind, CK_YOY_RATE);
    status_is(&R->m->ids[1], ST_EXACT, 0);
    status_is(&R->m->ids[2], ST_BROKEN, -14 * WAN);
    done(R);
}

/* --- units and types ----------------------------------------------------- */

static void test_units_convert_exactly(void **state)
{
    (void)state;
    run *R = go(
        "budget \"测试单位\" {\n    year 2022\n}\n"
        "narrative n1 \"说明\" {\n"
        "    甲 = 1 万元\n"
        "    乙 = 10,000 元\n"
        "    check 甲 == 乙 exact\n"
        "    check 甲 == 0.1 千元 + 9.9 千元 exact\n"
        "}\n");
    no_diags(R);
    assert_int_equal(R->m->nids, 2);
    status_is(&R->m->ids[0], ST_EXACT, 0);
    assert_int_equal(R->m->ids[0].lhs, WAN);
    status_is(&R->m->ids[1], ST_EXACT, 0);
    done(R);
}

static void test_type_money_vs_count(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "narrative n1 \"说明\" {\n"
        "    经费 = 69\n"
        "    派遣人员 = 69 人\n"
        "    check 经费 == 派遣人员\n"
        "}\n");
    const diag *g = one_diag(R, DIAG_ERROR, "type", "cannot compare an amount of money with a count (人)");
    assert_non_null(g->notes);
    assert_int_equal(count_ids(R, CK_IDENTITY), 0);
    done(R);
}

static void test_type_counts_differ(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "narrative n1 \"说明\" {\n"
        "    人数 = 5 人\n"
        "    台数 = 3 台\n"
        "    check 人数 + 台数 == 8 人\n"
        "}\n");
    one_diag(R, DIAG_ERROR, "type", "cannot add a count (人) and a count (台)");
    done(R);
}

static void test_type_counts_differ_in_sum(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "narrative n1 \"说明\" {\n"
        "    设备与人员 {\n"
        "        人数 = 5 人\n"
        "        台数 = 3 台\n"
        "    }\n"
        "}\n");
    show_diags(R);
    assert_true(diag_count(R->d, DIAG_ERROR) >= 1);
    const diag *g = diag_at(R->d, 0);
    assert_string_equal(g->check, "type");
    assert_non_null(strstr(g->msg, "adds a count (台) to a count (人)"));
    done(R);
}

static void test_type_text_in_amount_column(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "table t01 \"支出表\" {\n"
        "    columns {\n        金额\n    }\n"
        "    rows {\n"
        "        甲 = \"无\"\n"
        "    }\n"
        "}\n");
    one_diag(R, DIAG_ERROR, "type", "text in the amount column '金额'");
    assert_int_equal(R->m->nids, 0);   /* the checker did not run */
    done(R);
}

static void test_count_literal(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "narrative n1 \"说明\" {\n"
        "    终端机 = 105 台\n"
        "    check 终端机 == 105\n"
        "    check 终端机 == 104\n"
        "}\n");
    /* a unit-less literal takes the count's unit; counts are exact */
    assert_int_equal(R->m->nids, 2);
    status_is(&R->m->ids[0], ST_EXACT, 0);
    status_is(&R->m->ids[1], ST_BROKEN, DEC_ONE);
    assert_int_equal(R->m->ids[1].tolerance, 0);
    one_diag(R, DIAG_ERROR, "identity", "105 台 == 104 台 does not hold");
    done(R);
}

/* --- the tolerance rule at its boundary ---------------------------------- */

/* A total of `total` over parts written as `parts` ("a = 1\n b = 2\n"). */
static run *footing(const char *header_extra, const char *total, const char *parts)
{
    char *src = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&src, &n);
    assert_non_null(f);
    fprintf(f,
            "budget \"测试单位\" {\n    year 2022\n    unit 万元\n%s}\n"
            "narrative n1 \"说明\" {\n"
            "    合计 = %s {\n%s    }\n"
            "}\n",
            header_extra, total, parts);
    fclose(f);
    run *R = go(src);
    free(src);
    return R;
}

static const m_identity *foot(run *R)
{
    return the_id(R, CK_FOOTING, NULL);
}

static void test_tolerance_n2(void **state)
{
    (void)state;
    /* n = 2 (a total and one part), bound 1 万元, strict */
    run *R = footing("    rounding 1\n", "10", "        甲 = 9\n");
    assert_int_equal(foot(R)->tolerance, WAN);
    status_is(foot(R), ST_BROKEN, WAN);   /* difference = n/2: broken */
    done(R);
    /* rounding 3: bound 3 万元 */
    R = footing("    rounding 3\n", "10", "        甲 = 8\n");
    status_is(foot(R), ST_WITHIN, 2 * WAN);
    done(R);
    R = footing("    rounding 3\n", "10", "        甲 = 7\n");
    status_is(foot(R), ST_BROKEN, 3 * WAN);   /* exactly n/2 */
    done(R);
    /* a figure written finer than the rounding is rounded to its last
     * decimal: 9.5 to 0.1.  10 restates 9.5 rounded to the coarser side's
     * 1 万元: exact; 9.4 rounds to 9, and 0.6 is past ½ × (1 + 0.1) */
    R = footing("    rounding 1\n", "10", "        甲 = 9.5\n");
    status_is(foot(R), ST_EXACT, WAN / 2);
    assert_int_equal(foot(R)->restated, WAN);
    done(R);
    R = footing("    rounding 1\n", "10", "        甲 = 9.4\n");
    assert_int_equal(foot(R)->tolerance, 5500 * YUAN);
    status_is(foot(R), ST_BROKEN, 6000 * YUAN);
    done(R);
}

static void test_tolerance_n3(void **state)
{
    (void)state;
    /* n = 3, bound 1.5 万元 */
    run *R = footing("    rounding 1\n", "10", "        甲 = 5\n        乙 = 4\n");
    assert_int_equal(foot(R)->tolerance, 15000 * YUAN);
    status_is(foot(R), ST_WITHIN, WAN);
    done(R);
    R = footing("    rounding 1\n", "10", "        甲 = 5\n        乙 = 3\n");
    status_is(foot(R), ST_BROKEN, 2 * WAN);
    done(R);
    /* mixed: 10 and 5 to 1 万元, 3.5 to 0.1: ½ × 2.1 = 1.05 */
    R = footing("    rounding 1\n", "10", "        甲 = 5\n        乙 = 4.0\n");
    status_is(foot(R), ST_WITHIN, WAN);
    assert_int_equal(foot(R)->tolerance, 10500 * YUAN);
    done(R);
    R = footing("    rounding 1\n", "10", "        甲 = 5\n        乙 = 3.9\n");
    status_is(foot(R), ST_BROKEN, 11000 * YUAN);
    done(R);
}

static void test_tolerance_n4(void **state)
{
    (void)state;
    /* n = 4, bound 2 万元: 2 is broken, 1.5 within */
    run *R = footing("    rounding 1\n", "10", "        甲 = 4\n        乙 = 2\n        丙 = 2\n");
    assert_int_equal(foot(R)->tolerance, 2 * WAN);
    status_is(foot(R), ST_BROKEN, 2 * WAN);
    done(R);
    R = footing("    rounding 1\n", "10", "        甲 = 4\n        乙 = 2.5\n        丙 = 2\n");
    status_is(foot(R), ST_WITHIN, 15000 * YUAN);
    done(R);
}

static void test_tolerance_exact_header(void **state)
{
    (void)state;
    run *R = footing("    rounding 1\n    tolerance exact\n", "10", "        甲 = 5\n        乙 = 4\n");
    assert_int_equal(foot(R)->tolerance, 0);
    assert_string_equal(foot(R)->rule, "exact");
    status_is(foot(R), ST_BROKEN, WAN);
    one_diag(R, DIAG_ERROR, "footing", "required: exact");
    done(R);
}

static void test_tolerance_fixed_header(void **state)
{
    (void)state;
    run *R = footing("    rounding 1\n    tolerance 2\n", "10", "        甲 = 5\n        乙 = 3\n");
    assert_int_equal(foot(R)->tolerance, 2 * WAN);
    assert_false(foot(R)->tolerance_strict);
    status_is(foot(R), ST_WITHIN, 2 * WAN);   /* |diff| <= 2 */
    done(R);
    R = footing("    rounding 1\n    tolerance 2\n", "10", "        甲 = 5\n        乙 = 2\n");
    status_is(foot(R), ST_BROKEN, 3 * WAN);
    done(R);
}

static void test_strict(void **state)
{
    (void)state;
    run *R = footing("    rounding 1\n", "10", "        甲 = 5\n        乙 = 4\n");
    assert_int_equal(diag_count(R->d, DIAG_WARNING), 1);
    assert_int_equal(diag_count(R->d, DIAG_ERROR), 0);
    assert_int_equal(diag_failures(R->d, false), 0);
    assert_int_equal(diag_failures(R->d, true), 1);
    done(R);
    R = footing("    rounding 1\n", "10", "        甲 = 5\n        乙 = 5\n");
    assert_int_equal(diag_failures(R->d, true), 0);
    done(R);
}

static void test_rounding_cents(void **state)
{
    (void)state;
    const char *head =
        "budget \"测试单位\" {\n    year 2022\n    unit 元\n    rounding 0.01\n}\n"
        "table t01 \"支出表\" {\n"
        "    columns {\n        金额\n    }\n"
        "    rows {\n";
    char src[1024];
    /* n = 3: bound 0.015 元 */
    snprintf(src, sizeof src, "%s        合计 = 1,234.56 {\n            甲 = 1,000.00\n            乙 = 234.57\n"
             "        }\n    }\n}\n", head);
    run *R = go(src);
    const m_identity *id = the_id(R, CK_FOOTING, NULL);
    assert_int_equal(id->tolerance, 150);
    assert_int_equal(id->lhs, 12345600);
    status_is(id, ST_WITHIN, -100);
    assert_int_equal(model_table(R->m, "t01")->precision, 2);
    done(R);
    snprintf(src, sizeof src, "%s        合计 = 1,234.56 {\n            甲 = 1,000.00\n            乙 = 234.58\n"
             "        }\n    }\n}\n", head);
    R = go(src);
    status_is(the_id(R, CK_FOOTING, NULL), ST_BROKEN, -200);
    done(R);
    snprintf(src, sizeof src, "%s        合计 = 1,234.56 {\n            甲 = 1,000.005\n            乙 = 234.555\n"
             "        }\n    }\n}\n", head);
    R = go(src);
    status_is(the_id(R, CK_FOOTING, NULL), ST_EXACT, 0);
    done(R);
}

/* --- lines derived year over year ---------------------------------------- */

static void test_derived_yoy_rows(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "table t08 \"三公\" {\n"
        "    columns {\n        总计 {\n            接待\n            用车\n        }\n    }\n"
        "    rows {\n"
        "        \"2021 年\" = prev(\"2022 年\")\n"
        "        \"2022 年\" = 7 0 7 was 9 1 8\n"
        "        增减 = change(\"2022 年\")\n"
        "        增减率 = rate(\"2022 年\")\n"
        "    }\n"
        "    check \"2022 年\" == \"2021 年\" + 增减\n"
        "}\n");
    no_diags(R);
    const m_table *t = R->m->tables[0];
    const m_row *prev = t->rows[0], *chg = t->rows[2], *rate = t->rows[3];
    assert_true(prev->cells[0].present && !prev->cells[0].declared);
    assert_int_equal(prev->cells[0].v, 9 * WAN);
    assert_int_equal(prev->cells[2].v, 8 * WAN);
    assert_int_equal(chg->cells[0].v, -2 * WAN);
    assert_int_equal(chg->cells[1].v, -1 * WAN);
    assert_int_equal(rate->cells[1].kind, KIND_RATE);
    assert_int_equal(rate->cells[1].v, -100 * 10000);      /* -100%, in points */
    assert_int_equal(rate->cells[0].v, -222222);            /* -22.2222% */
    /* the vector check reads the derived lines: exact in all three columns */
    assert_int_equal(count_ids(R, CK_IDENTITY), 3);
    done(R);
}

static void test_derived_yoy_needs_last_year(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "table t08 \"三公\" {\n"
        "    columns {\n        金额\n    }\n"
        "    rows {\n"
        "        去年 = prev(今年)\n"
        "        今年 = 7\n"
        "    }\n"
        "}\n");
    one_diag(R, DIAG_ERROR, "value", "no previous-year value");
    done(R);
}

/* Last year's value derived from a stated change, out of range: said as
 * an overflow, not as a value that is missing. */
static void test_derived_prior_year_overflow_is_named(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "table t1 \"表1\" {\n"
        "    columns {\n        金额\n    }\n"
        "    rows {\n"
        "        甲 = 90,000,000,000 change -90,000,000,000\n"
        "        乙 = prev(甲)\n"
        "    }\n"
        "}\n");
    one_diag(R, DIAG_ERROR, "limit", "last year's value of '甲' in 金额 overflows the amount range");
    done(R);
}

/* A leaf without a value is reported once, even when a line derived year
 * over year makes the checker derive the table twice. */
static void test_missing_value_reported_once_beside_yoy_line(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "table t1 \"表1\" {\n"
        "    columns {\n        本年\n    }\n"
        "    rows {\n"
        "        甲 = 10 was 8\n"
        "        乙\n"
        "        丙 = change(甲)\n"
        "    }\n"
        "}\n");
    one_diag(R, DIAG_ERROR, "value", "'乙' has no value in 本年");
    done(R);
}

/* A table id names its CSV file: bounded where check sees it. */
static void test_table_id_limit(void **state)
{
    (void)state;
    char id[140], src[1024];
    memset(id, 't', 129);
    id[129] = '\0';
    const char *body = "\"表\" {\n    columns {\n        金额\n    }\n    rows {\n        a = 1\n    }\n}\n";
    snprintf(src, sizeof src, HEADER("") "table %s %s", id, body);
    run *R = go(src);
    one_diag(R, DIAG_ERROR, "limit", "table id longer than 128 bytes (the table-id limit");
    done(R);
    id[128] = '\0';
    snprintf(src, sizeof src, HEADER("") "table %s %s", id, body);
    R = go(src);
    no_diags(R);
    done(R);
}

/* A table without a unit of its own prints in the budget's, whatever
 * unit a cell was written in. */
static void test_csv_converts_to_the_budget_unit(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "table t1 \"表1\" {\n"
        "    columns {\n        金额\n    }\n"
        "    rows {\n"
        "        a = 1\n"
        "        b = 10,000 元\n"
        "        c = 0.05 亿元\n"
        "    }\n"
        "}\n");
    no_diags(R);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(emit_csv(f, R->m->tables[0], NULL), 0);
    fclose(f);
    assert_string_equal(buf, "项目,金额\na,1\nb,1\nc,500\n");
    free(buf);
    done(R);
}

/* Tables that take a column set first share its columns (one copy for
 * any number of tables); a table that adds columns of its own gets its
 * own list, and the others do not see them. */
static void test_column_set_shared(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "columns 支出类型 {\n    合计 {\n        基本支出\n        项目支出\n    }\n}\n"
        "table t1 \"表1\" {\n    columns 支出类型\n    columns {\n        备注 text\n    }\n"
        "    rows {\n        a = 3 1 2 \"说明\"\n    }\n}\n"
        "table t2 \"表2\" {\n    columns 支出类型\n    rows {\n        b = 5 2 3\n    }\n}\n"
        "table t3 \"表3\" {\n    columns {\n        其他\n    }\n    columns 支出类型\n"
        "    rows {\n        c = 1 6 2 4\n    }\n}\n");
    no_diags(R);
    const m_table *t1 = R->m->tables[0], *t2 = R->m->tables[1], *t3 = R->m->tables[2];
    assert_int_equal(t1->ncols, 4);
    assert_int_equal(t2->ncols, 3);
    assert_int_equal(t3->ncols, 4);
    assert_ptr_equal(t1->cols[0], t2->cols[0]);     /* shared */
    assert_ptr_equal(t1->cols[2], t2->cols[2]);
    assert_string_equal(t1->cols[3]->header, "备注");
    assert_string_equal(t3->cols[0]->header, "其他");
    assert_string_equal(t3->cols[1]->header, "合计");
    assert_int_equal(t3->cols[3]->index, 3);         /* its own copy, indexed in t3 */
    assert_true(t3->cols[1] != t2->cols[0]);
    assert_int_equal(R->m->nids, 3);                  /* one cross-footing per table */
    done(R);
}

/* A unit-less number takes the kind of what it meets: a count beside
 * counts, 万元 beside money, even inside a sum. */
static void test_literals_take_the_kind_they_meet(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "narrative 第一部分 \"概况\" {\n"
        "    编制 = 111 人\n"
        "    在编 = 106 人\n"
        "    经费 = 7,440\n"
        "    check 编制 == 在编 + 5\n"
        "    check 经费 == 7,000 + 440\n"
        "    check 经费 == 74,400,000 元\n"
        "    check 编制 == 在编 + 6\n"
        "}\n");
    assert_int_equal(count_ids(R, CK_IDENTITY), 4);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(R->m->ids[i].status, ST_EXACT);
    assert_int_equal(R->m->ids[3].status, ST_BROKEN);       /* counts: exact */
    assert_int_equal(R->m->ids[3].diff, -1 * 10000);
    done(R);
}

/* The check IR: postfix nodes, literals parsed once, references bound,
 * the shape decided when the file is resolved (docs/architecture.md §4). */
static void test_check_ir(void **state)
{
    (void)state;
    run *R = go(HEADER("")
        "table t08 \"三公经费表\" {\n"
        "    columns {\n        甲\n        乙\n    }\n"
        "    rows {\n"
        "        本年 = 10 20\n"
        "        上年 = 8 21\n"
        "        增减 = 2 5\n"
        "    }\n"
        "    check 本年 == 上年 + 2 万元 - (增减 - 2) + -0\n"
        "}\n");
    no_diags(R);
    assert_int_equal(R->m->nchecks, 1);
    const m_check *ck = &R->m->checks[0];
    assert_int_equal(ck->nops, 2);
    static const ir_op want[] = { IR_REF, IR_REF, IR_NUM, IR_ADD, IR_REF, IR_NUM, IR_SUB, IR_SUB, IR_NUM,
                                  IR_NEG, IR_ADD };
    assert_int_equal(ck->nir, sizeof want / sizeof *want);
    assert_int_equal(ck->ops[1].first, 1);
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        assert_int_equal(ck->ir[i].op, want[i]);
    /* 2 万元 is parsed once, in 元; the bare 2 is a plain number */
    assert_int_equal(ck->ir[2].u.num.v, 2 * WAN);
    assert_int_equal(ck->ir[2].kind, KIND_MONEY);
    assert_int_equal(ck->ir[5].kind, KIND_NONE);
    /* references are bound, and the check is a vector over 甲 and 乙 */
    assert_string_equal(ck->ir[0].u.ref.row->label, "本年");
    assert_true(ck->ir[0].vec);
    assert_non_null(ck->shape_b);
    assert_int_equal(ck->shape_b->ncols, 2);
    assert_int_equal(count_ids(R, CK_IDENTITY), 2);
    status_is(the_id(R, CK_IDENTITY, "甲"), ST_EXACT, 0);
    done(R);

    /* prev() of a sum: reported once, when the check is evaluated; the
     * sum's references still count for the shape */
    R = go(HEADER("")
        "table t08 \"表\" {\n"
        "    columns {\n        甲\n        乙\n    }\n"
        "    rows {\n"
        "        本年 = 10 20\n"
        "        上年 = 8 15\n"
        "    }\n"
        "    check prev(本年 + 上年) == 本年\n"
        "}\n");
    one_diag(R, DIAG_ERROR, NULL, "prev() takes a line");
    ck = &R->m->checks[0];
    assert_int_equal(ck->ir[0].op, IR_BAD);
    assert_int_equal(ck->ir[0].col, 3);     /* 本年 上年 +: shape only */
    assert_non_null(ck->shape_b);
    done(R);
}

/* Last year's lines are found by the one rule of match.h: a line moved
 * to another parent is still itself when its label is unique on both
 * sides (it used to be looked up by its path only). */
static void test_previous_by_the_matching_rule(void **state)
{
    (void)state;
    char prev[] = "/tmp/fisc-test-prev-XXXXXX";
    int fd = mkstemp(prev);
    assert_true(fd >= 0);
    const char *last = "budget \"测试单位\" {\n    year 2021\n    unit 万元\n}\n"
                       "table t1 \"表\" {\n    columns {\n        金额\n    }\n"
                       "    rows {\n        甲 = 10 {\n            子 = 4\n            丑 = 6\n        }\n"
                       "        乙 = 5\n    }\n}\n";
    assert_int_equal(write(fd, last, strlen(last)), (ssize_t)strlen(last));
    close(fd);
    char src[1024];
    snprintf(src, sizeof src, "budget \"测试单位\" {\n    year 2022\n    unit 万元\n    previous \"%s\"\n}\n"
             "table t1 \"表\" {\n    columns {\n        金额\n    }\n"
             "    rows {\n        甲 = 7 {\n            丑 = 7\n        }\n"
             "        乙 = 9 {\n            子 = 4\n            寅 = 5\n        }\n    }\n"
             "    check prev(乙/子) == 4\n    check prev(甲/丑) == 6\n    check prev(乙) == 5\n}\n", prev);
    run *R = go(src);
    unlink(prev);
    no_diags(R);
    assert_int_equal(count_ids(R, CK_IDENTITY), 3);
    for (size_t i = 0; i < R->m->nids; i++)
        status_is(&R->m->ids[i], ST_EXACT, 0);
    done(R);
}

/* The figures of each identity (for the published document's links),
 * the claim first; and last year's values as the checker knows them. */
static bool has_fig(const m_identity *id, const char *label, const char *col, m_fig_what what)
{
    for (size_t i = 0; i < id->nfigs; i++) {
        const m_fig *f = &id->figs[i];
        const m_col *c = f->row->table->cols[f->col];
        if (strcmp(f->row->label, label) == 0 && f->what == what &&
            (!col || strcmp(c->header ? c->header : c->label, col) == 0))
            return true;
    }
    return false;
}

static void test_identity_figures(void **state)
{
    (void)state;
    const char *src =
        "budget \"x\" {\n    year 2022\n    unit 万元\n}\n"
        "table t1 \"表\" {\n"
        "    columns {\n        合计 {\n            甲\n            乙\n        }\n    }\n"
        "    rows {\n        总 = 10 6 4 {\n            a = 4 3 1\n            b = 6 3 3\n        }\n    }\n"
        "    check 总 == a + b\n"
        "}\n"
        "narrative n1 \"说明\" {\n    收入 = 110 was 100 change +10 (+10%)\n    支出 = 8 was 9\n"
        "    其他 = 50 change +5\n}\n";
    run *R = calloc(1, sizeof *R);
    assert_non_null(R);
    char path[] = "/tmp/fisc-test-figs-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, src, strlen(src)), (ssize_t)strlen(src));
    close(fd);
    R->a = arena_new();
    R->names = strtab_new(R->a);
    R->d = diag_new(R->a);
    R->m = resolve_file(R->a, R->names, R->d, path);
    unlink(path);
    assert_non_null(R->m);
    R->m->record_exact = true;
    R->m->record_figures = true;
    check_model(R->a, R->d, R->m);
    no_diags(R);
    size_t seen = 0;
    for (size_t i = 0; i < R->m->nids; i++) {
        const m_identity *id = &R->m->ids[i];
        assert_non_null(id->figs);
        const m_fig *claim = &id->figs[0];
        switch (id->kind) {
        case CK_FOOTING:        /* 总 = a + b in one column */
            assert_int_equal(id->nfigs, 3);
            assert_string_equal(claim->row->label, "总");
            assert_true(has_fig(id, "a", id->column, M_FIG_VALUE) && has_fig(id, "b", id->column, M_FIG_VALUE));
            seen |= 1;
            break;
        case CK_CROSS_FOOTING:  /* 合计 = 甲 + 乙 in one line */
            assert_int_equal(id->nfigs, 3);
            assert_true(has_fig(id, claim->row->label, "合计/甲", M_FIG_VALUE) ||
                        has_fig(id, claim->row->label, "甲", M_FIG_VALUE));
            seen |= 2;
            break;
        case CK_IDENTITY:       /* the vector check, one per column */
            assert_int_equal(id->nfigs, 3);
            assert_true(has_fig(id, "总", id->column, M_FIG_VALUE) && has_fig(id, "a", id->column, M_FIG_VALUE));
            seen |= 4;
            break;
        case CK_YOY_CHANGE:
            assert_string_equal(claim->row->label, "收入");
            assert_int_equal(claim->what, M_FIG_CHANGE);
            assert_true(has_fig(id, "收入", NULL, M_FIG_PREV));
            seen |= 8;
            break;
        case CK_YOY_RATE:
            assert_int_equal(claim->what, M_FIG_RATE);
            seen |= 16;
            break;
        default:
            break;
        }
    }
    assert_int_equal(seen, 31);
    /* last year: stated with was (100, 9), derived from a change (50 - 5) */
    const m_table *n1 = model_table(R->m, "n1");
    assert_non_null(n1);
    m_value v;
    assert_true(check_prev_value(R->m, n1->rows[0], 0, &v));
    assert_true(v.v == 100 * WAN);
    assert_true(check_prev_value(R->m, n1->rows[1], 0, &v));
    assert_true(v.v == 9 * WAN);
    assert_true(check_prev_value(R->m, n1->rows[2], 0, &v));
    assert_true(v.v == 45 * WAN);
    const m_table *t1 = model_table(R->m, "t1");
    assert_false(check_prev_value(R->m, t1->rows[0], 0, &v));
    done(R);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identity_figures),
        cmocka_unit_test(test_footing_exact),
        cmocka_unit_test(test_footing_within),
        cmocka_unit_test(test_footing_broken),
        cmocka_unit_test(test_cross_footing),
        cmocka_unit_test(test_ofwhich_row),
        cmocka_unit_test(test_ofwhich_row_holds),
        cmocka_unit_test(test_ofwhich_column),
        cmocka_unit_test(test_check_scalar),
        cmocka_unit_test(test_check_vector),
        cmocka_unit_test(test_check_chained),
        cmocka_unit_test(test_check_ir),
        cmocka_unit_test(test_previous_by_the_matching_rule),
        cmocka_unit_test(test_check_within_exact_label),
        cmocka_unit_test(test_derived_parent),
        cmocka_unit_test(test_derived_heading_column),
        cmocka_unit_test(test_leaf_without_value),
        cmocka_unit_test(test_yoy_rate_exact),
        cmocka_unit_test(test_yoy_rate_wrong),
        cmocka_unit_test(test_yoy_change_mismatch),
        cmocka_unit_test(test_units_convert_exactly),
        cmocka_unit_test(test_type_money_vs_count),
        cmocka_unit_test(test_derived_yoy_rows),
        cmocka_unit_test(test_literals_take_the_kind_they_meet),
        cmocka_unit_test(test_derived_yoy_needs_last_year),
        cmocka_unit_test(test_derived_prior_year_overflow_is_named),
        cmocka_unit_test(test_missing_value_reported_once_beside_yoy_line),
        cmocka_unit_test(test_table_id_limit),
        cmocka_unit_test(test_csv_converts_to_the_budget_unit),
        cmocka_unit_test(test_column_set_shared),
        cmocka_unit_test(test_type_counts_differ),
        cmocka_unit_test(test_type_counts_differ_in_sum),
        cmocka_unit_test(test_type_text_in_amount_column),
        cmocka_unit_test(test_count_literal),
        cmocka_unit_test(test_tolerance_n2),
        cmocka_unit_test(test_tolerance_n3),
        cmocka_unit_test(test_tolerance_n4),
        cmocka_unit_test(test_tolerance_exact_header),
        cmocka_unit_test(test_tolerance_fixed_header),
        cmocka_unit_test(test_strict),
        cmocka_unit_test(test_rounding_cents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
