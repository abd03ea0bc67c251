#!/usr/bin/env bash
# run.sh: runs every test layer and prints "N passed, N failed" last.
#
#   FISC=build/fisc tests/run.sh [UNIT_DIR]
#
# Layers, in order:
#   1. cmocka binaries UNIT_DIR/test_* (skipped when UNIT_DIR is not given);
#      each test counts: "[       OK ]" lines pass, tests that started but
#      did not pass fail, and a binary that exits non-zero with nothing
#      failed (a crash, a sanitizer report) counts one failure.
#   2. every tests/*.sh but this file and regen-*.sh, run from the repo
#      root with FISC exported; lines "ok NAME" and "FAIL NAME" count one
#      each, and a script that prints neither counts once by exit status.
#   3. golden errors: tests/errors/NAME.fisc must make `fisc check` write
#      exactly tests/errors/NAME.stderr (NO_COLOR=1) and exit with the
#      status in NAME.exit (default 1); in Chinese (LANG=zh_CN.UTF-8)
#      exactly NAME.zh.stderr, with the same status and the same
#      locations (file:line:col of every diagnostic, in order).
# Messages are English unless a test asks for another language: the
# caller's LANGUAGE, LC_ALL and LC_MESSAGES do not reach fisc.
# FISC may hold several words (a valgrind command line), so it is expanded
# unquoted; scripts should do the same.
set -u
cd "$(dirname "$0")/.."
export FISC="${FISC:-build/fisc}"
# The tests name their library folders themselves (-I, or FISC_PATH set
# for one command): the caller's would change what imports find.
unset FISC_PATH
unset LANGUAGE LC_ALL
export LC_MESSAGES=C.UTF-8
# The Chinese run of the golden errors (docs/i18n.md).
ZH_ENV="LC_MESSAGES= LANG=zh_CN.UTF-8"
unit_dir="${1:-}"
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. cmocka
if [ -n "$unit_dir" ]; then
    export CMOCKA_MESSAGE_OUTPUT=STDOUT
    for bin in "$unit_dir"/test_*; do
        [ -f "$bin" ] && [ -x "$bin" ] || continue
        "$bin" >"$tmp/out" 2>&1
        rc=$?
        ok=$(grep -c '^\[       OK \]' "$tmp/out")
        run=$(grep -c '^\[ RUN      \]' "$tmp/out")
        bad=$((run - ok))
        if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
        pass=$((pass + ok))
        fail=$((fail + bad))
        if [ "$bad" -eq 0 ]; then
            echo "$(basename "$bin"): $(grep -E '^\[  (PASSED|FAILED)  \]' "$tmp/out")"
        else
            echo "$(basename "$bin"): exit status $rc"
            cat "$tmp/out"
        fi
    done
fi

# 2. script layers
for script in tests/*.sh; do
    case "$(basename "$script")" in run.sh|regen-*.sh) continue ;; esac
    [ -f "$script" ] || continue
    bash "$script" >"$tmp/out" 2>&1
    rc=$?
    cat "$tmp/out"
    ok=$(grep -c '^ok ' "$tmp/out")
    bad=$(grep -c '^FAIL ' "$tmp/out")
    if [ "$ok" -eq 0 ] && [ "$bad" -eq 0 ]; then
        if [ "$rc" -eq 0 ]; then ok=1; else bad=1; fi
        echo "$( [ "$rc" -eq 0 ] && echo ok || echo FAIL ) $script"
    elif [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
        bad=1
        echo "FAIL $script (exit status $rc)"
    fi
    pass=$((pass + ok))
    fail=$((fail + bad))
done

# 3. golden errors
gpass=0
for src in tests/errors/*.fisc; do
    [ -f "$src" ] || continue
    name=${src%.fisc}
    want_rc=1
    [ -f "$name.exit" ] && want_rc=$(tr -d ' \n' <"$name.exit")
    NO_COLOR=1 $FISC check "$src" >/dev/null 2>"$tmp/stderr"
    rc=$?
    env $ZH_ENV NO_COLOR=1 $FISC check "$src" >/dev/null 2>"$tmp/zh"
    zrc=$?
    if [ ! -f "$name.stderr" ]; then
        echo "FAIL $src: $name.stderr is missing (tests/regen-errors.sh writes it)"
    elif ! cmp -s "$name.stderr" "$tmp/stderr"; then
        echo "FAIL $src: stderr differs"
        diff -u "$name.stderr" "$tmp/stderr" | sed 's/^/    /'
    elif [ "$rc" != "$want_rc" ]; then
        echo "FAIL $src: exit status $rc, expected $want_rc"
    elif [ ! -f "$name.zh.stderr" ]; then
        echo "FAIL $src: $name.zh.stderr is missing (tests/regen-errors.sh writes it)"
    elif ! cmp -s "$name.zh.stderr" "$tmp/zh"; then
        echo "FAIL $src: stderr in Chinese (LANG=zh_CN.UTF-8) differs"
        diff -u "$name.zh.stderr" "$tmp/zh" | sed 's/^/    /'
    elif [ "$zrc" != "$want_rc" ]; then
        echo "FAIL $src: exit status in Chinese $zrc, expected $want_rc"
    elif ! cmp -s <(grep -oE '^[^ ]+:[0-9]+:[0-9]+:' "$tmp/stderr") <(grep -oE '^[^ ]+:[0-9]+:[0-9]+:' "$tmp/zh"); then
        echo "FAIL $src: the Chinese diagnostics are not at the English ones' locations"
    else
        gpass=$((gpass + 1))
        continue
    fi
    fail=$((fail + 1))
done
pass=$((pass + gpass))
echo "golden errors: $gpass passed"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
