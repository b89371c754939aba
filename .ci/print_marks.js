// Print probe for .ci/browser-check: injected into a scratch copy of a report before Chromium
// prints it to PDF. Every box that must not be split across pages (summary boxes) gets a tiny
// marker at its start and its end; pdftotext then tells on which page each marker landed. The
// markers are absolutely positioned at their static place, so they change no layout.
(function () {
  const mark = (text) => {
    const s = document.createElement("span");
    s.textContent = text;
    s.style.cssText = "position:absolute;font-size:3px;line-height:1;white-space:nowrap";
    return s;
  };
  document.querySelectorAll(".summary").forEach((box, i) => {
    box.prepend(mark(` FOLIOSTART${i}Q `));
    box.append(mark(` FOLIOEND${i}Q `));
  });
})();
