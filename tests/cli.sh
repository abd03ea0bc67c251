#!/bin/sh
# cli.sh: the command line's contract -- help, version, exit statuses
# (0 ok, 1 errors in the input, 2 usage or I/O), the options that select
# how warnings count, and the one command-line layer (cli_table.c): help
# texts (pinned in tests/golden/cli/, rewritten by tests/regen-cli.sh),
# option spellings, common options before the command, '-' for standard
# input, --color, and the summary line.  $FISC may be several words: used
# unquoted.
cd "$(dirname "$0")/.." || exit 1
FISC=${FISC:-build/fisc}
ex=examples/longgang-2022.fisc
# FISC with every word naming a file made absolute, for commands run in
# another folder.
fisc_abs=
for w in $FISC; do
    case $w in /*) ;; *) [ -e "$w" ] && w="$PWD/$w" ;; esac
    fisc_abs="$fisc_abs${fisc_abs:+ }$w"
done
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
expect "check without files" 2 "no input file" $FISC check
expect "unknown option" 2 "unknown option" $FISC check --bogus $ex
expect "missing file" 2 "cannot read" $FISC check "$tmp/nope.fisc"
for lib in lib/*.fisc; do
    expect "check the library $lib" 0 "" $FISC check "$lib"
done
expect "build a library: no budget" 1 "no budget header" $FISC build lib/gov-cn-2022.fisc -o "$tmp/lib-out"
expect "example checks with warnings" 0 "warning: .*\[footing\]" $FISC check $ex
expect "--strict fails on the rounding gaps" 1 "error: .*\[footing\]" $FISC check --strict $ex
expect "-Werror=identity" 1 "error: check fails.*\[identity\]" $FISC check -Werror=identity $ex
$FISC check -Wno-footing -Wno-cross-footing -Wno-identity $ex >"$tmp/quiet" 2>&1
if [ $? = 0 ] && ! grep -q warning "$tmp/quiet"; then echo "ok cli: -Wno- silences all nine"
else echo "FAIL cli: -Wno- left warnings"; fails=$((fails + 1)); fi
expect "-Wno-footing --strict still fails on the others" 1 "\[cross-footing\]" $FISC check -Wno-footing --strict $ex
expect "unknown check name" 2 "invalid value 'bogus' for -Wno-CHECK \(one of: footing, cross-footing" $FISC check -Wno-bogus $ex
expect "--max-errors=x" 2 "invalid value 'x' for --max-errors" $FISC check --max-errors=x $ex
expect "report --format bogus" 2 "" $FISC report --format bogus $ex
expect "build -Werror=footing writes nothing" 1 "" $FISC build -Werror=footing $ex -o "$tmp/out1"
if [ -e "$tmp/out1" ]; then echo "FAIL cli: a failed build left $tmp/out1"; fails=$((fails + 1)); else echo "ok cli: failed build wrote nothing"; fi

ok() { echo "ok cli: $1"; }
fail() { echo "FAIL cli: $1"; fails=$((fails + 1)); }
gold=tests/golden/cli

# same NAME FILE1 FILE2: the two files are byte-identical.
same() {
    if cmp -s "$2" "$3"; then ok "$1"; else fail "$1"; diff "$2" "$3" | head -5 | sed 's/^/    /'; fi
}

# ---- help: one text per command, from the table --------------------------
$FISC --help >"$tmp/help" 2>&1
same "fisc --help is the golden text" "$gold/help.txt" "$tmp/help"
$FISC help >"$tmp/help2" 2>&1
same "fisc help = fisc --help" "$tmp/help" "$tmp/help2"
$FISC -h >"$tmp/help3" 2>&1
same "fisc -h = fisc --help" "$tmp/help" "$tmp/help3"
cmds=$(sed -n '/^commands:/,/^$/s/^  \([a-z-]*\) .*/\1/p' "$tmp/help")
[ "$(echo $cmds | wc -w)" -ge 8 ] && ok "help lists the commands" || fail "help lists the commands: $cmds"
for c in $cmds; do
    $FISC help "$c" >"$tmp/h-help" 2>&1; r1=$?
    $FISC "$c" --help >"$tmp/h-long" 2>&1; r2=$?
    $FISC "$c" -h >"$tmp/h-short" 2>&1; r3=$?
    $FISC "$c" --bogus-option --help >"$tmp/h-late" 2>&1; r4=$?
    if [ "$r1$r2$r3$r4" = 0000 ] && cmp -s "$tmp/h-help" "$tmp/h-long" && cmp -s "$tmp/h-help" "$tmp/h-short" &&
       cmp -s "$tmp/h-help" "$tmp/h-late"; then
        ok "help $c = $c --help = $c -h"
    else
        fail "help $c, $c --help, $c -h differ (exit $r1 $r2 $r3 $r4)"
    fi
    same "help $c is the golden text" "$gold/help-$c.txt" "$tmp/h-help"
done
# the same texts in Chinese (docs/i18n.md): every command's help, one
# text from 'help CMD' and 'CMD --help'
zh() { env -u LC_ALL -u LANGUAGE -u LC_MESSAGES LANG=zh_CN.UTF-8 $FISC "$@"; }
zh --help >"$tmp/zhelp" 2>&1
same "fisc --help in Chinese is the golden text" "$gold/zh/help.txt" "$tmp/zhelp"
for c in $cmds; do
    zh help "$c" >"$tmp/zh-help" 2>&1
    zh "$c" --help >"$tmp/zh-long" 2>&1
    same "help $c in Chinese is the golden text" "$gold/zh/help-$c.txt" "$tmp/zh-help"
    same "help $c = $c --help in Chinese" "$tmp/zh-help" "$tmp/zh-long"
done
ls "$gold"/help-*.txt | sed 's,.*/help-,,; s,\.txt$,,' | sort >"$tmp/goldcmds"
echo $cmds | tr ' ' '\n' | sort >"$tmp/tablecmds"
same "a golden help text for every command, and no other" "$tmp/goldcmds" "$tmp/tablecmds"

# ---- option spellings ------------------------------------------------------
many=$gold/summary.fisc
$FISC check --max-errors=1 $many >"$tmp/m1" 2>&1
$FISC check --max-errors 1 $many >"$tmp/m2" 2>&1
same "--max-errors 1 = --max-errors=1" "$tmp/m1" "$tmp/m2"
grep -q "1 more error not shown" "$tmp/m1" && ok "--max-errors caps" || fail "--max-errors caps"
$FISC --max-errors 1 check $many >"$tmp/m3" 2>&1
same "--max-errors before the command" "$tmp/m1" "$tmp/m3"
expect "--strict before the command" 1 "error: .*\[footing\]" $FISC --strict check $ex
expect "-Werror= before the command" 1 "\[identity\]" $FISC -Werror=identity check $ex
expect "--allow-import-anywhere before the command" 0 "" $FISC --allow-import-anywhere check $ex
expect "--allow-import-anywhere to diff" 0 "" $FISC diff --allow-import-anywhere $ex $ex
expect "--allow-import-anywhere to textconv" 2 "option '--allow-import-anywhere' does not apply" $FISC textconv --allow-import-anywhere $ex
expect "--color before fmt" 0 "" $FISC --color=never fmt $ex
expect "--color after fmt" 0 "" $FISC fmt --color never $ex
expect "a compile option before fmt" 2 "fisc fmt: option '--strict' does not apply to this command" $FISC --strict fmt $ex
expect "build's own option before the command" 2 "unknown option '-o' before the command" $FISC -o "$tmp/x" build $ex
expect "options and no command" 2 "no command after the options" $FISC --strict
expect "a build option given to check" 2 "option '--crlf' does not apply to this command" $FISC check --crlf $ex
expect "a flag given a value" 2 "option '--strict' takes no value" $FISC check --strict=yes $ex
expect "a value missing at the end" 2 "option '--format' needs a value" $FISC report $ex --format
expect "--format=xml" 2 "invalid value 'xml' for --format \(one of: text, json, csv\)" $FISC report --format=xml $ex
expect "--max-errors over the limit" 2 "a whole number from 0 to 1000000" $FISC check --max-errors 1000001 $ex
expect "two files to build" 2 "one file too many: '$ex'" $FISC build $ex $ex
expect "one file to diff" 2 "^usage: fisc diff \[options\] OLD NEW" $FISC diff $ex
expect "-Wno- without a check" 2 "invalid value '' for -Wno-CHECK" $FISC check -Wno- $ex
$FISC build $ex -o "$tmp/o1" >/dev/null 2>&1 && $FISC build $ex -o"$tmp/o2" >/dev/null 2>&1 &&
    $FISC build $ex --output="$tmp/o3" >/dev/null 2>&1 && $FISC build --output "$tmp/o4" $ex >/dev/null 2>&1
if [ $? = 0 ] && diff -r "$tmp/o1" "$tmp/o2" >/dev/null && diff -r "$tmp/o1" "$tmp/o3" >/dev/null &&
   diff -r "$tmp/o1" "$tmp/o4" >/dev/null; then
    ok "-o DIR = -oDIR = --output=DIR = --output DIR"
else
    fail "-o DIR, -oDIR, --output=DIR, --output DIR"
fi
# '--' ends the options: a file whose name starts with '-'.
cp tests/errors/chk-footing-within-rounding.fisc "$tmp/-odd.fisc"
(cd "$tmp" && $fisc_abs check -- -odd.fisc) >"$tmp/dd" 2>&1
if [ $? = 0 ] && grep -q "^-odd.fisc:12:14: warning" "$tmp/dd"; then ok "-- ends the options"; else fail "-- ends the options"; sed 's/^/    /' "$tmp/dd" | head -3; fi

# ---- standard input ----------------------------------------------------------
# Imports and the previous year's file of a budget read from standard
# input are found from the current folder.
(cd examples && $fisc_abs check - <longgang-2022.fisc) >"$tmp/stdin" 2>&1; rc=$?
(cd examples && $fisc_abs check longgang-2022.fisc) >"$tmp/named" 2>&1
sed 's/^longgang-2022\.fisc:/<stdin>:/' "$tmp/named" >"$tmp/named-as-stdin"
if [ $rc = 0 ] && cmp -s "$tmp/stdin" "$tmp/named-as-stdin"; then ok "check - reads standard input as <stdin>"
else fail "check - reads standard input as <stdin> (exit $rc)"; diff "$tmp/named-as-stdin" "$tmp/stdin" | head -5; fi
$FISC report --format json - <$many >"$tmp/rep-stdin" 2>/dev/null
$FISC report --format json $many >"$tmp/rep-named" 2>/dev/null
sed -i 's|"source": "-"|"source": "'$many'"|; s|"file": "<stdin>"|"file": "'$many'"|g' "$tmp/rep-stdin"
same "report - = report FILE" "$tmp/rep-named" "$tmp/rep-stdin"
$FISC diff - $ex <tests/golden/diff/base.fisc >"$tmp/d-stdin" 2>&1
$FISC diff tests/golden/diff/base.fisc $ex >"$tmp/d-named" 2>&1
same "diff - NEW = diff OLD NEW" "$tmp/d-named" "$tmp/d-stdin"
(cd examples && $fisc_abs build - -o "$tmp/b-stdin" <longgang-2022.fisc) >/dev/null 2>&1
if [ -f "$tmp/b-stdin/t01.csv" ] && cmp -s "$tmp/b-stdin/t01.csv" "$tmp/o1/t01.csv"; then ok "build - -o DIR"; else fail "build - -o DIR"; fi
$FISC fmt - <$many >"$tmp/f-stdin" 2>&1
$FISC fmt $many >"$tmp/f-named" 2>&1
same "fmt - = fmt FILE" "$tmp/f-named" "$tmp/f-stdin"
expect "fmt -w -" 2 "-w cannot rewrite standard input" $FISC fmt -w - </dev/null
printf 'budget "测试" {\n    year 2022\n}\n' >"$tmp/ny.fisc"
$FISC next-year - <"$tmp/ny.fisc" >"$tmp/ny-stdin" 2>&1
if [ $? = 0 ] && grep -q "^    year 2023$" "$tmp/ny-stdin" && ! grep -q previous "$tmp/ny-stdin"; then
    ok "next-year - (no file to name as previous)"
else
    fail "next-year -"; sed 's/^/    /' "$tmp/ny-stdin"
fi
# fmt -w on a file already canonical writes nothing anywhere (it printed
# the file on standard output before).
$FISC fmt $many >"$tmp/canon.fisc" 2>/dev/null
$FISC fmt -w "$tmp/canon.fisc" >"$tmp/w-out" 2>&1
[ $? = 0 ] && [ ! -s "$tmp/w-out" ] && ok "fmt -w on a canonical file prints nothing" || fail "fmt -w on a canonical file prints nothing"
expect "build - without -o" 2 "reading standard input, -o DIR is needed" $FISC build - </dev/null
expect "check - -" 2 "'-' \(standard input\) can be read only once" $FISC check - - </dev/null
expect "textconv -" 2 "'-' \(standard input\) cannot be read by this command" $FISC textconv - </dev/null

# ---- CSV for Excel: a byte order mark unless --no-bom ----------------------
bom() { head -c 3 "$1" | od -An -tx1 | tr -d ' \n'; }
$FISC report --format csv $many >"$tmp/r.csv" 2>/dev/null
$FISC report --format csv --no-bom $many >"$tmp/r-nobom.csv" 2>/dev/null
if [ "$(bom "$tmp/r.csv")" = efbbbf ] && tail -c +4 "$tmp/r.csv" | cmp -s - "$tmp/r-nobom.csv" &&
   head -n 1 "$tmp/r-nobom.csv" | grep -q '^id,'; then
    ok "report --format csv starts with a byte order mark; --no-bom drops it"
else
    fail "report --format csv and its byte order mark"
fi
$FISC report --format text $many >"$tmp/r.txt" 2>/dev/null
[ "$(bom "$tmp/r.txt")" != efbbbf ] && ok "no byte order mark in the text report" || fail "a byte order mark in the text report"
$FISC report --format text --report=full tests/golden/report/footing-exact.fisc >"$tmp/r.txt" 2>/dev/null
grep -q ' — 5,399 vs 5,399$' "$tmp/r.txt" && ok "the text report groups thousands as diagnostics do" || fail "the text report's numbers"

# ---- the summary line ----------------------------------------------------------
# last LINE NAME COMMAND...: the last line of stderr is exactly LINE.
last() {
    want=$1 name=$2
    shift 2
    "$@" 2>"$tmp/err" >/dev/null
    got=$(tail -n 1 "$tmp/err")
    if [ "$got" = "$want" ]; then ok "summary: $name"; else fail "summary: $name: '$got', want '$want'"; fi
}
$FISC check $many >/dev/null 2>"$tmp/sum"
same "summary: golden" "$gold/summary.stderr" "$tmp/sum"
last "2 errors and 1 warning generated." "errors and a warning" $FISC check $many
last "3 errors generated." "--strict counts the warning" $FISC check --strict $many
last "3 errors generated." "-Werror=footing" $FISC check -Werror=footing $many
last "1 warning generated." "one warning" $FISC check tests/errors/chk-footing-within-rounding.fisc
last "9 warnings generated." "the example" $FISC check $ex
last "1 error and 9 warnings generated." "one error, nine warnings" $FISC check $ex tests/errors/chk-footing-broken.fisc
last "4 errors and 2 warnings generated." "summed over files" $FISC check $many $many
last "2 errors and 1 warning generated." "capped errors are counted" $FISC check --max-errors=1 $many
$FISC check tests/golden/report/footing-exact.fisc >/dev/null 2>"$tmp/none"
[ ! -s "$tmp/none" ] && ok "summary: nothing when there is nothing to say" || fail "summary: printed on a clean file"
last "1 error generated." "diff counts errors only" $FISC diff tests/errors/res-check-undefined-row.fisc $ex

# ---- colour ----------------------------------------------------------------------
esc=$(printf '\033')
colored() { grep -q "$esc\[" "$1"; }
$FISC check --color=always $many 2>"$tmp/c1" >/dev/null
colored "$tmp/c1" && ok "--color=always on a pipe" || fail "--color=always on a pipe"
$FISC --color always check $many 2>"$tmp/c2" >/dev/null
same "--color always before the command" "$tmp/c1" "$tmp/c2"
$FISC check --color=never $many 2>"$tmp/c3" >/dev/null
colored "$tmp/c3" && fail "--color=never" || ok "--color=never"
$FISC check $many 2>"$tmp/c4" >/dev/null
colored "$tmp/c4" && fail "auto: no colour on a pipe" || ok "auto: no colour on a pipe"
# On a terminal (script(1) gives one): auto colours unless NO_COLOR is set
# and not empty, or TERM is dumb.
if command -v script >/dev/null 2>&1; then
    tty() { script -qec "$*" /dev/null </dev/null >"$tmp/tty" 2>&1; }
    env -u NO_COLOR TERM=xterm script -qec "$FISC check $many" /dev/null </dev/null >"$tmp/tty" 2>&1
    colored "$tmp/tty" && ok "auto: colour on a terminal" || fail "auto: colour on a terminal"
    NO_COLOR= TERM=xterm tty "$FISC check $many"
    colored "$tmp/tty" && ok "auto: NO_COLOR empty" || fail "auto: NO_COLOR empty"
    NO_COLOR=1 TERM=xterm tty "$FISC check $many"
    colored "$tmp/tty" && fail "auto: NO_COLOR=1" || ok "auto: NO_COLOR=1"
    NO_COLOR= TERM=dumb tty "$FISC check $many"
    colored "$tmp/tty" && fail "auto: TERM=dumb" || ok "auto: TERM=dumb"
    NO_COLOR=1 TERM=dumb tty "$FISC check --color=always $many"
    colored "$tmp/tty" && ok "--color=always beats NO_COLOR" || fail "--color=always beats NO_COLOR"
    NO_COLOR= TERM=xterm tty "$FISC check --color=never $many"
    colored "$tmp/tty" && fail "--color=never on a terminal" || ok "--color=never on a terminal"
else
    fail "script(1) is missing: cannot test colour on a terminal (apt-get install bsdutils)"
fi
[ $fails = 0 ]
