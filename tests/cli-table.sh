#!/usr/bin/env bash
# cli-table.sh: the help, the man page and both shell completions list
# exactly the options of the command table (src/cli_table.c), command by
# command.  `cligen list` prints the table ("COMMAND SPELLING", a prefix
# option as -Wno-CHECK); each of the four is read back its own way and
# compared with it:
#   help   `fisc help CMD`, the option column of its options section;
#   man    build/dist/fisc.1, the options named in the command's section;
#   bash   build/dist/fisc.bash run in bash: what `fisc CMD -<TAB>` offers;
#   zsh    build/dist/_fisc, the option specs of _fisc_CMD.
# The man pages are rendered by groff (no warning), and the zsh completion
# is tried in a real interactive zsh (tests/zsh-complete.zsh).
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
bin=${FISC##* }                   # the last word: the program (FISC may be valgrind ...)
B=$(dirname "$bin")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
ok() { echo "ok cli-table: $1"; }
fail() { echo "FAIL cli-table: $1"; fails=$((fails + 1)); }

for f in "$B/cligen" "$B/dist/fisc.1" "$B/dist/fisc.bash" "$B/dist/_fisc"; do
    [ -e "$f" ] || { fail "$f is missing (make builds it)"; exit 1; }
done
"$B/cligen" list >"$tmp/table" || { fail "cligen list"; exit 1; }
cmds=$(cut -d' ' -f1 "$tmp/table" | uniq)
[ "$(echo $cmds | wc -w)" -ge 8 ] && ok "the table has $(echo $cmds | wc -w) commands" || fail "the table: $cmds"
# prefix options glue their value's name on: -Wno-CHECK, -Werror=CHECK
# (not -I, a short option)
prefixes=$(cut -d' ' -f2 "$tmp/table" | grep -E '^-.+[-=][A-Z]+$' | sed -E 's/[A-Z]+$//' | sort -u)

# compare NAME CMD FILE: FILE (one spelling a line) holds CMD's options.
compare() {
    grep "^$2 " "$tmp/table" | cut -d' ' -f2 | sort -u >"$tmp/want"
    sort -u "$3" >"$tmp/got"
    if cmp -s "$tmp/want" "$tmp/got"; then
        ok "$1 lists the options of $2"
    else
        fail "$1 and the table differ for $2 (< table, > $1)"
        diff "$tmp/want" "$tmp/got" | grep '^[<>]' | sed 's/^/    /'
    fi
}

# help: "  -o, --output DIR      text" and "  --allow-import-anywhere" (long)
for c in $cmds; do
    $FISC help "$c" | sed -n '/^options:/,$p' | sed -n 's/^  \(-[^ ].*\)$/\1/p' | sed 's/  .*//' |
        tr ',' '\n' | sed 's/^ *//; s/ .*//' >"$tmp/help-$c"
    compare help "$c" "$tmp/help-$c"
done

# man: the words in bold that start with \- in the command's .SS section
for c in $cmds; do
    awk -v c="$c" '/^\.SS / { on = index($0, "\"fisc " c " ") == 5 || $0 == ".SS \"fisc " c "\"" ; next }
                   /^\.SH / { on = 0 } on' "$B/dist/fisc.1" |
        grep -o '\\fB\\%\\-[^ ,]*' | sed 's/\\fB\\%//; s/\\f[IR]//g; s/\\-/-/g; s/[.]$//' >"$tmp/man-$c"
    compare man "$c" "$tmp/man-$c"
done

# bash: what completion offers after "fisc CMD -", prefix options folded
# back to their spelling (-Wno-footing -> -Wno-CHECK)
for c in $cmds; do
    bash -c 'source "$1"; COMP_WORDS=(fisc "$2" -); COMP_CWORD=2; _fisc; printf "%s\n" "${COMPREPLY[@]}"' \
        _ "$B/dist/fisc.bash" "$c" >"$tmp/bash-raw-$c"
    cp "$tmp/bash-raw-$c" "$tmp/bash-$c"
    for p in $prefixes; do
        spelled=$(grep "^$c $p" "$tmp/table" | head -1 | cut -d' ' -f2)
        [ -n "$spelled" ] && sed -i "s/^$p.*/$spelled/" "$tmp/bash-$c"
    done
    compare bash "$c" "$tmp/bash-$c"
done
# and a few values: --format's choices, a folder for -o, command names
b() { bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($#-1)); _fisc; echo "${COMPREPLY[*]}"' _ "$B/dist/fisc.bash" "$@"; }
[ "$(b fisc report --format '')" = "text json csv" ] && ok "bash: report --format values" || fail "bash: report --format values: $(b fisc report --format '')"
[ "$(b fisc report --format = j)" = "json" ] && ok "bash: --format=j" || fail "bash: --format=j: $(b fisc report --format = j)"
[ "$(b fisc --color always ch)" = "check" ] && ok "bash: a command after a shared option" || fail "bash: a command after a shared option"
[ "$(b fisc check examples/longgang-2022.fi)" = "examples/longgang-2022.fisc" ] && ok "bash: budget files" || fail "bash: budget files"

# zsh: the specs of _fisc_CMD
for c in $cmds; do
    awk -v f="_fisc_$c() {" '$0 == f { on = 1; next } on && /^}/ { on = 0 } on' "$B/dist/_fisc" |
        sed -n "s/^    '\\*\\?\\(-[^[]*\\)\\[.*/\\1/p" >"$tmp/zsh-raw-$c"
    # -o+ and --format= take a value; "-Wno--" is the prefix -Wno- with its
    # value's name from the spec (":CHECK:")
    : >"$tmp/zsh-$c"
    while read -r spec; do
        case $spec in
            *--) arg=$(grep -F "'*$spec[" "$B/dist/_fisc" | head -1 | sed 's/.*\]:\([A-Z]*\):.*/\1/'); echo "${spec%-}$arg" ;;
            *=-) arg=$(grep -F "'*$spec[" "$B/dist/_fisc" | head -1 | sed 's/.*\]:\([A-Z]*\):.*/\1/'); echo "${spec%-}$arg" ;;
            *) echo "${spec%[+=]}" ;;
        esac
    done <"$tmp/zsh-raw-$c" >"$tmp/zsh-$c"
    compare zsh "$c" "$tmp/zsh-$c"
done
# zsh is installed by .ci/deps.sh: the completion must parse and, in a
# real interactive zsh (tests/zsh-complete.zsh), complete commands,
# options and option values.
if command -v zsh >/dev/null 2>&1; then
    zsh -n "$B/dist/_fisc" && ok "zsh: the completion parses" || fail "zsh: the completion does not parse"
    mkdir -p "$tmp/fpath" && cp "$B/dist/_fisc" "$tmp/fpath/"
    # z TYPED WANT: TYPED and a TAB leave WANT on the command line
    z() {
        rm -f "$tmp/zline"
        if zsh -f tests/zsh-complete.zsh "$tmp/fpath" "$tmp/zline" "$1" &&
           [ "$(cat "$tmp/zline")" = "$2" ]; then
            ok "zsh: '$1<TAB>' gives '$2'"
        else
            fail "zsh: '$1<TAB>' gives '$(cat "$tmp/zline" 2>/dev/null)', not '$2'"
        fi
    }
    z "fisc bui" "fisc build "
    z "fisc check --str" "fisc check --strict "
    z "fisc build --no-d" "fisc build --no-document "
    z "fisc check --color=al" "fisc check --color=always "
else
    fail "zsh is not installed (.ci/deps.sh installs it)"
fi
bash -n "$B/dist/fisc.bash" && ok "bash: the completion parses" || fail "bash: the completion does not parse"

if command -v groff >/dev/null 2>&1; then
    for page in fisc.1 fisc-language.7; do
        groff -k -man -Tutf8 -ww -z "$B/dist/$page" >"$tmp/groff" 2>&1
        if [ ! -s "$tmp/groff" ]; then ok "man: $page renders without a warning"
        else fail "man: $page: groff warns"; head -5 "$tmp/groff" | sed 's/^/    /'; fi
    done
else
    fail "groff is not installed (.ci/deps.sh installs groff-base)"
fi
[ $fails = 0 ]
