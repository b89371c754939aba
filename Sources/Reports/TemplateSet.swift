import Foundation
import Mustache
import Runner

/// The report templates (`templates/*.mustache`) and stylesheet (`templates/style.css`), read once.
/// Templates receive only HTML that Folio has already escaped, so they use triple mustaches.
public struct TemplateSet: Sendable {
    var library: MustacheLibrary
    public var stylesheet: String
    /// SHA-256 of the templates and stylesheet, recorded in each manifest so that
    /// `folio render --check` can tell a template change from a change in numbers.
    public private(set) var digest = ""

    public enum LoadError: Error, CustomStringConvertible {
        case missing(String)
        case invalid(String, String)
        public var description: String {
            switch self {
            case .missing(let path): "template file not found: \(path)"
            case .invalid(let name, let why): "template '\(name)' is invalid: \(why)"
            }
        }
    }

    public init(directory: String) throws(LoadError) {
        library = MustacheLibrary()
        var texts: [String] = []
        for name in ["report", "index"] {
            let path = (directory as NSString).appendingPathComponent("\(name).mustache")
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw .missing(path) }
            do { try library.register(text, named: name) } catch { throw .invalid(name, "\(error)") }
            texts.append(text)
        }
        let cssPath = (directory as NSString).appendingPathComponent("style.css")
        guard let css = try? String(contentsOfFile: cssPath, encoding: .utf8) else { throw .missing(cssPath) }
        stylesheet = css
        digest = CellKeys.sha256((texts + [css]).joined(separator: "\u{0}"))
    }

    func render(_ context: [String: Any], template: String) -> String {
        library.render(context, withTemplate: template) ?? ""
    }

    /// Finds the `templates` folder: the given one, else `./templates`, else next to the
    /// executable's package (for a `folio` run from `.build/release`).
    public static func locate(_ explicit: String?) -> String {
        if let explicit { return explicit }
        let fm = FileManager.default
        if fm.fileExists(atPath: "templates/report.mustache") { return "templates" }
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = dir.appendingPathComponent("templates")
            if fm.fileExists(atPath: candidate.appendingPathComponent("report.mustache").path) { return candidate.path }
            dir.deleteLastPathComponent()
        }
        return "templates"
    }
}
