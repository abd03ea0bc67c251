#!/usr/bin/env bash
# publish-html.sh: the published document's web page and its PDF, in
# headless Chromium (a separate layer from publish.sh: it starts a browser).
#
# Builds the seed example and tests/publish/accounts.fisc and, for each,
# loads index.html in Chromium over the DevTools pipe
# (tests/publish/check_html.py): no request but the page, no console
# error, every table equal to its CSV, every chart present with the
# figures it draws, the report and the figures linked both ways.  Then
# prints both pages to PDF with tools/print-pdf.sh (what `make
# publish-example` runs) and requires every figure of every table on the
# table's A4 pages (tests/publish/check_pdf.py, pdftotext).  Also: the page
# is byte-identical on a second build, and text from the budget is escaped
# (accounts.fisc names a line <script>alert(1)</script>).
#
#   FISC=build/fisc tests/publish-html.sh
#
# Prints "ok ..." / "FAIL ..." lines.  FISC may hold several words.
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

for tool in chromium pdftotext pdfinfo; do
    if ! command -v $tool >/dev/null 2>&1; then
        echo "FAIL publish-html: $tool is missing (.ci/deps.sh installs chromium and poppler-utils)"
        exit 1
    fi
done

# charts FILE: how many lines the file marks `chart`.
charts() {
    grep -cE '^[^/"]*[^"/ ] chart( |$)' "$1"
}

$FISC textconv examples/longgang-2021.fisc >"$tmp/prev.tsv" 2>/dev/null
# The example with the full report (every identity in the page, linked),
# the other budget with the default, compact one.
for src in examples/longgang-2022.fisc examples/putuo-finance-2024-final.fisc tests/publish/accounts.fisc tests/publish/sides.fisc; do
    name=$(basename "$src" .fisc)
    full=
    [ "$name" = longgang-2022 ] && full=--report=full
    if ! $FISC build "$src" -o "$tmp/$name" $full 2>"$tmp/err"; then
        echo "FAIL publish-html: fisc build $src failed"; sed 's/^/    /' "$tmp/err" | head -5
        fails=$((fails + 1))
        continue
    fi
    prev=
    [ "$name" = longgang-2022 ] && prev=$tmp/prev.tsv
    CHARTS=$(charts "$src") $PY tests/publish/check_html.py "$tmp/$name" $prev || fails=$((fails + 1))
    if tools/print-pdf.sh "$tmp/$name/index.html" "$tmp/$name.pdf" 2>"$tmp/err"; then
        $PY tests/publish/check_pdf.py "$tmp/$name" "$tmp/$name.pdf" || fails=$((fails + 1))
    else
        echo "FAIL publish-html: tools/print-pdf.sh $name"; sed 's/^/    /' "$tmp/err" | head -5
        fails=$((fails + 1))
    fi
done

# Escaped: the line named <script>... is text, never markup.
if grep -q '<script' "$tmp/accounts/index.html"; then
    echo "FAIL publish-html: a label reached the page as markup"; fails=$((fails + 1))
elif grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$tmp/accounts/index.html"; then
    echo "ok publish-html: labels are escaped (<script> is text)"
else
    echo "FAIL publish-html: the <script> label is not in the page"; fails=$((fails + 1))
fi

# Byte for byte the same on a second build.
cp "$tmp/longgang-2022/index.html" "$tmp/first.html"
if $FISC build examples/longgang-2022.fisc -o "$tmp/longgang-2022" --report=full 2>/dev/null &&
   cmp -s "$tmp/first.html" "$tmp/longgang-2022/index.html"; then
    echo "ok publish-html: index.html byte-identical on a second build"
else
    echo "FAIL publish-html: a second build wrote another index.html"; fails=$((fails + 1))
fi

[ "$fails" -eq 0 ]
