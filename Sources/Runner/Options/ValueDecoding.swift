import Foundation
import Notebooks

/// Decodes a resolved option value into a `Decodable` configuration (the training core's
/// configurations are Codable with snake_case keys), turning a decoding error into a diagnostic
/// located at the offending key of the cell.
enum ValueDecoding {
    static func decode<T: Decodable>(_ type: T.Type, from value: Value, options: OptionNode) throws(Diagnostic) -> T {
        let data: Data
        do {
            data = try JSONSerialization.data(withJSONObject: jsonObject(value), options: [.sortedKeys])
        } catch {
            throw Diagnostic(at: options.location, "cannot convert the options: \(error)")
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw diagnostic(error, options: options)
        } catch {
            throw Diagnostic(at: options.location, "\(error)")
        }
    }

    /// Whole numbers become integers so that `Int` fields decode.
    static func jsonObject(_ value: Value) -> Any {
        switch value {
        case .null: return NSNull()
        case .bool(let b): return b
        case .number(let x):
            if x.rounded() == x, abs(x) < 9e15 { return Int(x) }
            return x
        case .string(let s): return s
        case .list(let items): return items.map(jsonObject)
        case .record(let r): return Dictionary(uniqueKeysWithValues: r.fields.map { ($0.key, jsonObject($0.value)) })
        }
    }

    private static func diagnostic(_ error: DecodingError, options: OptionNode) -> Diagnostic {
        func locate(_ path: [any CodingKey]) -> (SourceLocation, String) {
            var node = options
            var names: [String] = []
            for key in path {
                if let index = key.intValue, case .list(let items, _) = node, index < items.count {
                    node = items[index]
                    names.append("[\(index)]")
                } else if let child = node[key.stringValue] {
                    node = child
                    names.append(key.stringValue)
                } else {
                    names.append(key.stringValue)
                }
            }
            return (node.location, names.joined(separator: ".").replacingOccurrences(of: ".[", with: "["))
        }
        switch error {
        case .keyNotFound(let key, let context):
            let (location, path) = locate(context.codingPath)
            return Diagnostic(at: location, "missing key '\(path.isEmpty ? key.stringValue : path + "." + key.stringValue)'")
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let (location, path) = locate(context.codingPath)
            return Diagnostic(at: location, "'\(path)' has the wrong type: expected \(describe(type))")
        case .dataCorrupted(let context):
            let (location, path) = locate(context.codingPath)
            return Diagnostic(at: location, path.isEmpty
                ? "cannot read the options (is a number out of range for a whole number?): \(context.debugDescription)"
                : "'\(path)': \(context.debugDescription)")
        @unknown default:
            return Diagnostic(at: options.location, "\(error)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is UInt64.Type: "a whole number"
        case is Double.Type: "a number"
        case is String.Type: "text"
        case is Bool.Type: "true or false"
        default: "\(type)"
        }
    }
}
