import Foundation
import Plotting

/// One figure of each kind, used by the snapshot tests (and looked at in Chromium before the
/// snapshots were recorded).
enum SnapshotFigures {
    static func line() -> Figure {
        let x = SampleData.range(121, from: 0, to: 12)
        var y1 = x.map { sin($0) }
        var y2 = x.map { 0.5 * cos($0) }
        for i in 40..<46 { y1[i] = .nan }  // a gap
        y2[80] = .infinity
        return Figure(id: "line", title: "Line with a gap at NaN", x: Axis("time (s)"), y: Axis("signal"),
                      layers: [.line(LineMark(x: x, y: y1, label: "sin t")),
                               .line(LineMark(x: x, y: y2, label: "½ cos t", dashed: true))])
    }

    static func scatter() -> Figure {
        var g = SampleData.Generator(state: 7)
        let a = (0..<80).map { _ in g.normal() }
        let b = a.map { 0.8 * $0 + 0.4 * g.normal() }
        let c = (0..<60).map { _ in g.normal() * 0.5 + 1.5 }
        let d = c.map { -0.5 * $0 + 0.3 * g.normal() }
        return Figure(id: "scatter", title: "Scatter of two classes, with a title long enough that it wraps onto a second line instead of running off the figure", x: Axis("feature 1"), y: Axis("feature 2"),
                      layers: [.scatter(ScatterMark(x: a, y: b, label: "class A")),
                               .scatter(ScatterMark(x: c, y: d, label: "class B"))])
    }

    static func band() -> Figure {
        let steps = SampleData.range(50, from: 0, to: 4900)
        let mean = steps.map { 0.9 - 0.7 * exp(-$0 / 1200) }
        let std = steps.map { 0.08 * exp(-$0 / 2500) + 0.01 }
        return Figure(id: "band", title: "Test accuracy, mean ± std over 5 seeds", x: Axis("step"),
                      y: Axis("accuracy", format: .percent),
                      layers: [.band(BandMark(x: steps, lower: zip(mean, std).map { $0 - $1 },
                                              upper: zip(mean, std).map { $0 + $1 }, label: "width 512")),
                               .line(LineMark(x: steps, y: mean, label: "width 512"))])
    }

    static func bar() -> Figure {
        let tasks = ["addition", "subtraction", "multiplication", "x² + y²", "parity"]
        return Figure(id: "bar", title: "Bars over categories", x: Axis("task"), y: Axis("test accuracy"),
                      layers: [.bar(BarMark(categories: tasks, values: [0.99, 0.97, 0.91, 0.62, 0.51], label: "MLP")),
                               .bar(BarMark(categories: tasks, values: [1.0, 0.99, 0.98, 0.87, 0.55], label: "transformer"))])
    }

    /// Long category names (rotated labels) and values in the hundreds of thousands (SI ticks).
    static func barRotated() -> Figure {
        let names = ["one-hot MLP", "transformer (2 layers)", "deep linear network", "random features", "kernel regression",
                     "nearest neighbour", "lookup table", "Fourier features"]
        return Figure(id: "bar-rotated", title: "Long category names", x: Axis("model"), y: Axis("parameters"),
                      layers: [.bar(BarMark(categories: names, values: [120_000, 410_000, 65_000, 250_000, 30_000, 0, 9409, 180_000]))])
    }

    static func histogram() -> Figure {
        var g = SampleData.Generator(state: 11)
        let values = (0..<1000).map { _ in g.normal() * 0.05 }
        return Figure(id: "histogram", title: "Histogram, Freedman–Diaconis bins", x: Axis("weight"), y: Axis("count"),
                      layers: [.histogram(HistogramMark(values: values, label: "layer 1"))])
    }

    static func heatmap() -> Figure {
        let values = (0..<24).map { i in (0..<32).map { j in sin(Double(i) / 4) * cos(Double(j) / 5) * 0.8 } }
        return Figure(id: "heatmap", title: "Heatmap, diverging colour map", x: Axis("input"), y: Axis("neuron"),
                      width: 560, height: 420,
                      layers: [.heatmap(HeatmapMark(values: values, colourMap: .diverging, label: "weight"))])
    }

    static func viridisHeatmap() -> Figure {
        let p = 23
        let values = (0..<p).map { a in (0..<p).map { b in Double((a * b) % p) } }
        return Figure(id: "heatmap-viridis", title: "a·b mod 23, viridis", x: Axis("b"), y: Axis("a"),
                      width: 520, height: 440,
                      layers: [.heatmap(HeatmapMark(values: values, label: "a·b mod 23"))])
    }

    /// A grid of small heatmaps (3 × 4 matrices: integer index ticks only) and a histogram.
    static func heatmapGrid() -> FigureGrid {
        let small = (0..<3).map { i in (0..<4).map { j in Double(i * 4 + j) - 5.5 } }
        var g = SampleData.Generator(state: 3)
        return FigureGrid(id: "heatmap-grid", title: "Mixed panels", panels: [
            Figure(id: "m", title: "3 × 4 weights", x: Axis("column"), y: Axis("row"),
                   layers: [.heatmap(HeatmapMark(values: small, colourMap: .diverging))]),
            Figure(id: "h", title: "density", x: Axis("value"), y: Axis("density"),
                   layers: [.histogram(HistogramMark(values: (0..<300).map { _ in g.normal() }, label: "sample", density: true)),
                            .line(LineMark(x: SampleData.range(61, from: -3, to: 3), y: SampleData.range(61, from: -3, to: 3).map { exp(-$0 * $0 / 2) / (2 * Double.pi).squareRoot() }, label: "N(0, 1)"))]),
        ], columns: 2)
    }

    static func rules() -> Figure {
        let steps = SampleData.range(100, from: 0, to: 9900)
        let train = steps.map { min(1, 0.1 + $0 / 800) }
        let test = steps.map { 0.05 + 0.9 / (1 + exp(-($0 - 6000) / 400)) }
        return Figure(id: "rules", title: "Rules and annotations", x: Axis("step"), y: Axis("accuracy", min: 0, max: 1),
                      layers: [.line(LineMark(x: steps, y: train, label: "train")),
                               .line(LineMark(x: steps, y: test, label: "test")),
                               .rule(RuleMark(y: 0.5, label: "chance")),
                               .rule(RuleMark(x: 6000, label: "grokking")),
                               .text(TextMark(x: 1000, y: 1, text: "memorized", dy: 14)),
                               .text(TextMark(x: 9000, y: 0.9, text: "generalizes at the end", dy: 14))])
    }

    static func legend() -> Figure {
        let x = SampleData.range(60, from: 0, to: 6)
        let widths = [16, 32, 64, 128, 256, 512]
        var layers: [Mark] = widths.enumerated().map { i, w in
            .line(LineMark(x: x, y: x.map { exp(-$0 * Double(i + 1) / 4) }, label: "width \(w)"))
        }
        layers.append(.scatter(ScatterMark(x: [1, 3, 5], y: [0.6, 0.3, 0.1], label: "measured")))
        layers.append(.band(BandMark(x: [0, 6], lower: [0.0, 0.0], upper: [0.05, 0.05], label: "noise floor")))
        return Figure(id: "legend", title: "Legend with many series", x: Axis("epoch"), y: Axis("loss"), layers: layers)
    }

    static func smallMultiples() -> FigureGrid {
        let x = SampleData.range(40, from: 0, to: 2000)
        let panels = [16, 64, 256, 1024].map { width -> Figure in
            let rate = Double(width) / 200
            return Figure(id: "w\(width)", title: "width \(width)", x: Axis("step"), y: Axis("loss", scale: .log),
                          layers: [.line(LineMark(x: x, y: x.map { exp(-$0 * rate / 1000) + 1e-3 }, label: "train")),
                                   .line(LineMark(x: x, y: x.map { exp(-$0 * rate / 2000) + 0.01 }, label: "test"))])
        }
        return FigureGrid(id: "multiples", title: "Small multiples with shared axes", panels: panels, columns: 2,
                          sharesX: true, sharesY: true)
    }

    static func logAxis() -> Figure {
        let n = SampleData.range(9, from: 1, to: 5).map { pow(10, $0) }
        let error = n.map { 2 / $0.squareRoot() }
        var dirty = error
        dirty[0] = 0  // left out of the log scale, and reported
        return Figure(id: "log", title: "Log–log axes", x: Axis("samples", scale: .log), y: Axis("error", scale: .log),
                      layers: [.line(LineMark(x: n, y: dirty, label: "measured")),
                               .line(LineMark(x: n, y: n.map { 1 / $0.squareRoot() }, label: "n^(−1/2)", dashed: true))])
    }

    static let all: [(name: String, render: @Sendable () -> SVGResult)] = [
        ("line", { line().render() }),
        ("scatter", { scatter().render() }),
        ("band", { band().render() }),
        ("bar", { bar().render() }),
        ("bar-rotated", { barRotated().render() }),
        ("histogram", { histogram().render() }),
        ("heatmap", { heatmap().render() }),
        ("heatmap-viridis", { viridisHeatmap().render() }),
        ("rules", { rules().render() }),
        ("legend", { legend().render() }),
        ("small-multiples", { smallMultiples().render() }),
        ("heatmap-grid", { heatmapGrid().render() }),
        ("log", { logAxis().render() }),
    ]
}
