#!/usr/bin/python3
"""check_pdf.py DIR PDF: the printed document holds every figure of the tables.

PDF is DIR/index.html printed by tools/print-pdf.sh.  Its pages are A4;
each table starts on a page of its own headed 表N (or its title), and the
pages from there to the next table hold, as pdftotext reads them, every
figure of the table's CSV as the document prints it (7440 -> 7,440), as
many times as the CSV has it.  Prints "ok pdf: ..." / "FAIL pdf: ..."."""

import json
import re
import subprocess
import sys
from collections import Counter

import os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import grouped, read_csv  # noqa: E402

out, pdf = sys.argv[1], sys.argv[2]
fails = 0
number = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?")
figure = re.compile(r"^-?\d+(\.\d+)?$")


def fail(msg):
    global fails
    fails += 1
    print("FAIL pdf: " + msg)


info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts(?: \((\w+)\))?", info)
npages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
pages = text.split("\f")[:npages]
if not size or size.group(3) != "A4":
    fail(f"pages are not A4: {size.group(0) if size else info[:200]}")

meta = json.load(open(f"{out}/tables.json", encoding="utf-8"))
tables = meta["tables"]


def heading(t):
    return f"表{t['number']}" if t["number"] else t["title"]


# the page each table starts on: its heading alone on a line near the top
starts = []
for t in tables:
    want = heading(t)
    first = next((i for i, p in enumerate(pages)
                  if want in [line.strip() for line in p.splitlines()[:6]]), None)
    starts.append(first)
    if first is None:
        fail(f"{t['id']}: no page headed {want}")
report = next((i for i, p in enumerate(pages) if "一致性检查" in p.splitlines()[0:3] or
               any(line.strip() == "一致性检查" for line in p.splitlines()[:4])), len(pages))
total = 0
for k, t in enumerate(tables):
    if starts[k] is None:
        continue
    later = [s for s in starts[k + 1:] if s is not None and s > starts[k]] + [report]
    end = min(s for s in later if s > starts[k]) if any(s > starts[k] for s in later) else len(pages)
    tokens = Counter()
    for p in pages[starts[k]:end]:
        tokens.update(number.findall(p))
    header, lines, inds = read_csv(out, t)
    want = Counter(grouped(f) for line in lines for f in line[1:] if figure.match(f))
    missing = {f: n - tokens[f] for f, n in want.items() if tokens[f] < n}
    total += sum(want.values())
    if missing:
        fail(f"{t['id']}: pages {starts[k] + 1}-{end} lack {dict(list(missing.items())[:8])}")
    else:
        print(f"ok pdf: {t['id']}: all {sum(want.values())} figures on pages {starts[k] + 1}-{end}")
if not fails:
    print(f"ok pdf: {npages} A4 pages hold all {total} figures of {len(tables)} tables")
sys.exit(1 if fails else 0)
