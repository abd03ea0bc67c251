#!/usr/bin/env bash
# fuzz-regressions.sh: replays every input a fuzzer once crashed on.
#
# Each tests/fuzz/regressions/*.fisc goes through `fisc check`, `fisc
# report`, `fisc fmt` and `fisc textconv`; each *.diff (OLD, a 0x01 byte,
# NEW: fuzz_diff's input) through `fisc diff OLD NEW` in the three
# formats.  Every run must exit 0, 1 or 2 (never a signal, a sanitizer's
# status or valgrind's 99), within 60 s, and print no sanitizer or
# valgrind report.  Prints "ok NAME" / "FAIL NAME" per input.  And every
# fuzz target compiles against the headers as they are now.
# FISC may be several words (a valgrind command line): used unquoted.
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# replay NAME ARGS...: fails NAME unless `fisc ARGS...` ends cleanly.
replay() {
    local name=$1 rc
    shift
    NO_COLOR=1 timeout 60 $FISC "$@" >/dev/null 2>"$T/err"
    rc=$?
    if [ "$rc" -gt 2 ]; then
        echo "FAIL $name: fisc $1 exited with status $rc"
        head -n 20 "$T/err" | sed 's/^/    /'
        return 1
    elif grep -qE 'Sanitizer|runtime error:|==[0-9]+==' "$T/err"; then
        echo "FAIL $name: fisc $1: sanitizer report"
        grep -E -m 5 'Sanitizer|runtime error:|==[0-9]+==' "$T/err" | sed 's/^/    /'
        return 1
    fi
    return 0
}

for f in tests/fuzz/regressions/*.fisc; do
    [ -f "$f" ] || continue
    name=fuzz-regression/$(basename "$f" .fisc)
    replay "$name" check "$f" && replay "$name" report "$f" && replay "$name" fmt "$f" &&
        replay "$name" textconv "$f" && echo "ok $name"
done

for f in tests/fuzz/regressions/*.diff; do
    [ -f "$f" ] || continue
    name=fuzz-regression/$(basename "$f")
    # split at the first 0x01 byte, as fuzz_diff does
    at=$(LC_ALL=C grep -obUa $'\x01' "$f" | head -n 1 | cut -d: -f1)
    if [ -z "$at" ]; then
        cp "$f" "$T/old.fisc"
        cp "$f" "$T/new.fisc"
    else
        head -c "$at" "$f" >"$T/old.fisc"
        tail -c +"$((at + 2))" "$f" >"$T/new.fisc"
    fi
    replay "$name" diff "$T/old.fisc" "$T/new.fisc" &&
        replay "$name" diff "$T/old.fisc" "$T/new.fisc" --format csv &&
        replay "$name" diff "$T/old.fisc" "$T/new.fisc" --format json && echo "ok $name"
done

# The fuzz targets are built only by `make fuzz` (clang, libFuzzer), so a
# change of the compiler's headers could break them unnoticed until the
# next fuzzing run: each must at least compile against today's headers.
bin=${FISC##* }
B=$(dirname "$bin")
CC=${CC:-cc}
for f in tests/fuzz/fuzz_*.c; do
    name=fuzz-target/$(basename "$f" .c)
    if "$CC" -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -Iinclude -I"$B" \
            -fsyntax-only "$f" 2>"$T/err"; then
        echo "ok $name: compiles against today's headers"
    else
        echo "FAIL $name: does not compile against today's headers"
        head -n 10 "$T/err" | sed 's/^/    /'
    fi
done
