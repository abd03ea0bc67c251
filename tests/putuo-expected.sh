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
#      report counts one known identity per marker and none broken.
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
[ "$fails" -eq 0 ]
