import Foundation
import XCTest
import Tensors
import Notebooks
import Reports
import Runner

/// Property: for random notebooks and random edits, a render that reuses the cell cache gives
/// the same report, byte for byte, as a clean render without it. The cache may reuse only what
/// cannot have changed, so any dependency the check phase misses shows up here as a difference.
///
/// The notebooks are built to stress the scoping rule (`Directive.localNames`): `{data}` columns
/// named like earlier cells, reading those cells (`d1: =d1.v.last`), next to columns reading the
/// column of the same name, claims and tables on them, and cells that fail.
final class CachedRenderPropertyTests: XCTestCase {
    private lazy var renderer: ReportRenderer = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return ReportRenderer(templates: try! TemplateSet(directory: root.appendingPathComponent("templates").path), version: "test")
    }()

    /// A small deterministic generator (SplitMix64), so a failure names its seed.
    /// Seeded, so a failing case names its seed (`RandomGenerator`, xoshiro256**).
    typealias Generator = RandomGenerator

    /// A notebook as a list of cells, each a list of lines (so edits can change one number).
    struct Sketch {
        var cells: [[String]]
        var text: String {
            "---\ntitle: Property\n---\nProse.\n\n" + cells.map { "```" + $0.joined(separator: "\n") + "\n```\n" }.joined(separator: "\n")
        }
    }

    static func sketch(_ g: inout Generator) -> Sketch {
        var cells: [[String]] = []
        var data: [String] = []
        for k in 1...g.int(3...6) {
            let id = "d\(k)"
            if data.isEmpty || g.int(0...2) == 0 {
                cells.append(["{data}", "id: \(id)", "columns:", "  v: [\(g.int(0...9)), \(g.int(0...9))]"])
            } else {
                let source = g.pick(data)
                var lines = ["{data}", "id: \(id)", "columns:"]
                // The shadowing column: named like an earlier cell and reading that cell.
                lines.append("  \(source): =\(source).v.last + \(g.int(0...9))")
                // Reads the column just defined (a local), not the cell.
                lines.append("  v: =\(source).last * \(g.int(1...3))")
                if g.int(0...3) == 0 { lines.append("  w: =\(g.pick(data)).v.first - \(g.int(0...9))") }
                cells.append(lines)
            }
            data.append(id)
            if g.int(0...1) == 0 {
                cells.append(["{claim}", "id: c\(k)", "that: \(id).v.last > \(g.int(0...20))", "says: \(id) is large"])
            }
            if g.int(0...2) == 0 { cells.append(["{table}", "id: t\(k)", "from: \(id)"]) }
        }
        return Sketch(cells: cells)
    }

    /// A number literal: after an operator, '[' or ', ' (not the digits of an id such as `d1`).
    nonisolated(unsafe) static let literal = /[+\-*>\[,] ?([0-9]+)/

    /// Changes one number on one line (the edit a user makes most).
    static func edit(_ s: Sketch, _ g: inout Generator) -> Sketch {
        var out = s
        var candidates: [(Int, Int)] = []
        for (c, lines) in s.cells.enumerated() {
            for (l, line) in lines.enumerated() where line.firstMatch(of: Self.literal) != nil { candidates.append((c, l)) }
        }
        guard !candidates.isEmpty else { return out }
        let (c, l) = g.pick(candidates)
        let line = out.cells[c][l]
        let matches = line.matches(of: Self.literal)
        let target = matches[g.int(0...(matches.count - 1))].output.1
        out.cells[c][l] = line.replacingCharacters(in: target.startIndex..<target.endIndex, with: String(g.int(0...20)))
        return out
    }

    private func render(_ source: String, cache: CellCache?) throws -> String {
        let notebook = try NotebookParser.parse(source: source, file: "nb.md")
        let checked = try NotebookChecker().check(notebook)
        let run = NotebookExecutor(threads: 1, cache: cache).runReportingCache(checked).run
        return renderer.renderReport(run).html
    }

    func testCachedRenderEqualsCleanRenderAfterRandomEdits() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("folio-property-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        var checkedEdits = 0
        for seed in 1...40 {
            var g = Generator(seed: UInt64(seed))
            var sketch = Self.sketch(&g)
            let cache = CellCache(directory: dir.appendingPathComponent("\(seed)").path)
            _ = try render(sketch.text, cache: cache)
            for _ in 0..<4 {
                sketch = Self.edit(sketch, &g)
                let cached = try render(sketch.text, cache: cache)
                let clean = try render(sketch.text, cache: nil)
                XCTAssertEqual(cached, clean, "seed \(seed): cached render differs from a clean one for\n\(sketch.text)")
                if cached != clean { return }
                checkedEdits += 1
            }
        }
        XCTAssertEqual(checkedEdits, 160)
    }

    /// The case that broke: a column named like the cell it reads (05-approximation's
    /// `comp_shallow: =comp_shallow.final_test_loss`). The cell is a dependency, so editing it
    /// recomputes the table.
    func testColumnNamedLikeTheCellItReadsDependsOnThatCell() throws {
        let before = """
        ```{data}
        id: comp
        columns:
          loss: [1, 2]
        ```

        ```{data}
        id: results
        columns:
          comp: =comp.loss.last
          ratio: =comp.last / 2
        show: true
        ```
        """
        let notebook = try NotebookChecker().check(try NotebookParser.parse(source: before, file: "nb.md"))
        XCTAssertEqual(notebook.cells.last?.dependencies, ["comp"])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("folio-shadow-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let cache = CellCache(directory: dir.path)
        _ = try render(before, cache: cache)
        let after = before.replacingOccurrences(of: "[1, 2]", with: "[1, 8]")
        let cached = try render(after, cache: cache)
        XCTAssertEqual(cached, try render(after, cache: nil))
        XCTAssertTrue(cached.contains(">4<"), "ratio = 8 / 2 is shown")
    }
}

extension RandomGenerator {
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + int(below: range.count) }
    mutating func pick<T>(_ items: [T]) -> T { items[int(below: items.count)] }
}
