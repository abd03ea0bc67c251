#!/usr/bin/env bash
# limits.sh: small generated inputs that once cost unbounded depth, memory
# or time (issue 12), through every command that compiles them.
#
#   1. a check of 20,000 terms (40 KB): every command succeeds
#   2. 10,000 nested '(', 20,000 signs in a row, a path of 30,000
#      segments: the limit is named, Bison's "memory exhausted" never shows
#   3. one column set of 2,000 leaves under 60 headings taken by 40 tables
#      (36 KB): every command within 256 MB of address space (it took
#      700 MB, 1.4 GB in diff, before the tables shared the set)
#   4. fisc diff of 100,000 lines that all moved: matching is linear (it
#      was quadratic: over a minute; 0.3 s now)
# Inputs come from bench/limits-gen.sh at run time.  Each command must end
# with its expected status (never a signal or a sanitizer report) within
# a time limit: 20 s with a plain binary (FISC of one word), 600 s
# otherwise (valgrind).  Memory is bounded (ulimit -v) only for a plain
# binary: sanitizers and valgrind reserve address space of their own.
# Prints "ok NAME" / "FAIL NAME".
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
GEN=bench/limits-gen.sh
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
limit=20
mem_kb=$((256 * 1024))
case "$FISC" in *" "*) limit=600 mem_kb= ;; esac
if [ -n "$mem_kb" ] && grep -qa __asan_init "$FISC" 2>/dev/null; then mem_kb= ; fi
MEM=    # set to bound a case's memory: expect runs under ulimit -v $mem_kb

# expect NAME WANT_RC PATTERN COMMAND...: runs `fisc COMMAND...`; stderr
# must match PATTERN (empty: anything) and never hold Bison's own words.
expect() {
    local name=$1 want=$2 pat=$3 rc t0 secs
    shift 3
    t0=$(date +%s)
    (
        [ -n "$MEM" ] && [ -n "$mem_kb" ] && ulimit -v "$mem_kb"
        NO_COLOR=1 exec timeout $((limit + 5)) $FISC "$@" >"$T/out" 2>"$T/err"
    )
    rc=$?
    secs=$(($(date +%s) - t0))
    if [ "$rc" != "$want" ]; then
        echo "FAIL $name: exit status $rc, expected $want"
        head -c 1000 "$T/err" | head -n 6 | sed 's/^/    /'
    elif grep -qE 'Sanitizer|runtime error:|==[0-9]+==' "$T/err"; then
        echo "FAIL $name: sanitizer or valgrind report"
        grep -E -m 5 'Sanitizer|runtime error:|==[0-9]+==' "$T/err" | sed 's/^/    /'
    elif grep -q 'memory exhausted' "$T/err"; then
        echo "FAIL $name: Bison's message reached the user"
    elif [ -n "$pat" ] && ! grep -qE "$pat" "$T/err"; then
        echo "FAIL $name: no diagnostic matching /$pat/"
        head -c 1000 "$T/err" | head -n 6 | sed 's/^/    /'
    elif [ "$secs" -gt "$limit" ]; then
        echo "FAIL $name: took ${secs}s (limit ${limit}s)"
    else
        echo "ok $name (${secs}s)"
    fi
}

# 1. 20,000 terms: evaluated along the chain, not by recursion.
$GEN sum 20000 >"$T/sum.fisc"
expect "limits: 20,000-term check: check" 0 '' check "$T/sum.fisc"
expect "limits: 20,000-term check: report" 0 '' report "$T/sum.fisc"
expect "limits: 20,000-term check: build" 0 '' build "$T/sum.fisc" -o "$T/built"
expect "limits: 20,000-term check: textconv" 0 '' textconv "$T/sum.fisc"
expect "limits: 20,000-term check: diff" 0 '' diff "$T/sum.fisc" "$T/sum.fisc"
if ! grep -q '"status": "exact"' < <($FISC report --format json --report=full "$T/sum.fisc" 2>/dev/null); then
    echo "FAIL limits: 20,000-term check: the identity is not exact"
else
    echo "ok limits: 20,000-term check: exact"
fi

# 2. Nesting past each limit: a named limit, for every command.
$GEN parens 10000 >"$T/parens.fisc"
$GEN signs 20000 >"$T/signs.fisc"
$GEN path 30000 >"$T/path.fisc"
for c in "parens:nested deeper than 64 levels \(the nesting limit\)" \
         "signs:more than 8 signs in a row \(the sign limit\)" \
         "path:a path of more than 64 segments \(the path limit\)"; do
    f=${c%%:*} pat=${c#*:}
    expect "limits: $f: check" 1 "$pat" check "$T/$f.fisc"
    expect "limits: $f: report" 1 "$pat" report "$T/$f.fisc"
    expect "limits: $f: build" 1 "$pat" build "$T/$f.fisc" -o "$T/built-$f"
    expect "limits: $f: diff" 2 "$pat" diff "$T/$f.fisc" "$T/$f.fisc"
    expect "limits: $f: textconv" 0 '' textconv "$T/$f.fisc"
done

# 3. A column set taken by 40 tables: memory in proportion to the file.
$GEN colset 2000 60 40 >"$T/colset.fisc"
MEM=1
expect "limits: column set of 2,000 in 40 tables: check" 0 '' check "$T/colset.fisc"
expect "limits: column set of 2,000 in 40 tables: build" 0 '' build "$T/colset.fisc" -o "$T/built-colset"
expect "limits: column set of 2,000 in 40 tables: diff" 0 '' diff "$T/colset.fisc" "$T/colset.fisc"
MEM=
if [ "$(head -n 1 "$T/built-colset/t39.csv" 2>/dev/null | tr ',' '\n' | wc -l)" != 2001 ]; then
    echo "FAIL limits: column set of 2,000 in 40 tables: t39.csv lacks its 2,000 columns"
else
    echo "ok limits: column set of 2,000 in 40 tables: t39.csv has its 2,000 columns"
fi

# 4. 100,000 lines, each moved to another group: every one found again.
$GEN lines 100000 >"$T/old.fisc"
$GEN lines 100000 moved >"$T/new.fisc"
expect "limits: diff of 100,000 moved lines" 1 '' diff "$T/old.fisc" "$T/new.fisc"
moved=$(grep -c '^  moved ' "$T/out")
if [ "$moved" != 100000 ]; then
    echo "FAIL limits: diff of 100,000 moved lines: $moved lines reported moved"
else
    echo "ok limits: diff of 100,000 moved lines: all reported moved"
fi
