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
# matches PATTERN (extended regex).
expect() {
    if [ "$rc" = 124 ]; then
        fail "$1: hung (killed after ${limit}s)"
    elif [ "$rc" != "$2" ]; then
        fail "$1: exit status $rc, expected $2"
    elif ! grep -qE -- "$3" "$T/err"; then
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
    NO_COLOR=1 timeout $limit $FISC check "$T/imp.fisc" 2>"$T/err" </dev/null | cat >/dev/null
    rc=${PIPESTATUS[0]}
    expect "import \"$target\" (stdout a pipe)" 1 "cannot import '$target': is a (pipe or FIFO|device)"
done
{ printf 'budget "测试单位" {\n    year 2022\n    previous "/proc/self/fd/1"\n}\n'; } >"$T/prev.fisc"
NO_COLOR=1 timeout $limit $FISC check "$T/prev.fisc" 2>"$T/err" </dev/null | cat >/dev/null
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
expect "escapes: shown as \\x1b" 1 "cannot import '.*/lib\\\\x1b\]0;pwned\\\\x07\\\\x1b\[31m.fisc'"
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
run build "$T/inj.fisc" -o "$T/inj-out"
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
run report "$T/inj.fisc" --format csv
if grep -qF ",\"'-t01[\"\"=1+1\"\", " "$T/out" && grep -q ",3,3,0,0.5,exact$" "$T/out"; then
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
