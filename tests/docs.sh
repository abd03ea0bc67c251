#!/usr/bin/env bash
# docs.sh: every sample output in README.md and docs/*.md is what fisc
# prints today, line numbers and counts included.
#
# A sample is a fenced block right after a marker comment holding the
# shell commands that produce it (one line, or several before the -->):
#
#   <!-- doc-test: show fisc check examples/longgang-2022.fisc | head -n 4 -->
#   ```
#   $ fisc check examples/longgang-2022.fisc
#   ...exactly what that prints...
#   ```
#
# The commands run in bash from the repository's top ($R), with `fisc`
# (the program under test, FISC) first on PATH, NO_COLOR=1, and $T a
# scratch folder of their own; stdout is the sample (add 2>&1 for
# stderr).  A marker and its block may be indented together (a sample
# inside a list item): the indentation is not part of the sample.
# Helpers: `show CMD...` prints "$ CMD..." then runs CMD with stderr on
# stdout; `shown 'CMD LINE'` does the same for a line with quotes in it
# (printed as written); `more` prints "..." (an excerpt goes on).
#
#   tests/docs.sh            compare every sample (run by make test)
#   tests/docs.sh --update   rewrite every sample with today's output
#                            (make docs); review with git diff
#
# A fenced block that shows fisc at work ("$ fisc", "$ git", or a
# diagnostic "file:line:col: error|warning|note:") must carry a marker.
set -u
cd "$(dirname "$0")/.."
root=$PWD
FISC="${FISC:-build/fisc}"
update=false
[ "${1:-}" = --update ] && update=true
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
ok() { $update || echo "ok docs: $1"; }
fail() { echo "FAIL docs: $1"; fails=$((fails + 1)); }

# `fisc` on PATH: the program FISC names, however many words it is.
mkdir -p "$tmp/bin"
fisc_cmd=""
for w in $FISC; do
    if [ -e "$w" ] && [ "${w#/}" = "$w" ]; then w="$root/$w"; fi
    fisc_cmd="$fisc_cmd${fisc_cmd:+ }$w"
done
printf '#!/bin/sh\nexec %s "$@"\n' "$fisc_cmd" >"$tmp/bin/fisc"
chmod +x "$tmp/bin/fisc"

prelude='show() { printf "$ %s\n" "$*"; "$@" 2>&1; }
shown() { printf "$ %s\n" "$1"; eval "$1" 2>&1; }
more() { echo ...; }
'

# run CMD: its stdout, in a scratch folder of its own.
run() {
    local scratch
    scratch=$(mktemp -d "$tmp/T.XXXXXX")
    (cd "$root" && PATH="$tmp/bin:$PATH" NO_COLOR=1 T="$scratch" R="$root" GIT_CONFIG_NOSYSTEM=1 \
        GIT_CONFIG_GLOBAL=/dev/null GIT_PAGER=cat PAGER=cat bash -c "$prelude$1")
}

# A block showing fisc at work, by its first line and its text.
looks_like_output() {
    grep -qE '^\$ (fisc|git) |^[^ ]+:[0-9]+:[0-9]+: (error|warning|note): |^fisc( [a-z-]+)?: ' "$1"
}

# check FILE: compares (or with --update rewrites) FILE's samples.
check_file() {
    local f=$1 state=text cmd= n=0 lineno=0 at=0 fence= line indent= bare
    local new=$tmp/new.md block=$tmp/block got=$tmp/got
    : >"$new"
    while IFS= read -r line || [ -n "$line" ]; do
        lineno=$((lineno + 1))
        bare=${line#"${line%%[! ]*}"}       # without its leading blanks
        case $state in
        text)
            printf '%s\n' "$line" >>"$new"
            if [[ $bare == '<!-- doc-test:'* ]]; then
                at=$lineno
                cmd=${bare#'<!-- doc-test:'}
                if [[ $cmd == *'-->' ]]; then cmd=${cmd%'-->'}; state=fence; else state=cmd; fi
            elif [[ $bare == '```'* ]]; then
                fence=$lineno
                : >"$block"
                state=plain
            fi
            ;;
        cmd)
            printf '%s\n' "$line" >>"$new"
            if [[ $line == *'-->' ]]; then cmd+=$'\n'${line%'-->'}; state=fence; else cmd+=$'\n'$line; fi
            ;;
        fence)
            printf '%s\n' "$line" >>"$new"
            if [[ $bare != '```'* ]]; then
                fail "$f:$at: the marker is not followed by a fenced block"
                state=text
            else
                indent=${line%%'```'*}
                : >"$block"
                state=block
            fi
            ;;
        block)
            if [[ $bare != '```' ]]; then
                printf '%s\n' "${line#"$indent"}" >>"$block"
                continue
            fi
            n=$((n + 1))
            run "$cmd" >"$got" 2>"$tmp/err"
            if [ -s "$got" ] && [ "$(tail -c 1 "$got" | od -An -tx1 | tr -d ' ')" != 0a ]; then
                echo >>"$got"       # a block always ends its last line
            fi
            if [ ! -s "$got" ]; then
                fail "$f:$at: the commands print nothing"
                sed 's/^/    /' "$tmp/err" | head -5
                cat "$block" >>"$new"
            elif $update; then
                sed "s/^/$indent/; s/^ *\$//" "$got" >>"$new"
            elif cmp -s "$block" "$got"; then
                ok "$f:$at"
                sed "s/^/$indent/; s/^ *\$//" "$block" >>"$new"
            else
                fail "$f:$at: the sample is not what the commands print now (tests/docs.sh --update rewrites it)"
                diff -u "$block" "$got" | sed 's/^/    /' | head -20
                sed "s/^/$indent/; s/^ *\$//" "$block" >>"$new"
            fi
            printf '%s\n' "$line" >>"$new"
            state=text
            ;;
        plain)
            printf '%s\n' "$line" >>"$new"
            if [[ $bare == '```' ]]; then
                if looks_like_output "$block"; then
                    fail "$f:$fence: a sample output without a <!-- doc-test: ... --> marker"
                fi
                state=text
            else
                printf '%s\n' "$bare" >>"$block"
            fi
            ;;
        esac
    done <"$f"
    [ "$state" = text ] || fail "$f: ends inside a marker or a fenced block"
    if $update && ! cmp -s "$f" "$new"; then
        cp "$new" "$f"
        echo "docs: rewrote $f"
    fi
    nsamples=$((nsamples + n))
}

nsamples=0
for f in README.md docs/*.md; do
    check_file "$f"
done
[ $nsamples -gt 0 ] || fail "no samples found"
$update || echo "ok docs: $nsamples samples checked"
[ $fails = 0 ]
