import Foundation
import XCTest
import Notebooks
@testable import Runner
import Tensors

/// Cache keys: what changes them and what does not; the stored value format; shards.
final class CacheKeyTests: XCTestCase {
    private func keys(_ source: String, overrides: [String: String] = [:]) throws -> CellKeys {
        CellKeys(try checkNotebook(source, overrides: overrides))
    }

    func testKeysAreSHA256OfTheDocumentedText() throws {
        let k = try keys("```{data}\nid: d\ncolumns:\n  x: [1, 2]\n```\n")
        let entry = try XCTUnwrap(k["d"])
        XCTAssertEqual(entry.options, #"{"id":"d","columns":{"x":[1.0,2.0]}}"#)
        let text = "folio-cell-key\nengine: \(CellKeys.engineVersion)\nkind: data\nblas threads: 2\nblas kernel: \(BLASKernel.identity)\nid: d\npresentation: \(CellKeys.presentationVersion)\noptions: \(entry.options)\nparams: -\n"
        XCTAssertEqual(entry.key, CellKeys.sha256(text))
        // Known SHA-256 test vector (FIPS 180-2, "abc").
        XCTAssertEqual(CellKeys.sha256("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// Results computed with one BLAS thread may differ in their last digits from two threads' results,
    /// so a different thread count must not reuse an entry.
    func testTheBLASThreadCountIsPartOfTheKey() throws {
        let checked = try checkNotebook("```{data}\nid: d\ncolumns:\n  x: [1, 2]\n```\n")
        XCTAssertNotEqual(CellKeys(checked, threads: 1)["d"]?.key, CellKeys(checked, threads: 2)["d"]?.key)
        XCTAssertEqual(CellKeys(checked, threads: 1)["d"]?.key, CellKeys(checked, threads: 1)["d"]?.key)
    }

    /// Kernels order their sums differently, so entries made under another kernel are not reused.
    func testTheBLASKernelIsPartOfTheKey() throws {
        let checked = try checkNotebook("```{data}\nid: d\ncolumns:\n  x: [1, 2]\n```\n")
        XCTAssertNotEqual(CellKeys(checked, kernel: "Haswell; OpenBLAS 0.3.21")["d"]?.key,
                          CellKeys(checked, kernel: "SkylakeX; OpenBLAS 0.3.21")["d"]?.key)
        XCTAssertEqual(CellKeys(checked)["d"]?.key, CellKeys(checked, kernel: BLASKernel.identity)["d"]?.key)
    }

    func testSpellingsOfOneValueShareAKeyAndDifferentValuesDoNot() throws {
        let one = try keys("```{data}\nid: d\ncolumns:\n  x: [1, 2]\n```\n")["d"]?.key
        let two = try keys("```{data}\nid: d\ncolumns:\n    x: [1.0, 2e0]   # a comment\n```\n")["d"]?.key
        let three = try keys("```{data}\nid: d\ncolumns:\n  x: [1, 2.0000000000000004]\n```\n")["d"]?.key
        XCTAssertEqual(one, two)
        XCTAssertNotEqual(one, three)
        // An expression over parameters is evaluated: `=params.n * 2` with n = 1 is the number 2.
        let expr = try keys("---\nparams: {n: 1}\n---\n```{data}\nid: d\ncolumns:\n  x: [1, =params.n * 2]\n```\n")["d"]
        XCTAssertEqual(expr?.options, #"{"id":"d","columns":{"x":[1.0,2.0]}}"#)
        // Column order reaches the table, so it is part of the key.
        let swapped = try keys("```{data}\nid: d\ncolumns:\n  y: [1]\n  x: [1]\n```\n")["d"]?.key
        let straight = try keys("```{data}\nid: d\ncolumns:\n  x: [1]\n  y: [1]\n```\n")["d"]?.key
        XCTAssertNotEqual(swapped, straight)
    }

    func testKeysChainThroughDependencies() throws {
        let base = try keys(chainNotebook)
        let edited = try keys(chainNotebook.replacingOccurrences(of: "x: [1, 2, 3]", with: "x: [1, 2, 4]"))
        let changed = base.order.filter { base[$0]?.key != edited[$0]?.key }
        XCTAssertEqual(changed, ["b", "b_table"])
        XCTAssertEqual(edited["b_table"]?.optionsDigest, base["b_table"]?.optionsDigest)
        XCTAssertEqual(base["b_table"]?.inputs.map(\.id), ["b"])
        // Expressions reading other cells stay as text; the reading goes through the inputs.
        XCTAssertEqual(base["a_claim"]?.options, #"{"id":"a_claim","that":"a.sq.last == 25","says":"five squared"}"#)
        XCTAssertEqual(base["a_claim"]?.inputs.map(\.id), ["a"])
    }

    func testParamsEnterOnlyTheKeysOfCellsThatMentionThem() throws {
        let base = try keys(chainNotebook)
        let other = try keys(chainNotebook, overrides: ["n": "7"])
        XCTAssertEqual(base.order.filter { base[$0]?.key != other[$0]?.key }, ["p_claim"])
        XCTAssertTrue(CellKeys.mentionsParams("that: params.n > 1"))
        XCTAssertFalse(CellKeys.mentionsParams("caption: my_params and paramsx"))
    }

    func testSeedsAreCollectedWithTheirPaths() throws {
        let k = try keys("---\nparams: {s: 3}\n---\n```{train}\nid: d\ntask: {kind: modular, modulus: 7, seed: 5}\nmodel: {kind: mlp, hidden: 8}\nsteps: 5\nseed: =params.s\n```\n")
        XCTAssertEqual(k["d"]?.seeds, [.init(path: "task.seed", value: "5"), .init(path: "seed", value: "3")])
    }

    func testComponentsJoinedByACellThatReadsTwoRunsShareOneShard() throws {
        let source = chainNotebook + "\n\n```{claim}\nid: both\nthat: b.x.count < a.sq.count\nsays: joins the two chains\n```\n"
        let checked = try checkNotebook(source)
        let k = CellKeys(checked)
        for n in 2...5 {
            let owners = Shard(index: 1, count: n).owners(of: checked, keys: k)
            XCTAssertEqual(Set(["a", "b", "a_claim", "b_table", "both"].map { owners[$0]! }).count, 1)
            XCTAssertEqual(owners["a"], Shard(index: 1, count: n).owner(of: k["a"]!.key), "owned by the first cell's shard")
        }
    }

    func testStoredValuesRoundTripExactly() throws {
        let values: [Value] = [
            .null, .bool(true), .string("a \"quoted\"\nline"), .number(-0.0), .number(.nan), .number(5e-324),
            .number(0.1 + 0.2), .numbers([1.5, -.infinity, 0.1]), .list([.string("x"), .number(1)]), .list([]),
            .record(Record([("z", .number(1)), ("a", .list([.null]))])),
        ]
        for value in values {
            let data = try JSONEncoder().encode(StoredValue(value))
            let back = try JSONDecoder().decode(StoredValue.self, from: data).value
            XCTAssertEqual(CanonicalText.value(back), CanonicalText.value(value))
            if case .number(let x) = value, case .number(let y) = back { XCTAssertEqual(x.bitPattern, y.bitPattern) }
        }
        XCTAssertEqual(try JSONDecoder().decode(StoredValue.self, from: JSONEncoder().encode(StoredValue(values[10]))).value.record?.keys, ["z", "a"])
    }

    func testShardsPartitionTheCellsAndIncludeDependencies() throws {
        let checked = try checkNotebook(chainNotebook)
        let k = CellKeys(checked)
        for n in 1...4 {
            var owned: [String] = []
            for i in 1...n {
                let shard = Shard(index: i, count: n)
                let cells = shard.cells(of: checked, keys: k)
                owned += k.order.filter { shard.owners(of: checked, keys: k)[$0] == i }
                for id in cells { for dependency in checked.cells.first(where: { $0.id == id })!.dependencies { XCTAssertTrue(cells.contains(dependency)) } }
                XCTAssertEqual(cells, Set(k.order.filter { shard.owners(of: checked, keys: k)[$0] == i }), "a shard computes only what it owns")
            }
            XCTAssertEqual(owned.sorted(), k.order.sorted(), "every cell is owned by exactly one of \(n) shards")
        }
        // A component stays together, owned by the shard of its first cell's key.
        let owners = Shard(index: 1, count: 3).owners(of: checked, keys: k)
        XCTAssertEqual(owners["a_claim"], owners["a"])
        XCTAssertEqual(owners["b_table"], owners["b"])
        XCTAssertEqual(owners["a"], Shard(index: 1, count: 3).owner(of: k["a"]!.key))
        XCTAssertEqual(Shard("2/3"), Shard(index: 2, count: 3))
        XCTAssertNil(Shard("0/3"))
        XCTAssertNil(Shard("4/3"))
        XCTAssertNil(Shard("1"))
    }
}
