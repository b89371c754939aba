import Foundation

/// The generated accessible description of a panel: its axes with their ranges and its layers,
/// e.g. "x axis “step”, linear from 0 to 1000; y axis “loss”, log from 0.001 to 10. Layers:
/// line “train” (100 points)."
enum Summary {
    static func describe(_ figure: Figure, _ data: PanelData, _ layout: PanelLayout) -> String {
        var sentences: [String] = []
        let axes = [axis("x", figure.x, layout.x), axis("y", figure.y, layout.y)]
        sentences.append(axes.joined(separator: "; ") + ".")
        if !data.layerSummaries.isEmpty {
            sentences.append("Layers: " + data.layerSummaries.joined(separator: ", ") + ".")
        }
        if let heatmap = data.heatmap {
            let domain = heatmap.resolvedDomain
            sentences.append("Colour scale \(heatmap.label.map { "“\($0)” " } ?? "")from \(readable(domain.min)) to \(readable(domain.max)).")
        }
        return sentences.joined(separator: " ")
    }

    /// The desc text: the caption or the generated summary, then what was left out.
    static func description(caption: String?, generated: String, warnings: [String]) -> String {
        var text = caption ?? generated
        if !warnings.isEmpty {
            text += " Left out: " + warnings.joined(separator: "; ") + "."
        }
        return text
    }

    private static func axis(_ name: String, _ axis: Axis, _ scale: PositionScale) -> String {
        let title = axis.label.map { " “\($0)”" } ?? ""
        if case .band(let names) = scale.kind {
            let shown = names.prefix(6).joined(separator: ", ") + (names.count > 6 ? ", …" : "")
            return "\(name) axis\(title), \(names.count) \(plural("category", names.count).replacingOccurrences(of: "ys", with: "ies")) (\(shown))"
        }
        let lo = Swift.min(scale.lower, scale.upper)
        let hi = Swift.max(scale.lower, scale.upper)
        return "\(name) axis\(title), \(scale.kindName) from \(readable(lo)) to \(readable(hi))"
    }

    /// Up to four significant digits, integers without decimals.
    static func readable(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(format: "%.4g", v)
    }
}
