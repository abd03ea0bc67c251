#!/usr/bin/env bash
# bench-gen.sh: the benchmark generator writes valid, deterministic budgets
# (bench/gen.c; make bench uses it at 10^4..10^6 lines, this checks 2,000).
set -u
cd "$(dirname "$0")/.."
FISC=${FISC:-build/fisc}
BUILD=${BUILD:-build}
gen=$BUILD/bench-gen
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -x "$gen" ] || [ bench/gen.c -nt "$gen" ]; then
    cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -o "$tmp/bench-gen" bench/gen.c || {
        echo "FAIL bench-gen builds"
        exit 1
    }
    gen=$tmp/bench-gen
fi

"$gen" 2000 1 >"$tmp/a.fisc"
"$gen" 2000 1 >"$tmp/b.fisc"
"$gen" 2000 2 >"$tmp/c.fisc"

lines=$(wc -l <"$tmp/a.fisc")
if [ "$lines" -ge 1980 ] && [ "$lines" -le 2020 ]; then
    echo "ok bench-gen 2000 lines ($lines)"
else
    echo "FAIL bench-gen 2000 lines: got $lines"
fi

if $FISC check "$tmp/a.fisc" >"$tmp/out" 2>&1; then
    echo "ok bench-gen output passes fisc check"
else
    echo "FAIL bench-gen output passes fisc check (exit $?):"
    head -20 "$tmp/out"
fi

if cmp -s "$tmp/a.fisc" "$tmp/b.fisc"; then
    echo "ok bench-gen is deterministic"
else
    echo "FAIL bench-gen is deterministic"
fi

if cmp -s "$tmp/a.fisc" "$tmp/c.fisc"; then
    echo "FAIL bench-gen seed changes the output"
else
    echo "ok bench-gen seed changes the output"
fi

# the journal: same structure, balanced by construction (ledger and hledger
# are not needed for the test suite; checked here only when installed)
"$gen" --ledger 2000 1 >"$tmp/a.journal"
if [ -s "$tmp/a.journal" ]; then
    echo "ok bench-gen --ledger writes a journal"
else
    echo "FAIL bench-gen --ledger writes a journal"
fi
