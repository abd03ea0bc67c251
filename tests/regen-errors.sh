#!/usr/bin/env bash
# regen-errors.sh: rewrites tests/errors/*.stderr (and .exit) from the
# current binary.  For humans: run it, then review `git diff tests/errors`.
#
#   FISC=build/fisc tests/regen-errors.sh [NAME.fisc...]
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
[ $# -gt 0 ] || set -- tests/errors/*.fisc
for src in "$@"; do
    [ -f "$src" ] || continue
    name=${src%.fisc}
    NO_COLOR=1 $FISC check "$src" >/dev/null 2>"$name.stderr"
    rc=$?
    if [ "$rc" -eq 1 ]; then rm -f "$name.exit"; else echo "$rc" >"$name.exit"; fi
    echo "wrote $name.stderr (exit status $rc)"
done
