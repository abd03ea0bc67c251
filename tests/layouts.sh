#!/usr/bin/env bash
# layouts.sh: tables laid out as published, in the CSV (docs/language.md
# §4.2): tests/publish/sides.fisc builds to tests/golden/sides/*.csv byte
# for byte -- 表1 side by side with its codes hidden and its totals aligned
# at the bottom, 表5 with its codes in 类 款 项, 表6 in two halves over one
# column with its codes in 类 款 (each reviewed against the Putuo 2024
# 决算's printed tables).  Also: the CSV of a side-by-side table has the
# same figures as its stacked twin (the same file without `beside`).
# Prints "ok layouts: ..." / "FAIL layouts: ...".
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
ok() { echo "ok layouts: $1"; }
fail() { echo "FAIL layouts: $1"; fails=$((fails + 1)); }

if ! $FISC build tests/publish/sides.fisc -o "$tmp/o" --no-bom >"$tmp/err" 2>&1; then
    fail "fisc build tests/publish/sides.fisc"; sed 's/^/    /' "$tmp/err" | head -5; exit 1
fi
for want in tests/golden/sides/*.csv; do
    f=$(basename "$want")
    if cmp -s "$want" "$tmp/o/$f"; then ok "$f"
    else fail "$f differs"; diff "$want" "$tmp/o/$f" | head -10 | sed 's/^/    /'; fi
done

# Side by side or stacked, the same figures: every number of one is in
# the other (each CSV's cells, sorted).
# (the twin lives in the scratch folder and finds its library by name)
sed 's/ beside {/ {/; s|^import "../../lib/|import "|' tests/publish/sides.fisc >"$tmp/stacked.fisc"
if ! $FISC build -I lib "$tmp/stacked.fisc" -o "$tmp/s" --no-bom >"$tmp/err" 2>&1; then
    fail "the stacked twin does not build"; sed 's/^/    /' "$tmp/err" | head -5
else
    for t in t01 t06; do
        tr ',' '\n' <"$tmp/o/$t.csv" | grep -E '^-?[0-9.]+$' | sort >"$tmp/a"
        tr ',' '\n' <"$tmp/s/$t.csv" | grep -E '^-?[0-9.]+$' | sort >"$tmp/b"
        if [ -s "$tmp/a" ] && cmp -s "$tmp/a" "$tmp/b"; then ok "$t: side by side holds the stacked figures"
        else fail "$t: side by side and stacked differ"; fi
        if [ "$(head -1 "$tmp/s/$t.csv" | tr ',' '\n' | grep -c '^项目$')" = 1 ] &&
           [ "$(head -1 "$tmp/o/$t.csv" | tr ',' '\n' | grep -c '^项目$')" = 2 ]; then ok "$t: one 项目 stacked, two side by side"
        else fail "$t: 项目 columns"; fi
    done
fi
[ "$fails" -eq 0 ]
