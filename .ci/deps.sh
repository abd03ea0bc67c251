#!/bin/sh
# deps.sh: makes sure the build tools are installed; installs them with apt
# when running as root, otherwise says what to run.  Checking costs a few
# stat calls, so every make target can run it first.
#   .ci/deps.sh                       the build and test tools
#   .ci/deps.sh --install WHO PKG...  install PKG... for WHO (bench/deps.sh)
set -eu

have() { command -v "$1" >/dev/null 2>&1; }

# install WHO PKG...: apt-get install as root, else print the command.
install() {
    who=$1
    shift
    if [ "$(id -u)" -eq 0 ] && have apt-get; then
        echo "$who: installing $*"
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
        exit 0
    fi
    echo "$who: missing tools; run: sudo apt-get install -y $*" >&2
    exit 1
}

if [ "${1:-}" = --install ]; then
    shift
    install "$@"
fi

missing=
have re2c || missing="$missing re2c"
have bison || missing="$missing bison"
[ -f /usr/include/cmocka.h ] || missing="$missing libcmocka-dev"
# the published document: the workbook (libxlsxwriter) and tables.json
# (jansson) ...
[ -f /usr/include/xlsxwriter.h ] || missing="$missing libxlsxwriter-dev"
[ -f /usr/include/jansson.h ] || missing="$missing libjansson-dev"
# fisc-language(7) is made from docs/language.md by lowdown
have lowdown || missing="$missing lowdown"
# ... its tests (openpyxl reads the workbook back, headless Chromium loads
# the page, pdftotext reads the PDF) and `make publish-example`
[ -x /usr/bin/python3 ] && [ -f /usr/lib/python3/dist-packages/openpyxl/__init__.py ] ||
    missing="$missing python3-openpyxl"
have chromium || missing="$missing chromium"
have pdftotext || missing="$missing poppler-utils"
# the zsh completion is tried in a real zsh, the man pages rendered by
# groff (tests/cli-table.sh)
have zsh || missing="$missing zsh"
have groff || missing="$missing groff-base"
# the language server's editor test runs a real Neovim (tests/editors.sh)
have nvim || missing="$missing neovim"
# messages in Chinese (docs/i18n.md): msgfmt compiles po/zh_CN.po, xgettext
# and msgmerge keep it complete; the tests run fisc under LANG=zh_CN.UTF-8,
# a locale Debian generates from its locales package
have msgfmt && have xgettext || missing="$missing gettext"
have locale-gen || missing="$missing locales"
zh_locale() { locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; }
if [ -z "$missing" ] && ! zh_locale; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "fisc: generating the zh_CN.UTF-8 locale"
        localedef -i zh_CN -f UTF-8 zh_CN.UTF-8
    else
        echo "fisc: the zh_CN.UTF-8 locale is missing; run: sudo localedef -i zh_CN -f UTF-8 zh_CN.UTF-8" >&2
        exit 1
    fi
fi
[ -z "$missing" ] && exit 0

pkgs=$missing
have cc || pkgs="$pkgs gcc libc6-dev"
if [ "$(id -u)" -eq 0 ] && have apt-get; then
    echo "fisc: installing $pkgs"
    apt-get update
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y $pkgs
    zh_locale || localedef -i zh_CN -f UTF-8 zh_CN.UTF-8
    exit 0
fi
# shellcheck disable=SC2086
install fisc $pkgs
