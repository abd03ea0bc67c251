#!/usr/bin/env bash
# diff.sh: `fisc diff` against golden outputs under tests/golden/diff/.
#
#   FISC=build/fisc tests/diff.sh          (from tests/run.sh)
#   REGEN=1 FISC=build/fisc tests/diff.sh  (rewrite the golden files)
#
# Each case runs `fisc diff OLD NEW [--format F]` from the repo root and
# compares stdout with a golden file and the exit status with the
# expected one.  FISC may hold several words: it is used unquoted.
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
G=tests/golden/diff
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

# A binary without the command must fail loudly, never skip.
$FISC diff $G/base.fisc $G/base.fisc >"$out" 2>"$err"
if grep -q "unknown command" "$err"; then
    echo "FAIL diff: 'fisc diff' is not dispatched by main.c"
    exit 1
fi

# case NAME WANT_STATUS GOLDEN ARGS...: GOLDEN "-" means stdout must be empty.
case_() {
    local name=$1 want=$2 golden=$3
    shift 3
    $FISC diff "$@" >"$out" 2>"$err"
    local rc=$?
    if [ -n "${REGEN:-}" ] && [ "$golden" != - ]; then
        cp "$out" "$G/$golden"
    fi
    if [ "$rc" != "$want" ]; then
        echo "FAIL diff: $name: exit status $rc, expected $want"
        sed 's/^/    /' "$err"
    elif [ "$golden" = - ] && [ -s "$out" ]; then
        echo "FAIL diff: $name: expected no output"
        sed 's/^/    /' "$out"
    elif [ "$golden" != - ] && ! cmp -s "$G/$golden" "$out"; then
        echo "FAIL diff: $name: output differs from $G/$golden"
        diff -u "$G/$golden" "$out" | sed 's/^/    /'
    else
        echo "ok diff: $name"
    fi
}

# The seed's two years.
case_ "2021 -> 2022 text" 1 2021-2022.txt examples/longgang-2021.fisc examples/longgang-2022.fisc
case_ "2021 -> 2022 csv" 1 2021-2022.csv examples/longgang-2021.fisc examples/longgang-2022.fisc --format csv
# The narrative's stated changes are all there.
for want in "部门预算收入: 7,714 → 7,440 (−274, −3.55%)" \
            "预算/项目支出/社会保险业务管理: 63 → 27 (−36, −57.14%)" \
            "预算/项目支出/社会保险综合管理: 1,524 → 1,635 (+111, +7.28%)" \
            "预算/项目支出/预算准备金: 45 → 15 (−30, −66.67%)" \
            "机关运行经费: 934 → 924 (−10, −1.07%)"; do
    if grep -qF "$want" "$G/2021-2022.txt"; then
        echo "ok diff: 2021 -> 2022 states '$want'"
    else
        echo "FAIL diff: 2021 -> 2022 lacks '$want'"
    fi
done

# One leaf changed: that line and its ancestors' (derived) totals.
case_ "one figure text" 1 one.txt $G/base.fisc $G/one.fisc
case_ "one figure csv" 1 one.csv $G/base.fisc $G/one.fisc --format csv
case_ "one figure json" 1 one.json $G/base.fisc $G/one.fisc --format json
# Lines added, removed and moved; a table added.
case_ "structure text" 1 struct.txt $G/base.fisc $G/struct.fisc
case_ "structure csv" 1 struct.csv $G/base.fisc $G/struct.fisc --format=csv
case_ "column renamed text" 1 cols.txt $G/base.fisc $G/cols.fisc
case_ "column renamed csv" 1 cols.csv $G/base.fisc $G/cols.fisc --format csv
case_ "structure reversed text" 1 struct-reversed.txt $G/struct.fisc $G/base.fisc
# Every matching pass at work (a generated pair): codes, paths, labels
# unique on both sides; the output was pinned before matching was
# hash-indexed and must stay byte-identical.
case_ "matching passes text" 1 match.txt $G/match-old.fisc $G/match-new.fisc
case_ "matching passes csv" 1 match.csv $G/match-old.fisc $G/match-new.fisc --format csv
case_ "matching passes reversed" 1 match-reversed.txt $G/match-new.fisc $G/match-old.fisc
# The same budget in 元 and in 万元 holds the same figures: only the
# header's unit and rounding differ (a header attribute is a change).
case_ "yuan vs wanyuan" 1 yuan.txt $G/base.fisc $G/yuan.fisc
case_ "wanyuan vs yuan" 1 yuan-reversed.txt $G/yuan.fisc $G/base.fisc
# The second real example (blank cells, tables side by side, a label
# printed twice under different parents in 表4): against itself nothing;
# with the second 一、一般公共预算财政拨款 of 表4 edited, that line by its
# path, and not the first.
P=examples/putuo-finance-2024-final.fisc
case_ "putuo: same file" 0 - $P $P
pe=$(mktemp -d)
sed -e 's|^import "../lib/|import "|' \
    -e '/年初财政拨款结转和结余 *= *21.63 {/{n;s/=   21.63$/=   21.64/;}' $P >"$pe/putuo-edited.fisc"
case_ "putuo: one line of two with its label" 1 putuo-t04.txt -I lib $P "$pe/putuo-edited.fisc"
rm -rf "$pe"
# Labels respelled with ASCII for full-width punctuation (维修(护)费 for
# 维修（护）费, "三公" for “三公”) are the same lines and columns.
case_ "punctuation respelled" 0 - $G/punct-old.fisc $G/punct-new.fisc
# Exit statuses, like diff(1).
case_ "same file" 0 - $G/base.fisc $G/base.fisc
case_ "same file csv" 0 same.csv $G/base.fisc $G/base.fisc --format csv
# Every CSV starts with the UTF-8 byte order mark unless --no-bom.
$FISC diff $G/base.fisc $G/one.fisc --format csv --no-bom >"$out" 2>"$err"
if [ "$(head -c 3 "$G/one.csv" | od -An -tx1 | tr -d ' \n')" = efbbbf ] && tail -c +4 "$G/one.csv" | cmp -s - "$out"; then
    echo "ok diff: csv starts with a byte order mark; --no-bom drops it"
else
    echo "FAIL diff: csv byte order mark and --no-bom"
fi
case_ "missing file" 2 - $G/base.fisc $G/no-such-file.fisc
case_ "missing old file" 2 - $G/no-such-file.fisc $G/base.fisc
case_ "one file only" 2 - $G/base.fisc
case_ "unknown format" 2 - $G/base.fisc $G/one.fisc --format xml
bad=$(mktemp)
printf 'budget "x" {\n    year 2022\n}\ntable t01 "t" {\n    columns {\n        a\n    }\n    rows {\n        x = 1,2\n    }\n}\n' >"$bad"
case_ "file with errors" 2 - $G/base.fisc "$bad"
rm -f "$bad"
