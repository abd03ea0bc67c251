#!/usr/bin/env bash
# run.sh: the benchmark harness behind `make bench` and `make bench-compare`.
#
#   bench/run.sh [--compare]
#
# Generates (once, cached in $OUT) budgets of each size in $SIZES with
# bench-gen, and times on each, whole process, with /usr/bin/time:
#   floor          bench-floor FILE (read the file, sum every number, in C)
#   fisc check     $FISC check FILE
#   fisc build     $FISC build FILE -o DIR (a fresh DIR each run)
#   fisc fmt       $FISC fmt FILE (the canonical layout, to /dev/null)
#   fisc diff      $FISC diff FILE EDITED (EDITED: bench-gen --edit, every
#                  50th department's figures doubled; exit 1 expected)
# and with --compare, on the equivalent journal (bench-gen --ledger):
#   ledger bal     ledger -f J bal
#   hledger check  hledger -f J check
# Wall time is the median of $RUNS runs ($RUNS_1M for 1,000,000 lines),
# CPU time (user + system) the median of the same runs -- on a shared
# machine it moves less with the load than wall time does -- and peak RSS
# the largest of them.  A run that passes $TIMEOUT seconds
# ($TIMEOUT_HLEDGER for hledger) is killed and reported as ">T s"; the
# remaining runs of that command at that size are skipped.  fisc runs under
# a virtual-memory cap of $MEM_CAP_MB (default: 3/4 of RAM) so that a
# memory blow-up ends in an error, not in the OOM killer.
#
# Environment: FISC (default build/fisc), BUILD (build), OUT ($BUILD/bench),
# SIZES ("10000 100000 1000000"), SEED (1), RUNS (5), RUNS_1M (3),
# TIMEOUT (120), TIMEOUT_HLEDGER (120), MEM_CAP_MB.
set -u
cd "$(dirname "$0")/.."

compare=0
[ "${1:-}" = --compare ] && compare=1

BUILD=${BUILD:-build}
FISC=${FISC:-$BUILD/fisc}
GEN=${GEN:-$BUILD/bench-gen}
FLOOR=${FLOOR:-$BUILD/bench-floor}
OUT=${OUT:-$BUILD/bench}
SIZES=${SIZES:-"10000 100000 1000000"}
SEED=${SEED:-1}
RUNS=${RUNS:-5}
RUNS_1M=${RUNS_1M:-3}
TIMEOUT=${TIMEOUT:-120}
TIMEOUT_HLEDGER=${TIMEOUT_HLEDGER:-120}
if [ -z "${MEM_CAP_MB:-}" ]; then
    MEM_CAP_MB=$(awk '/^MemTotal:/ { printf "%d", $2 * 3 / 4 / 1024 }' /proc/meminfo)
fi
TIME=/usr/bin/time

for tool in "$GEN" "$FLOOR" $FISC $TIME; do
    [ -x "$tool" ] || { echo "bench: $tool is missing (make bench builds it)" >&2; exit 2; }
done
mkdir -p "$OUT"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# gen N FILE [--ledger | --edit]: (re)generates FILE when missing or older
# than the generator.
gen() {
    local n=$1 file=$2 mode=${3:-}
    if [ ! -s "$file" ] || [ "$GEN" -nt "$file" ]; then
        echo "bench: generating $file" >&2
        "$GEN" $mode "$n" "$SEED" >"$file.tmp" && mv "$file.tmp" "$file" || exit 2
    fi
}

# measure RUNS TIMEOUT CAP PREP CMD...: prints "WALL RSS_KB CPU STATUS"
# where WALL is the median wall time (or ">T" when a run timed out), RSS_KB
# the peak, CPU the median user + system time ("-" after a timeout),
# STATUS "ok", "timeout" or "exit N" (the first failure).  PREP is a
# shell command run before each run, untimed.  An exit status of $OK_EXIT
# (default 0) counts as success.
measure() {
    local runs=$1 limit=$2 cap=$3 prep=$4 ok_exit=${OK_EXIT:-0}
    shift 4
    local walls=() cpus=() rss=0 status=ok i rc
    for ((i = 0; i < runs; i++)); do
        eval "$prep"
        (
            [ "$cap" -gt 0 ] && ulimit -v $((cap * 1024))
            exec timeout "$limit" "$TIME" -f '%e %M %U %S' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/stderr"
        )
        rc=$?
        if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
            status=timeout
            walls=(">$limit")
            break
        fi
        [ "$rc" -eq "$ok_exit" ] && rc=0
        if [ "$rc" -ne 0 ]; then
            status="exit $rc"
            echo "bench: '$*' exited with status $rc:" >&2
            tail -3 "$tmp/stderr" >&2
        fi
        # GNU time writes "Command exited with non-zero status N" first
        read -r w m u s < <(tail -n 1 "$tmp/time") || { w=0; m=0; u=0; s=0; }
        case "$w$m$u$s" in *[!0-9.]*|'') w=0; m=0; u=0; s=0 ;; esac
        walls+=("$w")
        cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')")
        [ "$m" -gt "$rss" ] && rss=$m
        [ "$rc" -ne 0 ] && break
    done
    local median cpu=-
    if [ "$status" = timeout ]; then
        median=">$limit"
    else
        median=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
        cpu=$(printf '%s\n' "${cpus[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    fi
    echo "$median $rss $cpu $status"
}

declare -A WALL CPU RSS STATUS
row() { # tool size bytes wall rss status cpu
    local tool=$1 n=$2 bytes=$3 wall=$4 rss=$5 status=$6 cpu=${7:--}
    local mb rssmb
    mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
    rssmb=$(awk -v k="$rss" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }')
    if [ "$status" = ok ]; then
        awk -v t="$tool" -v n="$n" -v mb="$mb" -v w="$wall" -v c="$cpu" -v r="$rssmb" -v b="$bytes" 'BEGIN {
            ws = (w > 0) ? w : 0.005   # /usr/bin/time prints 2 decimals
            printf "| %-14s | %9d | %6.1f | %8.2f | %7.2f | %11.0f | %8.1f | %8.1f | %6.2f |\n",
                   t, n, mb, w, c, n / ws, b / 1e6 / ws, r, r * 1e6 / b }'
    else
        printf "| %-14s | %9d | %6.1f | %8s | %7s | %11s | %8s | %8s | %6s |\n" \
            "$tool" "$n" "$mb" "${wall} s" "-" "-" "-" "$([ "$rss" -gt 0 ] && echo "$rssmb" || echo -)" "$status"
    fi
}

echo "machine: $(nproc) CPUs, $(awk '/^MemTotal:/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)," \
     "$(lscpu | sed -n 's/^Model name: *//p' | head -1), $(${CC:-cc} --version | head -1)"
echo "fisc: $FISC ($(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet -- src grammar include 2>/dev/null || echo '+local changes'))"
echo
echo "| tool           |     lines |     MB |   wall s |   cpu s |     lines/s |     MB/s | peak RSS MB | RSS/file |"
echo "|----------------|----------:|-------:|---------:|--------:|------------:|---------:|---------:|-------:|"
for n in $SIZES; do
    f="$OUT/budget-$n.fisc"
    gen "$n" "$f"
    lines=$(wc -l <"$f")
    bytes=$(wc -c <"$f")
    runs=$RUNS
    [ "$n" -ge 1000000 ] && runs=$RUNS_1M
    cat "$f" >/dev/null # warm the page cache

    read -r w m c s < <(measure "$runs" "$TIMEOUT" 0 : "$FLOOR" "$f")
    row floor "$lines" "$bytes" "$w" "$m" "$s" "$c"
    WALL[floor,$n]=$w; CPU[floor,$n]=$c; STATUS[floor,$n]=$s
    read -r w m c s < <(measure "$runs" "$TIMEOUT" "$MEM_CAP_MB" : $FISC check "$f")
    row "fisc check" "$lines" "$bytes" "$w" "$m" "$s" "$c"
    WALL[check,$n]=$w; CPU[check,$n]=$c; RSS[check,$n]=$m; STATUS[check,$n]=$s
    read -r w m c s < <(measure "$runs" "$TIMEOUT" "$MEM_CAP_MB" "rm -rf '$tmp/out'" $FISC build "$f" -o "$tmp/out")
    row "fisc build" "$lines" "$bytes" "$w" "$m" "$s" "$c"
    WALL[build,$n]=$w; CPU[build,$n]=$c; RSS[build,$n]=$m; STATUS[build,$n]=$s
    rm -rf "$tmp/out"
    read -r w m c s < <(measure "$runs" "$TIMEOUT" "$MEM_CAP_MB" : $FISC fmt "$f")
    row "fisc fmt" "$lines" "$bytes" "$w" "$m" "$s" "$c"
    WALL[fmt,$n]=$w; CPU[fmt,$n]=$c; RSS[fmt,$n]=$m; STATUS[fmt,$n]=$s
    e="$OUT/budget-$n-edited.fisc"
    gen "$n" "$e" --edit
    cat "$e" >/dev/null
    read -r w m c s < <(OK_EXIT=1 measure "$runs" "$TIMEOUT" "$MEM_CAP_MB" : $FISC diff "$f" "$e")
    row "fisc diff" "$lines" "$bytes" "$w" "$m" "$s" "$c"
    WALL[diff,$n]=$w; CPU[diff,$n]=$c; RSS[diff,$n]=$m; STATUS[diff,$n]=$s

    if [ "$compare" -eq 1 ]; then
        j="$OUT/budget-$n.journal"
        gen "$n" "$j" --ledger
        jbytes=$(wc -c <"$j")
        jlines=$(grep -c '^    ' "$j")
        cat "$j" >/dev/null
        read -r w m c s < <(measure "$runs" "$TIMEOUT" 0 : ledger -f "$j" bal)
        row "ledger bal" "$jlines" "$jbytes" "$w" "$m" "$s" "$c"
        WALL[ledger,$n]=$w; CPU[ledger,$n]=$c; STATUS[ledger,$n]=$s
        read -r w m c s < <(measure "$runs" "$TIMEOUT_HLEDGER" 0 : hledger -f "$j" check)
        row "hledger check" "$jlines" "$jbytes" "$w" "$m" "$s" "$c"
        WALL[hledger,$n]=$w; CPU[hledger,$n]=$c; STATUS[hledger,$n]=$s
    fi
done
echo
echo "(journal lines counted are postings; fisc lines are source lines)"

# ratio A B: A / B, or "-" when either is missing or not a plain number
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        pre = ""
        if (a ~ /^>/) { a = substr(a, 2); pre = ">" }
        if (b ~ /^>/) { b = substr(b, 2); pre = (pre == "") ? "<" : "?" }
        if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || pre == "?") { print "-"; exit }
        if (b == 0) b = 0.005
        if (a == 0) a = 0.005
        printf "%s%.1f", pre, a / b }'
}

echo
set -- $SIZES
if [ "$#" -ge 2 ]; then
    big=${!#}
    prev=${@:$#-1:1}
    echo "linearity: cost ratio ${big}/${prev} lines (ideal $((big / prev)))"
    for t in floor check build fmt diff; do
        echo "  $t: $(ratio "${WALL[$t,$big]:-}" "${WALL[$t,$prev]:-}") (cpu time: $(ratio "${CPU[$t,$big]:-}" "${CPU[$t,$prev]:-}"))"
    done
fi
if [ "$compare" -eq 1 ]; then
    echo
    echo "speed-up of fisc check (wall time of the other tool / fisc check's):"
    for n in $SIZES; do
        echo "  $n lines: ledger bal $(ratio "${WALL[ledger,$n]:-}" "${WALL[check,$n]:-}")x," \
             "hledger check $(ratio "${WALL[hledger,$n]:-}" "${WALL[check,$n]:-}")x" \
             "(cpu time: $(ratio "${CPU[ledger,$n]:-}" "${CPU[check,$n]:-}")x," \
             "$(ratio "${CPU[hledger,$n]:-}" "${CPU[check,$n]:-}")x; a '>' time: at least that ratio)"
    done
fi
