"""common.py: what the publishing tests share (check_xlsx.py, check_html.py).

A published table, however drawn (workbook cells or HTML rowspan/colspan),
is read back the same way: each column's header path is the texts of the
header cells above it, top down, each spanning cell counted once; a run
of code columns (编码, or 类 款 项 ...) and a 项目 column start a block (side
by side, each block has its own); the lines of each block are read top
down.  The table's CSV, laid out as published too, is read into records
the same way, and the two are compared."""

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


def blocks_from_paths(paths, code_heads=("编码",)):
    """Blocks from the columns' header paths (lists of texts, top down): a
    run of code columns (a path ending in one of code_heads: 编码, or 类 款
    项 ...) and/or a 项目 column starts a block (side by side, each block
    has its own); the columns after it are its values."""
    blocks = []
    instub = False
    for col, parts in enumerate(paths):
        last = parts[-1] if parts else None
        if last in code_heads:
            if not instub:
                blocks.append({"code": [], "label": None, "values": []})
            blocks[-1]["code"].append(col)
            instub = True
        elif last == "项目":
            if not instub:
                blocks.append({"code": [], "label": None, "values": []})
            blocks[-1]["label"] = col
            instub = False
        elif blocks:
            # a side's own heading (表1 收入) heads its stub and values alike
            blocks[-1]["values"].append((col, "/".join(parts)))
            instub = False
    return blocks


def csv_blocks(t, header):
    """The blocks of the CSV of t (its stubs named by code_columns, 项目)."""
    return blocks_from_paths([[h] for h in header], tuple(t.get("code_columns") or ["编码"]))


def check_header(t, header, blocks):
    """Problems with the header rebuilt from the blocks, against the CSV's:
    block by block, the same code columns and value columns."""
    ind = indicator_headers(t)
    got = [(len(b["code"]), [p for _, p in b["values"] if p not in ind]) for b in blocks]
    want = [(len(b["code"]), [p for _, p in b["values"] if p not in ind]) for b in csv_blocks(t, header)]
    if got != want:
        return [f"header rebuilt from the spanning cells: {got}, CSV: {want}"]
    return []


def records(blocks, nrows, cell, text=lambda v: v):
    """The lines of each block, block after block: cell(row, col) gives a
    cell's value (None when empty), text(value) its text; empty rows of a
    block are gaps.  A line's code is the texts of its code columns
    joined (201 06 01: 2010601), None without code columns."""
    recs = []
    for b in blocks:
        cols = b["code"] + [b["label"]] + [c for c, _ in b["values"]]
        for row in range(nrows):
            if all(cell(row, c) is None for c in cols):
                continue
            parts = [cell(row, c) for c in b["code"]]
            rec = {"code": "".join(text(p) for p in parts if p is not None) if b["code"] else None,
                   "label": text(cell(row, b["label"])) if cell(row, b["label"]) is not None else None}
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


def compare(t, header, lines, recs, same=same_value):
    """Problems with the records read back against the CSV's lines, read
    as records the same way (side by side, each side's lines in turn)."""
    blocks = csv_blocks(t, header)
    want = records(blocks, len(lines), lambda r, c: lines[r][c] if c < len(lines[r]) and lines[r][c] != "" else None)
    problems = []
    if len(recs) != len(want):
        problems.append(f"{len(recs)} lines read back, {len(want)} in the CSV")
    for i, (rec, line) in enumerate(zip(recs, want)):
        if (rec["code"] or "") != (line["code"] or ""):
            problems.append(f"line {i + 1}: code {rec['code']!r}, CSV {line['code']!r}")
        if (rec["label"] or "") != (line["label"] or ""):
            problems.append(f"line {i + 1}: label {rec['label']!r}, CSV {line['label']!r}")
        for h, field in line.items():
            if h in ("code", "label"):
                continue
            if h in rec:
                if not same(field or "", rec[h]):
                    problems.append(f"line {i + 1} {h}: {rec[h]!r}, CSV {field!r}")
            elif field:
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


def md_unescape(s):
    """Markdown text as written by emit_md.c: a backslash before ASCII
    punctuation escapes it."""
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s) and s[i + 1] in "\\`*_[]<>#|&!~+-=.)":
            out.append(s[i + 1])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def read_narrative_md(path):
    """narrative.md as {narrative id: (title, [block])}, a block being
    ("p", text) or ("table", [[cell, ...], ...]) (the delimiter row left
    out), in order; the text unescaped."""
    sections, cur, in_table = {}, None, False
    for line in open(path, encoding="utf-8").read().split("\n"):
        row = line.startswith("| ") and line.endswith(" |")
        if line.startswith("## "):
            nid, _, title = line[3:].partition(" ")
            cur = []
            sections[md_unescape(nid)] = (md_unescape(title), cur)
        elif cur is not None and row:
            cells = [md_unescape(c) for c in split_row(line[2:-2])]
            if in_table:
                if not all(c == "---" for c in cells):
                    cur[-1][1].append(cells)
            else:
                cur.append(("table", [cells]))
        elif cur is not None and line:
            cur.append(("p", md_unescape(line)))
        in_table = row
    return sections


def split_row(s):
    """The cells of a pipe-table row's inside, split at ' | ' not escaped."""
    cells, cell, i = [], [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            cell.append(s[i:i + 2])
            i += 2
        elif s.startswith(" | ", i):
            cells.append("".join(cell))
            cell = []
            i += 3
        else:
            cell.append(s[i])
            i += 1
    cells.append("".join(cell))
    return cells
