#!/usr/bin/python3
"""compare.py PUBLISHED NARRATIVE_MD SLIPS: the generated narrative against
the published text, section by section.

PUBLISHED is the document's 文字部分 as extracted from its PDF (each
section starts at its heading 第N部分; the extraction breaks lines and
pages anywhere and scatters blanks around numbers), NARRATIVE_MD what
`fisc build` wrote.  Both are compared whitespace-normalised: every blank
and line break is dropped (Chinese text has none that matter), and of the
Markdown its markup (heading marks, table pipes and delimiter rows,
backslash escapes).

SLIPS lists where the published text is itself wrong, one a line:
    SECTION <TAB> PUBLISHED <TAB> GENERATED <TAB> WHY
Each PUBLISHED fragment must occur exactly once in its published section
and is replaced by GENERATED, which must occur in the generated section;
then every section must be equal.  A slip that no longer applies fails, so
the list cannot go stale.

Prints "ok prose: ..." / "FAIL prose: ..."; exits 1 on a failure."""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "publish"))
from common import read_narrative_md  # noqa: E402

published_path, md_path, slips_path = sys.argv[1:4]
fails = 0


def fail(msg):
    global fails
    fails += 1
    print(f"FAIL prose: {msg}")


def norm(s):
    return "".join(s.split())


# The published sections, by their id (第一部分 ...): the heading's line on.
text = open(published_path, encoding="utf-8").read()
starts = [m.start() for m in re.finditer(r"(?m)^第[一二三四五六七八九十]+部分", text)]
published = {}
for i, b in enumerate(starts):
    e = starts[i + 1] if i + 1 < len(starts) else len(text)
    sec = text[b:e]
    published[re.match(r"第[一二三四五六七八九十]+部分", sec).group()] = norm(sec)

# The generated ones: heading, then paragraphs and tables' cells in order.
generated = {}
for nid, (title, blocks) in read_narrative_md(md_path).items():
    parts = [nid, title]
    for kind, b in blocks:
        parts.extend([b] if kind == "p" else [c for row in b for c in row])
    generated[nid] = norm("".join(parts))

for line in open(slips_path, encoding="utf-8"):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    sec, pub, gen, why = line.split("\t")
    p, g = norm(pub), norm(gen)
    n = published.get(sec, "").count(p)
    if n != 1:
        fail(f"slip in {sec} ({why}): '{pub}' occurs {n} times in the published text, not once")
        continue
    if g not in generated.get(sec, ""):
        fail(f"slip in {sec} ({why}): '{gen}' is not in the generated text")
        continue
    published[sec] = published[sec].replace(p, g)
    print(f"ok prose: {sec}: slip listed: '{pub}' -> '{gen}' ({why})")

for sec, want in published.items():
    got = generated.get(sec)
    if got is None:
        fail(f"{sec}: no such narrative in narrative.md")
    elif got != want:
        k = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
        fail(f"{sec}: differs from the published text at character {k}: "
             f"generated '…{got[max(0, k - 20):k + 20]}…', published '…{want[max(0, k - 20):k + 20]}…'")
    else:
        print(f"ok prose: {sec}: the generated text is the published text ({len(want)} characters)")
for sec in generated:
    if sec not in published:
        fail(f"{sec}: a narrative the published text does not have")
sys.exit(1 if fails else 0)
