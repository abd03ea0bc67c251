#!/usr/bin/python3
"""check_meta.py DIR: DIR/tables.json against the CSVs fisc build wrote.

Every CSV in DIR is described once and every table described has its CSV;
for each table the csv_header is the CSV's header row, csv_rows its number
of data rows, its stub columns are code_columns and 项目 once per side
(side_by_side: one side per row block), the printed nodes of the column
tree (pre-order) are exactly its value columns (once each, however many
sides fill them), each row block lists columns of the table, and a
column's "unit" (or its "row_units", one per row) is the unit of every
figure in it: a figure is there exactly where the CSV has a number.
Prints "ok meta: ..." / "FAIL meta: ..."; exits 1 on a failure."""

import csv
import glob
import json
import os
import re
import sys

out = sys.argv[1]
fails = 0
number = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")


def fail(msg):
    global fails
    fails += 1
    print("FAIL meta: " + msg)


meta = json.load(open(f"{out}/tables.json", encoding="utf-8"))
for key in ("format", "budget", "xlsx", "tables"):
    if key not in meta:
        fail(f"no '{key}'")
listed = [t["csv"] for t in meta["tables"]]
on_disk = sorted(os.path.basename(p) for p in glob.glob(f"{out}/*.csv"))
if sorted(listed) != on_disk or len(set(listed)) != len(listed):
    fail(f"tables.json lists {sorted(listed)}, the directory holds {on_disk}")
if meta["xlsx"] and not os.path.isfile(f"{out}/{meta['xlsx']}"):
    fail(f"the workbook {meta['xlsx']} is missing")

for t in meta["tables"]:
    tid = t["id"]
    problems = []
    for key in ("id", "csv", "xlsx_sheet", "number", "title", "department", "unit", "rounding", "decimals",
                "notes", "csv_header", "csv_rows", "code_columns", "side_by_side", "columns", "row_blocks",
                "indicators"):
        if key not in t:
            problems.append(f"no '{key}'")
    rows = list(csv.reader(open(f"{out}/{t['csv']}", encoding="utf-8-sig", newline="")))
    header, data = rows[0], rows[1:]
    if t["csv_header"] != header:
        problems.append(f"csv_header {t['csv_header']} is not the CSV's {header}")
    if t["csv_rows"] != len(data):
        problems.append(f"csv_rows {t['csv_rows']}, the CSV has {len(data)}")
    lines = data[: len(data) - t["indicators"]]

    printed = []

    def walk(nodes):
        for n in nodes:
            if n["csv"] is not None:
                printed.append(n)
            walk(n.get("children", []))

    walk(t["columns"])
    # The stubs: each side's code columns (code_columns) and 项目; the
    # other columns are values, once per side that fills them.
    codes = t["code_columns"]
    stubs, values, sides = [], [], 0
    for k, h in enumerate(header):
        if h in codes or h == "项目":
            if h == (codes[0] if codes else "项目") and (not stubs or stubs[-1] != k - 1):
                sides += 1
            stubs.append(k)
        else:
            values.append(k)
    if [header[k] for k in stubs] != (codes + ["项目"]) * sides:
        problems.append(f"stub columns {[header[k] for k in stubs]}, code_columns {codes}")
    once = []
    for k in values:
        if header[k] not in once:
            once.append(header[k])
    if [n["csv"] for n in printed] != once:
        problems.append(f"the column tree prints {[n['csv'] for n in printed]}, the CSV has {once}")
    if t["side_by_side"] != (sides > 1) or (sides > 1 and sides != len(t["row_blocks"])):
        problems.append(f"side_by_side {t['side_by_side']}, {sides} sides in the CSV, {len(t['row_blocks'])} row blocks")
    for b in t["row_blocks"]:
        for c in b["columns"]:
            if c not in header:
                problems.append(f"row block column {c!r} is not a CSV column")
    for n in printed:
        if n.get("text") or n.get("indicators"):
            continue
        units = n.get("row_units") or [n["unit"]] * len(lines)
        if len(units) != len(lines):
            problems.append(f"{n['csv']}: {len(units)} row_units for {len(lines)} rows")
            continue
        for k in (k for k in values if header[k] == n["csv"]):
            for i, (line, u) in enumerate(zip(lines, units)):
                is_number = bool(number.match(line[k]))
                if is_number and u is None:
                    problems.append(f"{n['csv']} row {i + 1}: {line[k]} has no unit")
                if not is_number and line[k] and "row_units" in n and u is not None:
                    problems.append(f"{n['csv']} row {i + 1}: text {line[k]!r} has the unit {u}")
    if problems:
        fail(f"{tid}: " + "; ".join(problems[:6]))
    else:
        print(f"ok meta: {tid}: {len(header)} CSV columns from {len(printed)} printed column nodes, units of {len(lines)} rows")

sys.exit(1 if fails else 0)
