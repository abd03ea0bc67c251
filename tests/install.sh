#!/usr/bin/env bash
# install.sh: `make install` and `make uninstall`, into temporary folders.
#
#   1. make install DESTDIR=STAGE: every file lands under STAGE/usr/local
#      (program, both manual pages, bash and zsh completions, lib/ in
#      share/fisc/lib, the documentation with README and LICENSE, the
#      Chinese catalogue in share/locale, which the installed fisc uses);
#   2. the installed fisc, run from there, builds the example exactly as
#      the build tree's fisc does, and finds the installed library by
#      name: a copy of the example outside the tree that imports
#      "gov-cn-2022.fisc" checks and builds (the build tree's fisc, which
#      has no library folder, cannot);
#   3. make uninstall DESTDIR=STAGE leaves no file behind;
#   4. make install PREFIX=P (no DESTDIR) works the same from P.
# The build tree is the one FISC's program is in (build/ or build-asan/);
# nothing is compiled again.
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
bin=${FISC##* }
B=$(dirname "$bin")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
ok() { echo "ok install: $1"; }
fail() { echo "FAIL install: $1"; fails=$((fails + 1)); }

# make, as the user would run it, but not as part of the make that runs
# the tests (its jobserver and flags are not ours).
mk() { env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make --no-print-directory -s BUILD="$B" "$@"; }

stage=$tmp/stage
if mk install DESTDIR="$stage" >"$tmp/make.out" 2>&1; then ok "make install DESTDIR=..."
else fail "make install DESTDIR=..."; sed 's/^/    /' "$tmp/make.out" | tail -5; exit 1; fi
P=$stage/usr/local
for f in bin/fisc share/man/man1/fisc.1 share/man/man7/fisc-language.7 \
         share/bash-completion/completions/fisc share/zsh/site-functions/_fisc \
         share/fisc/lib/gov-cn-2022.fisc share/doc/fisc/README.md share/doc/fisc/LICENSE \
         share/doc/fisc/language.md share/doc/fisc/git.md share/locale/zh_CN/LC_MESSAGES/fisc.mo; do
    [ -f "$P/$f" ] && ok "installs $f" || fail "does not install $f"
done
[ -x "$P/bin/fisc" ] && ok "bin/fisc is executable" || fail "bin/fisc is not executable"
cmp -s "$P/share/man/man1/fisc.1" "$B/dist/fisc.1" && ok "the man page is the generated one" || fail "the man page differs from $B/dist/fisc.1"
cmp -s "$P/share/fisc/lib/gov-cn-2022.fisc" lib/gov-cn-2022.fisc && ok "lib/ as it is" || fail "lib/ differs"
if command -v man >/dev/null 2>&1; then
    MANWIDTH=80 MANPATH="$P/share/man" man fisc 2>/dev/null | grep -q "fisc check" && ok "man fisc finds the page" || fail "man fisc"
    MANWIDTH=80 MANPATH="$P/share/man" man fisc-language 2>/dev/null | grep -q "Lexical structure" && ok "man fisc-language finds the page" || fail "man fisc-language"
fi

# The installed program speaks Chinese from its own share/locale (the
# build tree's locale/ is not beside it).
printf 'budget "x" {\n    yaer 2022\n}\n' >"$tmp/zh.fisc"
env -u LC_ALL -u LANGUAGE -u LC_MESSAGES LANG=zh_CN.UTF-8 "$P/bin/fisc" check "$tmp/zh.fisc" >/dev/null 2>"$tmp/zh.err"
if grep -q '错误：未知的关键字“yaer”；是否应为“year”？' "$tmp/zh.err"; then
    ok "the installed fisc finds its Chinese catalogue"
else
    fail "the installed fisc does not speak Chinese: $(head -1 "$tmp/zh.err")"
fi

# The installed program on the example, in the source tree.
"$P/bin/fisc" build examples/longgang-2022.fisc -o "$tmp/inst" >/dev/null 2>&1
$FISC build examples/longgang-2022.fisc -o "$tmp/tree" >/dev/null 2>&1
if [ -f "$tmp/inst/t01.csv" ] && diff -r -x '*.xlsx' "$tmp/tree" "$tmp/inst" >/dev/null; then
    ok "the installed fisc builds the example as the build tree's does"
else
    fail "the installed fisc builds the example differently"
fi

# The example away from the tree, importing the library by name.
work=$tmp/work
mkdir -p "$work"
sed -e 's|^import "../lib/gov-cn-2022.fisc"|import "gov-cn-2022.fisc"|' \
    -e 's|^import "../lib/template-shenzhen-budget-2022.fisc"|import "template-shenzhen-budget-2022.fisc"|' \
    examples/longgang-2022.fisc >"$work/longgang-2022.fisc"
cp examples/longgang-2021.fisc "$work/"
grep -q '^import "gov-cn-2022.fisc"' "$work/longgang-2022.fisc" &&
    grep -q '^import "template-shenzhen-budget-2022.fisc"' "$work/longgang-2022.fisc" ||
    fail "the example's import lines moved: update this test"
(cd "$work" && "$P/bin/fisc" check longgang-2022.fisc) >"$tmp/check.out" 2>&1
rc=$?
[ $rc = 0 ] && ok "installed: import \"gov-cn-2022.fisc\" finds share/fisc/lib" ||
    { fail "installed: import by name (exit $rc)"; head -5 "$tmp/check.out" | sed 's/^/    /'; }
(cd "$work" && "$P/bin/fisc" build longgang-2022.fisc -o "$tmp/away") >/dev/null 2>&1
if diff -r -x '*.xlsx' -x 'report.*' -x tables.json -x index.html "$tmp/tree" "$tmp/away" >/dev/null; then
    ok "installed: the copy builds the same tables"
else
    fail "installed: the copy builds other tables"
fi
(cd "$work" && $OLDPWD/$bin check longgang-2022.fisc) >"$tmp/check.out" 2>&1
[ $? = 1 ] && grep -q "cannot import 'gov-cn-2022.fisc'" "$tmp/check.out" &&
    ok "the build tree's fisc has no library folder" || fail "the build tree's fisc found a library"

# Help names no path of the source tree.
for c in $("$P/bin/fisc" --help | sed -n '/^commands:/,/^$/s/^  \([a-z-]*\) .*/\1/p') ''; do
    if "$P/bin/fisc" help $c | grep -q 'docs/'; then fail "fisc help $c names docs/"; fi
done
ok "fisc help names no source-tree path"

if mk uninstall DESTDIR="$stage" >"$tmp/make.out" 2>&1; then ok "make uninstall DESTDIR=..."
else fail "make uninstall"; sed 's/^/    /' "$tmp/make.out" | tail -5; fi
left=$(find "$stage" -type f | sed "s|^$stage||")
[ -z "$left" ] && ok "uninstall leaves no file" || fail "uninstall left: $left"

prefix=$tmp/prefix
if mk install PREFIX="$prefix" VIMDIR="$prefix/vim" NVIMDIR="$prefix/nvim" >"$tmp/make.out" 2>&1 &&
   (cd "$work" && "$prefix/bin/fisc" check longgang-2022.fisc) >/dev/null 2>&1; then
    ok "make install PREFIX=... and the library found from there"
else
    fail "make install PREFIX=..."
fi
[ $fails = 0 ]
