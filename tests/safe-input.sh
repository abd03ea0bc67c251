#!/usr/bin/env bash
# safe-input.sh: what fisc reads and what it shows (issue 12, items 3-8, 11).
#
#   1. hangs: FIFOs, /dev/stdin, /proc/self/fd/1 on a pipe, directories and
#      devices as the main file, an import or previous: refused at once
#   2. terminal escapes: ESC, BEL and bidi controls in paths and labels never
#      reach stderr or stdout raw
#   3. CSV formula injection: tables, report csv and diff csv disarm text
#      cells starting with = + - @, never numbers
#   4. --version / --help / help writing to a full disk exit 2
#   5. floods: 4 MB of control bytes stop at the lexical-error limit, in
#      little memory (256 MB of address space when FISC is a plain binary)
#   6. disclosure: imports and previous reach only the repository (or the
#      folder) of the budget; a file that is not fisc source is never echoed
#   7. imports: one file however spelled (device and inode), diamonds,
#      cycles, and the 4^8 spellings case in a blink
#   (further sections follow in this file as they land)
# Every command runs under timeout: a hang fails the test, it never stalls
# the suite.  Prints "ok NAME" / "FAIL NAME".  FISC may be several words.
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
limit=10
case "$FISC" in *" "*) limit=120 ;; esac

ok() { echo "ok safe-input: $1"; }
fail() {
    echo "FAIL safe-input: $1"
    [ -f "$T/err" ] && head -c 1500 "$T/err" | sed 's/^/    /'
}

# run ARGS...: runs fisc with a timeout, stdout to $T/out, stderr to $T/err;
# sets rc (124 on a hang).
run() {
    NO_COLOR=1 timeout $limit $FISC "$@" >"$T/out" 2>"$T/err" </dev/null
    rc=$?
}

# expect NAME WANT_RC PATTERN: the last run exited WANT_RC and stderr
# matches PATTERN (extended regex; "-" for anything).
expect() {
    if [ "$rc" = 124 ]; then
        fail "$1: hung (killed after ${limit}s)"
    elif [ "$rc" != "$2" ]; then
        fail "$1: exit status $rc, expected $2"
    elif [ "$3" != - ] && ! grep -qE -- "$3" "$T/err"; then
        fail "$1: no diagnostic matching /$3/"
    else
        ok "$1"
    fi
}

# raw NAME FILE...: none of FILE holds ESC, BEL, CSI (C1) or U+202E raw.
raw() {
    local name=$1
    shift
    if LC_ALL=C grep -qP '[\x07\x1b\x9b]|\xe2\x80\xae' "$@"; then
        fail "$name: a control character reached the output raw"
    else
        ok "$name"
    fi
}

header='budget "测试单位" {
    year 2022
    unit 万元
}
'
printf '%s' "$header" >"$T/ok.fisc"

# ---- 1. hangs ---------------------------------------------------------------

mkfifo "$T/fifo.fisc"
run check "$T/fifo.fisc"
expect "main file is a FIFO" 2 "cannot read '.*fifo.fisc': is a pipe or FIFO, not a regular file"
run check /dev/stdin
expect "main file is /dev/stdin" 2 "cannot read '/dev/stdin': is a (pipe or FIFO|device)"
run check "$T"
expect "main file is a directory" 2 "is a directory"
run check /dev/zero
expect "main file is a device" 2 "is a device, not a regular file"

for target in /proc/self/fd/1 /dev/stdin "$T/fifo.fisc" /dev/zero; do
    { printf '%s' "$header"; printf 'import "%s"\n' "$target"; } >"$T/imp.fisc"
    # stdout is a pipe: /proc/self/fd/1 is that pipe
    NO_COLOR=1 timeout $limit $FISC check --allow-import-anywhere "$T/imp.fisc" 2>"$T/err" </dev/null | cat >/dev/null
    rc=${PIPESTATUS[0]}
    expect "import \"$target\" (stdout a pipe)" 1 "cannot import '$target': is a (pipe or FIFO|device)"
done
{ printf 'budget "测试单位" {\n    year 2022\n    previous "/proc/self/fd/1"\n}\n'; } >"$T/prev.fisc"
NO_COLOR=1 timeout $limit $FISC check --allow-import-anywhere "$T/prev.fisc" 2>"$T/err" </dev/null | cat >/dev/null
rc=${PIPESTATUS[0]}
expect "previous \"/proc/self/fd/1\" (stdout a pipe)" 1 "cannot read last year's budget '/proc/self/fd/1': is a pipe"
NO_COLOR=1 timeout $limit $FISC textconv "$T/fifo.fisc" 2>"$T/err" </dev/null | cat >/dev/null
rc=${PIPESTATUS[0]}
expect "textconv of a FIFO" 2 "is a pipe or FIFO"

# ---- 2. terminal escapes ----------------------------------------------------

esc=$(printf '\033]0;pwned\007\033[31m')
mkdir -p "$T/d$esc"
printf '%s' "$header" >"$T/d$esc/b.fisc"
printf 'import "lib%s.fisc"\n' "$esc" >>"$T/d$esc/b.fisc"
run check "$T/d$esc/b.fisc"
raw "escapes: diagnostic header and 'cannot import' path" "$T/err"
expect "escapes: shown as \\x1b" 1 "cannot import 'lib\\\\x1b\]0;pwned\\\\x07\\\\x1b\[31m.fisc': not beside this file \(in .*/d\\\\x1b\]0;pwned"
run check "$T/missing$esc.fisc"
raw "escapes: 'cannot read' path" "$T/err"
run report "$T/d$esc/b.fisc" --format text
raw "escapes: report text" "$T/out" "$T/err"
run textconv "$T/d$esc/b.fisc"
raw "escapes: textconv of a file that does not compile" "$T/out" "$T/err"
run "bogus$esc"
raw "escapes: unknown command" "$T/err"
run check "-Wno-x$esc" "$T/ok.fisc"
raw "escapes: unknown check" "$T/err"
run diff "$T/ok.fisc" "$T/d$esc/b.fisc" --format json
raw "escapes: diff" "$T/out" "$T/err"
run fmt "$T/missing$esc.fisc"
raw "escapes: fmt's 'cannot read'" "$T/err"
run build "$T/missing$esc.fisc" -o "$T/out$esc"
raw "escapes: build" "$T/err"
run next-year "$T/missing$esc.fisc"
raw "escapes: next-year" "$T/err"

# ---- 3. CSV formula injection ----------------------------------------------

cat >"$T/inj.fisc" <<'EOF'
budget "测试单位" {
    year 2022
    unit 万元
}

table t01 "注入" {
    columns {
        "=HYPERLINK(""http://x"",""y"")"
        说明 text
    }
    rows {
        "=1+1" = -3 "-2+3"
        "+cmd" = 4 _
        "@SUM(A1)" = 5 "@x"
        "-" = 0 _
    }
}

check -t01["=1+1", "=HYPERLINK(""http://x"",""y"")"] == 3
EOF
sed -i 's/""/\\"/g' "$T/inj.fisc"
run build "$T/inj.fisc" -o "$T/inj-out" --no-bom
if [ "$rc" != 0 ]; then
    fail "csv injection: build exit status $rc"
elif ! grep -qxF "项目,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",说明" "$T/inj-out/t01.csv"; then
    fail "csv injection: table header not disarmed"; sed 's/^/    /' "$T/inj-out/t01.csv"
elif ! grep -qxF "'=1+1,-3,'-2+3" "$T/inj-out/t01.csv" || ! grep -qxF "'+cmd,4," "$T/inj-out/t01.csv" ||
     ! grep -qxF "'@SUM(A1),5,'@x" "$T/inj-out/t01.csv" || ! grep -qxF "'-,0," "$T/inj-out/t01.csv"; then
    fail "csv injection: table cells not disarmed (or numbers altered)"; sed 's/^/    /' "$T/inj-out/t01.csv"
else
    ok "csv injection: table CSV"
fi
run report "$T/inj.fisc" --format csv --report=full
if grep -qF ",\"'-t01[\"\"=1+1\"\", " "$T/out" && grep -q ",3,3,0,0.5,exact,,$" "$T/out"; then
    ok "csv injection: report csv"
else
    fail "csv injection: report csv"; sed 's/^/    /' "$T/out"
fi
sed 's/"=1+1" = -3/"=1+1" = -5/' "$T/inj.fisc" | grep -v '^check' >"$T/inj2.fisc"
grep -v '^check' "$T/inj.fisc" >"$T/inj1.fisc"
run diff "$T/inj1.fisc" "$T/inj2.fisc" --format csv
if grep -qF "t01,,'=1+1,\"'=HYPERLINK(" "$T/out" && grep -qF ",-3,-5,-2,66.67,changed" "$T/out"; then
    ok "csv injection: diff csv"
else
    fail "csv injection: diff csv"; sed 's/^/    /' "$T/out"
fi

# ---- 4. a full disk ---------------------------------------------------------

if [ -w /dev/full ]; then
    for args in --version --help help "help check"; do
        NO_COLOR=1 timeout $limit $FISC $args >/dev/full 2>"$T/err"
        rc=$?
        expect "fisc $args >/dev/full" 2 "error writing to standard output"
    done
fi

# ---- 5. floods ----------------------------------------------------------------

{
    printf '%s' "$header"
    head -c 4194304 /dev/zero | tr '\0' '\033'
} >"$T/flood.fisc"
# run_limited ARGS...: run, under 256 MB of address space when FISC is a
# plain binary (sanitizers and valgrind reserve far more).
run_limited() {
    case "$FISC" in
    *" "* | *asan* | *fuzz*) run "$@" ;;
    *) (ulimit -v 262144; NO_COLOR=1 timeout $limit $FISC "$@" >"$T/out" 2>"$T/err" </dev/null); rc=$? ;;
    esac
}
run_limited check --max-errors=0 "$T/flood.fisc"
expect "4 MB of control bytes" 1 "more than 100 lexical errors in this file \\(the lexical-error limit\\)"
if [ "$(grep -c 'error:' "$T/err")" -le 101 ] && [ "$(wc -c <"$T/err")" -lt 200000 ]; then
    ok "4 MB of control bytes: at most 101 errors"
else
    fail "4 MB of control bytes: $(grep -c 'error:' "$T/err") errors, $(wc -c <"$T/err") bytes"
fi

# ---- 6. disclosure ------------------------------------------------------------

# secret FILE...: no output holds the secret or a line of /etc/passwd.
secret() {
    local name=$1
    shift
    if grep -qE 'hunter2|root:x?:?0:0|^SECRET' "$@"; then
        fail "$name: the secret was shown"
    else
        ok "$name"
    fi
}
mkdir -p "$T/repo/.git" "$T/repo/budgets" "$T/repo/lib" "$T/outside"
printf 'classification c {\n    1 一\n}\n' >"$T/repo/lib/l.fisc"
printf 'classification d {\n    1 一\n}\n' >"$T/outside/o.fisc"
printf 'SECRET=hunter2\nTOKEN=hunter2\n' >"$T/repo/lib/notes.txt"
ln -s /etc/passwd "$T/repo/lib/passwd.fisc"
ln -s "$T/outside/o.fisc" "$T/repo/lib/escape.fisc"
# imp NAME IMPORTED...: a budget in repo/budgets importing each path
imp() {
    { printf '%s' "$header"; shift; for p in "$@"; do printf 'import "%s"\n' "$p"; done; } >"$T/repo/budgets/b.fisc"
}
imp x ../lib/l.fisc
run check "$T/repo/budgets/b.fisc"
expect "reach: an import below the repository's top" 0 -
imp x ../../../../../../../../etc/passwd
run check "$T/repo/budgets/b.fisc"
expect "reach: import \"../../../etc/passwd\"" 1 "cannot import '.*etc/passwd': it is outside the budget's repository, .*/repo;"
secret "reach: nothing of /etc/passwd shown" "$T/err"
imp x /proc/self/environ
SECRET=hunter2 NO_COLOR=1 timeout $limit $FISC check "$T/repo/budgets/b.fisc" >"$T/out" 2>"$T/err"; rc=$?
expect "reach: import \"/proc/self/environ\"" 1 "cannot import '/proc/self/environ': it is outside"
secret "reach: nothing of the environment shown" "$T/err"
SECRET=hunter2 NO_COLOR=1 timeout $limit $FISC check --allow-import-anywhere "$T/repo/budgets/b.fisc" >"$T/out" 2>"$T/err"; rc=$?
expect "anywhere: /proc/self/environ is not a fisc source file" 1 "cannot import '/proc/self/environ': not a fisc source file: it holds NUL bytes"
secret "anywhere: nothing of the environment shown" "$T/err"
imp x ../lib/passwd.fisc
run check "$T/repo/budgets/b.fisc"
expect "reach: a symlink out of the repository" 1 "cannot import '.*passwd.fisc': it is outside"
imp x ../lib/escape.fisc
run check "$T/repo/budgets/b.fisc"
expect "reach: a symlink to a fisc file outside" 1 "cannot import '.*escape.fisc': it is outside"
run check --allow-import-anywhere "$T/repo/budgets/b.fisc"
expect "anywhere: the same symlink is read" 0 -
imp x ../lib/notes.txt
run check "$T/repo/budgets/b.fisc"
expect "a text file in reach is not fisc source" 1 "cannot import '.*notes.txt': not a fisc source file: its first line of code does not parse"
secret "a text file in reach is not echoed" "$T/err"
printf 'budget "x" {\n    year 2022\n    previous "../../../../../../../etc/passwd"\n}\n' >"$T/repo/budgets/p.fisc"
run check "$T/repo/budgets/p.fisc"
expect "reach: previous \"../../../etc/passwd\"" 1 "cannot read last year's budget '.*etc/passwd': it is outside"
secret "reach: previous shows nothing of it" "$T/err"
# Outside a repository the reach is the budget's folder.
mkdir -p "$T/plain/sub"
cp "$T/repo/lib/l.fisc" "$T/plain/l.fisc"
{ printf '%s' "$header"; printf 'import "../l.fisc"\n'; } >"$T/plain/sub/b.fisc"
run check "$T/plain/sub/b.fisc"
expect "reach: outside a repository, the budget's folder" 1 "it is outside the budget's folder, .*/plain/sub;"
# The main file itself: a symlink to the environment, a password file.
ln -s /proc/self/environ "$T/env.fisc"
SECRET=hunter2 NO_COLOR=1 timeout $limit $FISC check "$T/env.fisc" >"$T/out" 2>"$T/err"; rc=$?
expect "main file: the environment is not a fisc source file" 1 "env.fisc:1:[0-9]+: error: not a fisc source file: it holds NUL bytes"
secret "main file: nothing of the environment shown" "$T/err"
run check /etc/passwd
expect "main file: /etc/passwd is not a fisc source file" 1 "^/etc/passwd:1:[0-9]+: error: not a fisc source file"
secret "main file: nothing of /etc/passwd shown" "$T/err"
if [ "$(wc -l <"$T/err")" = 2 ] && [ "$(tail -n 1 "$T/err")" = "1 error generated." ]; then
    ok "main file: one line, no snippet (then the summary line)"
else
    fail "main file: $(wc -l <"$T/err") lines"
fi
run fmt /etc/passwd
expect "fmt: /etc/passwd is not a fisc source file" 1 "^/etc/passwd:1:[0-9]+: error: not a fisc source file"
secret "fmt: nothing of /etc/passwd shown" "$T/out" "$T/err"

# ---- 7. imports -----------------------------------------------------------------

# Four spellings of each next file, eight deep: 4^8 paths, one file each.
mkdir -p "$T/spell/.git"
for x in a b c d; do ln -s . "$T/spell/$x"; done
for i in 0 1 2 3 4 5 6 7; do
    n=$((i + 1))
    printf 'import "a/l%d.fisc"\nimport "b/l%d.fisc"\nimport "c/l%d.fisc"\nimport "d/l%d.fisc"\n' $n $n $n $n >"$T/spell/l$i.fisc"
done
printf 'classification c {\n    1 一\n}\n' >"$T/spell/l8.fisc"
{ printf '%s' "$header"; printf 'import "l0.fisc"\n'; } >"$T/spell/main.fisc"
t0=$(date +%s)
run check "$T/spell/main.fisc"
expect "imports: 4^8 spellings of one chain (was 37 s)" 0 -
[ $(( $(date +%s) - t0 )) -le 5 ] && ok "imports: 4^8 spellings in under 5 s" || fail "imports: 4^8 spellings took over 5 s"
# A diamond: two libraries import one, by different spellings, and the
# budget imports it by a hard link too.
mkdir -p "$T/dia/.git" "$T/dia/lib"
printf 'classification c {\n    1 一\n}\n' >"$T/dia/lib/base.fisc"
ln "$T/dia/lib/base.fisc" "$T/dia/lib/hard.fisc"
printf 'import "base.fisc"\nclassification a {\n    1 一\n}\n' >"$T/dia/lib/a.fisc"
printf 'import "../lib/./base.fisc"\nclassification b {\n    1 一\n}\n' >"$T/dia/lib/b.fisc"
{ printf '%s' "$header"; printf 'import "lib/a.fisc"\nimport "lib/b.fisc"\nimport "lib/hard.fisc"\n'; } >"$T/dia/main.fisc"
run check "$T/dia/main.fisc"
expect "imports: a diamond and a hard link, no 'defined twice'" 0 -
# A cycle through another spelling is still a cycle.
printf 'import "./y.fisc"\n' >"$T/dia/lib/x.fisc"
printf 'import "../lib/x.fisc"\n' >"$T/dia/lib/y.fisc"
{ printf '%s' "$header"; printf 'import "lib/x.fisc"\n'; } >"$T/dia/main.fisc"
run check "$T/dia/main.fisc"
expect "imports: a cycle through two spellings" 1 "import cycle: '.*x.fisc' imports itself through this import"
