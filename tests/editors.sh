#!/usr/bin/env bash
# editors.sh: the editor integrations (editors/, docs/editors.md).
#
# VS Code is not run here: its extension's JSON files are checked for
# the structure VS Code reads (language, grammar, configuration), every
# regular expression of the TextMate grammar must compile (grep -P, a
# PCRE close to VS Code's Oniguruma for these patterns) and classify
# sample lines, and extension.js must parse (node --check, when node is
# installed).  Neovim is run for real, installed by .ci/deps.sh (tests/nvim-lsp.lua:
# filetype, syntax, and the language server's diagnostics, hover,
# completion and code lens on the seed example).  Prints ok/FAIL lines.
set -u
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8
FISC=${FISC:-build/fisc}
v=editors/vscode
g=$v/syntaxes/fisc.tmLanguage.json

check() {
    local name=$1
    shift
    if "$@" >/dev/null 2>&1; then echo "ok $name"; else echo "FAIL $name"; fi
}

check vscode-package jq -e '.contributes.languages[0].id == "fisc"
    and (.contributes.languages[0].extensions | index(".fisc"))
    and .contributes.grammars[0].language == "fisc" and .main == "./extension.js"
    and (.dependencies["vscode-languageclient"] | test("^\\^8"))
    and (.contributes.commands[0].command == "fisc.showIdentities")' $v/package.json
check vscode-files test -f "$v/$(jq -r '.contributes.grammars[0].path' $v/package.json)" \
    -a -f "$v/$(jq -r '.contributes.languages[0].configuration' $v/package.json)" -a -f $v/extension.js
check vscode-grammar-scope test "$(jq -r '.contributes.grammars[0].scopeName' $v/package.json)" = \
    "$(jq -r .scopeName $g)"
check vscode-language-configuration jq -e '.comments.lineComment == "//" and (.brackets | length) == 3
    and (.autoClosingPairs | length) == 4' $v/language-configuration.json
check vscode-grammar-includes jq -e '.repository as $r
    | [.patterns[].include | ltrimstr("#")] | length > 0 and all(.[]; $r[.] != null)' $g

bad=0
while IFS= read -r re; do
    grep -P -- "$re" </dev/null >/dev/null 2>&1
    [ $? -eq 2 ] && { echo "    invalid regex: $re"; bad=1; }
done < <(jq -r '.. | objects | (.match?, .begin?, .end?) | strings' $g)
check vscode-grammar-regexes test $bad -eq 0

# sample lines: what each rule must pick out
rule() { jq -r ".repository.$1.match" $g; }
sample() { # sample NAME RULE TEXT EXPECTED
    local got
    got=$(printf '%s\n' "$3" | grep -oP -- "$(rule "$2")" | head -n 1)
    if [ "$got" = "$4" ]; then echo "ok vscode-grammar-$1"; else echo "FAIL vscode-grammar-$1: got '$got'"; fi
}
sample keyword keyword '    check 收入总计 == 支出总计' 'check'
sample keyword-not-in-name keyword '    checked_total = 5' ''
sample amount amount '    培训支出 = 11 万元' '11 万元'
sample amount-grouped amount '    收入总计 = 7,440' '7,440'
sample code code '            2050803 培训支出 = 11' '            2050803'
sample reference reference 'check t04[工资福利支出, 总计]' 't04'
sample declaration declaration 'table t07 "一般公共预算支出表（按功能分类）" {' 'table t07'
sample derived derived '        总数 = _ {' '_'
sample derived-not-in-name derived '        社保_志愿 = 1' ''

if command -v node >/dev/null 2>&1; then
    check vscode-extension-parses node --check $v/extension.js
else
    echo "# skipped vscode-extension-parses: node is not installed"
fi

if command -v nvim >/dev/null 2>&1; then
    out=$(FISC="$FISC" timeout 120 nvim --headless -u NONE -i NONE -c 'luafile tests/nvim-lsp.lua' 2>&1)
    rc=$?
    printf '%s\n' "$out" | grep -E '^(ok|FAIL) '
    printf '%s\n' "$out" | grep -qE '^ok nvim-lsp-codelens' || echo "FAIL nvim-run (exit status $rc): $(printf '%s' "$out" | tail -n 3)"
else
    echo "FAIL nvim-installed: nvim is not installed (.ci/deps.sh installs neovim)"
fi
