import XCTest
@testable import Plotting

final class EscapingTests: XCTestCase {
    func testHostileLabelsKeepTheSVGWellFormed() {
        let label = "a<b & \"c\""
        let figure = Figure(id: "x\"><script>", title: label, caption: label, x: Axis(label), y: Axis(label),
                            layers: [.line(LineMark(x: [0, 1], y: [0, 1], label: label)),
                                     .text(TextMark(x: 0.5, y: 0.5, text: label)),
                                     .rule(RuleMark(y: 0.2, label: label)),
                                     .bar(BarMark(x: [0.5], values: [1], label: "</svg>"))])
        let svg = figure.render().svg
        let check = XMLCheck.parse(svg)
        XCTAssertTrue(check.isWellFormed, "\(String(describing: check.error))")
        XCTAssertFalse(svg.contains("<script"))
        XCTAssertTrue(svg.contains("a&lt;b &amp; &quot;c&quot;"))
        // The text nodes read back as the original label.
        XCTAssertTrue(check.texts.joined().contains(label))
        // The id was sanitised into a valid name.
        XCTAssertEqual(check.rootAttributes["id"], "x---script-")
        let categories = Figure(id: "c", layers: [.bar(BarMark(categories: ["<&>", "\"'"], values: [1, 2]))])
        XCTAssertTrue(XMLCheck.parse(categories.render().svg).isWellFormed)
    }

    func testCSVQuotesFields() {
        let figure = Figure(id: "c", layers: [.bar(BarMark(categories: ["a,b", "say \"hi\""], values: [1, .nan], label: "s"))])
        let expected = [
            "layer,kind,series,x,y",
            "1,bar,s,\"a,b\",1.0",
            "1,bar,s,\"say \"\"hi\"\"\",nan",
        ]
        XCTAssertEqual(figure.csv(), expected.joined(separator: "\n") + "\n")
    }
}
