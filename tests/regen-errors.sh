#!/usr/bin/env bash
# regen-errors.sh: rewrites tests/errors/*.stderr, *.zh.stderr (the same
# in Chinese) and .exit from the current binary.  For humans: run it, then
# review `git diff tests/errors` (a new message needs its translation in
# po/zh_CN.po first: docs/i18n.md).
#
#   FISC=build/fisc tests/regen-errors.sh [NAME.fisc...]
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
[ $# -gt 0 ] || set -- tests/errors/*.fisc
for src in "$@"; do
    [ -f "$src" ] || continue
    name=${src%.fisc}
    LC_ALL= LANGUAGE= LC_MESSAGES=C.UTF-8 NO_COLOR=1 $FISC check "$src" >/dev/null 2>"$name.stderr"
    rc=$?
    LC_ALL= LANGUAGE= LC_MESSAGES= LANG=zh_CN.UTF-8 NO_COLOR=1 $FISC check "$src" >/dev/null 2>"$name.zh.stderr"
    if [ "$rc" -eq 1 ]; then rm -f "$name.exit"; else echo "$rc" >"$name.exit"; fi
    echo "wrote $name.stderr and $name.zh.stderr (exit status $rc)"
done
