#!/bin/sh
# print-pdf.sh HTML PDF: prints a page fisc wrote (index.html) to PDF with
# headless Chromium, as a browser's print-to-PDF would: the page's own
# print CSS (A4, a table a page, headers repeated), no header or footer
# lines.  Chromium runs in a fresh profile (removed afterwards), without
# sandbox (it runs as root in containers), GPU, first-run screens, or
# any background networking; the page itself forbids every request.
#   tools/print-pdf.sh out/longgang-2022/index.html out/longgang-2022.pdf
set -eu
[ $# -eq 2 ] || { echo "usage: tools/print-pdf.sh HTML PDF" >&2; exit 2; }
html=$1
pdf=$2
[ -f "$html" ] || { echo "print-pdf: no $html (fisc build writes it)" >&2; exit 2; }
command -v chromium >/dev/null 2>&1 || { echo "print-pdf: chromium is missing (.ci/deps.sh installs it)" >&2; exit 2; }
case $html in /*) url=file://$html ;; *) url=file://$(pwd)/$html ;; esac
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
rm -f "$pdf"
timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --no-pdf-header-footer --print-to-pdf="$pdf" "$url" \
    >"$profile/log" 2>&1 || true
if [ ! -s "$pdf" ]; then
    echo "print-pdf: chromium wrote no $pdf:" >&2
    tail -n 5 "$profile/log" >&2
    exit 1
fi
