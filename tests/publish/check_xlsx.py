#!/usr/bin/python3
"""check_xlsx.py DIR: the workbook fisc build wrote in DIR against its CSVs.

Reads DIR/tables.json (which names the workbook and each table's sheet)
and, for every table:
  * rebuilds each column's CSV header from the sheet's merged header cells
    (the texts of the ranges above a column, top down, joined by '/') and
    requires the CSV's header, block by block;
  * reads the body back -- per block when blocks stand side by side -- and
    requires the CSV's rows: the same codes, labels and figures (numbers
    compared as exact decimals, text as text, an empty CSV field an empty
    cell), in the same order;
  * requires the indicators (一级/二级 merged over their groups, the
    target in 目标值) to be the CSV's indicator rows;
  * requires the title, 表号, 部门 and 单位 lines, the notes, the frozen
    header and number formats with thousands separators and the table's
    decimals.
The consistency report sheet must list report.json's identities.
Prints "ok xlsx: ..." / "FAIL xlsx: ..." lines; exits 1 on any failure.
Only Debian's python3-openpyxl is used (run with /usr/bin/python3)."""

import json
import os
import sys

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import blocks_from_paths, check_header, compare, read_csv, records, same_value  # noqa: E402

out = sys.argv[1]
fails = 0


def fail(msg):
    global fails
    fails += 1
    print("FAIL xlsx: " + msg)


def ok(msg):
    print("ok xlsx: " + msg)


meta = json.load(open(f"{out}/tables.json", encoding="utf-8"))
wb = openpyxl.load_workbook(f"{out}/{meta['xlsx']}")

for t in meta["tables"]:
    tid = t["id"]
    ws = wb[t["xlsx_sheet"]]
    header, lines, inds = read_csv(out, t)
    nind = len(inds)
    if header != t["csv_header"]:
        fail(f"{tid}: tables.json csv_header is not the CSV's header")
    problems = []

    # Title lines.
    r = 1
    if t["number"] is not None:
        if ws.cell(1, 1).value != f"表{t['number']}":
            problems.append(f"A1 is {ws.cell(1, 1).value!r}, not 表{t['number']}")
        r = 2
    if ws.cell(r, 1).value != (t["title"] or tid):
        problems.append(f"title row {r} is {ws.cell(r, 1).value!r}")
    r += 1
    texts = [c for c in (ws.cell(r, c).value for c in range(1, ws.max_column + 1)) if c]
    if t["department"] and f"部门名称：{t['department']}" not in texts:
        problems.append(f"no 部门名称 line in row {r}: {texts}")
    if f"单位：{t['unit']}" not in texts:
        problems.append(f"no 单位：{t['unit']} in row {r}: {texts}")
    head0 = r + 1

    # The header: merged ranges by their top-left cell.
    frozen = ws.freeze_panes
    if not frozen:
        fail(f"{tid}: no frozen header")
        continue
    body0 = ws[frozen].row
    span = {}
    for rng in ws.merged_cells.ranges:
        for row in range(rng.min_row, rng.max_row + 1):
            for col in range(rng.min_col, rng.max_col + 1):
                span[(row, col)] = (rng.min_row, rng.min_col)
    ncols = ws.max_column
    paths = []
    for col in range(1, ncols + 1):
        parts, seen = [], set()
        for row in range(head0, body0):
            top = span.get((row, col), (row, col))
            if top in seen:
                continue
            seen.add(top)
            v = ws.cell(*top).value
            if v is not None:
                parts.append(str(v))
        paths.append(parts)

    blocks = blocks_from_paths(paths, tuple(t["code_columns"]) or ("编码",))
    problems += check_header(t, header, blocks)

    # The body ends at a row empty in every block, a note or the indicators.
    def value(row, col):
        return ws.cell(body0 + row, col + 1).value

    body_end = body0
    while body_end <= ws.max_row:
        first = ws.cell(body_end, 1).value
        if first in t["notes"] or first == "一级指标":
            break
        if all(value(body_end - body0, c) is None for c in range(ncols)):
            break
        body_end += 1
    problems += compare(t, header, lines, records(blocks, body_end - body0, value))

    # Number formats: thousands separators, the table's decimals.
    want_fmt = "#,##0" + ("." + "0" * t["decimals"] if t["decimals"] else "")
    for row in ws.iter_rows(min_row=body0, max_row=body_end - 1):
        for cell in row:
            if isinstance(cell.value, (int, float)) and not cell.number_format.startswith(want_fmt):
                problems.append(f"{cell.coordinate}: number format {cell.number_format!r}, want {want_fmt}...")
                break

    # Indicators.
    if nind:
        start = None
        for row in range(1, ws.max_row + 1):
            if [ws.cell(row, c).value for c in range(1, 5)] == ["一级指标", "二级指标", "三级指标", "目标值"]:
                start = row + 1
        if start is None:
            problems.append("no indicator header (一级指标 二级指标 三级指标 目标值)")
        else:
            groups = [h for h in header if "/" in h]
            for k, line in enumerate(inds):
                row = start + k
                l1 = ws.cell(*span.get((row, 1), (row, 1))).value
                l2 = ws.cell(*span.get((row, 2), (row, 2))).value
                name, target = ws.cell(row, 3).value, ws.cell(row, 4).value
                filled = [(h, f) for h, f in zip(header[1:], line[1:]) if f != ""]
                if name != line[0] or len(filled) != 1 or filled[0][1] != target or filled[0][0] != f"{l1}/{l2}":
                    problems.append(f"indicator {k + 1}: sheet {l1}/{l2} {name} {target}, CSV {line}")

    # Notes, below everything.
    col_a = [ws.cell(row, 1).value for row in range(body0, ws.max_row + 1)]
    for note in t["notes"]:
        if note not in col_a:
            problems.append(f"note missing: {note}")

    if problems:
        fail(f"{tid}: " + "; ".join(problems[:6]) + (f" (and {len(problems) - 6} more)" if len(problems) > 6 else ""))
    else:
        ok(f"{tid}: {len(lines)} lines, {len(header)} columns, {nind} indicators as in the CSV")

# The consistency report sheet.
report = json.load(open(f"{out}/report.json", encoding="utf-8"))
ws = wb["一致性报告"]
# (a last row in column A alone may say how many exact identities are not
# listed: the compact report counts them instead, docs/report.md)
got = [(ws.cell(r, 1).value, ws.cell(r, 2).value, ws.cell(r, 12).value) for r in range(2, ws.max_row + 1)
       if not (isinstance(ws.cell(r, 1).value, str) and ws.cell(r, 2).value is None)]
want = [(i["id"], i["kind"], i["status"]) for i in report["identities"]]
bad = [k for k, (g, w) in enumerate(zip(got, want)) if g != w]
diffs = []
for r, ident in enumerate(report["identities"], start=2):
    for col, key in ((8, "lhs"), (9, "rhs"), (10, "difference")):
        if not same_value(ident[key], ws.cell(r, col).value):
            diffs.append(f"#{ident['id']} {key}")
if len(got) != len(want) or bad or diffs:
    fail(f"report sheet: {len(got)} rows for {len(want)} identities; differing: {bad[:5]} {diffs[:5]}")
else:
    ok(f"report sheet: {len(want)} identities as in report.json")

sys.exit(1 if fails else 0)
