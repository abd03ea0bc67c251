#!/bin/sh
# cli.sh: the command line's contract -- help, version, exit statuses
# (0 ok, 1 errors in the input, 2 usage or I/O), and the options that
# select how warnings count.  $FISC may be several words: used unquoted.
cd "$(dirname "$0")/.." || exit 1
FISC=${FISC:-build/fisc}
ex=examples/longgang-2022.fisc
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# expect NAME STATUS PATTERN COMMAND...: the exit status, and a line of
# stdout+stderr matching PATTERN (grep -E; empty: no requirement).
expect() {
    name=$1 want=$2 pat=$3
    shift 3
    "$@" >"$tmp/out" 2>&1
    got=$?
    if [ "$got" != "$want" ]; then
        echo "FAIL cli: $name: exit $got, want $want"; sed 's/^/    /' "$tmp/out" | head -5; fails=$((fails + 1))
    elif [ -n "$pat" ] && ! grep -Eq -- "$pat" "$tmp/out"; then
        echo "FAIL cli: $name: no line matches /$pat/"; sed 's/^/    /' "$tmp/out" | head -5; fails=$((fails + 1))
    else
        echo "ok cli: $name"
    fi
}

expect "--help" 0 "^usage: fisc" $FISC --help
expect "--version" 0 "^fisc [0-9]" $FISC --version
expect "help check" 0 "^usage: fisc check" $FISC help check
expect "help unknown" 2 "no command" $FISC help bogus
expect "no arguments" 2 "^usage" $FISC
expect "unknown command" 2 "unknown command" $FISC bogus
expect "check without files" 2 "no input files" $FISC check
expect "unknown option" 2 "unknown option" $FISC check --bogus $ex
expect "missing file" 2 "cannot read" $FISC check "$tmp/nope.fisc"
expect "example checks with warnings" 0 "warning: .*\[footing\]" $FISC check $ex
expect "--strict fails on the rounding gaps" 1 "error: .*\[footing\]" $FISC check --strict $ex
expect "-Werror=identity" 1 "error: check fails.*\[identity\]" $FISC check -Werror=identity $ex
$FISC check -Wno-footing -Wno-cross-footing -Wno-identity $ex >"$tmp/quiet" 2>&1
if [ $? = 0 ] && ! grep -q warning "$tmp/quiet"; then echo "ok cli: -Wno- silences all nine"
else echo "FAIL cli: -Wno- left warnings"; fails=$((fails + 1)); fi
expect "-Wno-footing --strict still fails on the others" 1 "\[cross-footing\]" $FISC check -Wno-footing --strict $ex
expect "unknown check name" 2 "unknown check 'bogus'" $FISC check -Wno-bogus $ex
expect "--max-errors=x" 2 "invalid --max-errors" $FISC check --max-errors=x $ex
expect "report --format bogus" 2 "" $FISC report --format bogus $ex
expect "build -Werror=footing writes nothing" 1 "" $FISC build -Werror=footing $ex -o "$tmp/out1"
if [ -e "$tmp/out1" ]; then echo "FAIL cli: a failed build left $tmp/out1"; fails=$((fails + 1)); else echo "ok cli: failed build wrote nothing"; fi
[ $fails = 0 ]
