#!/usr/bin/env bash
# output-safety.sh: a failed `fisc build` or `fisc fmt -w` writes nothing
# and damages nothing.
#
# Every case sets up files, records their checksums, runs the command and
# requires: the expected exit status, a one-line "fisc: ..." message on
# stderr (no sanitizer or valgrind report), and every pre-existing file
# byte-identical afterwards (and no stray temporary file left beside it).
# Permission-based failures need a non-root user (root ignores modes);
# as root they are replaced by failures root cannot bypass: a path through
# a regular file, and a name so long that the temporary name beside it
# exceeds NAME_MAX.  Prints "ok NAME" / "FAIL NAME".  FISC may be several
# words: used unquoted.
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
T=$(mktemp -d)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT

cat >"$T/ok.fisc" <<'FISC'
budget "测试单位" {
    year 2022
    unit 万元
}

table t01 "收支总表" {
    number 1
    columns {
        金额
    }
    rows {
        total 合计 = 30 {
            甲 = 10
            乙 = 20
        }
    }
}
FISC
sed 's/total 合计 = 30/total 合计 = 35/' "$T/ok.fisc" >"$T/broken.fisc"
printf 'budget "x" {\n    year 2022\n    unit 万元 {\n' >"$T/syntax.fisc"

# A snapshot of every file under a directory: path, size and checksum.
snap() { (cd "$1" && find . -print0 | sort -z | xargs -0 -r sh -c 'for f; do
    if [ -f "$f" ]; then printf "%s %s\n" "$f" "$(cksum <"$f")"; else printf "%s dir\n" "$f"; fi
done' sh); }

# check NAME WANT_RC STATE_DIR -- ARGS...: runs fisc ARGS and judges it.
check() {
    local name=$1 want=$2 dir=$3
    shift 4
    local before after rc
    before=$(snap "$dir")
    $FISC "$@" >"$T/.out" 2>"$T/.err"
    rc=$?
    after=$(snap "$dir")
    if [ "$rc" != "$want" ]; then
        echo "FAIL $name: exit status $rc, expected $want"
        sed 's/^/    /' "$T/.err" | head -n 10
    elif grep -qE 'Sanitizer|runtime error:|==[0-9]+==' "$T/.err"; then
        echo "FAIL $name: sanitizer report"
        head -n 10 "$T/.err" | sed 's/^/    /'
    elif [ "$want" = 2 ] && ! grep -q '^fisc: ' "$T/.err"; then
        echo "FAIL $name: no 'fisc: ...' message"
        sed 's/^/    /' "$T/.err" | head -n 10
    elif [ "$want" = 2 ] && [ "$(grep -c . "$T/.err")" -gt 2 ]; then
        echo "FAIL $name: more than a short message on stderr"
        sed 's/^/    /' "$T/.err" | head -n 10
    elif [ "$before" != "$after" ]; then
        echo "FAIL $name: files changed"
        diff <(echo "$before") <(echo "$after") | sed 's/^/    /' | head -n 20
    else
        echo "ok $name"
    fi
}

# Earlier output that must survive.
mkdir -p "$T/w"
cp "$T/ok.fisc" "$T/w/ok.fisc"
mkdir "$T/w/out"
printf '项目,金额\n旧,1\n' >"$T/w/out/t01.csv"
printf 'old report\n' >"$T/w/out/report.txt"

# 1. the output path runs through a regular file
printf 'precious\n' >"$T/w/file.txt"
check build-path-through-file 2 "$T/w" -- build "$T/w/ok.fisc" -o "$T/w/file.txt/out"
# 2. the output directory's parent is a regular file (deeper)
check build-parent-is-file 2 "$T/w" -- build "$T/w/ok.fisc" -o "$T/w/file.txt/a/b"
# 3. the output path is an existing regular file
check build-output-is-file 2 "$T/w" -- build "$T/w/ok.fisc" -o "$T/w/file.txt"
# 4. the output directory holds things that are not earlier output
mkdir "$T/w/src"
printf 'int main(void) { return 0; }\n' >"$T/w/src/main.c"
check build-output-not-ours 2 "$T/w" -- build "$T/w/ok.fisc" -o "$T/w/src"
# 4b. a file the user put into an earlier build's output is never lost:
#     the build is refused and says which file
mkdir "$T/w/built"
$FISC build "$T/w/ok.fisc" -o "$T/w/built" >/dev/null 2>&1
printf 'my notes\n' >"$T/w/built/notes.txt"
check build-user-file-in-output 2 "$T/w" -- build "$T/w/ok.fisc" -o "$T/w/built"
if grep -q "^fisc: cannot write '$T/w/built': it holds 'notes.txt', which fisc did not write there" "$T/.err"; then
    echo "ok build-user-file-in-output message"
else
    echo "FAIL build-user-file-in-output message"
    sed 's/^/    /' "$T/.err"
fi
rm "$T/w/built/notes.txt"
# 5. the parent of the output directory does not exist
check build-missing-parent 2 "$T/w" -- build "$T/w/ok.fisc" -o "$T/w/nope/out"
# 6. a budget with errors leaves the existing output untouched (exit 1)
cp "$T/broken.fisc" "$T/w/broken.fisc"
check build-broken-budget 1 "$T/w" -- build "$T/w/broken.fisc" -o "$T/w/out"
cp "$T/syntax.fisc" "$T/w/syntax.fisc"
check build-syntax-error 1 "$T/w" -- build "$T/w/syntax.fisc" -o "$T/w/out"
# 7. the temporary directory's name beside a long-named target is too long
#    (ENAMETOOLONG; root cannot bypass it)
long=$(printf 'o%.0s' $(seq 1 250))
mkdir "$T/w/$long"
cp "$T/w/out/t01.csv" "$T/w/$long/t01.csv"
check build-temp-name-too-long 2 "$T/w" -- build "$T/w/ok.fisc" -o "$T/w/$long"
# 8. a read-only directory (only meaningful when not root)
if [ "$(id -u)" != 0 ]; then
    mkdir -p "$T/ro/out"
    cp "$T/w/out/t01.csv" "$T/ro/out/t01.csv"
    chmod 555 "$T/ro"
    check build-read-only-dir 2 "$T/ro" -- build "$T/w/ok.fisc" -o "$T/ro/out"
    check build-read-only-new 2 "$T/ro" -- build "$T/w/ok.fisc" -o "$T/ro/new"
    chmod 755 "$T/ro"
else
    echo "ok build-read-only-dir: running as root (modes are ignored); covered by the ENOTDIR and ENAMETOOLONG cases"
fi
# 9. an empty directory is fine; an earlier build's output is replaced
#    whole (a table since removed goes with it)
mkdir "$T/w/empty"
$FISC build "$T/w/ok.fisc" -o "$T/w/empty" >/dev/null 2>"$T/.err"
rc=$?
if [ "$rc" = 0 ] && [ -f "$T/w/empty/t01.csv" ] && [ -f "$T/w/empty/.fisc-build" ]; then
    echo "ok build-empty-dir"
else
    echo "FAIL build-empty-dir: exit status $rc"
    sed 's/^/    /' "$T/.err" | head -n 5
fi
sed 's/^table t01 /table t02 /' "$T/w/ok.fisc" >"$T/w/renamed.fisc"
$FISC build "$T/w/renamed.fisc" -o "$T/w/built" >/dev/null 2>"$T/.err"
rc=$?
if [ "$rc" = 0 ] && [ -f "$T/w/built/t02.csv" ] && [ ! -e "$T/w/built/t01.csv" ] &&
   [ "$(ls -A "$T/w/built" | tr '\n' ' ')" = ".fisc-build index.html renamed.xlsx report.json report.txt t02.csv tables.json " ]; then
    echo "ok build-replaces-own-output"
else
    echo "FAIL build-replaces-own-output: exit status $rc"
    ls -A "$T/w/built" | sed 's/^/    /'
fi
# 9b. and a build that works replaces the earlier output whole (here one
#     written before fisc kept a list: only files it writes again)
$FISC build "$T/w/ok.fisc" -o "$T/w/out" >/dev/null 2>"$T/.err"
rc=$?
if [ "$rc" = 0 ] && [ ! -e "$T/w/out/report.txt.old" ] && grep -q '甲' "$T/w/out/t01.csv" &&
   [ "$(ls -A "$T/w" | grep -c -v -E '^(ok|broken|syntax|renamed)\.fisc$|^(file\.txt|src|out|built|empty|o+)$')" = 0 ]; then
    echo "ok build-replaces-output"
else
    echo "FAIL build-replaces-output: exit status $rc"
    ls -A "$T/w" | sed 's/^/    /'
    sed 's/^/    /' "$T/.err" | head -n 5
fi

# fisc fmt -w: the same promises, once the command exists.
if ! $FISC fmt --help >/dev/null 2>&1; then
    echo "ok fmt-w: not yet available"
    exit 0
fi
mkdir "$T/f"
printf 'budget "x" {\nyear 2022\n}\n' >"$T/f/messy.fisc"
cp "$T/syntax.fisc" "$T/f/syntax.fisc"
# a file with syntax errors is never rewritten
check fmt-w-syntax-error 1 "$T/f" -- fmt -w "$T/f/syntax.fisc"
# a path through a regular file cannot be read
printf 'precious\n' >"$T/f/file.txt"
check fmt-w-path-through-file 2 "$T/f" -- fmt -w "$T/f/file.txt/x.fisc"
# the temporary file's name beside a long-named file is too long
longf=$(printf 'f%.0s' $(seq 1 250)).fisc
cp "$T/f/messy.fisc" "$T/f/$longf"
check fmt-w-temp-name-too-long 2 "$T/f" -- fmt -w "$T/f/$longf"
if [ "$(id -u)" != 0 ]; then
    mkdir "$T/fro"
    cp "$T/f/messy.fisc" "$T/fro/messy.fisc"
    chmod 555 "$T/fro"
    check fmt-w-read-only-dir 2 "$T/fro" -- fmt -w "$T/fro/messy.fisc"
    chmod 755 "$T/fro"
else
    echo "ok fmt-w-read-only-dir: running as root (modes are ignored); covered by the ENAMETOOLONG case"
fi
# and one that works rewrites the file in place, leaving nothing beside it
$FISC fmt -w "$T/f/messy.fisc" >/dev/null 2>"$T/.err"
rc=$?
if [ "$rc" = 0 ] && grep -q '^    year 2022$' "$T/f/messy.fisc" &&
   [ "$(ls -A "$T/f" | wc -l)" = 4 ]; then
    echo "ok fmt-w-rewrites"
else
    echo "FAIL fmt-w-rewrites: exit status $rc"
    ls -A "$T/f" | sed 's/^/    /'
fi
