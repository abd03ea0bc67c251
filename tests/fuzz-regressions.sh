#!/usr/bin/env bash
# fuzz-regressions.sh: replays every input a fuzzer once crashed on.
#
# Each tests/fuzz/regressions/*.fisc must make `fisc check` exit 0, 1 or 2
# (never a signal, a sanitizer's status or valgrind's 99) and print no
# sanitizer or valgrind report.  Prints "ok NAME" / "FAIL NAME" per input.
# FISC may be several words (a valgrind command line): used unquoted.
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for f in tests/fuzz/regressions/*.fisc; do
    [ -f "$f" ] || continue
    name=fuzz-regression/$(basename "$f" .fisc)
    NO_COLOR=1 timeout 60 $FISC check "$f" >/dev/null 2>"$tmp"
    rc=$?
    if [ "$rc" -gt 2 ]; then
        echo "FAIL $name: exit status $rc"
        head -n 20 "$tmp" | sed 's/^/    /'
    elif grep -qE 'Sanitizer|runtime error:|==[0-9]+==' "$tmp"; then
        echo "FAIL $name: sanitizer report"
        grep -E -m 5 'Sanitizer|runtime error:|==[0-9]+==' "$tmp" | sed 's/^/    /'
    else
        echo "ok $name"
    fi
done
