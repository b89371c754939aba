import Notebooks

/// The canonical text of option trees and values, the part of a cell's cache key that says what
/// the cell was asked to do. Two option trees that mean the same get the same text:
///
/// - scalars are read with YAML's rules first (`1`, `1.0` and `1e0` are the number 1);
/// - `=expression` leaves are evaluated with the notebook's parameters (after `-P` overrides);
///   an expression that reads anything else (an earlier cell's result, a `{data}` cell's own
///   columns) is kept as its text, `expr("...")`: what it reads enters the key through the
///   dependency keys instead;
/// - numbers are written exactly: `Double.description` is the shortest text that reads back to
///   the same bits, so different numbers never share a text; NaN and ±∞ are `nan`, `inf`, `-inf`;
/// - strings are JSON string literals; lists `[a,b]`; mappings and records `{"k":v,...}`.
///
/// Keys of mappings keep the author's order rather than being sorted: a `Record` is ordered and
/// the order reaches the report (a `{data}` cell's `columns:` order is its table's column order),
/// so reordering them must not reuse a result computed for the old order. Whitespace, comments,
/// quoting style and source locations never enter the text, so moving a cell or editing the prose
/// around it keeps its key.
public enum CanonicalText {
    public static func options(_ node: OptionNode, params: EvaluationScope) -> String {
        var out = ""
        write(node, params: params, to: &out)
        return out
    }

    public static func value(_ value: Value) -> String {
        var out = ""
        write(value, to: &out)
        return out
    }

    static func write(_ node: OptionNode, params: EvaluationScope, to out: inout String) {
        switch node {
        case .scalar:
            if let (text, _) = node.expressionText {
                if let v = try? Options.resolve(node, scope: params) {
                    write(v, to: &out)
                } else {
                    out += "expr("
                    string(text, to: &out)
                    out += ")"
                }
            } else {
                write(node.scalarValue ?? .null, to: &out)
            }
        case .list(let items, _):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, params: params, to: &out)
            }
            out += "]"
        case .mapping(let entries, _):
            out += "{"
            for (i, e) in entries.enumerated() {
                if i > 0 { out += "," }
                string(e.key, to: &out)
                out += ":"
                write(e.value, params: params, to: &out)
            }
            out += "}"
        }
    }

    static func write(_ value: Value, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let x): out += number(x)
        case .string(let s): string(s, to: &out)
        case .list(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, to: &out)
            }
            out += "]"
        case .record(let r):
            out += "{"
            for (i, field) in r.fields.enumerated() {
                if i > 0 { out += "," }
                string(field.key, to: &out)
                out += ":"
                write(field.value, to: &out)
            }
            out += "}"
        }
    }

    /// Exact: the shortest decimal that reads back to the same Double.
    static func number(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return x.description
    }

    static func string(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
