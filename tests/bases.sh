#!/usr/bin/env bash
# bases.sh: the figures of several bases (docs/language.md §9.2) through
# the tools around the checker: next-year carries final accounts' budget
# forward as last year's budget, textconv shows each basis's figures, diff
# names the basis of a changed figure, and fmt keeps them canonical.
# Prints "ok bases: ..." / "FAIL bases: ...".
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { echo "ok bases: $1"; }
fail() { echo "FAIL bases: $1"; }

src=tests/docs/final.fisc
# next-year: `= 1,511.89 budget 1,560.05` -> `= _ was 1,511.89 was budget 1,560.05`
if $FISC next-year "$src" >"$tmp/ny.fisc" 2>"$tmp/err" &&
   grep -q '^        行政运行 *= *_ was 1,511.89 was budget 1,560.05$' "$tmp/ny.fisc" &&
   grep -q '^    year 2025$' "$tmp/ny.fisc" && grep -q '^    final$' "$tmp/ny.fisc" &&
   ! grep -q 'change\|since\|(98.20%)' "$tmp/ny.fisc"; then
    ok "next-year: this year's final figures and budget become was and was budget"
else
    fail "next-year of final accounts"; sed 's/^/    /' "$tmp/ny.fisc" "$tmp/err" | head -20
fi

# textconv: every basis's figures, and the header's final
$FISC textconv "$src" >"$tmp/tc" 2>&1
if grep -q $'^budget\t\tfinal\tyes$' "$tmp/tc" &&
   grep -q $'一般公共预算财政拨款支出\tvalue (budget)\t2993.92 万元$' "$tmp/tc" &&
   grep -q $'一般公共预算财政拨款支出\tvalue (budget rate)\t98.2%$' "$tmp/tc" &&
   grep -q $'一般公共预算财政拨款支出\tvalue (change)\t-63.14 万元$' "$tmp/tc"; then
    ok "textconv shows the budget beside final figures, its rate and the header's final"
else
    fail "textconv of bases"; sed 's/^/    /' "$tmp/tc" | head -20
fi

# diff: a changed budget figure is a change of the budget facet; a line
# stating last year's final figure beside its budget is one more fact
sed 's/budget 1,560.05/budget 1,560.06/' "$src" >"$tmp/b.fisc"
out=$($FISC diff "$src" "$tmp/b.fisc" 2>&1)
if printf '%s\n' "$out" | grep -q '行政运行 (budget): 1,560.05 → 1,560.06'; then
    ok "diff names the basis of a changed figure"
else
    fail "diff of a budget figure"; printf '%s\n' "$out" | sed 's/^/    /' | head -10
fi

# fmt: bases written in any order print in the canonical one
cat >"$tmp/order.fisc" <<'FISC'
budget "某局" {
    year 2026
}

narrative n {
    收入 = 9,628.22 change final 128.22 (1.35%) since 2025 was final 9,500.00 change 628.22 was 9,000.00
}
FISC
if $FISC fmt "$tmp/order.fisc" 2>&1 | grep -q '^    收入 = 9,628.22 was 9,000.00 was final 9,500.00 change  628.22 change final  128.22 (1.35%) since 2025$'; then
    ok "fmt prints was, was final, change, change final in that order"
else
    fail "fmt order of bases"; $FISC fmt "$tmp/order.fisc" 2>&1 | sed 's/^/    /'
fi

# lines derived from another line's figures of a basis, in the CSV
cat >"$tmp/t08.fisc" <<'FISC'
budget "某局" {
    year 2022
    unit 万元
    rounding 1
}

table t08 "收支预算变动表" {
    columns {
        合计 {
            基本支出
            项目支出
        }
    }
    rows {
        "2021 年预算数"  = prev("2022 年")
        "2021 年执行数"  = prev("2022 年", final)
        "2022 年"        =       7       0       7 was       9       1       8 was final      10       2       8
        比上年预算增减   = change("2022 年")
        比上年执行增减   = change("2022 年", final)
    }
}
FISC
if $FISC build "$tmp/t08.fisc" -o "$tmp/o" --no-bom >"$tmp/err" 2>&1 &&
   [ "$(cat "$tmp/o/t08.csv")" = "$(printf '%s\n' '项目,合计,基本支出,项目支出' '2021 年预算数,9,1,8' \
        '2021 年执行数,10,2,8' '2022 年,7,0,7' '比上年预算增减,-2,-1,-1' '比上年执行增减,-3,-2,-1')" ]; then
    ok "prev(X, final) and change(X, final) lines in a table's CSV"
else
    fail "lines derived against another basis"; cat "$tmp/err" "$tmp/o/t08.csv" 2>/dev/null | sed 's/^/    /'
fi
