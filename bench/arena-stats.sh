#!/usr/bin/env bash
# arena-stats.sh: where a compilation's memory goes, by the code that
# allocated it (docs/performance.md, "Bytes per source line").
#
#   bench/arena-stats.sh LINES FISC-ARGS...
#   e.g. bench/arena-stats.sh 1000000 check build/bench/budget-1000000.fisc
#
# Builds fisc with -DARENA_STATS in $BUILD/stats (src/arena.c then charges
# every arena block and side block to the stack that asked for it), runs
# it with FISC-ARGS, and prints, for each arena of at least 1 MB as it was
# freed (the compilation's, at its largest), the bytes by the first
# function outside arena.c that allocated them (file:line, and the
# function that called it), in bytes and bytes per source line (LINES).
# "interned names" are strtab_intern's copies and slots, "chunk tails" the
# unused end of the arena's chunks.  The figures are arena bytes; peak RSS
# adds the C library's own memory and what is malloc'd outside arenas.
set -eu
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: bench/arena-stats.sh LINES FISC-ARGS..." >&2; exit 2; }
lines=$1
shift
BUILD=${BUILD:-build}
S=$BUILD/stats
make --no-print-directory -j2 BUILD="$S" OPT='-O2 -g -DARENA_STATS' "$S/fisc" >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rc=0
FISC_ARENA_STATS=$tmp/sites "$S/fisc" "$@" >/dev/null 2>"$tmp/stderr" || rc=$?
[ -s "$tmp/sites" ] || { echo "arena-stats: no arena of 1 MB (exit $rc)" >&2; cat "$tmp/stderr" >&2; exit 1; }

# Every return address, less one (the call, not the instruction after it),
# resolved with its inlined frames: "ADDR FUNC FILE:LINE" per frame,
# innermost first.
cut -d' ' -f4- "$tmp/sites" | tr ' ' '\n' | sort -u >"$tmp/pcs"
while read -r pc; do printf '0x%016x\n' $((pc - 1)); done <"$tmp/pcs" >"$tmp/calls"
addr2line -a -f -i -e "$S/fisc" <"$tmp/calls" |
    awk '/^0x/ { a = $1; next } { f = $0; getline; sub(/.*\/fisc\//, "", $0); sub(/.*\/wt\/[^\/]*\//, "", $0); print a, f, $0 }' >"$tmp/frames"
paste -d' ' "$tmp/pcs" "$tmp/calls" >"$tmp/map"

awk -v lines="$lines" '
    FILENAME == ARGV[1] { call[$1] = $2; next }
    FILENAME == ARGV[2] {
        # frames of one address, innermost first
        n[$1]++; fn[$1, n[$1]] = $2; at[$1, n[$1]] = $3; next
    }
    {
        arena = $1; bytes = $2
        if (!(arena in total)) order[++narenas] = arena
        total[arena] += bytes
        key = ""; interned = 0; caller = ""
        if (NF < 4) key = "chunk tails (allocated, not yet handed out)"
        for (i = 4; i <= NF && key == ""; i++) {
            c = call[$i]
            for (k = 1; k <= n[c]; k++) {
                if (fn[c, k] == "strtab_intern" || fn[c, k] == "strtab_rehash") interned = 1
                if (at[c, k] !~ /^src\/arena\.c:/ && at[c, k] !~ /^\?\?/) {
                    if (key == "") key = fn[c, k] " (" at[c, k] ")"
                    else if (caller == "") caller = fn[c, k]
                }
            }
        }
        if (interned) key = "interned names (strtab_intern)"
        else if (key == "") key = "(unknown)"
        else if (caller != "") key = key " < " caller
        sum[arena, key] += bytes
        if (!((arena, key) in seen)) { seen[arena, key] = 1; keys[arena, ++nkeys[arena]] = key }
    }
    END {
        for (r = 1; r <= narenas; r++) {
            a = order[r]
            printf "arena %d: %.1f MB, %.1f B/line (%d lines)\n", r, total[a] / 1e6, total[a] / lines, lines
            for (i = 1; i <= nkeys[a]; i++) print sum[a, keys[a, i]] "\t" keys[a, i]
        }
    }' "$tmp/map" "$tmp/frames" "$tmp/sites" |
    awk -F'\t' -v lines="$lines" '
        /^arena/ { if (n) flush(); print; next }
        { b[++n] = $1; k[n] = $2 }
        function flush(   i, j, t, rest, nrest) {
            for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
                if (b[j] > b[i]) { t = b[i]; b[i] = b[j]; b[j] = t; t = k[i]; k[i] = k[j]; k[j] = t }
            rest = nrest = 0
            for (i = 1; i <= n; i++)
                if (b[i] >= 0.1 * lines) printf "  %12d B %8.1f B/line  %s\n", b[i], b[i] / lines, k[i]
                else { rest += b[i]; nrest++ }
            if (nrest) printf "  %12d B %8.1f B/line  (%d smaller sites)\n", rest, rest / lines, nrest
            n = 0
        }
        END { if (n) flush() }'
exit 0
