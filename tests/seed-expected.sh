#!/usr/bin/env bash
# seed-expected.sh: the seed's acceptance test.  Builds
# examples/longgang-2022.fisc and asserts that every published number of the
# seed (tests/data/seed-expected/tNN.csv, one per line:
# table,row_code,row,column,value) appears in the built tNN.csv at a row
# whose label (or, when row_code is set, whose code) matches and in a column
# whose header path ends with the expected column path.  The built CSV is
# read as fisc lays it out: a side-by-side table (`beside`) holds each
# side's code columns (编码, or 类 款 项 ..., whose parts make the code),
# its 项目 and its value columns in turn, and a figure is looked for
# beside the line of its own side.
#
#   FISC=build/fisc tests/seed-expected.sh [SOURCE DATA]
#
# SOURCE and DATA (default: the seed's) name another budget and its
# expected numbers.
#
# Prints "ok seed-expected: N numbers", or one "FAIL seed-expected: ..." line
# per number not found and exits 1.  A failed build fails the test.
# FISC may hold several words (a valgrind command line): expanded unquoted.
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
src=${1:-examples/longgang-2022.fisc}
data=${2:-tests/data/seed-expected}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

$FISC build "$src" -o "$tmp/out" >"$tmp/build.out" 2>"$tmp/build.err"
rc=$?
if [ "$rc" -ne 0 ]; then
    echo "FAIL seed-expected: fisc build $src exited with status $rc"
    sed 's/^/    /' "$tmp/build.err" | head -n 40
    exit 1
fi
if [ ! -d "$tmp/out" ]; then
    echo "FAIL seed-expected: fisc build $src wrote no $tmp/out directory"
    exit 1
fi

total=0
failed=0
for exp in "$data"/t*.csv; do
    [ -f "$exp" ] || continue
    id=$(basename "$exp" .csv)
    # Portable awk (mawk, POSIX); LC_ALL=C so every string function counts
    # bytes the same way in every awk (UTF-8 never puts '"' or ',' inside a
    # multi-byte character, so byte-wise CSV splitting is exact).
    LC_ALL=C awk -v expf="$exp" -v built="$tmp/out/$id.csv" -v id="$id" '
    # Reads one RFC 4180 record of file f into fld[1..n] and returns n, or
    # -1 at end of file.  A quoted field may hold commas, doubled quotes and
    # line breaks (a record then spans several physical lines).  A CR before
    # each line break is dropped, so CRLF and LF files read the same.
    function readrec(f, fld,    line, rec, r, n, i, len, c, field, inq) {
        r = (getline line < f)
        if (r <= 0)
            return -1
        sub(/\r$/, "", line)
        rec = line
        while (oddquotes(rec)) {
            r = (getline line < f)
            if (r <= 0)
                break
            sub(/\r$/, "", line)
            rec = rec "\n" line
        }
        n = 0
        field = ""
        inq = 0
        len = length(rec)
        i = 1
        while (i <= len) {
            c = substr(rec, i, 1)
            if (inq) {
                if (c == "\"") {
                    if (substr(rec, i + 1, 1) == "\"") {
                        field = field "\""
                        i += 2
                        continue
                    }
                    inq = 0
                } else {
                    field = field c
                }
            } else if (c == "\"") {
                inq = 1
            } else if (c == ",") {
                fld[++n] = field
                field = ""
            } else {
                field = field c
            }
            i++
        }
        fld[++n] = field
        return n
    }
    function oddquotes(s,    t) {
        t = s
        return gsub(/"/, "", t) % 2
    }
    # h is p, or ends with "/" p: a whole-segment suffix of a header path.
    function endswith(h, p,    lh, lp) {
        if (h == p)
            return 1
        lh = length(h)
        lp = length(p)
        return lh > lp && substr(h, lh - lp) == "/" p
    }
    function isnum(s) {
        return s ~ /^-?[0-9]+(\.[0-9]+)?$/
    }
    function same(a, b) {
        if (a == b)
            return 1
        return isnum(a) && isnum(b) && a + 0 == b + 0
    }
    BEGIN {
        # The expected numbers (the first record is the header).
        ne = 0
        if (readrec(expf, f) < 0) {
            print "FAIL seed-expected: " expf " is empty"
            exit 1
        }
        while ((n = readrec(expf, f)) >= 0) {
            if (n == 1 && f[1] == "")
                continue
            ne++
            ecode[ne] = f[2]
            erow[ne] = f[3]
            ecol[ne] = f[4]
            evalue[ne] = f[5]
            paths[f[4]] = 1
        }
        close(expf)

        # The built table: a header, then one record per line of the table.
        nh = readrec(built, f)
        if (nh < 0) {
            for (e = 1; e <= ne; e++)
                printf "FAIL seed-expected: %s row %s%s column %s: expected %s, but the build wrote no %s.csv\n", \
                    id, erow[e], (ecode[e] != "" ? " [" ecode[e] "]" : ""), ecol[e], evalue[e], id
            print "total " ne " failed " ne
            exit 0
        }
        if (substr(f[1], 1, 3) == "\357\273\277")
            f[1] = substr(f[1], 4)
        for (j = 1; j <= nh; j++)
            head[j] = f[j]
        # The stub of each side: its code columns (编码, or 类 款 项 目)
        # and its label column 项目; every other column is a value column
        # of the side whose stub stands last before it.  code_from[j] ..
        # code_to[j] are the code columns of value column j, label[j] its
        # label column (0: none).
        side = 0
        for (j = 1; j <= nh; j++) {
            h = head[j]
            if (h == "编码" || h == "类" || h == "款" || h == "项" || h == "目") {
                if (!instub) {
                    side++
                    cfrom[side] = j
                    lab[side] = 0
                }
                instub = 1
                cto[side] = j
            } else if (h == "项目") {
                if (!instub) {
                    side++
                    cfrom[side] = j
                    cto[side] = j - 1
                }
                lab[side] = j
                instub = 0
            } else {
                instub = 0
                code_from[j] = cfrom[side]
                code_to[j] = cto[side]
                label[j] = lab[side]
                isvalue[j] = side > 0
            }
        }
        nr = 0
        while ((n = readrec(built, f)) >= 0) {
            if (n == 1 && f[1] == "")
                continue
            nr++
            for (j = 1; j <= nh; j++)
                cell[nr, j] = (j <= n ? f[j] : "")
        }
        close(built)

        bad = 0
        for (e = 1; e <= ne; e++) {
            key = (ecode[e] != "" ? ecode[e] : erow[e])
            rowhit = 0
            colhit = 0
            found = 0
            seen = ""
            for (r = 1; r <= nr && !found; r++) {
                for (j = 1; j <= nh; j++) {
                    if (!isvalue[j])
                        continue
                    code = ""
                    for (k = code_from[j]; k <= code_to[j]; k++)
                        code = code cell[r, k]
                    if (!(code != "" && code == key) && !(label[j] && cell[r, label[j]] == key))
                        continue
                    rowhit = 1
                    if (!endswith(head[j], ecol[e]))
                        continue
                    colhit = 1
                    if (same(cell[r, j], evalue[e])) {
                        found = 1
                        break
                    }
                    seen = seen (seen == "" ? "" : ", ") "\"" cell[r, j] "\""
                }
            }
            if (found)
                continue
            bad++
            what = !rowhit ? "no row with that " (ecode[e] != "" ? "code" : "label") \
                 : !colhit ? "no column whose header ends with that path" \
                 : "found " seen
            printf "FAIL seed-expected: %s row %s%s column %s: expected %s, %s\n", \
                id, erow[e], (ecode[e] != "" ? " [" ecode[e] "]" : ""), ecol[e], evalue[e], what
        }
        print "total " ne " failed " bad
    }' >"$tmp/result" 2>&1
    grep -v '^total ' "$tmp/result"
    t=$(sed -n 's/^total \([0-9]*\) failed \([0-9]*\)$/\1/p' "$tmp/result")
    b=$(sed -n 's/^total \([0-9]*\) failed \([0-9]*\)$/\2/p' "$tmp/result")
    if [ -z "$t" ]; then
        echo "FAIL seed-expected: checking $exp did not finish"
        failed=$((failed + 1))
        continue
    fi
    total=$((total + t))
    failed=$((failed + b))
done

if [ "$total" -eq 0 ]; then
    echo "FAIL seed-expected: no expected numbers under $data"
    exit 1
fi
if [ "$failed" -ne 0 ]; then
    echo "seed-expected: $failed of $total numbers not found"
    exit 1
fi
echo "ok seed-expected: $total numbers"
