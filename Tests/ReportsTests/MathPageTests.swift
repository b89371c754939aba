import Foundation
import XCTest

@testable import Reports

/// Writes an HTML page with every catalogue expression beside its TeX, for checking the
/// rendering by eye in a browser. Runs only when FOLIO_MATH_PAGE names the output file:
///
///     FOLIO_MATH_PAGE=/tmp/math.html swift test --filter MathPageTests
///     chromium --headless --no-sandbox --screenshot=/tmp/math.png --window-size=1000,3000 /tmp/math.html
final class MathPageTests: XCTestCase {
    func testWriteBrowserCheckPage() throws {
        guard let path = ProcessInfo.processInfo.environment["FOLIO_MATH_PAGE"] else {
            throw XCTSkip("set FOLIO_MATH_PAGE to a file path to write the browser check page")
        }
        let converter = MathConverter()
        var rows = ""
        for (index, expression) in MathCatalogue.expressions.enumerated() {
            let result = converter.conversion(expression.tex, display: expression.display)
            let warnings = result.warnings.map { "\($0.offset): \($0.message)" }.joined(separator: "; ")
            let extra = [result.tag.map { "tag " + $0 }, result.label.map { "label " + $0 }, warnings.isEmpty ? nil : warnings]
                .compactMap { $0 }.joined(separator: " · ")
            rows += """
                <tr><td class="n">\(index + 1)</td><td class="tex">\(MathEscaping.escape(expression.tex))\
                \(expression.display == .block ? " <b>block</b>" : "")\
                \(extra.isEmpty ? "" : "<br><i>" + MathEscaping.escape(extra) + "</i>")</td>\
                <td class="math">\(expression.display == .inline ? "text " : "")\(result.mathML)\
                \(expression.display == .inline ? " text" : "")</td></tr>

                """
        }
        let page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Folio math check</title>
            <style>
            body { font: 15px/1.4 serif; margin: 8px; }
            table { border-collapse: collapse; width: 100%; }
            td { border-bottom: 1px solid #ccc; padding: 2px 6px; vertical-align: middle; }
            td.n { color: #888; width: 2em; }
            td.tex { font: 11px monospace; width: 45%; word-break: break-all; }
            td.math { font-size: 18px; }
            \(MathStylesheet.css)
            </style></head><body><table>
            \(rows)</table></body></html>
            """
        try page.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
