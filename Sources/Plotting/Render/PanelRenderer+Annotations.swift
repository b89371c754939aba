import Foundation

extension PanelRenderer {
    /// Rule labels and text annotations, drawn above the marks and outside the clip.
    func drawAnnotations(into out: inout SVGWriter) {
        let font = TextMetrics.tickFontSize
        let occupied = occupiedPixels()
        for layer in figure.layers {
            switch layer {
            case .rule(let m):
                guard let label = m.label, let place = ruleLabelPlace(m, label: label, occupied: occupied) else { continue }
                out.textElement("text", [("class", "annotation"), ("x", n(place.x)), ("y", n(place.y)),
                                         ("text-anchor", place.anchor)], label)
            case .text(let m):
                guard let (px, py) = point(m.x, m.y) else { continue }
                guard px >= layout.plotLeft - 1, px <= layout.plotRight + 1,
                      py >= layout.plotTop - 1, py <= layout.plotBottom + 1 else { continue }
                if m.showsPoint {
                    out.leaf("circle", [("class", "annotation"), ("cx", n(px)), ("cy", n(py)), ("r", "2.5")])
                }
                let width = TextMetrics.width(m.text, fontSize: font)
                var anchor = m.anchor
                var x = px + m.dx
                // Flip to the other side of the point rather than run past the plot.
                if anchor == .start && x + width > layout.plotRight {
                    anchor = .end
                    x = px - m.dx
                } else if anchor == .end && x - width < layout.plotLeft {
                    anchor = .start
                    x = px - m.dx
                }
                var y = py + m.dy
                y = Swift.min(layout.plotBottom - 2, Swift.max(layout.plotTop + font * 0.8, y))
                out.textElement("text", [("class", "annotation"), ("x", n(x)), ("y", n(y)),
                                         ("text-anchor", anchor.rawValue)], m.text)
            default:
                continue
            }
        }
    }

    /// Where a rule's label goes, so that it does not sit on the data it annotates. A horizontal
    /// rule's label is written right of the plot, level with the rule (`PanelLayout.ruleLabelWidth`
    /// keeps room for it). A vertical rule's goes, of the places beside it (top right, top left,
    /// bottom right, bottom left), to the first that covers the fewest data pixels. Nil when the
    /// rule is off the plot.
    func ruleLabelPlace(_ m: RuleMark, label: String, occupied: [(x: Double, y: Double, r: Double)]) -> (x: Double, y: Double, anchor: String)? {
        let font = TextMetrics.tickFontSize
        let width = TextMetrics.width(label, fontSize: font)
        var candidates: [(x: Double, y: Double, anchor: String)] = []
        if m.orientation == .horizontal {
            // Outside the plot, in the room the layout keeps for it, level with the rule.
            guard layout.y.accepts(m.value) else { return nil }
            let y = layout.y.position(m.value)
            guard y >= layout.plotTop - 1, y <= layout.plotBottom + 1 else { return nil }
            return (layout.plotRight + PanelLayout.ruleLabelGap, y + font * 0.35, "start")
        } else {
            guard layout.x.accepts(m.value), layout.x.categories.isEmpty else { return nil }
            let x = layout.x.position(m.value)
            guard x >= layout.plotLeft - 1, x <= layout.plotRight + 1 else { return nil }
            for baseline in [layout.plotTop + font, layout.plotBottom - 4] {
                if x + 4 + width <= layout.plotRight { candidates.append((x + 4, baseline, "start")) }
                if x - 4 - width >= layout.plotLeft { candidates.append((x - 4, baseline, "end")) }
            }
        }
        guard !candidates.isEmpty else { return nil }
        func covered(_ c: (x: Double, y: Double, anchor: String)) -> Int {
            let left = c.anchor == "end" ? c.x - width : c.x
            let (x0, x1, y0, y1) = (left - 3, left + width + 3, c.y - font - 2, c.y + 3)
            // A mark of radius r touches the box when its centre is within r of it.
            return occupied.reduce(0) { $0 + ($1.x >= x0 - $1.r && $1.x <= x1 + $1.r && $1.y >= y0 - $1.r && $1.y <= y1 + $1.r ? 1 : 0) }
        }
        var best = candidates[0], fewest = covered(best)
        for c in candidates.dropFirst() where fewest > 0 {
            let k = covered(c)
            if k < fewest { (best, fewest) = (c, k) }
        }
        return best
    }

    /// Pixels the data occupies, with the radius of the mark there: scatter points (merged as
    /// drawn), line vertices and points every 2 px along each
    /// segment, band edges, bar and bin tops.
    func occupiedPixels() -> [(x: Double, y: Double, r: Double)] {
        var pixels: [(x: Double, y: Double, r: Double)] = []
        func trace(_ xs: [Double], _ ys: [Double]) {
            var previous: (Double, Double)?
            for i in 0..<Swift.min(xs.count, ys.count) {
                guard let p = point(xs[i], ys[i]), p.0.isFinite, p.1.isFinite else { previous = nil; continue }
                if let q = previous {
                    let steps = Swift.min(400, Int(Swift.min(1e6, Swift.max(abs(p.0 - q.0), abs(p.1 - q.1))) / 2))
                    if steps > 1 {
                        for k in 1..<steps {
                            let t = Double(k) / Double(steps)
                            pixels.append((q.0 + (p.0 - q.0) * t, q.1 + (p.1 - q.1) * t, 1.5))
                        }
                    }
                }
                pixels.append((p.0, p.1, 1.5))
                previous = p
            }
        }
        for layer in figure.layers {
            switch layer {
            case .line(let m): trace(m.x, m.y)
            case .scatter(let m):
                for g in scatterGroups(m) { pixels.append((g.px, g.py, Self.mergedRadius(m.radius, count: g.members.count))) }
            case .band(let m):
                trace(m.x, m.lower)
                trace(m.x, m.upper)
            case .bar(let m):
                if case .numeric(let xs, _) = m.placement { trace(xs, m.values) }
            case .histogram(let m):
                let edges = m.binning.edges
                trace(m.heights.indices.map { (edges[$0] + edges[$0 + 1]) / 2 }, m.heights)
            default: continue
            }
        }
        return pixels
    }
}
