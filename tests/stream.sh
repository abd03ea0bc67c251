#!/usr/bin/env bash
# stream.sh: the streaming compiler gives what the whole tree gives.
#
# Commands that need no syntax tree resolve the main file item by item as
# it is parsed (docs/architecture.md §1); FISC_NO_STREAM=1 makes them build
# the whole tree first, the reference.  For the seed example, the
# streaming fixtures (tests/data/stream: checks before the tables they
# name, items before the budget header, a column set shared by tables, an
# import), the report goldens and a generated budget, every output must be
# byte-identical both ways: check's diagnostics and exit status, the full
# report, textconv, build's files, and diff.
#
#   FISC=build/fisc tests/stream.sh
#
# Prints "ok stream: ..." or "FAIL stream: ..." per comparison.  FISC may
# hold several words (a valgrind command line): expanded unquoted.
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
GEN=${GEN:-build/bench-gen}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

files="examples/longgang-2022.fisc examples/putuo-finance-2024-final.fisc tests/data/stream/*.fisc tests/golden/report/*.fisc"
if [ -x "$GEN" ]; then
    "$GEN" 3000 7 >"$tmp/gen.fisc" && "$GEN" --edit 3000 7 >"$tmp/gen-edited.fisc" &&
        files="$files $tmp/gen.fisc"
fi

# same NAME CMD...: runs CMD streaming and not; compares stdout, stderr
# and the exit status.
same() {
    local name=$1
    shift
    "$@" >"$tmp/s.out" 2>"$tmp/s.err"
    echo "exit $?" >>"$tmp/s.err"
    FISC_NO_STREAM=1 "$@" >"$tmp/t.out" 2>"$tmp/t.err"
    echo "exit $?" >>"$tmp/t.err"
    if cmp -s "$tmp/s.out" "$tmp/t.out" && cmp -s "$tmp/s.err" "$tmp/t.err"; then
        echo "ok stream: $name"
    else
        echo "FAIL stream: $name"
        diff "$tmp/t.out" "$tmp/s.out" | head -n 10 | sed 's/^/    /'
        diff "$tmp/t.err" "$tmp/s.err" | head -n 10 | sed 's/^/    /'
    fi
}

for f in $files; do
    [ -f "$f" ] || continue
    n=$(basename "$f")
    same "$n: check" $FISC check "$f"
    same "$n: report" $FISC report --report=full --format json "$f"
    same "$n: textconv" $FISC textconv "$f"
    rm -rf "$tmp/a" "$tmp/b"
    $FISC build "$f" -o "$tmp/a" >/dev/null 2>&1
    FISC_NO_STREAM=1 $FISC build "$f" -o "$tmp/b" >/dev/null 2>&1
    if { [ ! -e "$tmp/a" ] && [ ! -e "$tmp/b" ]; } || diff -r "$tmp/a" "$tmp/b" >/dev/null 2>&1; then
        echo "ok stream: $n: build"
    else
        echo "FAIL stream: $n: build"
        diff -r "$tmp/a" "$tmp/b" 2>&1 | head -n 10 | sed 's/^/    /'
    fi
done
if [ -f "$tmp/gen.fisc" ]; then
    same "generated: diff" $FISC diff "$tmp/gen.fisc" "$tmp/gen-edited.fisc"
fi
