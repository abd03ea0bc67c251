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
# A row written as a path, parent first (`年初财政拨款结转和结余/一、一般公共
# 预算财政拨款`: a label printed twice in one table under different
# parents), is told apart with the budget's own line paths: the CSV is
# flat, so the script lists, from `fisc textconv SOURCE`, the table's lines
# with that label that state a figure in the column, in source order; the
# one whose path ends with the expected path is the k-th of them, and the
# figure must be on the k-th CSV row with that label beside the column.
# Children keep their order under any layout, so that pairing is exact; it
# fails (never guesses) when a line with the label is an ancestor of
# another (a total printed below its parts could swap them), or when the
# CSV has more or fewer rows with that label than the budget states.
#
# Prints "ok NAME: N numbers", or one "FAIL NAME: ..." line per number not
# found and exits 1, NAME being DATA's folder name (seed-expected by
# default).  A failed build fails the test.
# FISC may hold several words (a valgrind command line): expanded unquoted.
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
src=${1:-examples/longgang-2022.fisc}
data=${2:-tests/data/seed-expected}
name=$(basename "$data")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

$FISC build "$src" -o "$tmp/out" >"$tmp/build.out" 2>"$tmp/build.err"
rc=$?
if [ "$rc" -ne 0 ]; then
    echo "FAIL $name: fisc build $src exited with status $rc"
    sed 's/^/    /' "$tmp/build.err" | head -n 40
    exit 1
fi
if [ ! -d "$tmp/out" ]; then
    echo "FAIL $name: fisc build $src wrote no $tmp/out directory"
    exit 1
fi
# The budget's line paths, for rows written as a path (see above).
if ! $FISC textconv "$src" >"$tmp/lines.tsv" 2>"$tmp/textconv.err"; then
    echo "FAIL $name: fisc textconv $src failed"
    sed 's/^/    /' "$tmp/textconv.err" | head -n 20
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
    LC_ALL=C awk -v expf="$exp" -v built="$tmp/out/$id.csv" -v id="$id" \
        -v lines="$tmp/lines.tsv" -v name="$name" '
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
    # The last segment of a row path.
    function lastseg(p) {
        sub(/.*\//, "", p)
        return p
    }
    # Reads the figures of table id from `fisc textconv` (TABLE, [CODE ]
    # PATH, COLUMN, VALUE; facts have no path) into tpath[], tcol[].
    function loadlines(    line, f4) {
        nl = 0
        while ((getline line < lines) > 0) {
            if (split(line, f4, "\t") < 4 || f4[1] != id || f4[2] == "")
                continue
            sub(/^[0-9]+ /, "", f4[2])
            nl++
            tpath[nl] = f4[2]
            tcol[nl] = f4[3]
        }
        close(lines)
        loaded = 1
    }
    # Expected number e, whose row is a path: "" when it is on its row,
    # else what was found.  The budget lines labelled like the path'"'"'s last
    # segment that state a figure in the column, in source order, pair one
    # to one with the CSV rows of that label beside the column.
    function bypath(e,    L, i, n, k, hits, a, b, j, r, cnt, seen, what, cand, dup) {
        if (!loaded)
            loadlines()
        L = lastseg(erow[e])
        n = 0
        split("", dup)
        for (i = 1; i <= nl; i++) {
            if (!endswith(tcol[i], ecol[e]) || lastseg(tpath[i]) != L || (tpath[i] in dup))
                continue
            dup[tpath[i]] = 1
            cand[++n] = tpath[i]
        }
        hits = 0
        for (i = 1; i <= n; i++)
            if (endswith(cand[i], erow[e])) {
                hits++
                k = i
            }
        if (hits != 1)
            return "the budget has " hits " lines at that path with a figure in that column"
        for (a = 1; a <= n; a++)
            for (b = 1; b <= n; b++)
                if (a != b && substr(cand[b], 1, length(cand[a]) + 1) == cand[a] "/")
                    return "cannot pair the lines labelled " L ": " cand[a] " holds " cand[b]
        what = "no column whose header ends with that path"
        seen = ""
        for (j = 1; j <= nh; j++) {
            if (!isvalue[j] || !label[j] || !endswith(head[j], ecol[e]))
                continue
            cnt = 0
            for (r = 1; r <= nr; r++) {
                if (cell[r, label[j]] != L)
                    continue
                if (++cnt != k)
                    continue
                if (same(cell[r, j], evalue[e]))
                    return ""
                seen = seen (seen == "" ? "" : ", ") "\"" cell[r, j] "\""
            }
            if (cnt != n)
                what = "the CSV has " cnt " rows labelled " L " beside that column, the budget " n
            else
                what = "found " seen
        }
        return what
    }
    BEGIN {
        # The expected numbers (the first record is the header).
        ne = 0
        if (readrec(expf, f) < 0) {
            print "FAIL " name ": " expf " is empty"
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
                printf "FAIL %s: %s row %s%s column %s: expected %s, but the build wrote no %s.csv\n", \
                    name, id, erow[e], (ecode[e] != "" ? " [" ecode[e] "]" : ""), ecol[e], evalue[e], id
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
            if (ecode[e] == "" && index(erow[e], "/")) {
                what = bypath(e)
                if (what == "")
                    continue
                bad++
                printf "FAIL %s: %s row %s column %s: expected %s, %s\n", \
                    name, id, erow[e], ecol[e], evalue[e], what
                continue
            }
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
            printf "FAIL %s: %s row %s%s column %s: expected %s, %s\n", \
                name, id, erow[e], (ecode[e] != "" ? " [" ecode[e] "]" : ""), ecol[e], evalue[e], what
        }
        print "total " ne " failed " bad
    }' >"$tmp/result" 2>&1
    grep -v '^total ' "$tmp/result"
    t=$(sed -n 's/^total \([0-9]*\) failed \([0-9]*\)$/\1/p' "$tmp/result")
    b=$(sed -n 's/^total \([0-9]*\) failed \([0-9]*\)$/\2/p' "$tmp/result")
    if [ -z "$t" ]; then
        echo "FAIL $name: checking $exp did not finish"
        failed=$((failed + 1))
        continue
    fi
    total=$((total + t))
    failed=$((failed + b))
done

if [ "$total" -eq 0 ]; then
    echo "FAIL $name: no expected numbers under $data"
    exit 1
fi
if [ "$failed" -ne 0 ]; then
    echo "$name: $failed of $total numbers not found"
    exit 1
fi
echo "ok $name: $total numbers"
