import Foundation
import Notebooks

/// The JSON payload of a cache entry (see `CellCache` for the file around it): a `CellOutput`
/// with its value, display items and artifact.
///
///     { "format": 1, "key": "<cell key>", "kind": "train", "cell": "grok",
///       "value": <value or absent>,
///       "display": [ {"table": {...}} | {"figure": {...}} | {"claim": {...}}
///                  | {"summary": {...}} | {"note": "..."} ],
///       "artifact": {"codec": "TrainingRun", "data": "<base64 of the codec's bytes>"} or absent }
///
/// Values are tagged one-key objects: `{"null":true}`, `{"bool":b}`, `{"string":s}`,
/// `{"number":"<16 hex digits: the IEEE-754 bits>"}`, `{"numbers":"<base64 of little-endian
/// IEEE-754 bits>"}` for a list of numbers only, `{"list":[...]}`, `{"record":[{"key":k,"value":v}]}`
/// (records keep their field order). Numbers are stored as bits so they come back exactly
/// (NaN and −0 included).
struct StoredOutput: Codable {
    var format: Int
    var key: String
    var kind: String
    var cell: String
    var value: StoredValue?
    var display: [StoredDisplay]
    var artifact: StoredArtifact?

    struct StoredArtifact: Codable {
        var codec: String
        var data: Data
    }
}

struct StoredValue: Codable {
    var value: Value

    init(_ value: Value) { self.value = value }

    enum Keys: String, CodingKey { case null, bool, string, number, numbers, list, record }
    struct Field: Codable {
        var key: String
        var value: StoredValue
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch value {
        case .null: try c.encode(true, forKey: .null)
        case .bool(let b): try c.encode(b, forKey: .bool)
        case .string(let s): try c.encode(s, forKey: .string)
        case .number(let x): try c.encode(Self.hex(x.bitPattern), forKey: .number)
        case .list(let items):
            if !items.isEmpty, let xs = value.numbers {
                var data = Data(count: xs.count * 8)
                data.withUnsafeMutableBytes { raw in
                    for (i, x) in xs.enumerated() { raw.storeBytes(of: x.bitPattern.littleEndian, toByteOffset: i * 8, as: UInt64.self) }
                }
                try c.encode(data, forKey: .numbers)
            } else {
                try c.encode(items.map(StoredValue.init), forKey: .list)
            }
        case .record(let r):
            try c.encode(r.fields.map { Field(key: $0.key, value: StoredValue($0.value)) }, forKey: .record)
        }
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        guard let key = c.allKeys.first, c.allKeys.count == 1 else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "a value must have exactly one tag"))
        }
        switch key {
        case .null: value = .null
        case .bool: value = .bool(try c.decode(Bool.self, forKey: key))
        case .string: value = .string(try c.decode(String.self, forKey: key))
        case .number:
            let text = try c.decode(String.self, forKey: key)
            guard text.count == 16, let bits = UInt64(text, radix: 16) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "bad number bits '\(text)'")
            }
            value = .number(Double(bitPattern: bits))
        case .numbers:
            let data = try c.decode(Data.self, forKey: key)
            guard data.count % 8 == 0 else { throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "bad number list") }
            value = .list(data.withUnsafeBytes { raw in
                (0..<(data.count / 8)).map { .number(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)))) }
            })
        case .list: value = .list(try c.decode([StoredValue].self, forKey: key).map(\.value))
        case .record:
            value = .record(Record(try c.decode([Field].self, forKey: key).map { ($0.key, $0.value.value) }))
        }
    }

    static func hex(_ bits: UInt64) -> String {
        let s = String(bits, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}

/// A display item as one tagged object.
enum StoredDisplay: Codable {
    case table(Table)
    case figure(Figure)
    case claim(Claim)
    case summary(Summary)
    case note(String)

    struct Table: Codable {
        var caption: String?
        var label: String?
        var headers: [String]
        var rows: [[String]]
        var numeric: [Bool]
    }
    struct Figure: Codable {
        var svg: String
        var narrowSVG: String?
        var caption: String?
        var label: String?
        var csv: String
        var warnings: [String]
    }
    struct Pair: Codable {
        var name: String
        var value: String
    }
    struct Claim: Codable {
        var holds: Bool
        var says: String
        var that: String
        var values: [Pair]
        var comparisons: [StoredComparison]?
        var atLeast: Double?
    }
    struct StoredComparison: Codable {
        var left: String
        var op: String
        var right: String
        var leftValue: StoredValue
        var rightValue: StoredValue
        var holds: Bool
    }
    struct Summary: Codable {
        var title: String
        var items: [Pair]
    }

    init(_ display: CellDisplay) {
        switch display {
        case .table(let t):
            self = .table(Table(caption: t.caption, label: t.label, headers: t.headers, rows: t.rows, numeric: t.numeric))
        case .figure(let f):
            self = .figure(Figure(svg: f.svg, narrowSVG: f.narrowSVG, caption: f.caption, label: f.label, csv: f.csv, warnings: f.warnings))
        case .claim(let c):
            self = .claim(Claim(holds: c.holds, says: c.says, that: c.that, values: c.values.map { Pair(name: $0.source, value: $0.value) },
                                comparisons: c.comparisons.map {
                                    StoredComparison(left: $0.left, op: $0.op, right: $0.right, leftValue: StoredValue($0.leftValue),
                                                     rightValue: StoredValue($0.rightValue), holds: $0.holds)
                                }, atLeast: c.atLeast))
        case .summary(let title, let items):
            self = .summary(Summary(title: title, items: items.map { Pair(name: $0.label, value: $0.value) }))
        case .note(let text):
            self = .note(text)
        }
    }

    var display: CellDisplay {
        switch self {
        case .table(let t):
            .table(TableContent(caption: t.caption, label: t.label, headers: t.headers, rows: t.rows, numeric: t.numeric))
        case .figure(let f):
            .figure(FigureContent(svg: f.svg, narrowSVG: f.narrowSVG, caption: f.caption, label: f.label, csv: f.csv, warnings: f.warnings))
        case .claim(let c):
            .claim(ClaimContent(holds: c.holds, says: c.says, that: c.that, values: c.values.map { (source: $0.name, value: $0.value) },
                                comparisons: (c.comparisons ?? []).map {
                                    Comparison(left: $0.left, op: $0.op, right: $0.right, leftValue: $0.leftValue.value,
                                               rightValue: $0.rightValue.value, holds: $0.holds)
                                }, atLeast: c.atLeast))
        case .summary(let s):
            .summary(title: s.title, items: s.items.map { (label: $0.name, value: $0.value) })
        case .note(let text):
            .note(text)
        }
    }
}
