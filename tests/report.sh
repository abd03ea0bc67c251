#!/usr/bin/env bash
# report.sh: golden consistency reports of small budgets.  Each
# tests/golden/report/NAME.fisc exercises one rule (footing exact, within
# rounding and broken; cross-footing; of-which columns and lines; a vector
# check; a row-by-row check; yoy change and rate; tolerance exact and
# fixed; mixed 元/万元).
# `fisc report NAME.fisc --report=full --format text` must print exactly
# NAME.txt, `--format json` exactly NAME.json; the default, compact report
# (exact identities counted per table) NAME.compact.txt and
# NAME.compact.json; all exit with the status in NAME.exit.  Run from the
# repo root with relative paths, so the file names in the reports are
# stable.  The expected files were reviewed by hand; after an intended
# change, regenerate one with
#   build/fisc report tests/golden/report/NAME.fisc --report=full --format text >tests/golden/report/NAME.txt
# and review the diff before committing it.
#
#   FISC=build/fisc tests/report.sh
#
# Prints "ok report: NAME (text|json)" or "FAIL report: ..." per comparison.
# FISC may hold several words (a valgrind command line): expanded unquoted.
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
dir=tests/golden/report

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

nfail=0
n=0
for src in "$dir"/*.fisc; do
    [ -f "$src" ] || continue
    name=$(basename "$src" .fisc)
    n=$((n + 1))
    if [ ! -f "$dir/$name.exit" ]; then
        echo "FAIL report: $name: $dir/$name.exit is missing"
        nfail=$((nfail + 1))
        continue
    fi
    want_rc=$(tr -d ' \n' <"$dir/$name.exit")
    for form in text json compact-text compact-json; do
        case $form in
        text) fmt=text ext=txt mode=full ;;
        json) fmt=json ext=json mode=full ;;
        compact-text) fmt=text ext=compact.txt mode=compact ;;
        compact-json) fmt=json ext=compact.json mode=compact ;;
        esac
        $FISC report "$src" --format "$fmt" --report="$mode" >"$tmp/out" 2>"$tmp/err"
        rc=$?
        if [ ! -f "$dir/$name.$ext" ]; then
            echo "FAIL report: $name ($form): $dir/$name.$ext is missing"
        elif [ "$rc" != "$want_rc" ]; then
            echo "FAIL report: $name ($form): exit status $rc, expected $want_rc"
            sed 's/^/    /' "$tmp/err" | head -n 10
        elif ! cmp -s "$dir/$name.$ext" "$tmp/out"; then
            echo "FAIL report: $name ($form): output differs from $dir/$name.$ext"
            diff -u "$dir/$name.$ext" "$tmp/out" | head -n 40 | sed 's/^/    /'
        else
            echo "ok report: $name ($form)"
            continue
        fi
        nfail=$((nfail + 1))
    done
done
if [ "$n" -eq 0 ]; then
    echo "FAIL report: no $dir/*.fisc"
    exit 1
fi
[ "$nfail" -eq 0 ]
