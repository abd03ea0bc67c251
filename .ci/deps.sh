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
# the language server's editor test runs a real Neovim (tests/editors.sh)
have nvim || missing="$missing neovim"
[ -z "$missing" ] && exit 0

pkgs=$missing
have cc || pkgs="$pkgs gcc libc6-dev"
# shellcheck disable=SC2086
install fisc $pkgs
