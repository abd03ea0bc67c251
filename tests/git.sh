#!/usr/bin/env bash
# git.sh: `git diff` through `fisc textconv`, set up as docs/git.md says.
#
# Creates a temporary repository, commits a budget, changes one figure and
# checks that `git diff` shows exactly one removed and one added figure
# line, each with the line's full path.  Skipped only when git is missing.
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
if ! command -v git >/dev/null 2>&1; then
    echo "ok git: skipped (no git)"
    exit 0
fi
# FISC may be several words (valgrind ...); git runs the textconv command
# in the temporary repository, so every word naming a file is made absolute.
fisc_abs=""
for w in $FISC; do
    if [ -e "$w" ] && [ "${w#/}" = "$w" ]; then
        w="$(cd "$(dirname "$w")" && pwd)/$(basename "$w")"
    fi
    fisc_abs="$fisc_abs${fisc_abs:+ }$w"
done
if $FISC textconv tests/golden/diff/base.fisc 2>&1 | grep -q "unknown command"; then
    echo "FAIL git: 'fisc textconv' is not dispatched by main.c"
    exit 1
fi

repo=$(mktemp -d)
trap 'rm -rf "$repo"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_PAGER=cat PAGER=cat
cp tests/golden/diff/base.fisc "$repo/budget.fisc"
(
    cd "$repo" || exit 1
    git init -q .
    git config user.name "fisc test"
    git config user.email "fisc-test@example.invalid"
    echo '*.fisc diff=fisc' >.gitattributes
    git config diff.fisc.textconv "$fisc_abs textconv"
    git add .gitattributes budget.fisc
    git commit -q -m "2022 budget"
    sed -i 's/2080502 事业单位离退休 = _ 164 0/2080502 事业单位离退休 = _ 170 0/' budget.fisc
    git diff --no-color budget.fisc
) >"$repo.out" 2>&1
minus=$(grep -c '^-[^-]' "$repo.out")
plus=$(grep -c '^+[^+]' "$repo.out")
path="t01	2080502 测试单位/社会保障和就业支出/行政事业单位养老支出/事业单位离退休	基本支出"
if [ "$minus" = 1 ] && [ "$plus" = 1 ] &&
   grep -qxF -- "-$path	164 万元" "$repo.out" && grep -qxF -- "+$path	170 万元" "$repo.out"; then
    echo "ok git: git diff shows the one changed figure with its path"
else
    echo "FAIL git: git diff should show one '-' and one '+' figure line ($minus, $plus)"
    sed 's/^/    /' "$repo.out"
fi

# A file that does not compile is shown as it is.
(
    cd "$repo" || exit 1
    printf 'not a budget {\n' >budget.fisc
    git diff --no-color budget.fisc
) >"$repo.out" 2>&1
if grep -qxF -- "+not a budget {" "$repo.out"; then
    echo "ok git: a file with errors diffs as raw text"
else
    echo "FAIL git: a file with errors should diff as raw text"
    sed 's/^/    /' "$repo.out"
fi

# The seed example as it sits in a repository: it imports ../lib/ and
# names its previous year; git hands textconv a temporary copy of the old
# version, where neither is beside it.
repo2=$(mktemp -d)
mkdir -p "$repo2/examples" "$repo2/lib"
cp examples/longgang-2022.fisc examples/longgang-2021.fisc "$repo2/examples/"
cp lib/gov-cn-2022.fisc "$repo2/lib/"
(
    cd "$repo2" || exit 1
    git init -q .
    git config user.name "fisc test"
    git config user.email "fisc-test@example.invalid"
    echo '*.fisc diff=fisc' >.gitattributes
    git config diff.fisc.textconv "$fisc_abs textconv"
    git add .
    git commit -q -m "2022 budget"
    sed -i 's/^\(                奖金 *= *\)     34 /\1     35 /' examples/longgang-2022.fisc
    git diff --no-color examples/longgang-2022.fisc
) >"$repo.out" 2>&1
minus=$(grep -c '^-[^-]' "$repo.out")
plus=$(grep -c '^+[^+]' "$repo.out")
if [ "$minus" = 1 ] && [ "$plus" = 1 ] && grep -q '^-t04	.*/工资福利支出/奖金	总计	34 万元$' "$repo.out" &&
   grep -q '^+t04	.*/工资福利支出/奖金	总计	35 万元$' "$repo.out"; then
    echo "ok git: the seed example (import, previous) diffs figure by figure"
else
    echo "FAIL git: the seed example should diff as one figure line each way ($minus, $plus)"
    sed 's/^/    /' "$repo.out" | head -20
fi
rm -rf "$repo2"

# git difftool on an added and on a deleted file: git passes /dev/null for
# the side that does not exist, and fisc diff reads it as an empty budget.
(
    cd "$repo" || exit 1
    git checkout -q budget.fisc
    cp budget.fisc added.fisc
    git add added.fisc
    git commit -q -m "a second budget"
    echo "== added"
    git difftool -y -x "$fisc_abs diff" HEAD~1 HEAD -- added.fisc
    echo "exit $?"
    git rm -q added.fisc
    git commit -q -m "gone again"
    echo "== deleted"
    git difftool -y -x "$fisc_abs diff --format csv --no-bom" HEAD~1 HEAD -- added.fisc
    echo "exit $?"
) >"$repo.out" 2>&1
# (the header's attributes are added or removed with it: docs/git.md)
if [ "$(sed -n '/^== added/,/^exit/p' "$repo.out")" = "$(printf '== added\nbudget added entity: 测试单位\nbudget added rounding: 1 万元\nbudget added tolerance: rounding\nbudget added unit: 万元\nbudget added year: 2022\n\nadded table t01 支出表\nadded narrative 说明 文字部分\nexit 0')" ] &&
   [ "$(sed -n '/^== deleted/,/^exit/p' "$repo.out")" = "$(printf '== deleted\ntable,code,path,column,unit,old,new,change,rate,status,what\nbudget,,entity,,,测试单位,,,,removed,attribute\nbudget,,rounding,,,1 万元,,,,removed,attribute\nbudget,,tolerance,,,rounding,,,,removed,attribute\nbudget,,unit,,,万元,,,,removed,attribute\nbudget,,year,,,2022,,,,removed,attribute\nt01,,,,,,,,,removed,table\n说明,,,,,,,,,removed,table\nexit 0')" ]; then
    echo "ok git: difftool on an added and a deleted file (/dev/null)"
else
    echo "FAIL git: difftool on an added and a deleted file"
    sed 's/^/    /' "$repo.out" | head -20
fi
rm -f "$repo.out"
