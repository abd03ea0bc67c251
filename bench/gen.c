/* gen.c: writes a synthetic, valid fisc budget of about N source lines, or
 * the equivalent ledger/hledger journal, for `make bench`.
 *
 *   bench-gen N [SEED]            a fisc budget on stdout
 *   bench-gen --ledger N [SEED]   the equivalent journal on stdout
 *   bench-gen --edit N [SEED]     the same budget, edited: every 50th
 *                                 department's amounts doubled (for `fisc diff`)
 *
 * The budget is a consolidated one: many departments, each with
 *   f<i>  a function-classification table (类 → 款 → 项, 3/5/7-digit codes)
 *         with 支出总计 { 基本支出 项目支出 } and a 资金来源 column tree,
 *   e<i>  an economic-classification table of its 基本支出,
 *   p<i>  a project table of its 项目支出 (一级 → 二级 projects),
 *   n<i>  a narrative with year-over-year changes and rates,
 * explicit checks tying them together, and at the end a summary table
 * s00 with last year's values (`was`) and the changes.  Leaves are random,
 * every parent is stated and equal to the sum of its children, every
 * stated change and rate agrees with the checker's rule, so `fisc check`
 * exits 0.  Output depends only on N and SEED (splitmix64).
 *
 * The journal holds the same lines: every leaf is a posting (in the
 * table's first column), every parent one balanced transaction whose
 * children are its postings and whose total is posted to a 合计 account
 * with a balance assertion (`= -TOTAL`).  Checks across tables have no
 * ledger equivalent and are left out. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- PRNG ------------------------------------------------------------- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* uniform in [lo, hi] */
static long rint_in(long lo, long hi)
{
    if (hi <= lo)
        return lo;
    return lo + (long)(rnd() % (uint64_t)(hi - lo + 1));
}

static bool chance(int percent)
{
    return (long)(rnd() % 100) < percent;
}

/* an amount in 万元, spread over several orders of magnitude */
static int64_t amount(int64_t scale)
{
    int mag = (int)rint_in(0, 3);
    int64_t m = scale;
    for (int i = 0; i < mag; i++)
        m *= 10;
    return (int64_t)rint_in(0, (long)m);
}

/* ---- output buffer ---------------------------------------------------- */

typedef struct {
    char *p;
    size_t len, cap;
    long lines;
} sbuf;

static void sb_grow(sbuf *b, size_t need)
{
    if (b->len + need + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 65536;
    while (cap < b->len + need + 1)
        cap *= 2;
    b->p = realloc(b->p, cap);
    if (!b->p) {
        fputs("bench-gen: out of memory\n", stderr);
        exit(2);
    }
    b->cap = cap;
}

__attribute__((format(printf, 2, 3))) static void sb_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    sb_grow(b, 512);
    va_start(ap, fmt);
    int n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    if ((size_t)n >= b->cap - b->len) {
        sb_grow(b, (size_t)n);
        va_start(ap, fmt);
        vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
        va_end(ap);
    }
    for (int i = 0; i < n; i++)
        if (b->p[b->len + (size_t)i] == '\n')
            b->lines++;
    b->len += (size_t)n;
}

static void sb_indent(sbuf *b, int depth)
{
    sb_grow(b, (size_t)depth * 4);
    memset(b->p + b->len, ' ', (size_t)depth * 4);
    b->len += (size_t)depth * 4;
}

static void sb_flush(sbuf *b)
{
    fwrite(b->p, 1, b->len, stdout);
    b->len = 0;
}

/* --edit: the amounts printed are multiplied by this (1 or 2).  Doubling
 * every figure of a department keeps its sums, changes and rates true, and
 * leaves the random stream untouched, so the edited budget differs from
 * the original in those departments' figures only. */
static int64_t out_scale = 1;

/* "12,345", with a sign when `plus` (or negative) */
static const char *num(char *buf, int64_t v, bool plus)
{
    char digits[32];
    v *= out_scale;
    bool neg = v < 0;
    uint64_t u = neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)u);
    char *o = buf;
    if (neg)
        *o++ = '-';
    else if (plus)
        *o++ = '+';
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            *o++ = ',';
        *o++ = digits[i];
    }
    *o = '\0';
    return buf;
}

/* ---- vocabulary ------------------------------------------------------- */

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const struct {
    int code;
    const char *name;
} LEI[] = {
    {201, "一般公共服务支出"},   {203, "国防支出"},         {204, "公共安全支出"},
    {205, "教育支出"},           {206, "科学技术支出"},     {207, "文化旅游体育与传媒支出"},
    {208, "社会保障和就业支出"}, {210, "卫生健康支出"},     {211, "节能环保支出"},
    {212, "城乡社区支出"},       {213, "农林水支出"},       {214, "交通运输支出"},
    {215, "资源勘探工业信息等支出"}, {216, "商业服务业等支出"}, {217, "金融支出"},
    {220, "自然资源海洋气象等支出"}, {221, "住房保障支出"},   {222, "粮油物资储备支出"},
    {224, "灾害防治及应急管理支出"}, {227, "预备费"},         {229, "其他支出"},
    {232, "债务付息支出"},
};

/* 款: STEM + KSUF;  项: PRE + STEM2 + XSUF */
static const char *const KSTEM[] = {
    "人大", "政协", "政府办公厅", "发展与改革", "统计信息", "财政", "税收", "审计", "人力资源",
    "纪检监察", "商贸", "知识产权", "民族", "港澳台", "档案", "群众团体", "组织", "宣传",
    "统战", "网信", "市场监督", "普通教育", "职业教育", "成人教育", "特殊教育", "进修及培训",
    "基础研究", "应用研究", "技术研究与开发", "科技条件与服务", "文化和旅游", "文物", "体育",
    "广播电视", "就业补助", "抚恤", "退役安置", "社会福利", "残疾人", "公共卫生", "中医药",
    "计划生育", "医疗保障", "环境保护", "污染防治", "自然生态保护", "城乡社区管理",
    "城乡社区规划", "城乡社区公共设施", "农业农村", "林业和草原", "水利", "扶贫", "公路水路运输",
    "铁路运输", "民用航空", "邮政业", "制造业", "工业和信息产业", "国有资产监管",
};
static const char *const KSUF[] = {
    "事务", "管理事务", "服务", "保障", "发展", "监管", "建设",
};
static const char *const XPRE[] = {
    "", "专项", "基层", "公共", "重点", "综合", "区级", "街道",
};
static const char *const XSTEM[] = {
    "行政运行", "一般行政管理", "机关服务", "信息化建设", "业务管理", "专项业务", "事业运行",
    "课题研究", "设备购置", "宣传推广", "培训", "监督检查", "应急处置", "安全生产", "资料编印",
    "咨询评估", "标准制定", "数据采集", "平台运维", "档案管理", "执法办案", "设施维护",
    "人才引进", "交流合作", "考核评价", "技术推广", "普查调查", "质量监测", "工程建设", "资产管理",
};
static const char *const XSUF[] = {
    "支出", "经费", "补助", "项目", "费用",
};

static const char *const DIST[] = {
    "福田区", "罗湖区", "南山区", "盐田区", "宝安区", "龙岗区", "龙华区", "坪山区", "光明区",
    "大鹏新区", "前海", "深汕合作区",
};
static const char *const BUREAU[] = {
    "教育局", "卫生健康局", "民政局", "财政局", "人力资源局", "司法局", "应急管理局",
    "文化广电旅游体育局", "住房和建设局", "交通运输局", "水务局", "城市管理和综合执法局",
    "市场监督管理局", "科技创新局", "工业和信息化局", "规划和自然资源局", "生态环境局",
    "统计局", "审计局", "退役军人事务局", "医疗保障局", "政务服务数据管理局", "发展和改革局",
    "国有资产监督管理局", "信访局", "档案馆", "图书馆", "疾病预防控制中心", "人民医院",
    "社会保险基金管理分局",
};

static const char *const PROJ1[] = {
    "信息系统运维", "基础设施改造", "公共服务提升", "专项执法", "民生实事", "人才培养",
    "课题研究", "宣传教育", "设备更新", "安全保障", "应急储备", "数据治理", "政府购买服务",
    "重点工程", "社区治理",
};
static const char *const PROJ2[] = {
    "一期", "二期", "三期", "运维", "建设", "采购", "咨询", "监理", "评估", "推广", "培训",
    "物资", "劳务", "租赁", "维护", "升级",
};

/* Economic classification (部门预算支出经济分类: 类 3 digits → 款 5). */
static const struct {
    int code;
    const char *name;
} ECON[] = {
    {301, "工资福利支出"},
    {30101, "基本工资"}, {30102, "津贴补贴"}, {30103, "奖金"}, {30106, "伙食补助费"},
    {30107, "绩效工资"}, {30108, "机关事业单位基本养老保险缴费"}, {30109, "职业年金缴费"},
    {30110, "职工基本医疗保险缴费"}, {30111, "公务员医疗补助缴费"}, {30112, "其他社会保障缴费"},
    {30113, "住房公积金"}, {30114, "医疗费"}, {30199, "其他工资福利支出"},
    {302, "商品和服务支出"},
    {30201, "办公费"}, {30202, "印刷费"}, {30203, "咨询费"}, {30204, "手续费"}, {30205, "水费"},
    {30206, "电费"}, {30207, "邮电费"}, {30209, "物业管理费"}, {30211, "差旅费"},
    {30212, "因公出国（境）费用"}, {30213, "维修（护）费"}, {30214, "租赁费"}, {30215, "会议费"},
    {30216, "培训费"}, {30217, "公务接待费"}, {30218, "专用材料费"}, {30226, "劳务费"},
    {30227, "委托业务费"}, {30228, "工会经费"}, {30229, "福利费"}, {30231, "公务用车运行维护费"},
    {30239, "其他交通费用"}, {30299, "其他商品和服务支出"},
    {303, "对个人和家庭的补助"},
    {30301, "离休费"}, {30302, "退休费"}, {30304, "抚恤金"}, {30305, "生活补助"},
    {30307, "医疗费补助"}, {30309, "奖励金"}, {30399, "其他对个人和家庭的补助"},
    {310, "资本性支出"},
    {31002, "办公设备购置"}, {31003, "专用设备购置"}, {31007, "信息网络及软件购置更新"},
    {31099, "其他资本性支出"},
};

/* ---- the function classification ------------------------------------- */

typedef struct {
    int code;
    char name[128];
    int first, n; /* children: 款 of a 类, 项 of a 款 */
    int parent;   /* 类 of a 款, 款 of a 项 */
} cnode;

static cnode *lei, *kuan, *xiang;
static int nlei, nkuan, nxiang;

static void build_classification(long budget)
{
    nlei = (int)(budget / 40);
    if (nlei < 3)
        nlei = 3;
    if (nlei > NELEM(LEI))
        nlei = NELEM(LEI);
    long per = budget / nlei; /* lines per 类 */
    int kbar = 1;
    while ((kbar + 1) * (kbar + 1) * 2 < per && kbar < 45)
        kbar++;
    int xbar = (int)(per / kbar) - 2;
    if (xbar < 1)
        xbar = 1;
    if (xbar > 45) /* 2 * xbar - 1 children must fit two code digits */
        xbar = 45;
    lei = calloc((size_t)nlei, sizeof *lei);
    kuan = calloc((size_t)nlei * 2 * (size_t)kbar + 1, sizeof *kuan);
    xiang = calloc((size_t)nlei * 2 * (size_t)kbar * 2 * (size_t)xbar + 1, sizeof *xiang);
    int kname = 0, xname = 0;
    /* a random subset of the 类, kept in code order */
    int pick[NELEM(LEI)], np = 0;
    for (int i = 0; i < NELEM(LEI); i++)
        pick[np++] = i;
    for (int i = np - 1; i > 0; i--) {
        int j = (int)rint_in(0, i), t = pick[i];
        pick[i] = pick[j];
        pick[j] = t;
    }
    for (int i = 0; i < nlei; i++)
        for (int j = i + 1; j < nlei; j++)
            if (pick[j] < pick[i]) {
                int t = pick[i];
                pick[i] = pick[j];
                pick[j] = t;
            }
    int nks = NELEM(KSTEM) * NELEM(KSUF);
    int nxs = NELEM(XPRE) * NELEM(XSTEM) * NELEM(XSUF);
    /* names are the vocabulary's products from a random start; a second
     * round through them gets a 第N类/第N项 suffix to stay unique */
    int kstart = (int)rint_in(0, nks - 1), xstart = (int)rint_in(0, nxs - 1);
    for (int l = 0; l < nlei; l++) {
        cnode *L = &lei[l];
        L->code = LEI[pick[l]].code;
        snprintf(L->name, sizeof L->name, "%s", LEI[pick[l]].name);
        L->first = nkuan;
        L->n = (int)rint_in(1, 2L * kbar - 1);
        for (int k = 0; k < L->n; k++) {
            cnode *K = &kuan[nkuan];
            K->parent = l;
            K->code = L->code * 100 + k + 1;
            int id = kname++, s = (kstart + id) % nks;
            if (id / nks)
                snprintf(K->name, sizeof K->name, "%s%s第%d类", KSTEM[s % NELEM(KSTEM)],
                         KSUF[s / NELEM(KSTEM)], id / nks + 1);
            else
                snprintf(K->name, sizeof K->name, "%s%s", KSTEM[s % NELEM(KSTEM)], KSUF[s / NELEM(KSTEM)]);
            K->first = nxiang;
            K->n = (int)rint_in(1, 2L * xbar - 1);
            for (int x = 0; x < K->n; x++) {
                cnode *X = &xiang[nxiang++];
                X->parent = nkuan;
                X->code = K->code * 100 + x + 1;
                int xid = xname++, xs = (xstart + xid) % nxs;
                int a = xs % NELEM(XSTEM), b = (xs / NELEM(XSTEM)) % NELEM(XSUF),
                    c = xs / (NELEM(XSTEM) * NELEM(XSUF));
                if (xid / nxs)
                    snprintf(X->name, sizeof X->name, "%s%s%s第%d项", XPRE[c], XSTEM[a], XSUF[b], xid / nxs + 1);
                else
                    snprintf(X->name, sizeof X->name, "%s%s%s", XPRE[c], XSTEM[a], XSUF[b]);
            }
            nkuan++;
        }
    }
}

static void emit_classifications(sbuf *b)
{
    sb_printf(b, "classification 支出功能分类 \"政府收支分类科目 支出功能分类\" {\n");
    for (int l = 0; l < nlei; l++) {
        sb_printf(b, "    %d %s {\n", lei[l].code, lei[l].name);
        for (int k = lei[l].first; k < lei[l].first + lei[l].n; k++) {
            sb_printf(b, "        %d %s {\n", kuan[k].code, kuan[k].name);
            for (int x = kuan[k].first; x < kuan[k].first + kuan[k].n; x++)
                sb_printf(b, "            %d %s\n", xiang[x].code, xiang[x].name);
            sb_printf(b, "        }\n");
        }
        sb_printf(b, "    }\n");
    }
    sb_printf(b, "}\n\n");
    sb_printf(b, "classification 支出经济分类 \"部门预算支出经济分类科目\" {\n");
    for (int i = 0; i < NELEM(ECON); i++) {
        bool top = ECON[i].code < 1000;
        if (top && i > 0)
            sb_printf(b, "    }\n");
        sb_printf(b, "%s%d %s%s\n", top ? "    " : "        ", ECON[i].code, ECON[i].name, top ? " {" : "");
    }
    sb_printf(b, "    }\n}\n\n");
}

/* ---- trees of lines ---------------------------------------------------- */

enum { MAXV = 8 };

typedef struct {
    char label[200]; /* as written in fisc: "205 教育支出" */
    char seg[200];   /* the account segment in the journal: "205教育支出" */
    bool total;
    bool has_was;
    int64_t v[MAXV], was[MAXV];
    int first, last, next; /* children */
} node;

static node *pool;
static int npool, cappool;

static void pool_reset(void)
{
    npool = 0;
}

static int new_node(int parent, const char *label, const char *seg)
{
    if (npool == cappool) {
        cappool = cappool ? cappool * 2 : 1024;
        pool = realloc(pool, (size_t)cappool * sizeof *pool);
        if (!pool) {
            fputs("bench-gen: out of memory\n", stderr);
            exit(2);
        }
    }
    int id = npool++;
    node *n = &pool[id];
    memset(n, 0, sizeof *n);
    snprintf(n->label, sizeof n->label, "%s", label);
    snprintf(n->seg, sizeof n->seg, "%s", seg);
    n->first = n->last = n->next = -1;
    if (parent >= 0) {
        node *p = &pool[parent];
        if (p->last >= 0)
            pool[p->last].next = id;
        else
            p->first = id;
        p->last = id;
    }
    return id;
}

/* parents = Σ children, in every column (and last year's values) */
static void sum_up(int id, int nv)
{
    node *n = &pool[id];
    if (n->first < 0)
        return;
    memset(n->v, 0, sizeof n->v);
    memset(n->was, 0, sizeof n->was);
    for (int c = n->first; c >= 0; c = pool[c].next) {
        sum_up(c, nv);
        for (int i = 0; i < nv; i++) {
            pool[id].v[i] += pool[c].v[i];
            pool[id].was[i] += pool[c].was[i];
        }
    }
}

static void emit_rows(sbuf *b, int id, int depth, int nv)
{
    char nb[40];
    const node *n = &pool[id];
    sb_indent(b, depth);
    sb_printf(b, "%s%s =", n->total ? "total " : "", n->label);
    for (int i = 0; i < nv; i++)
        sb_printf(b, " %s", num(nb, n->v[i], false));
    if (n->has_was) {
        sb_printf(b, " was");
        for (int i = 0; i < nv; i++)
            sb_printf(b, " %s", num(nb, n->was[i], false));
        sb_printf(b, " change");
        for (int i = 0; i < nv; i++)
            sb_printf(b, " %s", num(nb, n->v[i] - n->was[i], true));
    }
    if (n->first < 0) {
        sb_printf(b, "\n");
        return;
    }
    sb_printf(b, " {\n");
    for (int c = n->first; c >= 0; c = pool[c].next)
        emit_rows(b, c, depth + 1, nv);
    sb_indent(b, depth);
    sb_printf(b, "}\n");
}

/* The journal for a tree: every parent is one transaction of its children
 * (leaves posted to PREFIX:PATH, parents' totals moved out of their 合计
 * account, which must then be 0) and its total posted to 合计:PREFIX:PATH
 * with a balance assertion. */
static void ledger_rows(sbuf *b, int id, const char *prefix, const char *path)
{
    const node *n = &pool[id];
    if (n->first < 0)
        return;
    for (int c = n->first; c >= 0; c = pool[c].next)
        if (pool[c].first >= 0) {
            char sub[2048];
            snprintf(sub, sizeof sub, "%s:%s", path, pool[c].seg);
            ledger_rows(b, c, prefix, sub);
        }
    sb_printf(b, "2022-01-01 %s\n", path);
    for (int c = n->first; c >= 0; c = pool[c].next) {
        const node *k = &pool[c];
        if (k->first < 0)
            sb_printf(b, "    %s:%s:%s  %lld CNY\n", prefix, path, k->seg, (long long)k->v[0]);
        else
            sb_printf(b, "    合计:%s:%s:%s  %lld CNY = 0 CNY\n", prefix, path, k->seg, (long long)k->v[0]);
    }
    sb_printf(b, "    合计:%s:%s  %lld CNY = %lld CNY\n\n", prefix, path, (long long)-n->v[0],
              (long long)-n->v[0]);
}

/* ---- one department --------------------------------------------------- */

/* Function-table columns, in printed order. */
enum { F_TOTAL, F_BASIC, F_PROJ, F_FIN, F_GEN, F_FUND, F_BIZ, F_OTHER, NF };
/* Economic-table columns. */
enum { E_TOTAL, E_FIN, E_GEN, E_FUND, E_BIZ, E_OTHER, NE };
/* Project-table columns. */
enum { P_TOTAL, P_FIN, P_UNIT, NP };

typedef struct {
    char name[160];
    char id[16];
    int64_t v[3], was[3]; /* 支出总计 基本支出 项目支出 */
} dept;

static dept *depts;
static int ndepts, capdepts;
static int table_no;

/* splits t into the four funding sources */
static void fund_split(int64_t t, int64_t *gen, int64_t *fund, int64_t *biz, int64_t *other)
{
    *fund = chance(15) ? (int64_t)rint_in(0, (long)(t / 3)) : 0;
    *biz = chance(20) ? (int64_t)rint_in(0, (long)((t - *fund) / 4)) : 0;
    *other = chance(30) ? (int64_t)rint_in(0, (long)((t - *fund - *biz) / 5)) : 0;
    *gen = t - *fund - *biz - *other;
}

/* splits total into n random parts */
static void split(int64_t total, int n, int64_t *parts)
{
    int64_t w[4096], sum = 0;
    for (int i = 0; i < n; i++)
        sum += w[i] = rint_in(1, 1000);
    int64_t given = 0;
    for (int i = 0; i < n; i++) {
        parts[i] = (int64_t)((__int128)total * w[i] / sum);
        given += parts[i];
    }
    parts[rint_in(0, n - 1)] += total - given;
}

/* "VALUE change ±D (±R%)": last year is this year ±30 %, never 0 */
static void change_rate(sbuf *b, int64_t now)
{
    char nb[40], nc[40];
    int64_t prev = now * rint_in(70, 130) / 100 + rint_in(0, 20);
    if (prev <= 0)
        prev = 1;
    int64_t d = now - prev;
    int places = chance(70) ? 0 : chance(50) ? 1 : 2;
    int64_t scale = places == 0 ? 1 : places == 1 ? 10 : 100;
    /* rate = 100 · d / prev rounded half away from zero at `places` */
    __int128 n = (__int128)d * 100 * scale, q = n / prev, r = n % prev;
    if (r < 0)
        r = -r;
    if (2 * r >= prev)
        q += n < 0 ? -1 : 1;
    int64_t qi = (int64_t)q, aq = qi < 0 ? -qi : qi;
    sb_printf(b, " = %s change %s (%s%lld", num(nb, now, false), num(nc, d, true), qi < 0 ? "-" : "+",
              (long long)(aq / scale));
    if (places)
        sb_printf(b, ".%0*lld", places, (long long)(aq % scale));
    sb_printf(b, "%%)\n");
}

static void emit_table_head(sbuf *b, const char *id, const char *title, const char *dname)
{
    sb_printf(b, "table %s \"%s\" {\n", id, title);
    sb_printf(b, "    number %d\n", ++table_no);
    sb_printf(b, "    unit 万元\n");
    if (dname)
        sb_printf(b, "    department \"%s\"\n", dname);
}

static const char FUNDING_COLUMNS[] =
    "        资金来源 heading {\n"
    "            财政拨款 subtotal \"小计\" {\n"
    "                一般公共预算拨款\n"
    "                政府性基金预算拨款\n"
    "            }\n"
    "            单位资金 heading {\n"
    "                事业收入\n"
    "                其他收入\n"
    "            }\n"
    "        }\n";

/* One department's tables, narrative and checks into fb (fisc) and, when
 * lb is not NULL, its journal into lb. */
static void gen_dept(dept *d, int nleaves, sbuf *fb, sbuf *lb)
{
    table_no = 0; /* each department numbers its tables 表1, 表2, ... */

    /* -- the function table: pick 项 by 类 and 款 -- */
    static int *chosen, capchosen;
    static unsigned char *mark;
    if (!mark)
        mark = calloc((size_t)nxiang + 1, 1);
    if (capchosen < nxiang + 1) {
        capchosen = nxiang + 1;
        chosen = realloc(chosen, (size_t)capchosen * sizeof *chosen);
    }
    int nch = 0;
    for (int tries = 0; nch < nleaves && tries < 200; tries++) {
        const cnode *L = &lei[rint_in(0, nlei - 1)];
        const cnode *K = &kuan[rint_in(L->first, L->first + L->n - 1)];
        int before = nch;
        for (int x = K->first; x < K->first + K->n && nch < nleaves; x++)
            if (!mark[x] && chance(60)) {
                mark[x] = 1;
                chosen[nch++] = x;
            }
        if (nch == before && !mark[K->first]) {
            mark[K->first] = 1;
            chosen[nch++] = K->first;
        }
    }
    if (nch == 0) {
        mark[0] = 1;
        chosen[nch++] = 0;
    }
    /* code order = index order */
    nch = 0;
    for (int x = 0; x < nxiang; x++)
        if (mark[x]) {
            mark[x] = 0;
            chosen[nch++] = x;
        }

    pool_reset();
    int root = new_node(-1, d->name, d->name);
    int cur_l = -1, cur_k = -1, nl = -1, nk = -1;
    char label[200], seg[200];
    for (int i = 0; i < nch; i++) {
        const cnode *X = &xiang[chosen[i]];
        const cnode *K = &kuan[X->parent];
        const cnode *L = &lei[K->parent];
        if (K->parent != cur_l) {
            cur_l = K->parent;
            snprintf(label, sizeof label, "%d %s", L->code, L->name);
            snprintf(seg, sizeof seg, "%d%s", L->code, L->name);
            nl = new_node(root, label, seg);
            cur_k = -1;
        }
        if (X->parent != cur_k) {
            cur_k = X->parent;
            snprintf(label, sizeof label, "%d %s", K->code, K->name);
            snprintf(seg, sizeof seg, "%d%s", K->code, K->name);
            nk = new_node(nl, label, seg);
        }
        snprintf(label, sizeof label, "%d %s", X->code, X->name);
        snprintf(seg, sizeof seg, "%d%s", X->code, X->name);
        int ni = new_node(nk, label, seg);
        node *n = &pool[ni];
        int64_t bas = amount(50), proj = chance(40) ? 0 : amount(30);
        n->v[F_TOTAL] = bas + proj;
        n->v[F_BASIC] = bas;
        n->v[F_PROJ] = proj;
        fund_split(bas + proj, &n->v[F_GEN], &n->v[F_FUND], &n->v[F_BIZ], &n->v[F_OTHER]);
        n->v[F_FIN] = n->v[F_GEN] + n->v[F_FUND];
    }
    sum_up(root, NF);
    memcpy(d->v, pool[root].v, sizeof d->v); /* 支出总计 基本支出 项目支出 */
    const char *dn = d->name;
    char tid[24];
    snprintf(tid, sizeof tid, "f%s", d->id);
    emit_table_head(fb, tid, "一般公共预算支出表（按功能分类）", dn);
    sb_printf(fb, "    columns {\n        支出总计 {\n            基本支出\n            项目支出\n        }\n%s    }\n",
              FUNDING_COLUMNS);
    sb_printf(fb, "    rows 支出功能分类 {\n");
    emit_rows(fb, root, 2, NF);
    sb_printf(fb, "    }\n");
    sb_printf(fb, "    check %s[%s, 支出总计] == %s[%s, 财政拨款] + %s[%s, 事业收入] + %s[%s, 其他收入]\n", tid, dn,
              tid, dn, tid, dn, tid, dn);
    sb_printf(fb, "}\n\n");
    if (lb)
        ledger_rows(lb, root, "支出", dn);

    /* -- the economic table of 基本支出 -- */
    pool_reset();
    root = new_node(-1, dn, dn);
    int eleaf[NELEM(ECON)], ne = 0, etop[NELEM(ECON)];
    for (int i = 0; i < NELEM(ECON);) {
        int top = i++;
        bool want = ECON[top].code == 301 || ECON[top].code == 302 ||
                    (ECON[top].code == 303 ? chance(60) : chance(30));
        int first = ne;
        for (; i < NELEM(ECON) && ECON[i].code >= 1000; i++)
            if (want && chance(50)) {
                etop[ne] = top;
                eleaf[ne++] = i;
            }
        if (want && ne == first) {
            etop[ne] = top;
            eleaf[ne++] = top + 1;
        }
    }
    int64_t parts[NELEM(ECON)];
    split(d->v[1], ne, parts);
    int cur = -1;
    nl = -1;
    for (int i = 0; i < ne; i++) {
        if (etop[i] != cur) {
            cur = etop[i];
            snprintf(label, sizeof label, "%d %s", ECON[cur].code, ECON[cur].name);
            snprintf(seg, sizeof seg, "%d%s", ECON[cur].code, ECON[cur].name);
            nl = new_node(root, label, seg);
        }
        snprintf(label, sizeof label, "%d %s", ECON[eleaf[i]].code, ECON[eleaf[i]].name);
        snprintf(seg, sizeof seg, "%d%s", ECON[eleaf[i]].code, ECON[eleaf[i]].name);
        int ni = new_node(nl, label, seg);
        node *n = &pool[ni];
        n->v[E_TOTAL] = parts[i];
        fund_split(parts[i], &n->v[E_GEN], &n->v[E_FUND], &n->v[E_BIZ], &n->v[E_OTHER]);
        n->v[E_FIN] = n->v[E_GEN] + n->v[E_FUND];
    }
    sum_up(root, NE);
    char eid[24];
    snprintf(eid, sizeof eid, "e%s", d->id);
    emit_table_head(fb, eid, "基本支出表（按经济分类）", dn);
    sb_printf(fb, "    columns {\n        总计 {\n"
                  "            财政拨款 subtotal \"小计\" {\n"
                  "                一般公共预算拨款\n"
                  "                政府性基金预算拨款\n"
                  "            }\n"
                  "            单位资金 heading {\n"
                  "                事业收入\n"
                  "                其他收入\n"
                  "            }\n"
                  "        }\n    }\n");
    sb_printf(fb, "    rows 支出经济分类 {\n");
    emit_rows(fb, root, 2, NE);
    sb_printf(fb, "    }\n}\n\n");
    if (lb)
        ledger_rows(lb, root, "经济分类", dn);

    /* -- the project table of 项目支出 -- */
    pool_reset();
    root = new_node(-1, dn, dn);
    int n1 = (int)rint_in(1, 3 + nleaves / 8);
    if (n1 > NELEM(PROJ1))
        n1 = NELEM(PROJ1);
    int p1[NELEM(PROJ1)], n2[NELEM(PROJ1)], total2 = 0;
    for (int i = 0; i < NELEM(PROJ1); i++)
        p1[i] = i;
    for (int i = NELEM(PROJ1) - 1; i > 0; i--) {
        int j = (int)rint_in(0, i), t = p1[i];
        p1[i] = p1[j];
        p1[j] = t;
    }
    for (int i = 0; i < n1; i++)
        total2 += n2[i] = (int)rint_in(1, 6);
    int64_t pparts[NELEM(PROJ1) * 6];
    split(d->v[2], total2, pparts);
    int k = 0;
    int proj1_nodes[NELEM(PROJ1)];
    for (int i = 0; i < n1; i++) {
        snprintf(label, sizeof label, "%s项目", PROJ1[p1[i]]);
        int p = proj1_nodes[i] = new_node(root, label, label);
        int q[NELEM(PROJ2)];
        for (int j = 0; j < NELEM(PROJ2); j++)
            q[j] = j;
        for (int j = 0; j < n2[i]; j++) {
            int r = (int)rint_in(j, NELEM(PROJ2) - 1), t = q[j];
            q[j] = q[r];
            q[r] = t;
            snprintf(label, sizeof label, "%s%s", PROJ1[p1[i]], PROJ2[q[j]]);
            int ni = new_node(p, label, label);
        node *n = &pool[ni];
            n->v[P_TOTAL] = pparts[k++];
            n->v[P_UNIT] = chance(25) ? (int64_t)rint_in(0, (long)(n->v[P_TOTAL] / 3)) : 0;
            n->v[P_FIN] = n->v[P_TOTAL] - n->v[P_UNIT];
        }
    }
    sum_up(root, NP);
    char pid[24];
    snprintf(pid, sizeof pid, "p%s", d->id);
    emit_table_head(fb, pid, "项目支出表", dn);
    sb_printf(fb, "    columns {\n        总计 {\n            财政拨款\n            单位资金\n        }\n    }\n");
    sb_printf(fb, "    rows {\n");
    emit_rows(fb, root, 2, NP);
    sb_printf(fb, "    }\n}\n\n");
    if (lb)
        ledger_rows(lb, root, "项目", dn);

    /* -- the checks across the department's tables -- */
    sb_printf(fb, "check %s[%s, 总计] == %s[%s, 基本支出]\n", eid, dn, tid, dn);
    sb_printf(fb, "check %s[%s, 总计] == %s[%s, 项目支出]\n", pid, dn, tid, dn);
    sb_printf(fb, "check %s[%s, 财政拨款] + %s[%s, 单位资金] == %s[%s, 项目支出]\n\n", pid, dn, pid, dn, tid, dn);

    /* -- the narrative -- */
    char nid[24];
    snprintf(nid, sizeof nid, "n%s", d->id);
    sb_printf(fb, "narrative %s \"%s部门预算说明\" {\n", nid, dn);
    sb_printf(fb, "    部门预算支出");
    change_rate(fb, d->v[0]);
    char nb[40];
    sb_printf(fb, "    基本支出 = %s\n", num(nb, d->v[1], false));
    sb_printf(fb, "    项目支出 = %s {\n", num(nb, d->v[2], false));
    for (int i = 0; i < n1; i++) {
        sb_printf(fb, "        %s", pool[proj1_nodes[i]].label);
        change_rate(fb, pool[proj1_nodes[i]].v[P_TOTAL]);
    }
    sb_printf(fb, "    }\n");
    sb_printf(fb, "    check 部门预算支出 == 基本支出 + 项目支出\n");
    sb_printf(fb, "    check 部门预算支出 == %s[%s, 支出总计]\n", tid, dn);
    sb_printf(fb, "    check 基本支出 == %s[%s, 总计]\n", eid, dn);
    sb_printf(fb, "    check 项目支出 == %s[%s, 总计]\n", pid, dn);
    sb_printf(fb, "}\n\n");

    /* last year's values for the summary table */
    d->was[1] = d->v[1] * rint_in(80, 120) / 100;
    d->was[2] = d->v[2] * rint_in(60, 140) / 100;
    d->was[0] = d->was[1] + d->was[2];
}

static void dept_name(int i, char *out, size_t size)
{
    int nd = NELEM(DIST), nb = NELEM(BUREAU);
    int cycle = i / (nd * nb);
    int a = i % nd, b = (i / nd + a) % nb; /* unique (a, b) within a cycle */
    if (cycle)
        snprintf(out, size, "%s%s第%d分部", DIST[a], BUREAU[b], cycle + 1);
    else
        snprintf(out, size, "%s%s", DIST[a], BUREAU[b]);
}

/* ---- main --------------------------------------------------------------- */

static void usage(void)
{
    fputs("usage: bench-gen [--ledger | --edit] N [SEED]\n"
          "  writes a valid fisc budget of about N lines (or, with --ledger, the\n"
          "  equivalent ledger/hledger journal) to stdout; same N and SEED, same output;\n"
          "  --edit doubles the figures of every 50th department (a budget to diff against)\n",
          stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    bool ledger = false, edit = false;
    int ai = 1;
    if (ai < argc && strcmp(argv[ai], "--ledger") == 0) {
        ledger = true;
        ai++;
    } else if (ai < argc && strcmp(argv[ai], "--edit") == 0) {
        edit = true;
        ai++;
    }
    if (ai >= argc || argc - ai > 2)
        usage();
    char *end;
    long n = strtol(argv[ai], &end, 10);
    if (*end || n < 100)
        usage();
    uint64_t seed = 1;
    if (ai + 1 < argc) {
        seed = strtoull(argv[ai + 1], &end, 10);
        if (*end)
            usage();
    }
    rng_state = seed * 0x2545f4914f6cdd1dULL + 0x1234567ULL;
    static char obuf[1 << 20];
    setvbuf(stdout, obuf, _IOFBF, sizeof obuf);

    sbuf fb = {0}, lb = {0}, db = {0}, dl = {0};
    long lines = 0;
    sb_printf(&fb, "// Synthetic consolidated budget for `make bench`: bench-gen %ld %llu\n", n,
              (unsigned long long)seed);
    sb_printf(&fb, "budget \"深圳市本级部门预算汇总\" {\n    year 2022\n    unit 万元\n    rounding 1\n    consolidated\n}\n\n");
    long cbudget = n / 40;
    if (cbudget < 40)
        cbudget = 40;
    if (cbudget > 25000)
        cbudget = 25000;
    build_classification(cbudget);
    emit_classifications(&fb);
    if (ledger)
        sb_printf(&lb, "; Synthetic journal equivalent to `bench-gen %ld %llu`\n\n", n, (unsigned long long)seed);
    lines = fb.lines;
    sb_flush(ledger ? &lb : &fb);
    fb.len = 0;

    /* the summary table: 8 lines of head and foot plus one per department,
     * one check per department, and the padding narrative (4 + k lines) */
    for (;;) {
        long reserve = 12 + 2L * (ndepts + 1) + 6;
        long room = n - lines - reserve;
        int want = chance(4) ? (int)rint_in(200, 1500) : (int)rint_in(5, 40);
        if (room < 60 && ndepts > 0)
            break;
        if (ndepts == capdepts) {
            capdepts = capdepts ? capdepts * 2 : 256;
            depts = realloc(depts, (size_t)capdepts * sizeof *depts);
        }
        dept *d = &depts[ndepts];
        memset(d, 0, sizeof *d);
        dept_name(ndepts, d->name, sizeof d->name);
        snprintf(d->id, sizeof d->id, "%04d", ndepts + 1);
        int saved_table_no = table_no;
        bool ok = false;
        while (want >= 1) {
            db.len = 0;
            db.lines = 0;
            dl.len = 0;
            table_no = saved_table_no;
            out_scale = edit && ndepts % 50 == 7 ? 2 : 1;
            gen_dept(d, want, &db, ledger ? &dl : NULL);
            out_scale = 1;
            if (db.lines <= room || ndepts == 0) {
                ok = true;
                break;
            }
            want /= 2;
        }
        if (!ok)
            break;
        lines += db.lines;
        sb_flush(ledger ? &dl : &db);
        ndepts++;
    }

    /* the summary table with last year's values */
    char nb[40];
    (void)nb;
    pool_reset();
    int root = new_node(-1, "合计", "合计");
    pool[root].total = true;
    pool[root].has_was = true;
    for (int i = 0; i < ndepts; i++) {
        int kid = new_node(root, depts[i].name, depts[i].name);
        node *k = &pool[kid];
        k->has_was = true;
        for (int j = 0; j < 3; j++) {
            int64_t scale = edit && i % 50 == 7 ? 2 : 1;
            k->v[j] = depts[i].v[j] * scale;
            k->was[j] = depts[i].was[j] * scale;
        }
    }
    sum_up(root, 3);
    db.len = 0;
    db.lines = 0;
    table_no = 0;
    emit_table_head(&db, "s00", "部门预算支出汇总表", NULL);
    sb_printf(&db, "    columns {\n        支出总计 {\n            基本支出\n            项目支出\n        }\n    }\n");
    sb_printf(&db, "    rows {\n");
    emit_rows(&db, root, 2, 3);
    sb_printf(&db, "    }\n}\n\n");
    for (int i = 0; i < ndepts; i++)
        sb_printf(&db, "check s00[%s, 支出总计] == f%s[%s, 支出总计]\n", depts[i].name, depts[i].id, depts[i].name);
    lines += db.lines;
    if (ledger) {
        dl.len = 0;
        ledger_rows(&dl, root, "汇总", "部门预算");
        sb_flush(&dl);
    } else {
        sb_flush(&db);
    }

    /* padding to N lines: a narrative of other items */
    long pad = n - lines - 1;
    if (pad >= 5) {
        int64_t *items = malloc((size_t)(pad - 4) * sizeof *items);
        pool_reset();
        root = new_node(-1, "其他事项", "其他事项");
        for (long i = 0; i < pad - 4; i++) {
            char label[64];
            snprintf(label, sizeof label, "补充事项%ld", i + 1);
            int id = new_node(root, label, label);
            pool[id].v[0] = items[i] = amount(20);
        }
        sum_up(root, 1);
        db.len = 0;
        sb_printf(&db, "\nnarrative z99 \"补充说明\" {\n");
        emit_rows(&db, root, 1, 1);
        sb_printf(&db, "}\n");
        if (ledger) {
            dl.len = 0;
            ledger_rows(&dl, root, "补充", "补充说明");
            sb_flush(&dl);
        } else {
            sb_flush(&db);
        }
        free(items);
    }
    fflush(stdout);
    free(fb.p);
    free(lb.p);
    free(db.p);
    free(dl.p);
    free(pool);
    free(depts);
    free(lei);
    free(kuan);
    free(xiang);
    return ferror(stdout) ? 1 : 0;
}
