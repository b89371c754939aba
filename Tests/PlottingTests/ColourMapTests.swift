import XCTest
@testable import Plotting

final class ColourMapTests: XCTestCase {
    func testViridisEndPoints() {
        XCTAssertEqual(ColourMap.viridis.colour(at: 0).hex, "#440154")
        XCTAssertEqual(ColourMap.viridis.colour(at: 1).hex, "#fde725")
        // The published 256-entry table has #21918c at t = 0.5 and #3b528b at t = 0.25; the
        // ten-anchor interpolation stays within 3 steps per channel there.
        for (t, published) in [(0.5, RGB(red: 0x21, green: 0x91, blue: 0x8c)), (0.25, RGB(red: 0x3b, green: 0x52, blue: 0x8b))] {
            let c = ColourMap.viridis.colour(at: t)
            XCTAssertLessThanOrEqual(abs(Int(c.red) - Int(published.red)), 3, "t = \(t)")
            XCTAssertLessThanOrEqual(abs(Int(c.green) - Int(published.green)), 3, "t = \(t)")
            XCTAssertLessThanOrEqual(abs(Int(c.blue) - Int(published.blue)), 3, "t = \(t)")
        }
        XCTAssertEqual(ColourMap.viridis.colour(at: -3).hex, "#440154")
        XCTAssertEqual(ColourMap.viridis.colour(at: .nan).hex, "#440154")
    }

    func testViridisLightnessIncreases() {
        // Viridis is monotone in lightness; check relative luminance rises along the table.
        func luminance(_ c: RGB) -> Double {
            func linear(_ v: UInt8) -> Double {
                let s = Double(v) / 255
                return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * linear(c.red) + 0.7152 * linear(c.green) + 0.0722 * linear(c.blue)
        }
        let table = ColourMap.viridis.table(levels: 64).map(luminance)
        for (a, b) in zip(table, table.dropFirst()) { XCTAssertLessThanOrEqual(a, b + 1e-9) }
    }

    func testDivergingCentreAndEnds() {
        XCTAssertEqual(ColourMap.diverging.colour(at: 0.5).hex, "#f7f7f7")
        XCTAssertEqual(ColourMap.diverging.colour(at: 0).hex, "#053061")
        XCTAssertEqual(ColourMap.diverging.colour(at: 1).hex, "#67001f")
        let table = ColourMap.diverging.table(levels: 255)
        XCTAssertEqual(table[127].hex, "#f7f7f7")
    }

    func testDivergingHeatmapDomainIsSymmetric() {
        let heatmap = HeatmapMark(values: [[-0.2, 1.5], [0.3, .nan]], colourMap: .diverging)
        XCTAssertEqual(heatmap.resolvedDomain.min, -1.5)
        XCTAssertEqual(heatmap.resolvedDomain.max, 1.5)
    }

    func testOkabeIto() {
        XCTAssertEqual(SeriesPalette.okabeIto.count, 8)
        XCTAssertEqual(SeriesPalette.okabeIto[0].hex, "#e69f00")
        XCTAssertEqual(Set(SeriesPalette.okabeIto.map(\.hex)).count, 8)
        XCTAssertTrue(Figure.stylesheet.contains(".folio-fig .s0{color:var(--folio-series-0,#e69f00)}"))
    }
}
