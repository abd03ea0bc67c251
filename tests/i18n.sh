#!/usr/bin/env bash
# i18n.sh: fisc speaks Chinese when asked, English otherwise, and every
# message in the source has its Chinese translation (docs/i18n.md).
#
#   - the zh_CN.UTF-8 locale exists (.ci/deps.sh makes it on Debian);
#   - po/zh_CN.po translates every message po/extract.sh finds in the
#     source: none missing, none fuzzy, none left over; msgfmt --check
#     accepts it;
#   - LANG, LC_MESSAGES, LC_ALL and LANGUAGE choose the language as GNU
#     gettext says (LANGUAGE with any locale but C), English otherwise;
#   - a diagnostic, its note, the summary line (plural forms), help and
#     a usage error in Chinese; check names and keywords stay ASCII;
#   - nothing but messages changes with the language: CSV, reports and
#     fmt output are the same bytes in both.
# The golden diagnostics in both languages are tests/run.sh's layer 3.
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
# FISC's words (a valgrind command line, say) with relative paths made
# absolute: some tests run in a scratch folder.
fisc_abs=""
for w in $FISC; do
    if [ -e "$w" ] && [ "${w#/}" = "$w" ]; then w="$PWD/$w"; fi
    fisc_abs="$fisc_abs${fisc_abs:+ }$w"
done
FISC=$fisc_abs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { echo "ok i18n: $1"; }
fail() { echo "FAIL i18n: $1"; }
# fisc in a language: zh LANG=zh_CN.UTF-8 with nothing else set
zh() { env -u LC_ALL -u LANGUAGE -u LC_MESSAGES LANG=zh_CN.UTF-8 NO_COLOR=1 $FISC "$@"; }
en() { env -u LC_ALL -u LANGUAGE -u LC_MESSAGES LANG=C.UTF-8 NO_COLOR=1 $FISC "$@"; }

# 1. the locale the tests and users need
if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
    ok "the zh_CN.UTF-8 locale is installed"
else
    fail "the zh_CN.UTF-8 locale is missing: run .ci/deps.sh (as root it runs: apt-get install locales; localedef -i zh_CN -f UTF-8 zh_CN.UTF-8)"
fi

# 2. the catalogue is complete: every message in the source is translated
if ! command -v xgettext >/dev/null || ! command -v msgcmp >/dev/null; then
    fail "xgettext and msgcmp are missing: run .ci/deps.sh (Debian package gettext)"
elif ! po/extract.sh "$tmp/fisc.pot" 2>"$tmp/extract.err"; then
    fail "po/extract.sh failed: $(cat "$tmp/extract.err")"
else
    # po/zh_CN.po merged with the source's messages as they are now:
    # what is untranslated or fuzzy there has no (checked) translation
    msgmerge --quiet --no-wrap --no-fuzzy-matching -o "$tmp/merged.po" po/zh_CN.po "$tmp/fisc.pot" 2>"$tmp/merge.err"
    { msgattrib --untranslated --no-obsolete --no-wrap "$tmp/merged.po"
      msgattrib --only-fuzzy --no-obsolete --no-wrap "$tmp/merged.po"; } 2>/dev/null |
        grep '^msgid "' | grep -v '^msgid ""$' >"$tmp/missing"
    if [ ! -s "$tmp/merged.po" ]; then
        fail "msgmerge po/zh_CN.po: $(head -3 "$tmp/merge.err")"
    elif [ ! -s "$tmp/missing" ]; then
        ok "po/zh_CN.po translates every message in the source"
    else
        fail "po/zh_CN.po has no translation for $(wc -l <"$tmp/missing") message(s) of the source (or only a fuzzy one):"
        sed 's/^msgid /    /' "$tmp/missing" | head -40
        cat <<'EOF'
    To fix: run `make po`: it adds the source's new messages to po/zh_CN.po
    with an empty msgstr, and marks "#, fuzzy" those whose English changed.
    Write each msgstr in Chinese as a budget office would (docs/i18n.md:
    the words to use, what stays ASCII), delete the "#, fuzzy" line of each
    entry you checked, then `make && make test`.  A diagnostic's golden
    test needs its Chinese output too:
        FISC=build/fisc tests/regen-errors.sh tests/errors/NAME.fisc
EOF
    fi
    # and the reverse: no live translation of a message the source lost
    # (msgmerge made it obsolete, #~, in the merged catalogue)
    msgattrib --only-obsolete --no-wrap "$tmp/merged.po" 2>/dev/null | sed -n 's/^#~ \(msgid ".*"\)$/\1/p' |
        grep -v '^msgid ""$' | sort >"$tmp/gone"
    msgattrib --no-obsolete --no-wrap po/zh_CN.po 2>/dev/null | grep '^msgid "' | sort | comm -12 - "$tmp/gone" >"$tmp/left"
    if [ -s "$tmp/left" ]; then
        fail "po/zh_CN.po translates messages the source no longer has (make po marks them obsolete, #~):"
        sed 's/^msgid /    /' "$tmp/left" | head -20
    else
        ok "po/zh_CN.po holds no message the source no longer has"
    fi
    if msgfmt --check -o /dev/null po/zh_CN.po 2>"$tmp/fmt"; then
        ok "msgfmt --check accepts po/zh_CN.po (format directives match)"
    else
        fail "msgfmt --check po/zh_CN.po: $(head -5 "$tmp/fmt")"
    fi
fi

# 3. who chooses the language
cat >"$tmp/b.fisc" <<'EOF'
budget "测试单位" {
    year 2022
    unit 万元
    rounding 1
}

table t01 "收支总表" {
    columns {
        金额
    }
    rows {
        合计 = 10 {
            甲 = 3
            乙 = 5
        }
        小计 = 9 {
            丙 = 4
            丁 = 4
        }
    }
}
EOF
want_zh="b.fisc:12:14: 错误："
in_lang() {     # in_lang NAME WANT ENV...: the first line of check's stderr starts with WANT
    local name=$1 want=$2
    shift 2
    (cd "$tmp" && env -u LC_ALL -u LANGUAGE -u LC_MESSAGES -u LANG "$@" NO_COLOR=1 $FISC check b.fisc 2>&1 >/dev/null) |
        head -n 1 >"$tmp/first"
    case $(cat "$tmp/first") in
    "$want"*) ok "$name" ;;
    *) fail "$name: the first line is '$(cat "$tmp/first")', expected it to start with '$want'" ;;
    esac
}
in_lang "LANG=zh_CN.UTF-8 speaks Chinese" "$want_zh" LANG=zh_CN.UTF-8
in_lang "LC_MESSAGES=zh_CN.UTF-8 speaks Chinese" "$want_zh" LANG=C.UTF-8 LC_MESSAGES=zh_CN.UTF-8
in_lang "LC_ALL=zh_CN.UTF-8 speaks Chinese" "$want_zh" LC_ALL=zh_CN.UTF-8
in_lang "LANGUAGE=zh_CN with C.UTF-8 speaks Chinese" "$want_zh" LANG=C.UTF-8 LANGUAGE=zh_CN
in_lang "LC_MESSAGES=C wins over LANG=zh_CN.UTF-8" "b.fisc:12:14: error: " LANG=zh_CN.UTF-8 LC_MESSAGES=C.UTF-8
in_lang "no locale set: English" "b.fisc:12:14: error: "
in_lang "a language without a catalogue: English" "b.fisc:12:14: error: " LANGUAGE=fr_FR LANG=C.UTF-8
in_lang "LANGUAGE is ignored under the C locale (gettext's rule)" "b.fisc:12:14: error: " LANGUAGE=zh_CN LANG=C

# 4. what the Chinese says
(cd "$tmp" && zh check b.fisc) >/dev/null 2>"$tmp/zh.err"
(cd "$tmp" && en check b.fisc) >/dev/null 2>"$tmp/en.err"
expect_zh() {   # expect_zh NAME TEXT: TEXT is a line of the Chinese output
    if grep -qF -- "$2" "$tmp/zh.err"; then ok "$1"; else fail "$1: no line holds '$2'"; sed 's/^/    /' "$tmp/zh.err"; fi
}
expect_zh "a footing error in Chinese, its check name in ASCII" \
    "b.fisc:12:14: 错误：“合计”在“金额”列为 10，但其明细合计为 8（差额 2 万元；超出容差：|差额| < 1.5 万元 = 3 个四舍五入数字 × ½ × 1 万元） [footing]"
expect_zh "a note in Chinese" "b.fisc:13:17: 附注：甲 = 3"
expect_zh "a warning in Chinese" \
    "b.fisc:16:14: 警告：“小计”在“金额”列为 9，但其明细合计为 8（差额 1 万元；在尾数误差范围内：|差额| < 1.5 万元 = 3 个四舍五入数字 × ½ × 1 万元） [footing]"
expect_zh "the summary line in Chinese, both counts" "共 1 个错误、1 个警告。"
if cmp -s <(grep -oE '^[^ ]+:[0-9]+:[0-9]+:' "$tmp/zh.err") <(grep -oE '^[^ ]+:[0-9]+:[0-9]+:' "$tmp/en.err"); then
    ok "the same locations in both languages"
else
    fail "the locations differ between English and Chinese"
fi
sed -i 's/小计 = 9 {/小计 = 6 {/' "$tmp/b.fisc"
(cd "$tmp" && zh check b.fisc) >/dev/null 2>"$tmp/zh.err"
expect_zh "the summary line counts in Chinese (one plural form)" "共 2 个错误。"
(cd "$tmp" && en check b.fisc) >/dev/null 2>"$tmp/en.err"
if grep -qx '2 errors generated.' "$tmp/en.err"; then
    ok "the summary line in English, plural"
else
    fail "the summary line in English: $(tail -1 "$tmp/en.err")"
fi
sed -i 's/乙 = 5/乙 = 5 6/' "$tmp/b.fisc"
(cd "$tmp" && zh check b.fisc) >/dev/null 2>"$tmp/zh.err"
expect_zh "a resolution error in Chinese" "b.fisc:14:19: 错误：2 个数值对应 1 列 [values]"
zh help check >"$tmp/help.zh"
zh check --help >"$tmp/help2.zh"
if grep -q '^用法：fisc check \[选项\] FILE...$' "$tmp/help.zh" &&
    grep -q '^  --strict  *尾数误差范围内的警告也按错误处理$' "$tmp/help.zh" && cmp -s "$tmp/help.zh" "$tmp/help2.zh"; then
    ok "help in Chinese, the same from 'help check' and 'check --help'"
else
    fail "help in Chinese"
    sed 's/^/    /' "$tmp/help.zh"
fi
zh check --bogus >/dev/null 2>"$tmp/usage.zh"
if [ "$(cat "$tmp/usage.zh")" = "$(printf 'fisc check: 未知的选项“--bogus”\n请参阅“fisc help check”。')" ]; then
    ok "a usage error in Chinese"
else
    fail "a usage error in Chinese: $(cat "$tmp/usage.zh")"
fi

# 5. outputs do not change with the language
zh build --no-document examples/longgang-2022.fisc -o "$tmp/zh" >/dev/null 2>&1
en build --no-document examples/longgang-2022.fisc -o "$tmp/en" >/dev/null 2>&1
if [ -f "$tmp/zh/report.json" ] && diff -r "$tmp/zh" "$tmp/en" >/dev/null; then
    ok "build writes the same bytes in both languages"
else
    fail "build's output differs between the languages"
fi
if cmp -s <(zh report examples/longgang-2022.fisc --format json 2>/dev/null) \
    <(en report examples/longgang-2022.fisc --format json 2>/dev/null) &&
    cmp -s <(zh fmt examples/longgang-2022.fisc 2>/dev/null) <(en fmt examples/longgang-2022.fisc 2>/dev/null); then
    ok "report and fmt print the same bytes in both languages"
else
    fail "report or fmt output differs between the languages"
fi

# 6. no English left in the Chinese goldens: a message that xgettext does
# not see (built by a function that is not a keyword of po/extract.sh)
# shows as English words in a NAME.zh.stderr.  Quoted text, check names
# and single keywords are not prose; two English words in a row are.
cat tests/errors/*.zh.stderr | grep -E '(错误|警告|附注)：' |
    sed -E 's/^[^ ]+:[0-9]+:[0-9]+: //; s/ \[[a-z-]+\]$//; s/“[^”]*”//g; s/"[^"]*"//g' |
    grep -E '[a-z]+ [a-z]+' | sort -u >"$tmp/english"
if [ -s "$tmp/english" ]; then
    fail "English words in Chinese diagnostics (a message xgettext did not find, or a phrase passed to it in English; docs/i18n.md):"
    sed 's/^/    /' "$tmp/english" | head -20
else
    ok "the Chinese goldens hold no English prose"
fi
