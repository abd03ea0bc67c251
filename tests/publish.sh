#!/usr/bin/env bash
# publish.sh: the published document's workbook and tables.json.
#
# Builds the seed example and tests/publish/accounts.fisc (a 决算 in
# another layout: two decimals, sides of different lengths, counts, rates,
# text and of-which columns, labels to escape) and checks, with Debian's
# python3-openpyxl, that the workbook reads back as the CSVs
# (tests/publish/check_xlsx.py) and that tables.json describes them
# (check_meta.py); that the seed's merged header ranges are the published
# ones; that a second build gives the same bytes; and that a build may
# replace its own earlier output (which now holds .xlsx files).
#
#   FISC=build/fisc tests/publish.sh
#
# Prints "ok ..." / "FAIL ..." lines.  FISC may hold several words.
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

if ! $PY -c 'import openpyxl' 2>/dev/null; then
    echo "FAIL publish: /usr/bin/python3 cannot import openpyxl (.ci/deps.sh installs python3-openpyxl)"
    exit 1
fi

for src in examples/longgang-2022.fisc examples/putuo-finance-2024-final.fisc tests/publish/accounts.fisc tests/publish/sides.fisc; do
    name=$(basename "$src" .fisc)
    if ! $FISC build "$src" -o "$tmp/$name" 2>"$tmp/err"; then
        echo "FAIL publish: fisc build $src failed"; sed 's/^/    /' "$tmp/err" | head -5
        fails=$((fails + 1))
        continue
    fi
    $PY tests/publish/check_meta.py "$tmp/$name" || fails=$((fails + 1))
    $PY tests/publish/check_xlsx.py "$tmp/$name" || fails=$((fails + 1))
done

# The seed's header merges, as the published tables draw them.
$PY - "$tmp/longgang-2022" <<'EOF' || fails=$((fails + 1))
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1] + "/longgang-2022.xlsx")
want = {
    "表1 收支总表": {"A4:B4": "收入", "C4:D4": "支出"},
    "表2 收入总表": {"A4:A7": "项目", "B4:B7": "收入总计", "C4:O4": "本年收入", "P4:P7": "上年结余、结转",
                 "C5:I5": "政府预算拨款", "J5:J7": "财政专户管理资金", "K5:O5": "单位资金",
                 "C6:G6": "一般公共预算拨款", "H6:H7": "政府性基金预算拨款"},
    "表3 支出总表": {"A4:A5": "项目", "B4:B5": "支出总计", "E4:G4": "2022年政府采购项目"},
    "表8 一般公共预算“三公”经费支出表": {"E4:G4": "公务用车购置及运行维护费", "B4:B5": "总计"},
}
bad = []
for sheet, ranges in want.items():
    ws = wb[sheet]
    have = {str(r) for r in ws.merged_cells.ranges}
    for rng, text in ranges.items():
        top = ws[rng.split(":")[0]].value
        if rng not in have or top != text:
            bad.append(f"{sheet} {rng} {text} (have {top!r})")
print(("FAIL publish: merged headers: " + "; ".join(bad)) if bad else
      f"ok publish: the seed's {sum(map(len, want.values()))} merged header ranges as published")
sys.exit(1 if bad else 0)
EOF

# Byte for byte the same on a second build (into the same directory: a
# build replaces its own earlier output).
cp "$tmp/longgang-2022/longgang-2022.xlsx" "$tmp/first.xlsx"
cp "$tmp/longgang-2022/tables.json" "$tmp/first.json"
sleep 1     # a clock in the file would now differ
if TZ=Asia/Shanghai $FISC build examples/longgang-2022.fisc -o "$tmp/longgang-2022" 2>/dev/null &&
   cmp -s "$tmp/first.xlsx" "$tmp/longgang-2022/longgang-2022.xlsx" &&
   cmp -s "$tmp/first.json" "$tmp/longgang-2022/tables.json"; then
    echo "ok publish: rebuilt over its own output, byte-identical workbook and tables.json"
else
    echo "FAIL publish: a second build differs or could not replace the first"
    fails=$((fails + 1))
fi

# --no-document: the CSVs, the reports and tables.json (naming no workbook).
if $FISC build examples/longgang-2022.fisc -o "$tmp/nodoc" --no-document 2>/dev/null &&
   [ ! -e "$tmp/nodoc/longgang-2022.xlsx" ] && [ -f "$tmp/nodoc/t07.csv" ] &&
   grep -q '"xlsx": null' "$tmp/nodoc/tables.json"; then
    echo "ok publish: --no-document writes no workbook"
else
    echo "FAIL publish: --no-document"
    fails=$((fails + 1))
fi

# A budget past the workbook's million cells: a note, the CSVs, no workbook
# (60 tables of 2,000 columns from a 20 KB file).
bash bench/limits-gen.sh colset 2000 2 60 >"$tmp/wide.fisc"
if $FISC build "$tmp/wide.fisc" -o "$tmp/wide" 2>"$tmp/err" &&
   grep -q "note: no workbook and no web page: the budget needs about [0-9]* cells" "$tmp/err" &&
   [ ! -e "$tmp/wide/wide.xlsx" ] && [ -f "$tmp/wide/t59.csv" ] && grep -q '"xlsx": null' "$tmp/wide/tables.json"; then
    echo "ok publish: too many cells for a workbook: a note, and the CSVs"
else
    echo "FAIL publish: a budget too big for a workbook"; sed 's/^/    /' "$tmp/err" | head -3
    fails=$((fails + 1))
fi

[ "$fails" -eq 0 ]
