#!/usr/bin/env bash
# putuo-expected.sh: the second real example's acceptance test (issue 11
# item 1), examples/putuo-finance-2024-final.fisc, the Putuo 2024 部门决算:
#
#   1. every number printed in its nine 决算表 (tests/data/putuo-expected/
#      tNN.csv, typed by hand from the document; see the README there) is
#      in the CSVs it builds, at its row and column: tests/seed-expected.sh
#      pointed at this budget and its numbers;
#   2. its published errors are found by fisc, not hidden: every `known`
#      marker stands on an identity that fails (a useless marker is an
#      error under -Werror=known), each reason says 原文如此, and the
#      report counts one known identity per marker and none broken;
#   3. the row paths of the expected numbers are told apart: in 表4,
#      一、一般公共预算财政拨款 is under 本年收入合计 (2940.05) and under
#      年初财政拨款结转和结余 (21.63); each path finds its own figure and
#      not the other's.
#
#   FISC=build/fisc tests/putuo-expected.sh
#
# Prints "ok putuo-expected: ..." / "FAIL putuo-expected: ..." lines.
# FISC may hold several words: expanded unquoted.
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
src=examples/putuo-finance-2024-final.fisc
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

bash tests/seed-expected.sh "$src" tests/data/putuo-expected || fails=$((fails + 1))

if $FISC check -Werror=known "$src" >/dev/null 2>"$tmp/err"; then
    echo "ok putuo-expected: every known marker acknowledges a failing identity"
else
    echo "FAIL putuo-expected: fisc check -Werror=known $src"
    grep -A 2 'error:' "$tmp/err" | head -n 12 | sed 's/^/    /'
    fails=$((fails + 1))
fi
markers=$(grep -c ' known "' "$src")
reasons=$(grep -c ' known "原文如此：' "$src")
$FISC report --format json "$src" >"$tmp/report.json" 2>/dev/null
summary=$(grep -m 1 '"summary"' "$tmp/report.json")
known=$(echo "$summary" | sed -n 's/.*"known": \([0-9]*\).*/\1/p')
broken=$(echo "$summary" | sed -n 's/.*"broken": \([0-9]*\).*/\1/p')
if [ "$markers" -gt 0 ] && [ "$reasons" = "$markers" ] && [ "$known" = "$markers" ] && [ "$broken" = 0 ]; then
    echo "ok putuo-expected: $markers known identities, one per marker, each 原文如此; none broken"
else
    echo "FAIL putuo-expected: $markers known markers ($reasons say 原文如此), report: known ${known:-?}, broken ${broken:-?}"
    fails=$((fails + 1))
fi
# 3. Row paths: each of the two lines labelled 一、一般公共预算财政拨款 by
# its path, with its own figure (found) and the other's (not found).
mkdir -p "$tmp/paths"
t=财政拨款收入支出决算总表
l=一、一般公共预算财政拨款
{
    echo "table,row_code,row,column,value"
    echo "$t,,本年收入合计/$l,收入/决算数,2940.05"
    echo "$t,,年初财政拨款结转和结余/$l,收入/决算数,21.63"
    echo "$t,,本年收入合计/$l,收入/决算数,21.63"
    echo "$t,,年初财政拨款结转和结余/$l,收入/决算数,2940.05"
} >"$tmp/paths/t04.csv"
bash tests/seed-expected.sh "$src" "$tmp/paths" >"$tmp/paths.out" 2>&1
if [ "$(grep -c '^FAIL paths: t04 row ' "$tmp/paths.out")" = 2 ] &&
   grep -q "^FAIL paths: t04 row 本年收入合计/$l column 收入/决算数: expected 21.63, found \"2940.05\"$" "$tmp/paths.out" &&
   grep -q "^FAIL paths: t04 row 年初财政拨款结转和结余/$l column 收入/决算数: expected 2940.05, found \"21.63\"$" "$tmp/paths.out" &&
   grep -q '^paths: 2 of 4 numbers not found$' "$tmp/paths.out"; then
    echo "ok putuo-expected: the two lines labelled $l are told apart by their paths"
else
    echo "FAIL putuo-expected: row paths in 表4"
    sed 's/^/    /' "$tmp/paths.out" | head -n 10
    fails=$((fails + 1))
fi
[ "$fails" -eq 0 ]
