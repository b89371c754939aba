import Foundation

/// Turns an `Axis` and the data extent into a `PositionScale` with ticks.
enum AxisResolver {
    /// Pixels per tick interval aimed at: wide enough for labels on x, comfortable on y.
    static let xTickSpacing = 80.0
    static let yTickSpacing = 55.0
    /// Heatmap index axes have short labels and few cells: denser ticks.
    static let indexTickSpacing = 40.0

    static func resolve(_ axis: Axis, kind: ScaleKind, extent: PanelData.Extent?, categories: [String],
                        includesZero: Bool, exact: Bool, padsEnds: Bool = false, shared: SharedDomain?,
                        start: Double, end: Double, isX: Bool) -> PositionScale {
        let length = abs(end - start)
        switch kind {
        case .band:
            let ticks = categories.enumerated().map { Tick(value: Double($0.offset) + 0.5, label: $0.element) }
            return PositionScale(kind: .band(categories), lower: 0, upper: Double(Swift.max(1, categories.count)),
                                 start: start, end: end, ticks: ticks)
        case .log:
            var lo = axis.min.flatMap { $0 > 0 && $0.isFinite ? $0 : nil } ?? extent?.min ?? 1
            var hi = axis.max.flatMap { $0 > 0 && $0.isFinite ? $0 : nil } ?? extent?.max ?? 10
            if let shared {
                lo = shared.lower
                hi = shared.upper
            } else {
                if lo > hi { swap(&lo, &hi) }
                if hi / lo < 1 + 1e-9 {
                    lo /= 2
                    hi *= 2
                }
                if axis.nice && !exact {
                    // A margin of 3% of the span in log units on each side, not whole decades:
                    // data over 1e-3–1e-2 on an axis over 1e-4–1e-1 would fill a third of it.
                    let pad = Foundation.pow(hi / lo, 0.03)
                    lo = axis.min ?? lo / pad
                    hi = axis.max ?? hi * pad
                }
            }
            let maxMajor = Swift.max(2, Int(length / (isX ? 60 : 30)))
            let ticks = Ticks.log(lo, hi, format: axis.format, maxMajorCount: maxMajor)
            return PositionScale(kind: .log, lower: lo, upper: hi, start: start, end: end, ticks: ticks)
        case .linear:
            let spacing = exact ? indexTickSpacing : (isX ? xTickSpacing : yTickSpacing)
            var count = Swift.max(3, Int(length / spacing))
            while true {
                let (lo, hi, step) = linearDomain(axis, extent: extent, includesZero: includesZero, exact: exact,
                                                  shared: shared, count: count, isX: isX, padsEnds: padsEnds)
                let ticks = Ticks.ticks(Ticks.linearNumbers(lo, hi, step: step), format: axis.format)
                let scale = PositionScale(kind: .linear, lower: lo, upper: hi, start: start, end: end, ticks: ticks)
                if count <= 2 || !isX || !labelsOverlap(scale) { return scale }
                count -= 1
            }
        }
    }

    /// The domain and the tick step: the step is chosen for the data extent and the domain then
    /// extended to multiples of it, so the ticks of the final domain use the same step.
    private static func linearDomain(_ axis: Axis, extent: PanelData.Extent?, includesZero: Bool, exact: Bool,
                                     shared: SharedDomain?, count: Int, isX: Bool, padsEnds: Bool) -> (Double, Double, DecimalNumber) {
        if let shared {
            return (shared.lower, shared.upper, Ticks.decimalStep(span: shared.upper - shared.lower, count: count))
        }
        let fixedMin = axis.min.flatMap { $0.isFinite ? $0 : nil }
        let fixedMax = axis.max.flatMap { $0.isFinite ? $0 : nil }
        var lo = fixedMin ?? extent?.min ?? (fixedMax.map { $0 - 1 } ?? 0)
        var hi = fixedMax ?? extent?.max ?? (fixedMin.map { $0 + 1 } ?? 1)
        if includesZero || axis.includesZero {
            lo = Swift.min(lo, 0)
            hi = Swift.max(hi, 0)
        }
        (lo, hi) = Ticks.widened(lo, hi)
        if isX && padsEnds && axis.nice && !exact {
            let pad = (hi - lo) * 0.03
            if fixedMin == nil { lo -= pad }
            if fixedMax == nil { hi += pad }
        }
        var step = Ticks.decimalStep(span: hi - lo, count: count)
        // Heatmap extents count rows and columns: ticks on whole indices only.
        if exact && step.exponent < 0 { step = DecimalNumber(mantissa: 1, exponent: 0) }
        // The value axis is extended to whole ticks; the x axis ends at the data (a run of 150
        // steps on an axis to 160 suggests steps that were never taken).
        if axis.nice && !exact && !isX {
            let niced = Ticks.niceDomain(lo, hi, step: step)
            lo = fixedMin ?? niced.lower
            hi = fixedMax ?? niced.upper
        }
        return (lo, hi, step)
    }

    /// Whether neighbouring horizontal tick labels would come closer than 8 px.
    private static func labelsOverlap(_ scale: PositionScale) -> Bool {
        let labelled = scale.ticks.filter { !$0.label.isEmpty }
        for (a, b) in zip(labelled, labelled.dropFirst()) {
            let gap = abs(scale.position(b.value) - scale.position(a.value))
            let half = (TextMetrics.width(a.label, fontSize: TextMetrics.tickFontSize)
                + TextMetrics.width(b.label, fontSize: TextMetrics.tickFontSize)) / 2
            if half + 8 > gap { return true }
        }
        return false
    }
}
