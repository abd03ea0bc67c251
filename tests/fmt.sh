#!/usr/bin/env bash
# fmt.sh: the formatter's test layer (`fisc fmt`, `fisc next-year`).
#
#   FISC=build/fisc tests/fmt.sh
#
# For every examples/*.fisc, lib/*.fisc and tests/errors/*.fisc that parses
# without errors:
#   fmt-idem NAME     fmt(fmt(x)) == fmt(x)
#   fmt-ws NAME       x re-indented at random (spaces and tabs), with
#                     trailing blanks and CRLF line ends formats to the
#                     same bytes as x (so the layout depends on the tree only)
#   fmt-check NAME    the formatted file makes `fisc check` exit as x does
#                     (in a mirror of the tree, so imports resolve)
#   fmt-model NAME    when x checks clean: `fisc textconv` (every figure
#                     with its table, line path and column) prints the
#                     same before and after formatting
#   fmt-canon NAME    `fmt --check` exits 0 on fmt(x) and 1, naming the
#                     file, on the perturbed x
# (tests/unit/test_fmt_property.c checks the syntax tree itself, on these
# files and their mutants), then the limits through the command line
# (8,200 columns, 150,000 terms, a check that cannot be broken), then the
# command line: usage errors, syntax errors (nothing written),
# `-w` (rewrites, keeps the mode; leaves the original byte-identical when
# the directory is read-only or the path is a directory; keeps the owner,
# refuses hard links and read-only files, cleans a killed run's temporary)
# and next-year (an existing OUT only with --force).
# Prints "ok NAME" / "FAIL NAME" lines.  FISC may hold several words (a
# valgrind command line), so it is expanded unquoted.
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"

tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

if ! $FISC fmt --help >/dev/null 2>&1; then
    echo "fmt.sh: SKIP: '$FISC' has no fmt command yet"
    exit 0
fi

failed=0
ok() { echo "ok $1"; }
fail() {
    echo "FAIL $1"
    failed=1
}

# Random indentation (spaces and tabs), trailing blanks, CRLF.  A UTF-8
# byte order mark stays first on its line.
perturb() {
    awk -v seed="$2" 'BEGIN { srand(seed) }
    {
        bom = ""
        if (NR == 1 && substr($0, 1, 3) == "\357\273\277") { bom = substr($0, 1, 3); $0 = substr($0, 4) }
        sub(/\r$/, "")
        sub(/^[ \t]*/, "")
        ind = ""
        n = int(rand() * 12)
        for (i = 0; i < n; i++) ind = ind (rand() < 0.25 ? "\t" : " ")
        trail = ""
        n = int(rand() * 4)
        for (i = 0; i < n; i++) trail = trail (rand() < 0.5 ? "\t" : " ")
        printf "%s%s%s%s\r\n", bom, ind, $0, trail
    }' "$1"
}

# Mirrors of the tree: orig as is, fmt with every parsable file formatted.
# Each is marked as a repository (.git) so that imports reach ../lib, as
# they do in the checkout (docs/security.md).
mkdir -p "$tmp/orig/.git" "$tmp/fmt/.git"
for d in examples lib tests/errors; do
    mkdir -p "$tmp/orig/$d" "$tmp/fmt/$d"
    cp -R "$d"/. "$tmp/orig/$d"/ 2>/dev/null
    cp -R "$d"/. "$tmp/fmt/$d"/ 2>/dev/null
done

seed=1
formatted=()
for src in examples/*.fisc lib/*.fisc tests/errors/*.fisc; do
    [ -f "$src" ] || continue
    $FISC fmt "$src" >"$tmp/a.fisc" 2>"$tmp/a.err"
    rc=$?
    [ "$rc" -eq 0 ] || continue     # syntax errors: not the formatter's input
    seed=$((seed + 1))

    if $FISC fmt "$tmp/a.fisc" >"$tmp/b.fisc" 2>"$tmp/b.err" && cmp -s "$tmp/a.fisc" "$tmp/b.fisc"; then
        ok "fmt-idem $src"
    else
        fail "fmt-idem $src"
        diff -u "$tmp/a.fisc" "$tmp/b.fisc" | head -n 20 | sed 's/^/    /'
    fi

    perturb "$src" "$seed" >"$tmp/p.fisc"
    if $FISC fmt "$tmp/p.fisc" >"$tmp/c.fisc" 2>"$tmp/c.err" && cmp -s "$tmp/a.fisc" "$tmp/c.fisc"; then
        ok "fmt-ws $src"
    else
        fail "fmt-ws $src"
        diff -u "$tmp/a.fisc" "$tmp/c.fisc" | head -n 20 | sed 's/^/    /'
        sed 's/^/    /' "$tmp/c.err" | head -n 10
    fi

    cp "$tmp/a.fisc" "$tmp/fmt/$src"
    formatted+=("$src")

    $FISC fmt --check "$tmp/a.fisc" >"$tmp/chk.out" 2>&1
    rc1=$?
    $FISC fmt --check "$tmp/p.fisc" >"$tmp/chk2.out" 2>&1
    rc2=$?
    want2=1
    cmp -s "$tmp/a.fisc" "$tmp/p.fisc" && want2=0    # an empty file stays empty
    if [ "$want2" -eq 0 ] && [ "$rc2" -eq 0 ] && [ ! -s "$tmp/chk2.out" ]; then
        rc2=1; echo "$tmp/p.fisc" >"$tmp/chk2.out"
    fi
    if [ "$rc1" -eq 0 ] && [ ! -s "$tmp/chk.out" ] && [ "$rc2" -eq 1 ] &&
       [ "$(cat "$tmp/chk2.out")" = "$tmp/p.fisc" ]; then
        ok "fmt-canon $src"
    else
        fail "fmt-canon $src (exit $rc1 on the formatted file, $rc2 on the perturbed one)"
    fi
done

# Same check status before and after formatting, every file in its mirror.
for src in "${formatted[@]}"; do
    $FISC check "$tmp/orig/$src" >/dev/null 2>&1
    want=$?
    $FISC check "$tmp/fmt/$src" >/dev/null 2>&1
    got=$?
    if [ "$want" -eq "$got" ]; then
        ok "fmt-check $src"
    else
        fail "fmt-check $src: fisc check exits $got after formatting, $want before"
    fi
    [ "$want" -eq 0 ] || continue
    # a library checks clean but has no figures: textconv shows its text
    grep -q '^budget ' "$tmp/orig/$src" || continue
    $FISC textconv "$tmp/orig/$src" >"$tmp/m1" 2>&1
    $FISC textconv "$tmp/fmt/$src" >"$tmp/m2" 2>&1
    if [ -s "$tmp/m1" ] && cmp -s "$tmp/m1" "$tmp/m2"; then
        ok "fmt-model $src"
    else
        fail "fmt-model $src: textconv differs after formatting"
        diff "$tmp/m1" "$tmp/m2" | head -n 10 | sed 's/^/    /'
    fi
done

# ---- the limits --------------------------------------------------------

# 8,200 one-digit columns: a 16 KB line that alignment would pad past the
# lexer's 64 KiB line limit.  fmt -w and next-year write files that parse.
awk 'BEGIN {
    print "budget \"x\" {\n    year 2022\n    unit 万元\n}\ntable t01 \"t\" {\n    columns {"
    for (i = 0; i < 8200; i++) print "        c" i
    printf "    }\n    rows {\n        a ="
    for (i = 0; i < 8200; i++) printf " 1"
    print "\n    }\n}"
}' >"$tmp/wide.fisc"
$FISC fmt -w "$tmp/wide.fisc" >"$tmp/out" 2>&1
rc=$?
if [ "$rc" -eq 0 ] && $FISC check "$tmp/wide.fisc" >/dev/null 2>&1 &&
   $FISC fmt --check "$tmp/wide.fisc" >/dev/null 2>&1 &&
   [ "$(awk '{ if (length($0) > n) n = length($0) } END { print n }' "$tmp/wide.fisc")" -le 65536 ]; then
    ok "fmt-limit wide table"
else
    fail "fmt-limit wide table: exit $rc"
    head -c 300 "$tmp/out" | sed 's/^/    /'
fi
$FISC next-year "$tmp/wide.fisc" -o "$tmp/wide-next.fisc" >"$tmp/out" 2>&1
rc=$?
if [ "$rc" -eq 0 ] && $FISC fmt --check "$tmp/wide-next.fisc" >/dev/null 2>&1; then
    ok "fmt-limit wide table next-year"
else
    fail "fmt-limit wide table next-year: exit $rc"
fi

# A check of 150,000 terms split inside ( ): no crash (the printer walks
# the chain without recursion), broken into lines inside the parentheses.
awk 'BEGIN {
    printf "narrative n {\n    a = 1\n}\ncheck a == (1"
    for (i = 1; i < 150000; i++) printf (i % 100 == 0 ? " +\n1" : "+1")
    print ")"
}' >"$tmp/long.fisc"
$FISC fmt "$tmp/long.fisc" >"$tmp/long.out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 0 ] && $FISC fmt --check "$tmp/long.out" >/dev/null 2>&1 &&
   [ "$(grep -c '' "$tmp/long.out")" -gt 1000 ]; then
    ok "fmt-limit 150,000 terms"
else
    fail "fmt-limit 150,000 terms: exit $rc"
    head -c 300 "$tmp/err" | sed 's/^/    /'
fi

# The same check on one line without parentheses: nowhere to break it, so
# fmt -w refuses (exit 1, a [limit] diagnostic) and leaves the file alone.
awk 'BEGIN { printf "check a == 1"; for (i = 1; i < 30000; i++) printf "+1"; print "" }' >"$tmp/flat.fisc"
cp "$tmp/flat.fisc" "$tmp/flat.orig"
NO_COLOR=1 $FISC fmt -w "$tmp/flat.fisc" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 1 ] && grep -q "^$tmp/flat.fisc:1:1: error: formatted, this line would be .* bytes long, past the line-length limit (65536 bytes); put its long side in parentheses, where fmt can break it \[limit\]" "$tmp/err" &&
   cmp -s "$tmp/flat.fisc" "$tmp/flat.orig" && [ ! -s "$tmp/out" ]; then
    ok "fmt-limit unbreakable check"
else
    fail "fmt-limit unbreakable check: exit $rc"
    head -c 300 "$tmp/err" | sed 's/^/    /'
fi

# ---- the command line --------------------------------------------------

cat >"$tmp/small.fisc" <<'EOF'
budget "测试" {
  year 2022
    unit 万元
}
table t01 "表" {
  columns { 
    总计 {
      甲
      乙
    }
  }
  rows {
    合计 = 30 10 20   // the total
  }
}
EOF

$FISC fmt >/dev/null 2>&1
[ $? -eq 2 ] && ok "fmt-usage no files" || fail "fmt-usage no files: expected exit 2"
$FISC fmt "$tmp/small.fisc" "$tmp/small.fisc" >/dev/null 2>&1
[ $? -eq 2 ] && ok "fmt-usage two files to stdout" || fail "fmt-usage two files to stdout: expected exit 2"
$FISC fmt --check -w "$tmp/small.fisc" >/dev/null 2>&1
[ $? -eq 2 ] && ok "fmt-usage --check with -w" || fail "fmt-usage --check with -w: expected exit 2"
$FISC fmt --bogus "$tmp/small.fisc" >/dev/null 2>&1
[ $? -eq 2 ] && ok "fmt-usage unknown option" || fail "fmt-usage unknown option: expected exit 2"
$FISC fmt --help >"$tmp/help.out" 2>&1
[ $? -eq 0 ] && grep -q '^usage: fisc fmt' "$tmp/help.out" && ok "fmt-usage --help" || fail "fmt-usage --help"
$FISC fmt "$tmp/no-such-file.fisc" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "cannot read" "$tmp/err" && ok "fmt-usage missing file" || fail "fmt-usage missing file"

# A syntax error: diagnostics, exit 1, nothing written.
printf 'budget "x" {\n    year 2022\n    ＝\n}\n' >"$tmp/bad.fisc"
cp "$tmp/bad.fisc" "$tmp/bad.orig"
NO_COLOR=1 $FISC fmt -w "$tmp/bad.fisc" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 1 ] && grep -q 'error' "$tmp/err" && cmp -s "$tmp/bad.fisc" "$tmp/bad.orig" && [ ! -s "$tmp/out" ]; then
    ok "fmt-syntax-error"
else
    fail "fmt-syntax-error: exit $rc"
fi

# -w rewrites in place, keeps the mode, leaves no temporary file.
mkdir -p "$tmp/w"
cp "$tmp/small.fisc" "$tmp/w/small.fisc"
chmod 640 "$tmp/w/small.fisc"
$FISC fmt "$tmp/small.fisc" >"$tmp/want.fisc"
$FISC fmt -w "$tmp/w/small.fisc" >"$tmp/out" 2>&1
rc=$?
mode=$(stat -c %a "$tmp/w/small.fisc" 2>/dev/null || stat -f %Lp "$tmp/w/small.fisc")
left=$(find "$tmp/w" -name '.*fmt-*' | wc -l)
if [ "$rc" -eq 0 ] && cmp -s "$tmp/w/small.fisc" "$tmp/want.fisc" && [ "$mode" = 640 ] && [ "$left" -eq 0 ] && [ ! -s "$tmp/out" ]; then
    ok "fmt-w rewrites"
else
    fail "fmt-w rewrites: exit $rc, mode $mode, $left temporary files left"
fi
$FISC fmt --check "$tmp/w/small.fisc" >"$tmp/out" 2>&1
[ $? -eq 0 ] && [ ! -s "$tmp/out" ] && ok "fmt-w result is canonical" || fail "fmt-w result is canonical"

# -w in a read-only directory: exit 2, the original byte-identical.
if [ "$(id -u)" -ne 0 ]; then
    mkdir -p "$tmp/ro"
    cp "$tmp/small.fisc" "$tmp/ro/small.fisc"
    chmod 555 "$tmp/ro"
    $FISC fmt -w "$tmp/ro/small.fisc" >/dev/null 2>"$tmp/err"
    rc=$?
    chmod 755 "$tmp/ro"
    if [ "$rc" -eq 2 ] && grep -q "^fisc: cannot write '$tmp/ro/small.fisc': " "$tmp/err" &&
       cmp -s "$tmp/ro/small.fisc" "$tmp/small.fisc" && [ "$(ls -A "$tmp/ro" | wc -l)" -eq 1 ]; then
        ok "fmt-w read-only directory"
    else
        fail "fmt-w read-only directory: exit $rc"
        sed 's/^/    /' "$tmp/err"
    fi
else
    echo "fmt.sh: skipped fmt-w read-only directory (running as root)"
fi

# -w on a directory: exit 2, the directory untouched; the other file given
# is still formatted.
mkdir -p "$tmp/d/dir.fisc"
cp "$tmp/small.fisc" "$tmp/d/dir.fisc/inside.fisc"
cp "$tmp/small.fisc" "$tmp/d/other.fisc"
$FISC fmt -w "$tmp/d/dir.fisc" "$tmp/d/other.fisc" >/dev/null 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 2 ] && [ -d "$tmp/d/dir.fisc" ] && cmp -s "$tmp/d/dir.fisc/inside.fisc" "$tmp/small.fisc" &&
   [ "$(ls -A "$tmp/d/dir.fisc" | wc -l)" -eq 1 ] && cmp -s "$tmp/d/other.fisc" "$tmp/want.fisc"; then
    ok "fmt-w directory"
else
    fail "fmt-w directory: exit $rc"
    sed 's/^/    /' "$tmp/err"
fi

# -w keeps the file its user's (docs/files.md): owner and group (as root,
# the file of another user stays that user's), and it refuses what a
# rename would break -- hard links, a read-only file -- leaving the file
# untouched.  A temporary left by a killed fmt -w (a dead pid in its name)
# is removed by the next one; anything else beside the file stays.
mkdir -p "$tmp/own"
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
    cp "$tmp/small.fisc" "$tmp/own/theirs.fisc"
    chown nobody "$tmp/own/theirs.fisc"
    chmod 604 "$tmp/own/theirs.fisc"
    $FISC fmt -w "$tmp/own/theirs.fisc" >"$tmp/out" 2>&1
    rc=$?
    if [ "$rc" -eq 0 ] && [ "$(stat -c '%U %a' "$tmp/own/theirs.fisc")" = "nobody 604" ] &&
       cmp -s "$tmp/own/theirs.fisc" "$tmp/want.fisc"; then
        ok "fmt-w keeps the owner"
    else
        fail "fmt-w keeps the owner: exit $rc, $(stat -c '%U %a' "$tmp/own/theirs.fisc")"
    fi
else
    echo "fmt.sh: skipped fmt-w keeps the owner (needs root; tests/unit/test_outfile.c covers the rest)"
fi
cp "$tmp/small.fisc" "$tmp/own/linked.fisc"
ln "$tmp/own/linked.fisc" "$tmp/own/other-name.fisc"
$FISC fmt -w "$tmp/own/linked.fisc" >/dev/null 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q "^fisc: cannot write '$tmp/own/linked.fisc': it has 2 hard links" "$tmp/err" &&
   cmp -s "$tmp/own/linked.fisc" "$tmp/small.fisc" && [ "$(stat -c %h "$tmp/own/linked.fisc")" = 2 ]; then
    ok "fmt-w refuses a hard-linked file"
else
    fail "fmt-w refuses a hard-linked file: exit $rc"
    sed 's/^/    /' "$tmp/err"
fi
cp "$tmp/small.fisc" "$tmp/own/ro.fisc"
chmod 444 "$tmp/own/ro.fisc"
$FISC fmt -w "$tmp/own/ro.fisc" >/dev/null 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q "^fisc: cannot write '$tmp/own/ro.fisc': it is read-only (mode 0444)" "$tmp/err" &&
   cmp -s "$tmp/own/ro.fisc" "$tmp/small.fisc"; then
    ok "fmt-w refuses a read-only file"
else
    fail "fmt-w refuses a read-only file: exit $rc"
    sed 's/^/    /' "$tmp/err"
fi
# A killed fmt -w: its temporary stays until the next fmt -w of the file.
cp "$tmp/small.fisc" "$tmp/own/k.fisc"
(exit 0) & dead=$!
wait "$dead"
printf 'half' >"$tmp/own/.k.fisc.fisc-$dead-AbCd12"
printf 'mine' >"$tmp/own/.k.fisc.notes"
$FISC fmt -w "$tmp/own/k.fisc" >/dev/null 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 0 ] && [ ! -e "$tmp/own/.k.fisc.fisc-$dead-AbCd12" ] && [ -e "$tmp/own/.k.fisc.notes" ] &&
   cmp -s "$tmp/own/k.fisc" "$tmp/want.fisc"; then
    ok "fmt-w removes a killed run's temporary"
else
    fail "fmt-w removes a killed run's temporary: exit $rc"
    ls -A "$tmp/own" | sed 's/^/    /'
fi

# --check names each file that is not canonical, one per line.
$FISC fmt --check "$tmp/small.fisc" "$tmp/want.fisc" "$tmp/p.fisc" >"$tmp/out" 2>&1
rc=$?
if [ "$rc" -eq 1 ] && [ "$(cat "$tmp/out")" = "$(printf '%s\n%s' "$tmp/small.fisc" "$tmp/p.fisc")" ]; then
    ok "fmt-check several files"
else
    fail "fmt-check several files: exit $rc"
    sed 's/^/    /' "$tmp/out"
fi

# next-year: year + 1, figures become last year's, was/change dropped.
cat >"$tmp/ny.fisc" <<'EOF'
budget "测试" {
    year 2022
}
table t01 "表" {
    columns {
        总计 {
            甲
            乙
        }
    }
    rows {
        合计 = 30 10 20 was 1 2 3 // the total
    }
}
narrative 概况 {
    人数 = 15 人 change +1
}
EOF
# The header had no previous: next-year adds one naming the file.
cat >"$tmp/ny.want" <<'EOF'
budget "测试" {
    year 2023
    previous "ny.fisc"
}
table t01 "表" {
    columns {
        总计 {
            甲
            乙
        }
    }
    rows {
        合计 =       _       _       _ was      30      10      20 // the total
    }
}
narrative 概况 {
    人数 =       _ was   15 人
}
EOF
$FISC next-year "$tmp/ny.fisc" >"$tmp/ny.out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 0 ] && cmp -s "$tmp/ny.out" "$tmp/ny.want"; then
    ok "next-year"
else
    fail "next-year: exit $rc"
    diff -u "$tmp/ny.want" "$tmp/ny.out" | sed 's/^/    /'
fi
$FISC next-year "$tmp/ny.fisc" --keep -o "$tmp/ny2.fisc" >"$tmp/out" 2>&1
rc=$?
if [ "$rc" -eq 0 ] && [ ! -s "$tmp/out" ] && grep -q '合计 =      30      10      20 was      30      10      20' "$tmp/ny2.fisc"; then
    ok "next-year --keep -o"
else
    fail "next-year --keep -o: exit $rc"
fi
# An existing OUT (a file someone has begun to fill in) is not replaced
# without --force.
printf 'filled in\n' >"$tmp/ny2.fisc"
$FISC next-year "$tmp/ny.fisc" -o "$tmp/ny2.fisc" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 2 ] && [ "$(cat "$tmp/ny2.fisc")" = "filled in" ] &&
   grep -q "^fisc next-year: '$tmp/ny2.fisc' exists; next-year does not replace a file unless --force is given" "$tmp/err"; then
    ok "next-year refuses an existing file"
else
    fail "next-year refuses an existing file: exit $rc"
    sed 's/^/    /' "$tmp/err"
fi
$FISC next-year "$tmp/ny.fisc" -o "$tmp/ny2.fisc" --force >"$tmp/out" 2>&1
rc=$?
if [ "$rc" -eq 0 ] && cmp -s "$tmp/ny2.fisc" "$tmp/ny.want"; then
    ok "next-year --force replaces it"
else
    fail "next-year --force replaces it: exit $rc"
fi
# A header that names its previous file keeps one previous line, naming
# the file rolled from.
$FISC next-year examples/longgang-2022.fisc >"$tmp/ny3.fisc" 2>/dev/null
if [ "$(grep -c '^    previous ' "$tmp/ny3.fisc")" = 1 ] && grep -q '^    previous "longgang-2022.fisc"' "$tmp/ny3.fisc"; then
    ok "next-year replaces an existing previous"
else
    fail "next-year replaces an existing previous"; grep previous "$tmp/ny3.fisc" | sed 's/^/    /'
fi
$FISC next-year "$tmp/ny.fisc" --force >/dev/null 2>&1
[ $? -eq 2 ] && ok "next-year --force without -o" || fail "next-year --force without -o: expected exit 2"

exit "$failed"
