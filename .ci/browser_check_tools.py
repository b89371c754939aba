"""Helpers of .ci/browser-check, one subcommand each:

  requests NETLOG            URLs the page itself requested that are not file: or data: (from
                             Chromium's net log: events whose initiator is not "not an origin",
                             which marks the browser's own background traffic)
  phone-frame PAGE COPY yes|no
                             write COPY: PAGE in a 390 px wide iframe (srcdoc, so same origin;
                             headless Chromium's window is at least 500 px wide), with the layout
                             probe layout_check.js when "yes"
  layout DOM NAME            judge the probe's report in a --dump-dom output; exit 1 on a problem
  print TEXT NAME            judge pdftotext output of a page printed with print_marks.js: every
                             summary box must start and end on the same page
"""
import html
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def requests(netlog):
    events = json.load(open(netlog))["events"]
    urls = {e["params"]["url"] for e in events
            if "initiator" in e.get("params", {}) and e["params"]["initiator"] != "not an origin"
            and not e["params"].get("url", "").startswith(("file:", "data:"))}
    print("\n".join(sorted(urls)))
    return 0


def phone_frame(page, copy, probe):
    report = open(page, encoding="utf-8").read()
    script = ("<script>" + open(os.path.join(HERE, "layout_check.js"), encoding="utf-8").read() + "</script>"
              if probe == "yes" else "")
    with open(copy, "w", encoding="utf-8") as out:
        out.write('<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0;background:#888}</style></head><body>'
                  '<iframe id="folio-frame" style="width:390px;height:2400px;border:0;display:block;background:#fff" srcdoc="'
                  + html.escape(report, quote=True) + '"></iframe>' + script + "</body></html>")
    return 0


def layout(dom_file, name):
    dom = open(dom_file, encoding="utf-8").read()
    found = re.findall(r'<pre id="folio-layout-check">([^<]*)</pre>', dom)
    if not found:
        print(f"FAIL {name}-390px: the layout probe did not run")
        return 1
    r = json.loads(html.unescape(found[-1]))
    problems = []
    if r["viewport"] > 400:
        problems.append(f"viewport is {r['viewport']} px, not a phone's")
    for what, label in [("duplicateIds", "duplicate id"), ("tooWide", "wider than the viewport"),
                        ("smallText", "figure text under 9 px")]:
        problems += [f"{label}: {item}" for item in r[what][:5]]
        if len(r[what]) > 5:
            problems.append(f"... and {len(r[what]) - 5} more ({label})")
    if problems:
        print(f"FAIL {name}-390px:")
        print("\n".join("     " + p for p in problems))
        return 1
    print(f"ok   {name}-390px (viewport {r['viewport']} px: no duplicate id, nothing too wide, figure text >= 9 px)")
    return 0


def printed(text_file, name):
    pages = open(text_file, encoding="utf-8").read().split("\f")
    where = {}
    for number, text in enumerate(pages, 1):
        for kind, box in re.findall(r"FOLIO(START|END)(\d+)Q", text):
            where.setdefault(int(box), {})[kind] = number
    split = [f"summary box {b + 1}: pages {w.get('START', '?')}-{w.get('END', '?')}"
             for b, w in sorted(where.items()) if w.get("START") != w.get("END")]
    if split:
        print(f"FAIL {name}-print: summary box split across pages:")
        print("\n".join("     " + s for s in split[:5]))
        return 1
    print(f"ok   {name}-print ({len([p for p in pages if p.strip()])} pages, {len(where)} summary boxes, none split)")
    return 0


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    sys.exit({"requests": requests, "phone-frame": phone_frame, "layout": layout, "print": printed}[command](*args))
