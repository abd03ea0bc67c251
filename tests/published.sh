#!/usr/bin/env bash
# published.sh: budgets as published, errors and all (issue 10).  A budget
# whose identities fail is still a budget: diff and textconv show it;
# build refuses it and says so; one whose only failures are acknowledged
# with `known` builds.
#
#   FISC=build/fisc tests/published.sh
#
# FISC may hold several words: it is used unquoted.
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

nfail=0
ok() { echo "ok published: $*"; }
fail() { echo "FAIL published: $*"; nfail=$((nfail + 1)); }

# A budget with one broken footing (4,226 against 3,000 + 1,216).
cat >"$T/broken.fisc" <<'EOF'
budget "单位" {
    year 2022
    unit 万元
}

table t04 "基本支出表" {
    columns {
        金额
    }
    rows {
        合计 = 4,226 {
            工资福利支出 = 3,000
            商品和服务支出 = 1,216
        }
    }
}
EOF
sed 's/1,216/1,217/' "$T/broken.fisc" >"$T/broken2.fisc"

# 1. build: nothing written, and it says so.
$FISC build "$T/broken.fisc" -o "$T/out" >"$T/stdout" 2>"$T/stderr"
rc=$?
if [ "$rc" = 1 ] && [ ! -e "$T/out" ] &&
   grep -qxF "fisc: nothing written to '$T/out': 1 error" "$T/stderr"; then
    ok "build of a broken budget writes nothing and says so"
else
    fail "build of a broken budget: exit $rc, stderr:"
    sed 's/^/    /' "$T/stderr"
fi

# 2. textconv shows a broken budget figure by figure, not as raw text.
$FISC textconv "$T/broken.fisc" >"$T/tc" 2>"$T/stderr"
rc=$?
if [ "$rc" = 0 ] && grep -qxF "t04	合计/商品和服务支出	金额	1216 万元" "$T/tc" &&
   ! grep -q "{" "$T/tc" && [ ! -s "$T/stderr" ]; then
    ok "textconv of a broken budget lists its figures"
else
    fail "textconv of a broken budget (exit $rc):"
    sed 's/^/    /' "$T/tc" "$T/stderr"
fi

# 3. diff works on broken budgets: the same file is no difference, a
#    changed figure is one.
$FISC diff "$T/broken.fisc" "$T/broken.fisc" >"$T/d" 2>"$T/stderr"
rc=$?
if [ "$rc" = 0 ] && [ ! -s "$T/stderr" ]; then
    ok "diff of a broken budget with itself: no difference"
else
    fail "diff of a broken budget with itself: exit $rc"
    sed 's/^/    /' "$T/d" "$T/stderr"
fi
$FISC diff "$T/broken.fisc" "$T/broken2.fisc" >"$T/d" 2>"$T/stderr"
rc=$?
if [ "$rc" = 1 ] && grep -qF "1,216 → 1,217" "$T/d" && [ ! -s "$T/stderr" ]; then
    ok "diff of two broken budgets shows the changed figure"
else
    fail "diff of two broken budgets: exit $rc"
    sed 's/^/    /' "$T/d" "$T/stderr"
fi

# 4. A budget whose only failures are acknowledged with `known` builds,
#    even with --strict, and the report lists them.
src=tests/golden/report/known.fisc
$FISC build --strict "$src" -o "$T/known" >"$T/stdout" 2>"$T/stderr"
rc=$?
if [ "$rc" = 0 ] && [ -f "$T/known/t05.csv" ] && [ -f "$T/known/report.json" ] &&
   grep -qF '"known": 2, "total": 2' "$T/known/report.json" &&
   grep -qF "known: 原文如此：正文 5,613，表5 5,631" "$T/known/report.txt" &&
   [ "$(grep -c ': note: .*known: ' "$T/stderr")" = 2 ] && ! grep -q 'error' "$T/stderr"; then
    ok "build with only known failures writes everything and reports them"
else
    fail "build with only known failures: exit $rc"
    sed 's/^/    /' "$T/stderr" | head -n 20
fi

# 5. A marker nothing fails under is a warning, an error with --strict;
#    -Wno-known silences it.
idle=tests/errors/known-idle.fisc
$FISC check "$idle" >/dev/null 2>&1; a=$?
$FISC check --strict "$idle" >/dev/null 2>&1; b=$?
n=$($FISC check -Wno-known "$idle" 2>&1 | grep -c known)
if [ "$a" = 0 ] && [ "$b" = 1 ] && [ "$n" = 0 ]; then
    ok "an idle known marker: warning, error with --strict, silenced by -Wno-known"
else
    fail "an idle known marker: exit $a, --strict exit $b, $n lines with -Wno-known"
fi

# 6. Blank cells print empty; an empty table prints its header; a blank
#    and a 0 differ in diff; textconv shows a blank as '-'.
cat >"$T/blank.fisc" <<'EOF'
budget "上海市普陀区财政局" {
    year 2024
    unit 万元
    rounding 0.01
}

table t05 "一般公共预算财政拨款支出决算表" {
    columns {
        合计 {
            基本支出
            项目支出
        }
    }
    rows {
        total 合计 = 20.00 _ 20.00 {
            2010602 一般行政管理事务 = 10.00 - 10.00
            2010607 信息化建设 = 10.00 - 10.00
        }
    }
}

table t08 "政府性基金预算财政拨款收入支出决算表" {
    empty "注：本表无数据。"
    columns {
        年初结转和结余
        本年收入
    }
}
EOF
$FISC build --no-bom "$T/blank.fisc" -o "$T/blank" >"$T/stdout" 2>"$T/stderr"
rc=$?
if [ "$rc" = 0 ] && [ "$(cat "$T/blank/t05.csv")" = "编码,项目,合计,基本支出,项目支出
2010602,一般行政管理事务,10.00,,10.00
2010607,信息化建设,10.00,,10.00
,合计,20.00,,20.00" ] && [ "$(cat "$T/blank/t08.csv")" = "项目,年初结转和结余,本年收入" ]; then
    ok "blank cells print empty (derived from blanks too); an empty table prints its header"
else
    fail "blank cells: exit $rc"
    sed 's/^/    /' "$T/stderr" "$T/blank/t05.csv" "$T/blank/t08.csv"
fi
if grep -qF '注：本表无数据。' "$T/blank/tables.json"; then
    ok "an empty table's note is published"
else
    fail "an empty table's note is not in tables.json"
fi
sed 's/2010602 一般行政管理事务 = 10.00 - 10.00/2010602 一般行政管理事务 = 10.00 0 10.00/' "$T/blank.fisc" >"$T/zero.fisc"
$FISC diff "$T/blank.fisc" "$T/zero.fisc" >"$T/d" 2>"$T/stderr"
rc=$?
if [ "$rc" = 1 ] && grep -qF -- "- → 0" "$T/d"; then
    ok "diff: a blank and a 0 differ"
else
    fail "diff: a blank and a 0 should differ (exit $rc)"
    sed 's/^/    /' "$T/d" "$T/stderr"
fi
if $FISC textconv "$T/blank.fisc" | grep -qxF "t05	2010602 合计/一般行政管理事务	基本支出	-"; then
    ok "textconv shows a blank as '-'"
else
    fail "textconv does not show the blank"
fi

# 7. Every change shows: a file that differs in any of these is different
#    to fisc diff (exit 1, the change named) and to textconv (a changed
#    line), however its figures compare.
cat >"$T/v0.fisc" <<'EOF'
budget "上海市某局" {
    year 2026
    unit 万元
    rounding 0.01
    tolerance rounding
}

table t07 "“三公”经费支出表" {
    note "注：本表反映三公经费。"
    columns {
        合计
        其中 heading unit 元 rounding 0.01 {
            公务接待费
        }
    }
    rows {
        合计 = 2.00 20,000.00
    }
    check t07[合计, 合计] == t07[合计, 公务接待费]
}

narrative 说明 {
    公务接待费 = 2.00 was 1.70 change +0.30 (+17.62%) known "原文如此"
    check 公务接待费 == t07[合计, 合计] within 0.01
}
EOF
edit() {    # NAME WANT SED-SCRIPT: v0 edited must differ, with WANT in the diff
    local name=$1 want=$2
    sed "$3" "$T/v0.fisc" >"$T/v1.fisc"
    if cmp -s "$T/v0.fisc" "$T/v1.fisc"; then
        fail "every change: $name: the edit changed nothing"
        return
    fi
    $FISC diff "$T/v0.fisc" "$T/v1.fisc" >"$T/d" 2>"$T/stderr"
    local rc=$?
    $FISC textconv "$T/v0.fisc" >"$T/tc0" 2>/dev/null
    $FISC textconv "$T/v1.fisc" >"$T/tc1" 2>/dev/null
    if [ "$rc" = 1 ] && grep -qF -- "$want" "$T/d" && ! cmp -s "$T/tc0" "$T/tc1"; then
        ok "every change: $name"
    else
        fail "every change: $name (diff exit $rc, want '$want')"
        sed 's/^/    /' "$T/d" "$T/stderr" | head -n 10
    fi
}
edit "last year's value" "公务接待费 (was): 1.7 → 1.8" 's/was 1.70/was 1.80/'
edit "a stated change" "公务接待费 (change): 0.3 → 0.2" 's/change +0.30/change +0.20/'
edit "a stated rate" "公务接待费 (rate): 17.62% → 17.65%" 's/+17.62%/+17.65%/'
edit "a known marker" 'known on 公务接待费: "原文如此" → "原文如此：见表7"' 's/known "原文如此"/known "原文如此：见表7"/'
edit "a known marker removed" 'removed known on 公务接待费' 's/ known "原文如此"//'
edit "the rounding" "budget rounding: 0.01 万元 → 1 万元" 's/    rounding 0.01$/    rounding 1/'
edit "the tolerance" "budget tolerance: rounding → exact" 's/tolerance rounding/tolerance exact/'
edit "the year" "budget year: 2026 → 2027" 's/year 2026/year 2027/'
edit "a table's note" 'note 1: 注：本表反映三公经费。 → 注：本表反映“三公”经费。' 's/注：本表反映三公经费。/注：本表反映“三公”经费。/'
edit "a column's rounding" "column 其中 rounding: 0.01 → 1" 's/heading unit 元 rounding 0.01/heading unit 元 rounding 1/'
edit "a check's tolerance" "check 公务接待费 == t07[合计, 合计]: within 0.01 → exact" 's/ within 0.01/ exact/'
edit "a check added" "added check t07[合计, 公务接待费] > 0" '/^    check t07/a\    check t07[合计, 公务接待费] > 0'
edit "a check removed" "removed check t07[合计, 合计] == t07[合计, 公务接待费]" '/^    check t07/d'
edit "a blank for a figure" "合计 [合计]: 2 → -" 's/        合计 = 2.00 20,000.00/        合计 = - 20,000.00/'

exit $((nfail > 0))
