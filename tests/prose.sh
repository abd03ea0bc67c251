#!/usr/bin/env bash
# prose.sh: narrative text generated from the figures (docs/language.md
# §5.1, issue 14 item 4).
#
#   1. The seed example's narrative.md is the published text of its
#      sections 第一部分 to 第九部分 (tests/data/seed-text/text.txt, as
#      extracted from the seed's PDF), whitespace-normalised, apart from the
#      slips of the published text listed in tests/prose/longgang-2022.slips
#      (tests/prose/compare.py).
#   2. No figure of the example's text is typed by hand: outside its
#      placeholders a line of text holds no digit, but for the number that
#      enumerates a paragraph (1.坚持以党建为引领).
#   3. Every form of placeholder prints as docs/language.md says:
#      tests/prose/forms.fisc builds to tests/prose/forms.md (its values
#      worked out by hand: 1,000 / 9,628.22 = 10.386% prints as 10.39%).
#   4. A text without figures stays the same when next-year rolls the
#      budget on, and its years follow: {year} prints 2023.
#
#   FISC=build/fisc tests/prose.sh
#
# Prints "ok prose: ..." / "FAIL prose: ..." lines; exits 1 on a failure.
# FISC may hold several words (a valgrind command line): expanded unquoted.
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
PY=/usr/bin/python3
src=examples/longgang-2022.fisc
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() {
    echo "FAIL prose: $*"
    fails=$((fails + 1))
}

# 1. The published text.
if $FISC build "$src" -o "$tmp/seed" >/dev/null 2>"$tmp/err"; then
    $PY tests/prose/compare.py tests/data/seed-text/text.txt "$tmp/seed/narrative.md" \
        tests/prose/longgang-2022.slips || fails=$((fails + 1))
else
    fail "fisc build $src failed"
    sed 's/^/    /' "$tmp/err" | head -n 10
fi

# 2. Digits outside placeholders: none but a paragraph's number.
sed -n 's/^[[:space:]]*>[[:space:]]*//p' "$src" |
    sed -e 's/{{//g; s/}}//g; s/{[^}]*}//g' -e 's/^[0-9][0-9]*\.//' |
    grep -n '[0-9]' >"$tmp/digits"
if [ -s "$tmp/digits" ]; then
    fail "$src types figures by hand in its text (line of text: what is left outside placeholders):"
    sed 's/^/    /' "$tmp/digits" | head -n 10
else
    n=$(grep -c '^[[:space:]]*>' "$src")
    p=$(grep '^[[:space:]]*>' "$src" | grep -o '{[^{}]*}' | grep -vc '^{{')
    echo "ok prose: $src: $n lines of text, $p placeholders, no figure typed by hand"
fi

# 3. Every form of placeholder.
if $FISC build tests/prose/forms.fisc -o "$tmp/forms" >/dev/null 2>"$tmp/err"; then
    if cmp -s tests/prose/forms.md "$tmp/forms/narrative.md"; then
        echo "ok prose: forms.fisc prints forms.md"
    else
        fail "forms.fisc does not print forms.md"
        diff -u tests/prose/forms.md "$tmp/forms/narrative.md" | head -n 30 | sed 's/^/    /'
    fi
else
    fail "fisc build tests/prose/forms.fisc failed"
    sed 's/^/    /' "$tmp/err" | head -n 10
fi

# 4. Next year: the text is kept, and {year} is next year's.
cat >"$tmp/y.fisc" <<'EOF'
budget "测试单位" {
    year 2022
}

narrative 说明 "年份" {
    > {year} 年与 {year - 1} 年。
    人数 = 1 人
}
EOF
if $FISC next-year "$tmp/y.fisc" -o "$tmp/y2.fisc" 2>"$tmp/err" &&
   grep -qx '    > {year} 年与 {year - 1} 年。' "$tmp/y2.fisc" &&
   $FISC build "$tmp/y2.fisc" -o "$tmp/y2" >/dev/null 2>&1 &&
   grep -qx '2023 年与 2022 年。' "$tmp/y2/narrative.md"; then
    echo "ok prose: next-year keeps the text, and {year} prints next year's"
else
    fail "next-year: the text or its years"
    sed 's/^/    /' "$tmp/err" | head -n 5
fi

[ "$fails" -eq 0 ]
