// Layout probe for .ci/browser-check. Reports carry no script, so the check builds a scratch page
// holding the report in a 390 px wide iframe (srcdoc, same origin; headless Chromium's window
// cannot be narrower than 500 px, an iframe can) and this script; Chromium runs it with
// --dump-dom and the check reads the JSON it leaves in a pre element with id folio-layout-check.
// folioLayoutCheck(win) measures what a reader on a phone would meet in the window win:
//   duplicateIds  ids used by more than one element (links and cross-references break);
//   tooWide       visible elements whose right edge passes the viewport and that no scrolling
//                 box (overflow-x auto/scroll/hidden/clip) contains, so the whole page scrolls
//                 sideways;
//   smallText     figure text rendered smaller than 9 CSS px: the font size in SVG units times
//                 the SVG's on-screen scale (getScreenCTM), for text that is displayed.
function folioLayoutCheck(win) {
  const document = win.document, getComputedStyle = (el) => win.getComputedStyle(el);
  const minimumFigureText = 9;
  const viewport = document.documentElement.clientWidth;
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += "#" + el.id;
    const cls = el.getAttribute("class");
    if (cls) s += "." + cls.trim().split(/\s+/).join(".");
    return s;
  };
  const counts = new Map();
  for (const el of document.querySelectorAll("[id]")) counts.set(el.id, (counts.get(el.id) || 0) + 1);
  const duplicateIds = [...counts].filter(([, n]) => n > 1).map(([id, n]) => `${id} (${n}×)`);

  const scrolls = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === "auto" || o === "scroll" || o === "hidden" || o === "clip") return true;
    }
    return false;
  };
  const tooWide = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest("svg") && el.tagName.toLowerCase() !== "svg") continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= viewport + 1 || r.right <= 0) continue;
    if (scrolls(el)) continue;
    tooWide.push(`${describe(el)} ends at ${Math.round(r.right)} px`);
  }

  const smallText = [];
  for (const t of document.querySelectorAll("svg text")) {
    if (t.getClientRects().length === 0) continue;  // not displayed
    const ctm = t.getScreenCTM();
    if (!ctm) continue;
    const scale = Math.hypot(ctm.a, ctm.b);
    const size = parseFloat(getComputedStyle(t).fontSize) * scale;
    if (size < minimumFigureText - 0.05) {
      const fig = t.closest("figure");
      smallText.push(`${fig && fig.id ? fig.id : describe(t.closest("svg"))}: "${t.textContent.slice(0, 30)}" at ${size.toFixed(1)} px`);
    }
  }
  return { viewport, scrollWidth: document.documentElement.scrollWidth, duplicateIds, tooWide, smallText };
}

window.addEventListener("load", () => {
  const frame = document.getElementById("folio-frame");
  const pre = document.createElement("pre");
  pre.id = "folio-layout-check";
  pre.textContent = JSON.stringify(folioLayoutCheck(frame.contentWindow));
  document.body.appendChild(pre);
});
