#!/bin/sh
# regen-cli.sh: rewrites the pinned texts of tests/golden/cli/ from the
# current binary: fisc --help, fisc help CMD for every command (and both
# in Chinese, in zh/), and the summary fixture's diagnostics.  For humans: run it, then review
# `git diff tests/golden/cli`.
#
#   FISC=build/fisc tests/regen-cli.sh
cd "$(dirname "$0")/.." || exit 1
FISC=${FISC:-build/fisc}
gold=tests/golden/cli
rm -f "$gold"/help-*.txt
$FISC --help >"$gold/help.txt"
for c in $(sed -n '/^commands:/,/^$/s/^  \([a-z-]*\) .*/\1/p' "$gold/help.txt"); do
    $FISC help "$c" >"$gold/help-$c.txt"
done
# the same in Chinese
mkdir -p "$gold/zh"
rm -f "$gold"/zh/help*.txt
zh() { env -u LC_ALL -u LANGUAGE -u LC_MESSAGES LANG=zh_CN.UTF-8 $FISC "$@"; }
zh --help >"$gold/zh/help.txt"
for c in $(sed -n '/^commands:/,/^$/s/^  \([a-z-]*\) .*/\1/p' "$gold/help.txt"); do
    zh help "$c" >"$gold/zh/help-$c.txt"
done
NO_COLOR=1 $FISC check "$gold/summary.fisc" 2>"$gold/summary.stderr" >/dev/null
echo "wrote $gold: $(ls "$gold" | tr '\n' ' ')"
