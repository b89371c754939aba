import Notebooks

/// Keys every cell takes besides its directive's own: `id`; `caption` and `show` where the
/// directive does not define them itself (they then only change what the report shows, so they
/// are not part of the cache key); and `sweep` for a directive that analyses one trained `model`.
public enum CommonKeys {
    public static let caption = DirectiveOption<String>("caption", "A caption for what the cell shows (its summary box or table, such as the table of an analysis over a sweep). Changing it re-runs nothing.")
    public static let show = DirectiveOption<Bool>("show", "`false` hides what the cell shows; it still runs and its result can be read. Changing it re-runs nothing.",
                                                   default: true)
    public static let sweep = DirectiveOption<Value>("sweep", "Run the analysis once per combination of settings: key → values, e.g. {epsilon: [1e-5, 1e-4]}; the result is a table with one row per combination (and per run of a swept `model`).",
                                                     type: .dictionary(.list(.any)))

    /// The keys `directive` takes that it does not declare itself, in the order the reference lists them.
    public static func added(to directive: any Directive.Type) -> [OptionKey] {
        var out = [OptionKey.id]
        for key in [caption.key, show.key] where !directive.keys.contains(where: { $0.name == key.name }) { out.append(key) }
        if directive.traits.contains(.analysesModel), !directive.keys.contains(where: { $0.name == sweep.name }) { out.append(sweep.key) }
        return out
    }

    /// Whether `key` is a presentation key added to `directive` (`caption`, `show`), which the
    /// report reads and the cache key leaves out.
    public static func presents(_ key: String, of directive: any Directive.Type) -> Bool {
        (key == caption.name || key == show.name) && !directive.keys.contains { $0.name == key }
    }

    /// `options` without the added presentation keys: what the cache key is computed from.
    static func computed(_ options: OptionNode, of directive: any Directive.Type) -> OptionNode {
        guard case .mapping(let entries, let location) = options else { return options }
        return .mapping(entries.filter { !presents($0.key, of: directive) }, at: location)
    }

    /// Whether the cell's report output is hidden by `show: false` (a directive's own `show` is its own).
    public static func hidden(_ cell: CheckedCell) -> Bool {
        presents(show.name, of: cell.directive) && cell.cell.options[show.name]?.scalarValue == .bool(false)
    }

    /// The cell's `caption:` when it is the added key (a directive's own caption is its own).
    public static func caption(of cell: CheckedCell) -> String? {
        guard presents(caption.name, of: cell.directive), case .scalar(let text, _, _)? = cell.cell.options[caption.name] else { return nil }
        return text
    }
}
