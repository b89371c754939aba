import Notebooks
import Plotting
import Runner

/// `{stem}`: a directive that lives outside Folio's sources and draws a figure — a stem plot,
/// each value as a vertical rule from 0 with a dot on top. It shows what adding a figure
/// directive takes: this one file (public API only: note the plain `import Runner`) and its
/// type in a registry. Numbering, the figure's id and label, the caption, the CSV download, the
/// check-phase schema and the reference in the docs all follow from its declarations.
enum StemDirective: Directive {
    static let kind = "stem"
    static let summary = "Values drawn as stems from zero."
    static let result = FigureOptions.result
    static let traits: Set<DirectiveTrait> = [.drawsFigure, .presentsOnly]

    static let values = DirectiveOption<Notebooks.Value>("values", "The heights, one per stem.", required: true)
    static let baseline = DirectiveOption<Double>("baseline", "Where the stems start.", default: 0)
    static let keys = FigureOptions.axisKeys + OptionKey.of(values, baseline)

    static func run(_ cell: CellInput, context: RunContext) throws -> CellOutput {
        let options = cell.options
        let heights = try FigureOptions.requiredNumbers(options, values.name)
        let base = try options.read(baseline)
        let x = heights.indices.map(Double.init)
        let stems: [Mark] = heights.indices.map { i in
            .line(LineMark(x: [x[i], x[i]], y: [base, heights[i]], colour: 0))
        }
        let dots = Mark.scatter(ScatterMark(x: x, y: heights, label: "value", colour: 0))
        let figure = try FigureOptions.figure(options, context: context, layers: stems + [dots])
        return try FigureOptions.output(figure, options: options)
    }
}
