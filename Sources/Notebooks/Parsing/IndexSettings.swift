/// The heading and description of the index page of a folder of reports, read from the folder's
/// `folio.yml`:
///
///     title: Deep learning as program synthesis
///     description: Executable notebooks for the essay. Each claim is checked every time they render.
///
/// Both keys are optional (title "Folio reports", no description); any other key is an error
/// located in the file, with a "did you mean".
public struct IndexSettings: Sendable, Equatable {
    public static let fileName = "folio.yml"
    public static let keys = ["title", "description"]

    public var title: String
    public var description: String?

    public init(title: String = "Folio reports", description: String? = nil) {
        self.title = title
        self.description = description
    }

    /// Reads the text of a `folio.yml` (`file` names it in errors).
    public static func read(_ text: String, file: String) throws(Diagnostic) -> IndexSettings {
        var settings = IndexSettings()
        guard let node = try YAMLReader.read(text, file: file, firstLine: 1) else { return settings }
        guard let entries = node.entries else {
            throw Diagnostic(at: node.location, "\(fileName) must be a mapping of \(keys.joined(separator: " and "))")
        }
        for entry in entries {
            guard case .scalar(let value, _, _) = entry.value else {
                throw Diagnostic(at: entry.value.location, "'\(entry.key)' must be text")
            }
            switch entry.key {
            case "title": settings.title = value
            case "description": settings.description = value
            default:
                throw Diagnostic(at: entry.keyLocation, "unknown key '\(entry.key)' in \(fileName)",
                                 note: (closestMatch(to: entry.key, in: keys).map { "did you mean '\($0)'? " } ?? "") + "keys: " + keys.joined(separator: ", "))
            }
        }
        return settings
    }
}
