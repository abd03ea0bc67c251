/* test_emit.c: the CSV emitter and the consistency report on models built
 * by hand.
 *
 * Each test assembles a small m_table / m_model in an arena (no parser, no
 * resolver), emits into an open_memstream buffer and compares bytes, so a
 * failure points at the emitter alone. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "emit.h"
#include "source.h"

/* Raw dec for a whole number of 万元 / of base units. */
#define WAN(x) ((dec)(x) * 10000 * DEC_ONE)
#define D(x) ((dec)(x) * DEC_ONE)

typedef struct capture {
    FILE *f;
    char *buf;
    size_t len;
} capture;

static void cap_open(capture *c)
{
    c->buf = NULL;
    c->len = 0;
    c->f = open_memstream(&c->buf, &c->len);
    assert_non_null(c->f);
}

/* Closes the stream; c->buf holds the bytes (free it). */
static void cap_close(capture *c)
{
    assert_int_equal(fclose(c->f), 0);
}

static const unit_info *wan(void)
{
    return unit_lookup("万元", strlen("万元"));
}

/* A table with the given printed column headers (NULL header = a heading
 * column, not printed). */
static m_table *mk_table(arena *a, const char *id, bool codes, int precision,
                         size_t ncols, const char **headers)
{
    m_table *t = arena_alloc(a, sizeof *t);
    t->id = id;
    t->title = "测试表";
    t->unit = wan();
    t->precision = precision;
    static const char *const code_head[] = { "编码" };
    t->has_codes = codes;
    t->code_heads = code_head;          /* as the resolver sets them */
    t->ncode_cols = codes ? 1 : 0;
    t->ncols = ncols;
    t->cols = arena_alloc(a, ncols * sizeof *t->cols);
    for (size_t i = 0; i < ncols; i++) {
        m_col *c = arena_alloc(a, sizeof *c);
        c->label = headers[i] ? headers[i] : "heading";
        c->header = headers[i];
        c->printed = headers[i] != NULL;
        c->heading = headers[i] == NULL;
        c->index = i;
        t->cols[i] = c;
    }
    return t;
}

static m_row *add_row(arena *a, m_table *t, const char *code, const char *label)
{
    m_row *r = arena_alloc(a, sizeof *r);
    r->code = code;
    r->label = label;
    r->table = t;
    r->cells = arena_alloc(a, t->ncols * sizeof *r->cells);
    t->printed = arena_grow(a, t->printed, t->nprinted * sizeof *t->printed,
                            (t->nprinted + 1) * sizeof *t->printed);
    t->printed[t->nprinted++] = r;
    return r;
}

static void set_money(m_row *r, size_t c, dec v)
{
    r->cells[c] = (m_value){ .present = true, .declared = true,
                             .kind = KIND_MONEY, .v = v };
    m_value_set_unit(&r->cells[c], wan());
}

static void set_kind(m_row *r, size_t c, qty_kind k, dec v)
{
    r->cells[c] = (m_value){ .present = true, .declared = true, .kind = k, .v = v };
}

static void set_text(m_row *r, size_t c, const char *s)
{
    r->cells[c] = (m_value){ .present = true, .declared = true,
                             .kind = KIND_TEXT, .str = s };
}

/* Emits t and asserts the exact bytes. */
static void expect_csv(const m_table *t, const csv_opts *o, const char *want)
{
    capture c;
    cap_open(&c);
    assert_int_equal(emit_csv(c.f, t, o), 0);
    cap_close(&c);
    assert_string_equal(c.buf, want);
    assert_int_equal(c.len, strlen(want));
    free(c.buf);
}

static void test_codes_and_headers(void **state)
{
    (void)state;
    arena *a = arena_new();
    const char *h[] = { "总计", NULL, "政府预算拨款/小计", "政府预算拨款/一般公共预算拨款" };
    m_table *t = mk_table(a, "t07", true, 0, 4, h);
    m_row *r = add_row(a, t, NULL, "深圳市社会保险基金管理局龙岗分局");
    set_money(r, 0, WAN(7076));
    set_money(r, 1, WAN(9999));          /* under a heading: never printed */
    set_money(r, 2, WAN(5399));
    set_money(r, 3, WAN(1677));
    r = add_row(a, t, "205", "教育支出");
    set_money(r, 0, WAN(11));
    set_money(r, 2, WAN(11));
    /* column 3 absent: empty */
    expect_csv(t, NULL,
               "编码,项目,总计,政府预算拨款/小计,政府预算拨款/一般公共预算拨款\n"
               ",深圳市社会保险基金管理局龙岗分局,7076,5399,1677\n"
               "205,教育支出,11,11,\n");

    t->has_codes = false;
    t->ncode_cols = 0;
    expect_csv(t, NULL,
               "项目,总计,政府预算拨款/小计,政府预算拨款/一般公共预算拨款\n"
               "深圳市社会保险基金管理局龙岗分局,7076,5399,1677\n"
               "教育支出,11,11,\n");
    arena_free(a);
}

static void test_precision_and_negatives(void **state)
{
    (void)state;
    arena *a = arena_new();
    const char *h[] = { "2022年", "增减" };
    m_table *t = mk_table(a, "t08", false, 2, 2, h);
    m_row *r = add_row(a, t, NULL, "社会保险业务管理");
    set_money(r, 0, WAN(27));
    set_money(r, 1, -WAN(36));
    r = add_row(a, t, NULL, "零头");
    set_money(r, 0, D(12345));           /* 1.2345 万元 -> 1.23 at 2 places */
    set_money(r, 1, -D(5));              /* -0.0005 万元 rounds to 0: no "-0" */
    expect_csv(t, NULL,
               "项目,2022年,增减\n"
               "社会保险业务管理,27.00,-36.00\n"
               "零头,1.23,0.00\n");
    t->precision = 0;
    expect_csv(t, NULL,
               "项目,2022年,增减\n"
               "社会保险业务管理,27,-36\n"
               "零头,1,0\n");
    /* A table in 元 prints the same amounts in 元. */
    t->unit = unit_lookup("元", strlen("元"));
    expect_csv(t, NULL,
               "项目,2022年,增减\n"
               "社会保险业务管理,270000,-360000\n"
               "零头,12345,-5\n");
    arena_free(a);
}

static void test_counts_rates_text(void **state)
{
    (void)state;
    arena *a = arena_new();
    const char *h[] = { "数量", "比率", "说明", "空" };
    m_table *t = mk_table(a, "t10", false, 0, 4, h);
    m_row *r = add_row(a, t, NULL, "终端机");
    set_kind(r, 0, KIND_COUNT, D(105));  /* counts never scale by the unit */
    set_kind(r, 1, KIND_RATE, -D(4));    /* percentage points, no '%' */
    set_text(r, 2, "有效提升");
    expect_csv(t, NULL,
               "项目,数量,比率,说明,空\n"
               "终端机,105,-4,有效提升,\n");
    arena_free(a);
}

static void test_label_quoting(void **state)
{
    (void)state;
    arena *a = arena_new();
    const char *h[] = { "总计,含结转", "说\"明\"" };
    m_table *t = mk_table(a, "t01", true, 0, 2, h);
    m_row *r = add_row(a, t, "20,1", "一、收入,合计");
    set_money(r, 0, WAN(1));
    set_text(r, 1, "两行\n文字");
    add_row(a, t, NULL, "引号\"标签\"");
    expect_csv(t, NULL,
               "编码,项目,\"总计,含结转\",\"说\"\"明\"\"\"\n"
               "\"20,1\",\"一、收入,合计\",1,\"两行\n文字\"\n"
               ",\"引号\"\"标签\"\"\",,\n");
    arena_free(a);
}

static void test_indicators(void **state)
{
    (void)state;
    arena *a = arena_new();
    const char *h[] = { "预算金额（万元）/总额", "产出指标/数量指标", "效益指标/社会效益指标" };
    m_table *t = mk_table(a, "t11", true, 0, 3, h);
    for (size_t c = 1; c < 3; c++)         /* the indicator groups, as the resolver makes them */
        t->cols[c]->indicator = t->cols[c]->text = true;
    m_row *r = add_row(a, t, NULL, "基本支出");
    set_money(r, 0, WAN(5399));
    t->nindicators = 2;
    t->indicators = arena_alloc(a, 2 * sizeof *t->indicators);
    t->indicators[0] = (m_indicator){ .level1 = "产出指标", .level2 = "数量指标",
        .name = "文书邮寄费数", .rel = REL_GE, .col = 1,
        .target = { .present = true, .kind = KIND_COUNT, .v = D(7500) }, .published = "≧7500单" };
    t->indicators[1] = (m_indicator){ .level1 = "效益指标", .level2 = "社会效益指标",
        .name = "提升, 服务", .rel = REL_EQ, .col = 2,
        .target = { .present = true, .kind = KIND_TEXT, .str = "有效提升" }, .published = "有效提升" };
    expect_csv(t, NULL,
               "编码,项目,预算金额（万元）/总额,产出指标/数量指标,效益指标/社会效益指标\n"
               ",基本支出,5399,,\n"
               ",文书邮寄费数,,≧7500单,\n"
               ",\"提升, 服务\",,,有效提升\n");
    t->has_codes = false;
    t->ncode_cols = 0;
    expect_csv(t, NULL,
               "项目,预算金额（万元）/总额,产出指标/数量指标,效益指标/社会效益指标\n"
               "基本支出,5399,,\n"
               "文书邮寄费数,,≧7500单,\n"
               "\"提升, 服务\",,,有效提升\n");
    arena_free(a);
}

static void test_bom_crlf(void **state)
{
    (void)state;
    arena *a = arena_new();
    const char *h[] = { "总计" };
    m_table *t = mk_table(a, "t02", false, 0, 1, h);
    m_row *r = add_row(a, t, NULL, "两行\n标签");
    set_money(r, 0, WAN(3));
    csv_opts bom = { true, false }, crlf = { false, true }, both = { true, true };
    expect_csv(t, &bom, "\xEF\xBB\xBF项目,总计\n\"两行\n标签\",3\n");
    /* CRLF ends records; a newline inside a quoted field stays as written. */
    expect_csv(t, &crlf, "项目,总计\r\n\"两行\n标签\",3\r\n");
    expect_csv(t, &both, "\xEF\xBB\xBF项目,总计\r\n\"两行\n标签\",3\r\n");
    /* An empty table still has its header. */
    t->nprinted = 0;
    expect_csv(t, NULL, "项目,总计\n");
    arena_free(a);
}

static void test_write_error(void **state)
{
    (void)state;
    FILE *f = fopen("/dev/full", "w");
    if (!f)
        skip();
    setvbuf(f, NULL, _IONBF, 0);
    arena *a = arena_new();
    const char *h[] = { "总计" };
    m_table *t = mk_table(a, "t02", false, 0, 1, h);
    add_row(a, t, NULL, "x");
    assert_int_equal(emit_csv(f, t, NULL), -1);
    m_model m;
    memset(&m, 0, sizeof m);
    clearerr(f);
    assert_int_equal(emit_report(f, &m, "x.fisc", REPORT_JSON), -1);
    fclose(f);
    arena_free(a);
}

/* ---- report ---- */

/* A model of two tables and four identities: exact, within rounding,
 * broken, and a top-level check with awkward characters. */
static m_model *mk_model(arena *a)
{
    m_model *m = arena_alloc(a, sizeof *m);
    m->record_exact = true;     /* a full report: every identity listed */
    m->budget.entity = "深圳市社会保险基金管理局龙岗分局";
    m->budget.year = 2022;
    m->budget.unit = wan();
    m->budget.rounding = WAN(1);
    const char *src = "budget\n  table t04\n    对个人 = 249\n  check x\n";
    src_file *f = src_from_memory(a, "ex/longgang.fisc", src, strlen(src));
    const char *h[] = { "总计" };
    m_table *t3 = mk_table(a, "t03", false, 0, 1, h);
    t3->title = "支出总表";
    m_table *t4 = mk_table(a, "t04", false, 0, 1, h);
    t4->title = "基本支出总表";
    m->ntables = 2;
    m->tables = arena_alloc(a, 2 * sizeof *m->tables);
    m->tables[0] = t3;
    m->tables[1] = t4;
    m->nids = 4;
    m->ids = arena_alloc(a, 4 * sizeof *m->ids);
    uint32_t line3 = (uint32_t)(strstr(src, "对个人") - src);
    uint32_t line4 = (uint32_t)(strstr(src, "check") - src);
    m->ids[0] = (m_identity){ .id = 1, .kind = CK_FOOTING, .table = t4,
        .at = { f, line3 + 6, line3 + 6 },
        .expression = "对个人和家庭的补助 == 退休费 + 生活补助 + 奖励金",
        .column = "总计", .kind_of_values = KIND_MONEY, .pow10 = 4,
        .unit_name = "万元", .lhs = WAN(249), .rhs = WAN(250), .diff = -WAN(1),
        .tolerance = WAN(2), .tolerance_strict = true,
        .rule = "rounding: 4 figures × ½ 万元", .status = ST_WITHIN };
    m->ids[1] = (m_identity){ .id = 2, .kind = CK_CROSS_FOOTING, .table = t3,
        .at = { f, 0, 6 }, .expression = "总计 == 基本支出 + 项目支出",
        .column = NULL, .kind_of_values = KIND_MONEY, .pow10 = 4,
        .unit_name = "万元", .lhs = WAN(7440), .rhs = WAN(7440), .diff = 0,
        .tolerance = D(15000), .tolerance_strict = true,
        .rule = "rounding: 3 figures × ½ 万元", .status = ST_EXACT };
    m->ids[2] = (m_identity){ .id = 3, .kind = CK_YOY_RATE, .table = t4,
        .at = { f, line3, line3 + 3 }, .expression = "rate(对个人)",
        .kind_of_values = KIND_RATE, .pow10 = 0, .unit_name = "%",
        .lhs = -D(4), .rhs = -D(3) - D(5) / 10, .diff = -D(5) / 10,
        .tolerance = 0, .tolerance_strict = false, .rule = "exact",
        .status = ST_BROKEN };
    m->ids[3] = (m_identity){ .id = 4, .kind = CK_IDENTITY, .table = NULL,
        .at = { f, line4, line4 + 5 },
        .expression = "\"引号\" \\ back\x01 tab\t bad\xff end",
        .column = "a,b", .kind_of_values = KIND_MONEY, .pow10 = 4,
        .unit_name = "万元", .lhs = 0, .rhs = 0, .diff = 0,
        .tolerance = 0, .rule = "exact", .status = ST_EXACT };
    return m;
}

static char *report(const m_model *m, report_format f)
{
    capture c;
    cap_open(&c);
    assert_int_equal(emit_report(c.f, m, "ex/longgang.fisc", f), 0);
    cap_close(&c);
    return c.buf;
}

static void test_report_json(void **state)
{
    (void)state;
    arena *a = arena_new();
    m_model *m = mk_model(a);
    char *s = report(m, REPORT_JSON);
    assert_non_null(strstr(s,
        "{\n  \"budget\": {\"entity\": \"深圳市社会保险基金管理局龙岗分局\", "
        "\"year\": 2022, \"unit\": \"万元\", \"rounding\": \"1\", "
        "\"source\": \"ex/longgang.fisc\"},\n"));
    assert_non_null(strstr(s,
        "  \"summary\": {\"exact\": 2, \"within_rounding\": 1, \"broken\": 1, \"known\": 0, \"total\": 4},\n"));
    assert_non_null(strstr(s,
        "    {\"id\": 1, \"kind\": \"footing\", \"table\": \"t04\", "
        "\"file\": \"ex/longgang.fisc\", \"line\": 3, \"column\": 7, "
        "\"expression\": \"对个人和家庭的补助 == 退休费 + 生活补助 + 奖励金\", "
        "\"in_column\": \"总计\", \"unit\": \"万元\", \"lhs\": \"249\", \"rhs\": \"250\", "
        "\"difference\": \"-1\", \"tolerance\": \"2\", \"tolerance_bound\": \"<\", "
        "\"rule\": \"rounding: 4 figures × ½ 万元\", \"status\": \"within_rounding\"},\n"));
    /* Exact decimals: 1.5 万元 stays 1.5; rates in points. */
    assert_non_null(strstr(s, "\"in_column\": null, \"unit\": \"万元\", \"lhs\": \"7440\", "
                              "\"rhs\": \"7440\", \"difference\": \"0\", \"tolerance\": \"1.5\""));
    assert_non_null(strstr(s, "\"lhs\": \"-4\", \"rhs\": \"-3.5\", \"difference\": \"-0.5\", "
                              "\"tolerance\": \"0\", \"tolerance_bound\": \"<=\""));
    /* Escaping: quotes, backslash, control characters, invalid UTF-8. */
    assert_non_null(strstr(s, "\"table\": null, \"file\": \"ex/longgang.fisc\", \"line\": 4, "
                              "\"column\": 3, \"expression\": "
                              "\"\\\"引号\\\" \\\\ back\\u0001 tab\\t bad\\ufffd end\", "
                              "\"in_column\": \"a,b\""));
    /* The last identity closes the array; the document ends in a newline. */
    size_t n = strlen(s);
    assert_true(n > 8);
    assert_string_equal(s + n - 8, "}\n  ]\n}\n");
    assert_null(strchr(s, '\t'));
    assert_null(strstr(s, "\x01"));
    /* Deterministic. */
    char *again = report(m, REPORT_JSON);
    assert_string_equal(s, again);
    free(again);
    free(s);

    /* No identities, an unlocated one. */
    m->nids = 0;
    s = report(m, REPORT_JSON);
    assert_non_null(strstr(s, "\"summary\": {\"exact\": 0, \"within_rounding\": 0, "
                              "\"broken\": 0, \"known\": 0, \"total\": 0},\n  \"identities\": []\n}\n"));
    free(s);
    m->nids = 1;
    m->ids[0].at.file = NULL;
    s = report(m, REPORT_JSON);
    assert_non_null(strstr(s, "\"file\": null, \"line\": null, \"column\": null"));
    free(s);

    /* Compact: the exact identities counted per table and kind, only the
     * others listed (docs/report.md). */
    m->record_exact = false;
    m->nids = 0;
    m->nunrecorded = 5;
    m->tables[0]->exact[CK_FOOTING] = 3;
    m->exact_top[CK_IDENTITY] = 2;
    s = report(m, REPORT_JSON);
    assert_non_null(strstr(s, "\"summary\": {\"exact\": 5, \"within_rounding\": 0, \"broken\": 0, \"known\": 0, \"total\": 5},\n"
                              "  \"exact_by_table\": [\n"
                              "    {\"table\": \"t03\", \"exact\": 3, \"kinds\": {\"footing\": 3}},\n"
                              "    {\"table\": null, \"exact\": 2, \"kinds\": {\"identity\": 2}}\n  ],\n"
                              "  \"identities\": []\n}\n"));
    free(s);
    s = report(m, REPORT_TEXT);
    assert_non_null(strstr(s, ": 5 identities — 5 exact, 0 within rounding, 0 broken\n"));
    assert_non_null(strstr(s, "\nt03 支出总表\n  ✓ 3 exact: footing 3\n\nchecks\n  ✓ 2 exact: identity 2\n"));
    free(s);
    arena_free(a);
}

static void test_report_csv(void **state)
{
    (void)state;
    arena *a = arena_new();
    m_model *m = mk_model(a);
    char *s = report(m, REPORT_CSV);
    const char *want =
        "id,kind,table,file,line,column,expression,in_column,lhs,rhs,difference,tolerance,status,known,in_row\n"
        "1,footing,t04,ex/longgang.fisc,3,7,对个人和家庭的补助 == 退休费 + 生活补助 + 奖励金,总计,"
        "249,250,-1,2,within_rounding,,\n"
        "2,cross-footing,t03,ex/longgang.fisc,1,1,总计 == 基本支出 + 项目支出,,"
        "7440,7440,0,1.5,exact,,\n"
        "3,yoy-rate,t04,ex/longgang.fisc,3,5,rate(对个人),,-4,-3.5,-0.5,0,broken,,\n"
        "4,identity,,ex/longgang.fisc,4,3,\"\"\"引号\"\" \\ back\\x01 tab\t bad\\xff end\",\"a,b\","
        "0,0,0,0,exact,,\n";
    assert_string_equal(s, want);
    free(s);
    arena_free(a);
}

static void test_report_text(void **state)
{
    (void)state;
    arena *a = arena_new();
    m_model *m = mk_model(a);
    char *s = report(m, REPORT_TEXT);
    const char *first = "深圳市社会保险基金管理局龙岗分局 2022: 4 identities — "
                        "2 exact, 1 within rounding, 1 broken\n";
    assert_memory_equal(s, first, strlen(first));
    /* Broken before within rounding, both in full. */
    char *broken = strstr(s, "\nBROKEN (1):\n  ex/longgang.fisc:3:5: yoy-rate in t04 (#3)\n");
    char *within = strstr(s, "\nwithin rounding (1):\n  ex/longgang.fisc:3:7: footing in t04 (#1)\n"
                             "      对个人和家庭的补助 == 退休费 + 生活补助 + 奖励金   [总计]\n"
                             "      249 vs 250: difference -1 万元; tolerance: "
                             "rounding: 4 figures × ½ 万元\n");
    assert_non_null(broken);
    assert_non_null(within);
    assert_true(broken < within);
    /* Grouped by table in model order, top-level checks last; report
     * order within a table. */
    char *g3 = strstr(s, "\nt03 支出总表\n  ✓ 2 ex/longgang.fisc:1:1 cross-footing: ");
    char *g4 = strstr(s, "\nt04 基本支出总表\n  ≈ 1 ex/longgang.fisc:3:7 footing: ");
    char *g4b = strstr(s, "\n  ✗ 3 ex/longgang.fisc:3:5 yoy-rate: rate(对个人) — -4 vs -3.5, "
                          "difference -0.5\n");
    char *gc = strstr(s, "\nchecks\n  ✓ 4 ex/longgang.fisc:4:3 identity: ");
    assert_non_null(g3);
    assert_non_null(g4);
    assert_non_null(g4b);
    assert_non_null(gc);
    assert_true(within < g3 && g3 < g4 && g4 < g4b && g4b < gc);
    /* Control characters cannot reach the terminal raw. */
    assert_non_null(strstr(gc, "identity: \"引号\" \\ back\\x01 tab\\t bad\\xff end [a,b] — 0 vs 0\n"));
    assert_null(strchr(s, '\t'));
    free(s);

    /* All exact: no problem sections. */
    m->ids[0].status = m->ids[2].status = ST_EXACT;
    s = report(m, REPORT_TEXT);
    assert_non_null(strstr(s, "4 identities — 4 exact, 0 within rounding, 0 broken\n"));
    assert_null(strstr(s, "BROKEN"));
    assert_null(strstr(s, "within rounding ("));
    free(s);

    /* Without a rule the bound is spelled out. */
    m->ids[2].status = ST_BROKEN;
    m->ids[2].rule = NULL;
    s = report(m, REPORT_TEXT);
    assert_non_null(strstr(s, "      -4 vs -3.5: difference -0.5 percentage points; "
                              "tolerance: |difference| <= 0\n"));
    free(s);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_codes_and_headers),
        cmocka_unit_test(test_precision_and_negatives),
        cmocka_unit_test(test_counts_rates_text),
        cmocka_unit_test(test_label_quoting),
        cmocka_unit_test(test_indicators),
        cmocka_unit_test(test_bom_crlf),
        cmocka_unit_test(test_write_error),
        cmocka_unit_test(test_report_json),
        cmocka_unit_test(test_report_csv),
        cmocka_unit_test(test_report_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
