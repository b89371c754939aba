/// The directive reference of `docs/notebooks.md`, generated from the registry so the
/// documentation cannot drift from the code (a test compares the two; `folio docs` prints it).
public enum DirectiveReference {
    public static let beginMarker = "<!-- BEGIN GENERATED: directive reference (folio docs) -->"
    public static let endMarker = "<!-- END GENERATED: directive reference -->"

    public static func markdown(_ registry: DirectiveRegistry = .standard) -> String {
        var out = [beginMarker, ""]
        for directive in registry.directives {
            out.append("### `{\(directive.kind)}`")
            out.append("")
            out.append(directive.summary)
            out.append("")
            out.append("Result: \(directive.result)")
            out.append("")
            out.append("| key | type | required | default | meaning |")
            out.append("|---|---|---|---|---|")
            rows(CommonKeys.added(to: directive) + directive.keys, prefix: "", into: &out)
            out.append("")
        }
        out.append(endMarker)
        return out.joined(separator: "\n")
    }

    private static func rows(_ keys: [OptionKey], prefix: String, into out: inout [String]) {
        for key in keys {
            let type: String
            switch key.type {
            case .mapping: type = "mapping"
            case .list(.mapping): type = "list of mappings"
            default: type = key.type.description
            }
            let cells = ["`\(prefix)\(key.name)`", type, key.required ? "yes" : "", key.defaultDescription, key.doc]
            out.append("| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
            switch key.type {
            case .mapping(let sub), .list(.mapping(let sub)): rows(sub, prefix: "\(prefix)\(key.name).", into: &out)
            default: break
            }
        }
    }
}

import Foundation
