import Notebooks

/// One field of a directive's result, declared once with its meaning. The reference's `Result:`
/// line is built from the fields (`ResultField.describe`) and the directive fills its record
/// through them (`Record(fields)`), so the two cannot name different fields.
public struct ResultField: Sendable {
    public let name: String
    public let doc: String?

    public init(_ name: String, _ doc: String? = nil) {
        self.name = name
        self.doc = doc
    }

    /// The fields as the reference lists them: "`a` (its meaning), `b`, `c`."
    public static func describe(_ fields: [ResultField]) -> String {
        fields.map { field in "`\(field.name)`" + (field.doc.map { " (\($0))" } ?? "") }.joined(separator: ", ") + "."
    }
}

extension Record {
    /// A record with these fields in this order.
    public init(_ fields: [(ResultField, Value)]) {
        self.init(fields.map { ($0.0.name, $0.1) })
    }
}
