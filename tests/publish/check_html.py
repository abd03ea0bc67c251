#!/usr/bin/python3
"""check_html.py DIR [PREVIOUS.tsv]: DIR/index.html, loaded in headless Chromium.

Drives Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe:
stdlib only) and requires:
  * the page declares a Content-Security-Policy that forbids every request,
    and loading it makes no request but the page itself, logs no console
    message of level error or warning and throws no exception;
  * every table of tables.json is in the page, and read back from its
    rowspan/colspan header and body (common.py) it is the table's CSV: the
    same header paths, codes, labels and figures (each figure's data-v is
    the CSV field, its text the field with thousands separators, and a
    count's or rate's unit);
  * every line marked `chart` in the source has its chart (the caller
    passes how many: CHARTS=N in the environment), each bar's figure is one
    the page prints for that line, and last year's bars are the previous
    budget's figures when PREVIOUS.tsv (fisc textconv of it) is given;
  * every identity links to its figures and each linked figure links back
    to the identity (directly, or through its list of identities);
  * each narrative's text (its paragraphs and tables) is narrative.md's.
Prints "ok html: ..." / "FAIL html: ..."; exits 1 on a failure."""

import json
import os
from decimal import Decimal
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import blocks_from_paths, check_header, compare, grouped, read_csv, read_narrative_md, records  # noqa: E402

out = os.path.abspath(sys.argv[1])
previous = sys.argv[2] if len(sys.argv) > 2 else None
want_charts = int(os.environ.get("CHARTS", "0"))
fails = 0


def fail(msg):
    global fails
    fails += 1
    print("FAIL html: " + msg)


def ok(msg):
    print("ok html: " + msg)


class Chrome:
    """Chromium driven over --remote-debugging-pipe (fd 3: commands in,
    fd 4: replies and events out, NUL-terminated JSON)."""

    def __init__(self):
        self.profile = tempfile.mkdtemp()
        cmd_r, self.cmd_w = os.pipe()
        self.ev_r, ev_w = os.pipe()

        def fds():
            a, b = os.dup(cmd_r), os.dup(ev_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--user-data-dir=" + self.profile, "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=fds, pass_fds=(3, 4))
        os.close(cmd_r)
        os.close(ev_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def send(self, method, params=None, session=True):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.cmd_w, json.dumps(msg).encode() + b"\0")
        want = self.next_id
        while True:
            m = self.read(60)
            if m.get("id") == want:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def read(self, timeout):
        deadline = time.time() + timeout
        while b"\0" not in self.buf:
            if time.time() > deadline:
                raise TimeoutError("no reply from chromium")
            chunk = os.read(self.ev_r, 1 << 16)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            self.buf += chunk
        msg, _, self.buf = self.buf.partition(b"\0")
        return json.loads(msg)

    def wait_event(self, method, timeout=60):
        for i, e in enumerate(self.events):
            if e.get("method") == method:
                return self.events.pop(i)
        deadline = time.time() + timeout
        while time.time() < deadline:
            m = self.read(deadline - time.time())
            if m.get("method") == method:
                return m
            self.events.append(m)
        raise TimeoutError(method)

    def close(self):
        try:
            self.send("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.proc.wait(10)
        except Exception:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


READ_PAGE = r"""
(() => {
  const text = (e) => e.textContent;
  const res = {tables: {}, charts: [], csp: null, idents: [], figures: {}, narratives: {}};
  const m = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
  res.csp = m ? m.content : null;
  for (const tbl of document.querySelectorAll('table[data-table]')) {
    const grid = [];
    const place = (rows, into) => {
      for (let r = 0; r < rows.length; r++) {
        into[r] = into[r] || [];
        let c = 0;
        for (const cell of rows[r].cells) {
          while (into[r][c] !== undefined) c++;
          const info = {text: text(cell), top: [r, c], v: cell.dataset ? cell.dataset.v : undefined,
                        id: cell.id || null, href: (cell.querySelector('a') || {}).hash || null,
                        cls: cell.className};
          for (let i = 0; i < cell.rowSpan; i++)
            for (let j = 0; j < cell.colSpan; j++) {
              into[r + i] = into[r + i] || [];
              into[r + i][c + j] = info;
            }
          c += cell.colSpan;
        }
      }
      return into;
    };
    const head = place(tbl.tHead ? tbl.tHead.rows : [], []);
    const body = place(tbl.tBodies[0].rows, []);
    const entry = {kind: tbl.className, head: head, body: body};
    if (tbl.classList.contains('figures')) res.narratives[tbl.dataset.table] = entry;
    else res.tables[tbl.dataset.table] = entry;
  }
  for (const f of document.querySelectorAll('figure.chart')) {
    res.charts.push({table: f.dataset.table, line: f.dataset.line, kind: f.dataset.kind,
      bars: [...f.querySelectorAll('rect.bar')].map(b => ({line: b.dataset.line, series: b.dataset.series,
        v: b.dataset.v, width: parseFloat(b.getAttribute('width'))}))});
  }
  const sm = document.querySelector('#report .summary');
  res.summary = sm ? (sm.textContent.match(/\d+/g) || []).slice(0, 5).map(Number) : null;
  for (const tr of document.querySelectorAll('table.report tbody tr')) {
    res.idents.push({id: tr.id, figs: [...tr.querySelectorAll('td.figs a')].map(a => a.hash)});
  }
  for (const td of document.querySelectorAll('td[id^="f"]')) {
    const a = td.querySelector('a');
    res.figures[td.id] = a ? a.hash : null;
  }
  res.prose = {};
  for (const sec of document.querySelectorAll('section.narrative')) {
    res.prose[sec.dataset.id] = [...sec.querySelectorAll('.prose > p, .prose > table')].map(e =>
      e.tagName == 'P' ? ['p', text(e)] : ['table', [...e.rows].map(r => [...r.cells].map(text))]);
  }
  res.refs = {};
  for (const p of document.querySelectorAll('.ref[id]')) {
    res.refs[p.id] = [...p.querySelectorAll('a')].map(a => a.hash);
  }
  return JSON.stringify(res);
})()
"""


def main():
    meta = json.load(open(f"{out}/tables.json", encoding="utf-8"))
    chrome = Chrome()
    try:
        t = chrome.send("Target.createTarget", {"url": "about:blank"}, session=False)
        chrome.session = chrome.send("Target.attachToTarget", {"targetId": t["targetId"], "flatten": True},
                                     session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            chrome.send(domain + ".enable")
        url = "file://" + out + "/index.html"
        chrome.send("Page.navigate", {"url": url})
        chrome.wait_event("Page.loadEventFired")
        time.sleep(0.3)    # late console messages or requests
        page = json.loads(chrome.send("Runtime.evaluate", {"expression": READ_PAGE, "returnByValue": True})
                          ["result"]["value"])
        # drain what arrived meanwhile
        chrome.send("Runtime.evaluate", {"expression": "1"})
    finally:
        chrome.close()

    # 1. No request but the page, no console error, no exception, a CSP.
    requests = [e["params"]["request"]["url"] for e in chrome.events if e.get("method") == "Network.requestWillBeSent"]
    others = [u for u in requests if u != url]
    noise = []
    for e in chrome.events:
        if e.get("method") == "Runtime.exceptionThrown":
            noise.append("exception: " + e["params"]["exceptionDetails"].get("text", ""))
        elif e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "warning", "assert"):
            noise.append("console: " + json.dumps(e["params"]["args"], ensure_ascii=False)[:200])
        elif e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] in ("error", "warning"):
            noise.append("log: " + e["params"]["entry"]["text"][:200])
    csp = page["csp"] or ""
    if "default-src 'none'" not in csp or "script-src 'none'" not in csp:
        fail(f"no Content-Security-Policy forbidding requests: {csp!r}")
    if url not in requests or others or noise:
        fail(f"loading made requests {others} (page requested: {url in requests}); messages: {noise[:5]}")
    else:
        ok(f"loaded with no request but the page itself ({len(requests)}), no console error, CSP {csp.split(';')[0]}")

    # 2. Every table, as its CSV.
    for t in meta["tables"]:
        tid = t["id"]
        if tid not in page["tables"]:
            fail(f"{tid}: not in the page")
            continue
        tbl = page["tables"][tid]
        header, lines, inds = read_csv(out, t)
        head, body = tbl["head"], tbl["body"]
        ncols = max((len(r) for r in head + body), default=0)
        paths = []
        for c in range(ncols):
            parts, seen = [], set()
            for r in range(len(head)):
                cell = head[r][c] if c < len(head[r]) else None
                if not cell or tuple(cell["top"]) in seen:
                    continue
                seen.add(tuple(cell["top"]))
                parts.append(cell["text"])
            paths.append(parts)
        blocks = blocks_from_paths(paths, tuple(t["code_columns"]) or ("编码",))
        problems = check_header(t, header, blocks)

        def value(r, c):
            cell = body[r][c] if c < len(body[r]) else None
            if not cell or cell["text"] == "":
                return None
            return cell

        def same(field, cell):
            if field == "":
                return cell is None
            if cell is None:
                return False
            if cell.get("v") is not None:   # a figure: its CSV text, shown grouped
                return cell["v"] == field and cell["text"].startswith(grouped(field))
            return cell["text"] == field

        recs = records(blocks, len(body), value, lambda cell: cell["text"])
        problems += compare(t, header, lines, recs, same)
        if problems:
            fail(f"{tid}: " + "; ".join(problems[:6]))
        else:
            ok(f"{tid}: {len(lines)} lines, {len(header)} columns as in the CSV")

    # 3. Charts: present, their bars figures the page prints.
    shown = {}          # (table, line label) -> set of figures (data-v) printed on it
    for tid, tbl in list(page["tables"].items()) + list(page["narratives"].items()):
        for row in tbl["body"]:
            labels = [c["text"] for c in row if c and "label" in (c.get("cls") or "")]
            for c in row:
                if c and c.get("v") is not None:
                    for lab in labels:
                        shown.setdefault((tid, lab), set()).add(c["v"])
    # last year as this year less the stated change, where the page shows one
    derived = {}
    for tid, tbl in page["narratives"].items():
        for row in tbl["body"]:
            if len(row) < 3 or not row[1] or row[1].get("v") is None or not row[2] or not row[2]["text"]:
                continue
            change = row[2]["text"].split(" ")[0].replace(",", "").replace("+", "")
            derived[(tid, row[0]["text"])] = str(Decimal(row[1]["v"]) - Decimal(change))
    last_year = {}
    if previous:
        for line in open(previous, encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 4 and parts[3]:
                last_year.setdefault((parts[0], parts[1].split("/")[-1]), set()).add(parts[3].split(" ")[0])
    if len(page["charts"]) != want_charts:
        fail(f"{len(page['charts'])} charts in the page, the source marks {want_charts} lines `chart`")
    verified = unverified = 0
    for ch in page["charts"]:
        problems = []
        if not ch["bars"]:
            problems.append("no bars")
        years = sorted({b["series"] for b in ch["bars"]}) if ch["kind"] == "yoy" else []
        for b in ch["bars"]:
            if ch["kind"] == "yoy" and b["series"] == years[0]:
                known = last_year.get((ch["table"], b["line"]))
                if known is None and (ch["table"], b["line"]) in derived:
                    known = {derived[(ch["table"], b["line"])]}
                if known is None:
                    unverified += 1
                elif all(Decimal(b["v"]) != Decimal(k) for k in known):
                    problems.append(f"{b['line']} last year {b['v']}, the previous budget has {known}")
                else:
                    verified += 1
                continue
            if b["v"] not in shown.get((ch["table"], b["line"]), set()):
                problems.append(f"{b['line']} {b['series']} {b['v']} is no figure of that line in the page")
            else:
                verified += 1
            if b["width"] < 0:
                problems.append(f"{b['line']}: negative width")
        if problems:
            fail(f"chart of {ch['table']} {ch['line']} ({ch['kind']}): " + "; ".join(problems[:5]))
        else:
            ok(f"chart of {ch['table']} {ch['line']} ({ch['kind']}): {len(ch['bars'])} bars")
    if page["charts"]:
        ok(f"{verified} bars equal a figure of the page, of last year's budget, or this year less the stated "
           f"change ({unverified} last-year bars stated with `was` only)")

    # 4. Identities <-> figures, both ways.
    bad = []
    nlinks = 0
    for ident in page["idents"]:
        for h in ident["figs"]:
            fid = h[1:]
            nlinks += 1
            if fid not in page["figures"]:
                bad.append(f"{ident['id']} -> {h}: no such figure")
                continue
            back = page["figures"][fid]
            if back == "#" + ident["id"]:
                continue
            if back and back[1:] in page["refs"] and "#" + ident["id"] in page["refs"][back[1:]]:
                continue
            bad.append(f"{ident['id']} -> {h} -> {back}: no way back")
    report = json.load(open(f"{out}/report.json", encoding="utf-8"))
    if len(page["idents"]) != len(report["identities"]):
        bad.append(f"{len(page['idents'])} identities in the page's report, {len(report['identities'])} in report.json")
    if page["summary"] != [report["summary"].get(k, 0) for k in ("total", "exact", "within_rounding", "broken", "known")]:
        bad.append(f"the page's summary {page['summary']} is not report.json's {report['summary']}")
    if bad:
        fail("report links: " + "; ".join(bad[:6]) + f" ({len(bad)} in all)")
    else:
        ok(f"the report's {len(page['idents'])} identities, as in report.json, link to their figures ({nlinks} "
           f"links), each figure back to them")

    # 5. The narratives' text: each narrative's paragraphs and tables in
    # the page are those of narrative.md, in order.
    md = f"{out}/narrative.md"
    if os.path.exists(md):
        want = read_narrative_md(md)
        bad = []
        for nid, (title, blocks) in want.items():
            got = [tuple(b) if b[0] == "p" else ("table", b[1]) for b in page["prose"].get(nid, [])]
            if got != blocks:
                bad.append(f"{nid}: {len(got)} blocks in the page, {len(blocks)} in narrative.md"
                           + next((f"; first differing: {g!r} / {w!r}" for g, w in zip(got, blocks) if g != w), ""))
        if set(page["prose"]) != set(want):
            bad.append(f"narratives in the page {sorted(page['prose'])}, in narrative.md {sorted(want)}")
        if bad:
            fail("the narratives' text: " + "; ".join(bad[:4]))
        else:
            n = sum(len(b) for _, b in want.values())
            ok(f"the narratives' text: {n} paragraphs and tables of {len(want)} narratives, as in narrative.md")
    return 1 if fails else 0


sys.exit(main())
