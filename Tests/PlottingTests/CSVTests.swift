import XCTest
@testable import Plotting

final class CSVTests: XCTestCase {
    func testEveryKindWritesItsRows() {
        let figure = Figure(id: "all", layers: [
            .line(LineMark(x: [0, 1], y: [0.5, .nan], label: "l")),
            .band(BandMark(x: [0], lower: [-1], upper: [1])),
            .histogram(HistogramMark(binning: Binning(edges: [0, 1, 3], counts: [2, 4]), density: true)),
            .heatmap(HeatmapMark(values: [[1, 2]])),
            .rule(RuleMark(x: 2, label: "r")),
            .text(TextMark(x: 1, y: 2, text: "note")),
        ])
        let lines = figure.csv().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines, [
            "layer,kind,series,x,x_end,y,y_lower,y_upper,value,text",
            "1,line,l,0.0,,0.5,,,,",
            "1,line,l,1.0,,nan,,,,",
            "2,band,,0.0,,,-1.0,1.0,,",
            // densities: 2 / (6 · 1) and 4 / (6 · 2)
            "3,histogram,,0.0,1.0,0.3333333333333333,,,2,",
            "3,histogram,,1.0,3.0,0.3333333333333333,,,4,",
            "4,heatmap,,0,,0,,,1.0,",
            "4,heatmap,,1,,0,,,2.0,",
            "5,rule,,2.0,,,,,,r",
            "6,text,,1.0,,2.0,,,,note",
            "",
        ])
    }

    func testGridCSVHasPanelColumn() {
        let grid = FigureGrid(id: "g", panels: [Figure(id: "a", layers: [.line(LineMark(y: [3]))]),
                                                Figure(id: "b", layers: [.line(LineMark(y: [4]))])])
        XCTAssertEqual(grid.csv(), """
        panel,layer,kind,series,x,x_end,y,y_lower,y_upper,value,text
        1,1,line,,0.0,,3.0,,,,
        2,1,line,,0.0,,4.0,,,,

        """)
    }

    func testStylesheetThemesThroughVariables() {
        let css = Figure.stylesheet
        XCTAssertTrue(css.contains(".folio-fig{color:var(--folio-fg,#222222)"))
        XCTAssertTrue(css.contains("@media (prefers-color-scheme: dark)"))
        for i in 0..<8 { XCTAssertTrue(css.contains("--folio-series-\(i),")) }
    }
}
