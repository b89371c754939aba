/// CSS a report should include with the converter's MathML.
///
/// - Font: Chromium's generic `math` family did not resolve to an OpenType MATH font on the Linux
///   build machine (big operators stayed small, fences did not stretch); naming math fonts
///   fixes that wherever one is installed (Latin Modern Math, STIX Two Math, Cambria Math on
///   Windows, DejaVu Math TeX Gyre on most Linux systems).
/// - Phone width: a block formula wider than the column scrolls sideways instead of widening
///   the page (checked in headless Chromium at 390 px).
/// - `merror`: the source of what could not be converted, marked but readable in both themes.
public enum MathStylesheet {
    public static let css = """
        math { font-family: "Latin Modern Math", "STIX Two Math", "Cambria Math", "DejaVu Math TeX Gyre", math; }
        math[display="block"] { overflow-x: auto; overflow-y: hidden; max-width: 100%; padding: 0.2em 0; }
        merror { outline: 1px solid #c0392b; background: rgba(192, 57, 43, 0.12); }
        merror > mtext { font-family: ui-monospace, monospace; font-size: 0.85em; }
        """
}
