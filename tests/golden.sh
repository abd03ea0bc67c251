#!/usr/bin/env bash
# golden.sh: the seed example's outputs, pinned.  Builds
# examples/longgang-2022.fisc into a temporary directory and compares every
# file byte for byte with tests/golden/longgang-2022/ (t01.csv … t11.csv,
# report.txt, report.json, tables.json, narrative.md; reviewed by hand against the
# published document, see REVIEW.md there).  The workbook and the web page
# are checked against the CSVs by tests/publish*.sh instead.  Also checks
# that
#   - a second build is byte-identical to the first (no time, path or
#     ordering leaks into the output);
#   - every CSV starts with the UTF-8 byte order mark EF BB BF (for Excel),
#     and --no-bom drops those three bytes and changes nothing else;
#   - --crlf ends every CSV line with CR LF and changes nothing else;
#   - the reports are the same with --no-bom and --crlf (CSV options).
#
#   FISC=build/fisc tests/golden.sh
#
# Prints one "ok golden: …" or "FAIL golden: …" line per check.  After an
# intended change of output, rebuild into tests/golden/longgang-2022/ and
# review the diff line by line against the seed before committing it.
# FISC may hold several words (a valgrind command line): expanded unquoted.
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
src=examples/longgang-2022.fisc
gold=tests/golden/longgang-2022

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

nfail=0
fail() {
    echo "FAIL golden: $*"
    nfail=$((nfail + 1))
}

# build NAME [OPTIONS...]: builds into $tmp/NAME; 0 when the build worked.
build() {
    name=$1
    shift
    $FISC build "$src" -o "$tmp/$name" "$@" >"$tmp/$name.stdout" 2>"$tmp/$name.stderr"
    rc=$?
    if [ "$rc" -ne 0 ] || [ ! -d "$tmp/$name" ]; then
        fail "fisc build $src $* exited with status $rc"
        sed 's/^/    /' "$tmp/$name.stderr" | head -n 20
        return 1
    fi
    return 0
}

build plain || exit 1

# 1. Every golden file is produced and identical; no file is extra.
for want in "$gold"/t*.csv "$gold"/report.txt "$gold"/report.json "$gold"/tables.json "$gold"/narrative.md; do
    [ -f "$want" ] || { fail "$want is missing"; continue; }
    f=$(basename "$want")
    if [ ! -f "$tmp/plain/$f" ]; then
        fail "fisc build wrote no $f"
    elif cmp -s "$want" "$tmp/plain/$f"; then
        echo "ok golden: $f"
    else
        fail "$f differs from $want"
        diff -u "$want" "$tmp/plain/$f" | head -n 60 | sed 's/^/    /'
    fi
done
extra=
for f in "$tmp"/plain/*; do
    b=$(basename "$f")
    case $b in *.xlsx|index.html) continue ;; esac     # tests/publish*.sh
    [ -f "$gold/$b" ] || extra="$extra $b"
done
if [ -n "$extra" ]; then
    fail "fisc build wrote files with no golden copy:$extra"
else
    echo "ok golden: no unexpected output files"
fi

# 2. Run to run: a second build is byte-identical.
if build again; then
    if diff -r "$tmp/plain" "$tmp/again" >"$tmp/rerun.diff" 2>&1; then
        echo "ok golden: second build is byte-identical"
    else
        fail "second build differs from the first"
        head -n 40 "$tmp/rerun.diff" | sed 's/^/    /'
    fi
fi

# 3. The byte order mark: each CSV starts with EF BB BF; with --no-bom it
# is the same file without those three bytes.
if build nobom --no-bom; then
    bad=0
    for f in "$tmp"/plain/*.csv; do
        b=$(basename "$f")
        magic=$(head -c 3 "$f" | od -An -tx1 | tr -d ' \n')
        if [ "$magic" != efbbbf ]; then
            fail "$b starts with '$magic', not the byte order mark efbbbf"
            bad=1
        elif ! tail -c +4 "$f" | cmp -s - "$tmp/nobom/$b"; then
            fail "--no-bom $b is not the default file without its byte order mark"
            bad=1
        fi
    done
    for r in report.txt report.json; do
        if ! cmp -s "$tmp/plain/$r" "$tmp/nobom/$r"; then
            fail "--no-bom changed $r (the option is for the CSVs)"
            bad=1
        fi
    done
    [ "$bad" -eq 0 ] && echo "ok golden: every CSV starts with a byte order mark; --no-bom drops it"
fi

# 4. --crlf: every CSV line ends in CR LF, and without the CRs it is the
# plain file.  (No golden CSV has a line break inside a quoted field.)
if build crlf --crlf; then
    bad=0
    for f in "$tmp"/plain/*.csv; do
        b=$(basename "$f")
        lf=$(awk 'END { print NR }' "$f")
        crlf=$(LC_ALL=C awk '/\r$/ { n++ } END { print n + 0 }' "$tmp/crlf/$b")
        if [ "$lf" -eq 0 ] || [ "$crlf" -ne "$lf" ]; then
            fail "--crlf $b has $crlf of $lf lines ending in CR LF"
            bad=1
        elif ! tr -d '\r' <"$tmp/crlf/$b" | cmp -s - "$f"; then
            fail "--crlf $b differs from the plain build but for the CRs"
            bad=1
        elif [ "$(tail -c 2 "$tmp/crlf/$b" | od -An -tx1 | tr -d ' \n')" != 0d0a ]; then
            fail "--crlf $b does not end in CR LF"
            bad=1
        fi
    done
    for r in report.txt report.json; do
        if ! cmp -s "$tmp/plain/$r" "$tmp/crlf/$r"; then
            fail "--crlf changed $r (the option is for the CSVs)"
            bad=1
        fi
    done
    [ "$bad" -eq 0 ] && echo "ok golden: --crlf"
fi
[ "$nfail" -eq 0 ]
