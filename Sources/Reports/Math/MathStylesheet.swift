/// CSS a report should include with the converter's MathML.
///
/// - Font: Chromium's generic `math` family did not resolve to an OpenType MATH font on the Linux
///   build machine (big operators stayed small, fences did not stretch); naming math fonts
///   fixes that wherever one is installed (Latin Modern Math, STIX Two Math, Cambria Math on
///   Windows, DejaVu Math TeX Gyre on most Linux systems).
/// - Matching the text: the body is set in Charter, falling back to Cambria and Georgia, so the
///   math fonts come in the order that pairs with them — STIX Two Math (a Times-like serif close to
///   Charter's weight), Cambria Math (Cambria's own), then Latin Modern Math and DejaVu Math TeX
///   Gyre. None is embedded: an OpenType MATH font is large (DejaVu Math TeX Gyre's TTF is 563 KB,
///   a third more as base64 in every report), so the CSS names system fonts instead.
/// - Phone width: a block formula wider than the column scrolls sideways instead of widening
///   the page (checked in headless Chromium at 390 px).
/// - `merror`: the source of what could not be converted, marked but readable in both themes.
public enum MathStylesheet {
    public static let css = """
        math { font-family: "STIX Two Math", "Cambria Math", "Latin Modern Math", "DejaVu Math TeX Gyre", math; }
        math[display="block"] { overflow-x: auto; overflow-y: hidden; max-width: 100%; padding: 0.2em 0; }
        merror { outline: 1px solid #c0392b; background: rgba(192, 57, 43, 0.12); }
        merror > mtext { font-family: ui-monospace, monospace; font-size: 0.85em; }
        """
}
