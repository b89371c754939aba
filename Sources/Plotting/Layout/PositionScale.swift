import Foundation

/// A resolved position scale: maps data values onto a pixel interval.
///
/// Linear: `p = start + (v − lower) / (upper − lower) · (end − start)`.
/// Log: the same in `log₁₀ v`. Band: category `i` occupies `[i, i + 1)` of an index domain
/// `[0, n]`, and its bar is the middle `1 − padding` of that step.
struct PositionScale {
    enum Kind: Equatable {
        case linear
        case log
        case band([String])
    }

    let kind: Kind
    let lower: Double
    let upper: Double
    /// Pixel position of `lower` (for y, the bottom of the plot unless reversed).
    let start: Double
    /// Pixel position of `upper`.
    let end: Double
    let ticks: [Tick]

    static let bandPadding = 0.2

    /// The same scale with one tick per index 0..<names.count, labelled by the names (the named
    /// rows and columns of a heatmap, whose cells are centred on their indices).
    func labellingIndices(_ names: [String]) -> PositionScale {
        PositionScale(kind: kind, lower: lower, upper: upper, start: start, end: end,
                      ticks: names.enumerated().map { Tick(value: Double($0.offset), label: $0.element) })
    }

    /// True when `v` can be drawn on this scale (finite, and positive on a log scale).
    func accepts(_ v: Double) -> Bool {
        v.isFinite && (kind != .log || v > 0)
    }

    func position(_ v: Double) -> Double {
        let t: Double
        switch kind {
        case .log: t = (log10(v) - log10(lower)) / (log10(upper) - log10(lower))
        default: t = (v - lower) / (upper - lower)
        }
        return start + t * (end - start)
    }

    /// Pixel width of one band step.
    var bandStep: Double { abs(end - start) / Swift.max(1, upper - lower) }

    /// Left pixel and width of the bar of category `index`.
    func band(_ index: Int) -> (start: Double, width: Double) {
        let step = bandStep
        let left = Swift.min(position(Double(index)), position(Double(index + 1)))
        return (left + step * Self.bandPadding / 2, step * (1 - Self.bandPadding))
    }

    var categories: [String] {
        if case .band(let names) = kind { return names }
        return []
    }

    var kindName: String {
        switch kind {
        case .linear: return "linear"
        case .log: return "log"
        case .band: return "categorical"
        }
    }
}
