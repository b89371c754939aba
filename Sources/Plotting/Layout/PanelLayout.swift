/// Where everything of one panel goes: margins, the plot rectangle, the resolved scales, and
/// the places of the legend and colour bar. Computed by `PanelLayout.plan`.
struct PanelLayout {
    var width: Double
    var height: Double
    var margins: Margins
    var x: PositionScale
    var y: PositionScale
    /// Band labels (or named heatmap columns) drawn at −45° because they are wider than their slot.
    var rotatesXLabels: Bool
    /// Widths reserved right of the plot (each includes its leading gap).
    var legendWidth: Double
    /// Legend entries per column (the legend wraps into columns when taller than the plot).
    var legendRowsPerColumn: Int
    /// Legend labels as drawn (long ones shortened with an ellipsis).
    var legendLabels: [String]
    /// Category labels as drawn (long rotated ones shortened with an ellipsis).
    var categoryLabels: [String]
    var colourBarWidth: Double
    /// Room right of the plot for the labels of horizontal rules, which are written there, at
    /// their rule's height, so that they never sit on the data (0 when no such rule is labelled).
    var ruleLabelWidth: Double = 0
    var colourTicks: [Tick]

    var plotLeft: Double { margins.left }
    var plotTop: Double { margins.top }
    var plotRight: Double { width - margins.right }
    var plotBottom: Double { height - margins.bottom }
    var plotWidth: Double { plotRight - plotLeft }
    var plotHeight: Double { plotBottom - plotTop }

    // Fixed distances, in pixels.
    static let pad = 8.0
    static let tickLength = 5.0
    static let minorTickLength = 3.0
    static let tickGap = 3.0
    static let labelGap = 6.0
    static let sideGap = 16.0
    /// Gap between the plot's right edge and a horizontal rule's label.
    static let ruleLabelGap = 4.0
    static let colourBarThickness = 12.0
    static let legendSwatch = 20.0
    static let legendRow = 18.0
    static let minimumPlotSize = 40.0
    /// Longest legend label, as a fraction of the figure width.
    static let maximumLegendLabelFraction = 0.3
    /// Longest rotated category label, in pixels.
    static let maximumCategoryLabelWidth = 140.0
}

/// A domain forced on a panel (shared scales of a `FigureGrid`).
struct SharedDomain: Equatable {
    var lower: Double
    var upper: Double
}

extension PanelLayout {
    /// Lays out a panel: iterates margins ↔ ticks until the margins hold the labels actually
    /// drawn (tick counts depend on the plot size, which depends on the margins).
    static func plan(_ figure: Figure, _ data: PanelData, width: Double, height: Double,
                     sharedX: SharedDomain? = nil, sharedY: SharedDomain? = nil,
                     minimumMargins: Margins = .zero) -> PanelLayout {
        // Sizes that are not finite or not positive fall back to the defaults.
        let width = width.isFinite && width >= 1 ? Swift.min(width, 100_000) : 640
        let height = height.isFinite && height >= 1 ? Swift.min(height, 100_000) : 400
        var margins = Margins(top: 16, right: 16, bottom: 40, left: 48).union(minimumMargins)
        var layout = build(figure, data, width, height, margins, sharedX, sharedY)
        for _ in 0..<4 {
            let needed = requiredMargins(figure, data, layout).union(minimumMargins)
            if needed == margins { break }
            margins = needed
            layout = build(figure, data, width, height, margins, sharedX, sharedY)
        }
        // A final pass may only grow the margins, so that whatever the last ticks are, they fit.
        let needed = requiredMargins(figure, data, layout).union(margins)
        if needed != margins {
            layout = build(figure, data, width, height, needed, sharedX, sharedY)
        }
        return layout
    }

    private static func build(_ figure: Figure, _ data: PanelData, _ width: Double, _ height: Double, _ margins: Margins,
                              _ sharedX: SharedDomain?, _ sharedY: SharedDomain?) -> PanelLayout {
        let plotWidth = Swift.max(minimumPlotSize, width - margins.left - margins.right)
        let plotHeight = Swift.max(minimumPlotSize, height - margins.top - margins.bottom)
        let left = margins.left
        let top = margins.top
        var x = AxisResolver.resolve(figure.x, kind: data.xKind, extent: data.xExtent, categories: data.categories,
                                     includesZero: false, exact: data.exactX, padsEnds: data.padsX, shared: sharedX,
                                     start: left, end: left + plotWidth, isX: true)
        var y = AxisResolver.resolve(figure.y, kind: data.yKind, extent: data.yExtent, categories: [],
                                     includesZero: data.valueAxisIncludesZero, exact: data.exactY, shared: sharedY,
                                     start: data.yReversed ? top : top + plotHeight,
                                     end: data.yReversed ? top + plotHeight : top, isX: false)
        // Named heatmap rows and columns: one tick per cell, at its index, labelled with its name.
        let columnNames = data.heatmap?.usableColumnLabels
        if let names = columnNames { x = x.labellingIndices(names) }
        if let names = data.heatmap?.usableRowLabels { y = y.labellingIndices(names) }
        var rotates = false
        var categoryLabels: [String] = []
        var slotNames: (names: [String], width: Double)?
        if case .band(let names) = x.kind { slotNames = (names, x.bandStep) }
        if let names = columnNames { slotNames = (names, abs(x.position(1) - x.position(0))) }
        if let (names, slot) = slotNames {
            let widest = names.map { TextMetrics.width($0, fontSize: TextMetrics.tickFontSize) }.max() ?? 0
            rotates = widest + 4 > slot
            categoryLabels = rotates
                ? names.map { TextMetrics.truncate($0, toWidth: maximumCategoryLabelWidth, fontSize: TextMetrics.tickFontSize) }
                : names
        }
        var colourTicks: [Tick] = []
        var colourBarWidth = 0.0
        if let heatmap = data.heatmap {
            let domain = heatmap.resolvedDomain
            let count = Swift.max(2, Int(plotHeight / 60))
            colourTicks = Ticks.linear(domain.min, domain.max, count: count, format: heatmap.format)
                .filter { $0.value >= domain.min - 1e-12 * abs(domain.min) && $0.value <= domain.max + 1e-12 * abs(domain.max) }
            let widest = colourTicks.map { TextMetrics.width($0.label, fontSize: TextMetrics.tickFontSize) }.max() ?? 0
            colourBarWidth = sideGap + colourBarThickness + tickLength + tickGap + widest
            if heatmap.label != nil { colourBarWidth += labelGap + TextMetrics.labelFontSize }
        }
        var legendWidth = 0.0
        var rowsPerColumn = Swift.max(1, data.legend.count)
        var legendLabels: [String] = []
        if figure.showsLegend && !data.legend.isEmpty {
            let maximum = width * maximumLegendLabelFraction
            legendLabels = data.legend.map { TextMetrics.truncate($0.label, toWidth: maximum, fontSize: TextMetrics.tickFontSize) }
            rowsPerColumn = Swift.max(1, Int(plotHeight / legendRow))
            var start = 0
            legendWidth = 0
            while start < legendLabels.count {
                let column = legendLabels[start..<Swift.min(legendLabels.count, start + rowsPerColumn)]
                let widest = column.map { TextMetrics.width($0, fontSize: TextMetrics.tickFontSize) }.max() ?? 0
                legendWidth += sideGap + legendSwatch + labelGap + widest
                start += rowsPerColumn
            }
        }
        let ruleLabels = figure.layers.compactMap { layer -> String? in
            if case .rule(let m) = layer, m.orientation == .horizontal { return m.label } else { return nil }
        }
        let ruleLabelWidth = ruleLabels.isEmpty ? 0 : ruleLabelGap + (ruleLabels.map { TextMetrics.width($0, fontSize: TextMetrics.tickFontSize) }.max() ?? 0)
        return PanelLayout(width: Swift.max(width, margins.left + margins.right + minimumPlotSize),
                           height: Swift.max(height, margins.top + margins.bottom + minimumPlotSize),
                           margins: margins, x: x, y: y, rotatesXLabels: rotates,
                           legendWidth: legendWidth, legendRowsPerColumn: rowsPerColumn, legendLabels: legendLabels,
                           categoryLabels: categoryLabels, colourBarWidth: colourBarWidth,
                           ruleLabelWidth: ruleLabelWidth, colourTicks: colourTicks)
    }

    /// Margins that hold the tick labels, axis titles, title, legend and colour bar of `layout`.
    private static func requiredMargins(_ figure: Figure, _ data: PanelData, _ layout: PanelLayout) -> Margins {
        let tick = TextMetrics.tickFontSize
        let label = TextMetrics.labelFontSize
        let yLabels = layout.y.ticks.filter { !$0.label.isEmpty }.map { TextMetrics.width($0.label, fontSize: tick) }
        var left = pad + (yLabels.max() ?? 0) + tickLength + tickGap
        if figure.y.label != nil { left += label + labelGap }
        var bottom = pad + tickLength + tickGap
        let xLabelWidths = layout.xTickLabels.filter { !$0.isEmpty }.map { TextMetrics.width($0, fontSize: tick) }
        if layout.rotatesXLabels {
            bottom += (xLabelWidths.max() ?? 0) * 0.7072 + tick
        } else {
            bottom += tick
        }
        if figure.x.label != nil { bottom += labelGap + label }
        var top = pad + tick / 2
        if let title = figure.title {
            let lines = TextWrap.lines(title, width: layout.width - 2 * pad, fontSize: TextMetrics.titleFontSize)
            top = pad + TextWrap.titleHeight(lineCount: lines.count) + labelGap + tick / 2
        }
        // Horizontal labels centred on the first and last x ticks overhang the plot by half.
        let labelled = layout.x.ticks.filter { !$0.label.isEmpty }
        var right = pad + layout.ruleLabelWidth + layout.legendWidth + layout.colourBarWidth
        if !layout.rotatesXLabels, let last = labelled.last {
            let overhang = layout.x.position(last.value) + TextMetrics.width(last.label, fontSize: tick) / 2 - layout.plotRight
            right = Swift.max(right, pad + overhang)
        }
        if !layout.rotatesXLabels, let first = labelled.first {
            let overhang = layout.plotLeft - (layout.x.position(first.value) - TextMetrics.width(first.label, fontSize: tick) / 2)
            left = Swift.max(left, pad + overhang)
        }
        if layout.rotatesXLabels, let first = xLabelWidths.first, let firstTick = labelled.first {
            // Rotated labels end at their tick and extend left and down.
            let overhang = layout.plotLeft - (layout.x.position(firstTick.value) - first * 0.7072)
            left = Swift.max(left, pad + overhang)
        }
        func rounded(_ v: Double) -> Double { (v * 4).rounded(.up) / 4 }
        return Margins(top: rounded(top), right: rounded(right), bottom: rounded(bottom), left: rounded(left))
    }
}

extension PanelLayout {
    /// The x tick labels as drawn, one per tick.
    var xTickLabels: [String] {
        categoryLabels.count == x.ticks.count ? categoryLabels : x.ticks.map(\.label)
    }
}
