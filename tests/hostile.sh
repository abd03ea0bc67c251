#!/usr/bin/env bash
# hostile.sh: generated hostile inputs too big to commit.
#
#   1. 100,000 lines with a NUL byte near the end
#   2. one 10 MB line (the line-length limit)
#   3. 1,000,000 copies of one line (the diagnostics cap: "N more errors")
# Each must exit 1 with the expected diagnostic, print little (the echoed
# snippet of a long line is a window, not the line), and stay fast: under
# 20 s each with a plain binary (FISC of one word), under 600 s otherwise
# (valgrind).  Prints "ok NAME" / "FAIL NAME".  FISC may be several words.
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
limit=20
case "$FISC" in *" "*) limit=600 ;; esac

head_='budget "测试单位" {
    year 2022
    unit 万元
}

narrative n1 "说明" {
'
# run NAME WANT_RC MAX_STDERR_BYTES PATTERN FILE
run() {
    local name=$1 want=$2 maxbytes=$3 pat=$4 file=$5 rc t0 t1 secs size
    t0=$(date +%s)
    NO_COLOR=1 timeout $((limit + 5)) $FISC check "$file" >/dev/null 2>"$T/err"
    rc=$?
    t1=$(date +%s)
    secs=$((t1 - t0))
    size=$(wc -c <"$T/err")
    if [ "$rc" != "$want" ]; then
        echo "FAIL $name: exit status $rc, expected $want"
        head -c 2000 "$T/err" | head -n 10 | sed 's/^/    /'
    elif grep -qE 'Sanitizer|runtime error:|==[0-9]+==' "$T/err"; then
        echo "FAIL $name: sanitizer or valgrind report"
        grep -E -m 5 'Sanitizer|runtime error:|==[0-9]+==' "$T/err" | sed 's/^/    /'
    elif ! grep -qE "$pat" "$T/err"; then
        echo "FAIL $name: no diagnostic matching /$pat/"
        head -c 2000 "$T/err" | head -n 10 | sed 's/^/    /'
    elif [ "$size" -gt "$maxbytes" ]; then
        echo "FAIL $name: $size bytes on stderr (at most $maxbytes)"
    elif [ "$secs" -gt "$limit" ]; then
        echo "FAIL $name: took ${secs}s (limit ${limit}s)"
    else
        echo "ok $name (${secs}s)"
    fi
}

# 1. 100k lines, a NUL byte on line 99,990
{
    printf '%s' "$head_"
    awk 'BEGIN { for (i = 1; i <= 99980; i++) printf "    第%d项 = %d\n", i, i }'
    printf '    坏\0行 = 1\n'
    printf '}\n'
} >"$T/nul.fisc"
run hostile-100k-lines-nul 1 20000 '^[^ ]*nul\.fisc:99987:[0-9]+: error: NUL byte' "$T/nul.fisc"

# 2. one line of 10 MB (a comment, so nothing else goes wrong)
{
    printf '%s' "$head_"
    printf '    甲 = 1 // '
    head -c 10000000 /dev/zero | tr '\0' 'x'
    printf '\n}\n'
} >"$T/long.fisc"
run hostile-10mb-line 1 20000 'line longer than [0-9]+ bytes \(the line-length limit\)' "$T/long.fisc"

# 3. 10^6 copies of one line: a duplicate-line error each, capped
{
    printf '%s' "$head_"
    yes '    甲 = 1' | head -n 1000000
    printf '}\n'
} >"$T/dup.fisc"
run hostile-million-duplicates 1 200000 '^fisc: [0-9]+ more errors not shown' "$T/dup.fisc"
