"""common.py: what the publishing tests share (check_xlsx.py, check_html.py).

A published table, however drawn (workbook cells or HTML rowspan/colspan),
is read back the same way: each column's header path is the texts of the
header cells above it, top down, each spanning cell counted once; a
column whose path ends in 编码 or 项目 starts a block (side by side, each
block has its own); the lines of each block are read top down.  Then the
records are compared with the table's CSV."""

import csv
from decimal import Decimal


def read_csv(out, t):
    """The CSV of table t (a tables.json entry): header, lines, indicator rows."""
    rows = list(csv.reader(open(f"{out}/{t['csv']}", encoding="utf-8-sig", newline="")))
    header, data = rows[0], rows[1:]
    n = t["indicators"]
    return header, data[: len(data) - n], data[len(data) - n:]


def indicator_headers(t):
    """CSV headers of indicator groups: a grid of their own when published."""
    heads = set()

    def walk(nodes):
        for n in nodes:
            if n.get("indicators") and n["csv"]:
                heads.add(n["csv"])
            walk(n.get("children", []))

    walk(t["columns"])
    return heads


def blocks_from_paths(paths):
    """Blocks from the columns' header paths (lists of texts, top down)."""
    blocks = []
    for col, parts in enumerate(paths):
        last = parts[-1] if parts else None
        if last == "编码":
            blocks.append({"code": col, "label": None, "values": []})
        elif last == "项目":
            if blocks and blocks[-1]["label"] is None and blocks[-1]["code"] == col - 1:
                blocks[-1]["label"] = col
            else:
                blocks.append({"code": None, "label": col, "values": []})
        elif blocks:
            # a side's own heading (表1 收入) heads its stub and values alike
            blocks[-1]["values"].append((col, "/".join(parts)))
    return blocks


def check_header(t, header, blocks):
    """Problems with the header rebuilt from the blocks, against the CSV's."""
    got = []
    for b in blocks:
        got += [p for _, p in b["values"] if p not in got]
    want = [h for h in header if h not in indicator_headers(t)]
    stub = (["编码"] if "编码" in header else []) + ["项目"]
    if stub + got != want:
        return [f"header rebuilt from the spanning cells: {got}, CSV: {want}"]
    return []


def records(blocks, nrows, cell):
    """The lines of each block, block after block: cell(row, col) gives a
    cell's value (None when empty); empty rows of a block are gaps."""
    recs = []
    for b in blocks:
        cols = ([b["code"]] if b["code"] is not None else []) + [b["label"]] + [c for c, _ in b["values"]]
        for row in range(nrows):
            if all(cell(row, c) is None for c in cols):
                continue
            rec = {"code": cell(row, b["code"]) if b["code"] is not None else None,
                   "label": cell(row, b["label"])}
            for c, path in b["values"]:
                rec[path] = cell(row, c)
            recs.append(rec)
    return recs


def same_value(csv_field, got):
    """A cell read back equals a CSV field: numbers as exact decimals, text
    as text, an empty field an empty cell."""
    if csv_field == "":
        return got is None or got == ""
    if isinstance(got, bool) or got is None:
        return False
    if isinstance(got, (int, float)):
        try:
            return Decimal(repr(got)) == Decimal(csv_field)
        except Exception:
            return False
    if got == csv_field:
        return True
    try:
        return Decimal(got.replace(",", "")) == Decimal(csv_field)
    except Exception:
        return False


def compare(header, lines, recs, same=same_value):
    """Problems with the records against the CSV's lines, in order."""
    problems = []
    if len(recs) != len(lines):
        problems.append(f"{len(recs)} lines read back, {len(lines)} in the CSV")
    off = 1 if "编码" in header else 0
    for i, (rec, line) in enumerate(zip(recs, lines)):
        if off and (rec["code"] or "") != line[0]:
            problems.append(f"line {i + 1}: code {rec['code']!r}, CSV {line[0]!r}")
        if rec["label"] != line[off]:
            problems.append(f"line {i + 1}: label {rec['label']!r}, CSV {line[off]!r}")
        for h, field in zip(header[off + 1:], line[off + 1:]):
            if h in rec:
                if not same(field, rec[h]):
                    problems.append(f"line {i + 1} {h}: {rec[h]!r}, CSV {field!r}")
            elif field != "":
                problems.append(f"line {i + 1} {h}: CSV {field!r} is not in its block")
    return problems


def grouped(plain):
    """A CSV figure as the document prints it: thousands separated."""
    neg = plain.startswith("-")
    digits = plain.lstrip("-")
    whole, _, frac = digits.partition(".")
    g = ""
    while len(whole) > 3:
        g = "," + whole[-3:] + g
        whole = whole[:-3]
    return ("-" if neg else "") + whole + g + ("." + frac if frac else "")
