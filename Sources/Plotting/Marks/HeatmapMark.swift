/// A matrix drawn as coloured cells with a colour bar. Row 0 is at the top (as a matrix is
/// printed) and column j is centred on x = j, row i on y = i, so integer ticks label indices.
/// Non-finite cells are left blank and counted.
public struct HeatmapMark: Sendable {
    /// Rows of the matrix; ragged rows are padded with blanks to the longest row.
    public var values: [[Double]]
    public var colourMap: ColourMap
    /// Fixed colour domain; `nil` uses the data range (sequential) or `[−m, m]` with m the
    /// largest |value| (diverging), so zero sits at the centre colour.
    public var domain: (min: Double, max: Double)?
    /// Title of the colour bar.
    public var label: String?
    public var format: TickFormat
    /// Names of the columns, drawn as the x tick labels (one per column, in order) in place of the
    /// column indices; ignored unless there is one per column.
    public var columnLabels: [String]?
    /// Names of the rows, drawn as the y tick labels in place of the row indices; ignored unless
    /// there is one per row.
    public var rowLabels: [String]?
    /// Rows before which a separating line is drawn (e.g. [4] parts rows 0–3 from rows 4–…), for
    /// matrices that stack groups of rows.
    public var rowBreaks: [Int]

    public init(values: [[Double]], colourMap: ColourMap = .viridis, domain: (min: Double, max: Double)? = nil,
                label: String? = nil, format: TickFormat = .auto, columnLabels: [String]? = nil, rowLabels: [String]? = nil,
                rowBreaks: [Int] = []) {
        self.rowBreaks = rowBreaks
        self.values = values
        self.colourMap = colourMap
        self.domain = domain
        self.label = label
        self.format = format
        self.columnLabels = columnLabels
        self.rowLabels = rowLabels
    }

    /// The column labels when there is one per column.
    var usableColumnLabels: [String]? { columnLabels.flatMap { $0.count == columnCount && columnCount > 0 ? $0 : nil } }
    /// The row labels when there is one per row.
    var usableRowLabels: [String]? { rowLabels.flatMap { $0.count == rowCount && rowCount > 0 ? $0 : nil } }

    var rowCount: Int { values.count }
    var columnCount: Int { values.map(\.count).max() ?? 0 }

    /// The colour domain actually used (finite, lower < upper).
    var resolvedDomain: (min: Double, max: Double) {
        if let domain, domain.min.isFinite, domain.max.isFinite, domain.min < domain.max { return domain }
        let finite = values.joined().filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else {
            return colourMap == .diverging ? (-1, 1) : (0, 1)
        }
        if colourMap == .diverging {
            let m = Swift.max(abs(lo), abs(hi))
            return m > 0 ? (-m, m) : (-1, 1)
        }
        let widened = Ticks.widened(lo, hi)
        return (widened.lower, widened.upper)
    }
}
