#!/usr/bin/env bash
# libraries.sh: the libraries of lib/ against the documents of this project.
#
#   1. every library checks on its own, and every library and example is
#      in the canonical layout (fisc fmt --check);
#   2. every code a published document prints, with the name it prints
#      (tests/data/*-expected: the seed 2022 部门预算, the Putuo 2024
#      部门决算), is in that year's library under that name: a budget made
#      of one line per code, bound to its classification, checks clean;
#   3. the 2024 部门决算 template has every column the Putuo document
#      prints a figure in (the seed follows its own template: its check
#      covers the other one).
# Prints "ok libraries: ..." / "FAIL libraries: ...".
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
ok() { echo "ok libraries: $1"; }
fail() { echo "FAIL libraries: $1"; fails=$((fails + 1)); }

for lib in lib/*.fisc; do
    if $FISC check "$lib" >"$tmp/out" 2>&1; then ok "$lib checks"
    else fail "$lib does not check"; sed 's/^/    /' "$tmp/out" | head -5; fi
done
if $FISC fmt --check lib/*.fisc examples/*.fisc >"$tmp/out" 2>&1; then ok "lib/ and examples/ are canonical"
else fail "not canonical: $(tr '\n' ' ' <"$tmp/out")"; fi

# codes YEAR DATA: the (code, name) pairs of DATA/t*.csv in lib/gov-cn-YEAR.fisc.
codes() {
    local year=$1 data=$2 b=$tmp/codes-$1.fisc
    {
        printf 'budget "测试" {\n    year %s\n}\n\nimport "%s/lib/gov-cn-%s.fisc"\n' "$year" "$(pwd)" "$year"
        for cls in 支出功能分类 支出经济分类; do
            printf '\ntable t%s "%s" {\n    columns {\n        金额\n    }\n    rows %s {\n' "$cls" "$cls" "$cls"
            # 2xx: 支出功能分类, 3xx: 支出经济分类
            first=2; [ "$cls" = 支出经济分类 ] && first=3
            cat "$data"/t*.csv | LC_ALL=C awk -F, -v f="$first" 'NR > 0 && $2 ~ "^" f "[0-9]+$" { print $2 " \"" $3 "\" = 1" }' |
                sort -u | sed 's/^/        /'
            printf '    }\n}\n'
        done
    } >"$b"
    n=$(grep -c ' = 1$' "$b")
    if [ "$n" -gt 0 ] && $FISC --color=never check --allow-import-anywhere "$b" >"$tmp/out" 2>&1; then
        ok "the $n codes of $data are in gov-cn-$year.fisc, as named there"
    else
        fail "gov-cn-$year.fisc lacks codes of $data ($n codes)"; grep error "$tmp/out" | head -10 | sed 's/^/    /'
    fi
}
codes 2022 tests/data/seed-expected
codes 2024 tests/data/putuo-expected

# The 2024 部门决算 template against the Putuo document, which follows it:
# a budget of the template's nine tables, each taking the template's
# columns, builds, and every column the document prints a figure in
# (tests/data/putuo-expected) is a column of that table's CSV.
b=$tmp/follows.fisc
{
    printf 'budget "测试" {\n    year 2024\n    template 部门决算2024\n}\n\nimport "template-final-accounts-2024.fisc"\n'
    for n in 1 2 3 4 5 6 7 8 9; do
        printf '\ntable t0%s "t" {\n    number %s\n    empty\n}\n' "$n" "$n"
    done
} >"$b"
if $FISC build -I lib "$b" -o "$tmp/follows" --no-bom >"$tmp/out" 2>&1; then
    bad=""
    for exp in tests/data/putuo-expected/t0*.csv; do
        id=$(basename "$exp" .csv)
        head -1 "$tmp/follows/$id.csv" | tr ',' '\n' >"$tmp/heads"
        for col in $(tail -n +2 "$exp" | cut -d, -f4 | sort -u); do
            grep -qxF "$col" "$tmp/heads" || bad="$bad $id:$col"
        done
    done
    if [ -z "$bad" ]; then ok "the 2024 部门决算 template has every column the Putuo document fills"
    else fail "the 2024 部门决算 template lacks:$bad"; fi
else
    fail "a budget of the 2024 部门决算 template does not build"; sed 's/^/    /' "$tmp/out" | head -10
fi

[ "$fails" -eq 0 ]
