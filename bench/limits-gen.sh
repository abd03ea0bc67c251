#!/usr/bin/env bash
# limits-gen.sh: small inputs that once cost fisc unbounded depth, memory
# or time (issue 12), written to stdout.  Used by tests/limits.sh (at
# sizes that keep the suite fast) and by hand for the figures in
# docs/performance.md.
#
#   bench/limits-gen.sh sum N          a check of N terms 1+1+...+1 that holds
#   bench/limits-gen.sh parens N       a check nested N parentheses deep
#   bench/limits-gen.sh signs N        a check with N minus signs in a row
#   bench/limits-gen.sh path N         a reference path of N segments
#   bench/limits-gen.sh colset L H T   one column set of L leaves under a
#                                      chain of H headings, used by T tables
#   bench/limits-gen.sh wide L H T     L columns under H parent columns, T
#                                      tables of one line whose parents are
#                                      off by one: H warnings per table, each
#                                      echoing a line of 2 L bytes (the cost
#                                      of printing diagnostics on long lines)
#   bench/limits-gen.sh lines N [moved [G]]  a table of N lines in G groups
#                                      (100); with "moved", every line sits in
#                                      the previous group, one place on (for
#                                      fisc diff: no line keeps its path)
set -u
what=${1:-}
n=${2:-1000}

header() {
    printf 'budget "测试单位" {\n    year 2022\n    unit 万元\n}\n\n'
}

case $what in
sum)
    header
    printf 'narrative n1 "说明" {\n    甲 = %d\n    check 甲 == ' "$n"
    awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf (i ? "+1" : "1"); print "" }'
    printf '}\n'
    ;;
parens)
    header
    printf 'narrative n1 "说明" {\n    甲 = 1\n    check 甲 == '
    awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "("; printf "甲";
                           for (i = 0; i < n; i++) printf ")"; print "" }'
    printf '}\n'
    ;;
signs)
    header
    printf 'narrative n1 "说明" {\n    甲 = 1\n    check 甲 == '
    awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "-"; print "甲" }'
    printf '}\n'
    ;;
path)
    header
    printf 'narrative n1 "说明" {\n    甲 = 1\n    check 甲 == n1['
    # a line break every 1,000 segments: inside [ ] a check goes on
    awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf (i ? (i % 1000 ? "/甲" : "/\n    甲") : "甲");
                           print "]" }'
    printf '}\n'
    ;;
colset)
    leaves=$n headings=${3:-60} tables=${4:-40}
    header
    awk -v L="$leaves" -v H="$headings" -v T="$tables" 'BEGIN {
        # not indented: the point is a small file
        print "columns 支出 {"
        for (h = 0; h < H; h++) printf "类%d heading {\n", h
        for (k = 0; k < L; k++) printf "支出项目%d\n", k
        for (h = 0; h < H; h++) print "}"
        print "}"
        for (t = 0; t < T; t++) printf "\ntable t%d \"表%d\" {\n    columns 支出\n}\n", t, t
    }'
    ;;
wide)
    leaves=$n headings=${3:-60} tables=${4:-40}
    header
    awk -v L="$leaves" -v H="$headings" -v T="$tables" 'BEGIN {
        print "columns 支出 {"
        vals = ""
        for (h = 0; h < H; h++) {
            printf "    类%d {\n", h
            per = int(L / H) + (h < L % H)
            vals = vals " " (per + 1)
            for (k = 0; k < per; k++) { printf "        项%d_%d\n", h, k; vals = vals " 1" }
            print "    }"
        }
        print "}"
        for (t = 0; t < T; t++) printf "\ntable t%d \"表%d\" {\n    columns 支出\n    rows {\n        甲 =%s\n    }\n}\n", t, t, vals
    }'
    ;;
lines)
    moved=${3:-} groups=${4:-100}
    [ "$moved" = moved ] || moved=
    header
    awk -v N="$n" -v moved="$moved" -v G="$groups" 'BEGIN {
        per = int(N / G); if (per < 1) per = 1
        print "table t1 \"表1\" {\n    columns {\n        金额\n    }\n    rows {"
        for (g = 0; g < G; g++) {
            printf "        组%d {\n", g
            for (k = 0; k < per; k++) {
                i = g * per + k
                # moved: line i sits in group (g + 1) % G, rotated by one
                if (moved != "") i = ((g + G - 1) % G) * per + (k + 1) % per
                printf "            项%d = %d\n", i, i + 1
            }
            print "        }"
        }
        print "    }\n}"
    }'
    ;;
*)
    echo "usage: bench/limits-gen.sh sum|parens|signs|path|colset|wide|lines N ..." >&2
    exit 2
    ;;
esac
