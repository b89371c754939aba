import Analysis
import Notebooks

/// `{permutation_null}`: are several distributions over the same categories (runs' Fourier
/// spectra, say) further apart or closer than if each had placed its weights on the categories at
/// random? Simulates that null (`PermutationNull`): each draw shuffles every distribution's
/// weights independently and takes the mean pairwise total variation distance.
///
///     id: mix_null
///     distributions: =[spectrum_0.share, spectrum_1.share, spectrum_2.share]
///     draws: 2000
///     seed: =params.seed
public enum PermutationNullDirective: Directive {
    public static let kind = "permutation_null"
    public static let summary = "Mean pairwise distance of distributions against random assignments of their weights."
    enum Field {
        static let observed = ResultField("observed", "mean pairwise total variation ½Σ|p−q|")
        static let pairs = ResultField("pairs", "each pair's, in the order (0,1), (0,2), …")
        static let nullMean = ResultField("null_mean"), nullStd = ResultField("null_std")
        static let nullLow = ResultField("null_low", "1st percentile of the null draws"), nullHigh = ResultField("null_high", "99th percentile")
        static let fractionBelow = ResultField("fraction_below", "share of null draws at or below `observed`"), draws = ResultField("draws")
    }
    public static let result = ResultField.describe([Field.observed, Field.pairs, Field.nullMean, Field.nullStd, Field.nullLow, Field.nullHigh,
                                                     Field.fractionBelow, Field.draws])
    static let draws = DirectiveOption<Int>("draws", "Null draws.", default: 2000)
    static let seed = DirectiveOption<Int>.seed("Seed of the shuffles.")
    public static let keys = [
        OptionKey("distributions", .any, required: true, "A list of at least two lists of non-negative weights over the same categories (an `=expression`)."),
        draws.key,
        seed.key,
    ]

    public static func run(_ cell: CellInput, context: RunContext) throws -> CellOutput {
        let options = cell.options
        let location = options.location(of: "distributions")
        guard case .list(let items)? = try options.value("distributions"), items.count >= 2 else {
            throw Diagnostic(at: location, "'distributions' must be a list of at least two lists of weights")
        }
        var distributions: [[Double]] = []
        for item in items {
            guard let weights = item.numbers, weights.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
                throw Diagnostic(at: location, "every distribution must be a list of non-negative numbers, found \(formatValue(item))")
            }
            distributions.append(weights)
        }
        guard Set(distributions.map(\.count)).count == 1, distributions[0].count >= 2 else {
            throw Diagnostic(at: location, "the distributions must share their categories (equal lengths of at least 2); lengths \(distributions.map(\.count))")
        }
        let draws = try options.read(Self.draws)
        guard (1...1_000_000).contains(draws) else { throw Diagnostic(at: options.location(of: "draws"), "'draws' must be between 1 and 1000000") }
        let result = PermutationNull.compare(distributions, draws: draws, seed: try options.seed(seed))
        let sorted = result.null.sorted()
        func percentile(_ q: Double) -> Double { sorted[min(sorted.count - 1, Int((q * Double(sorted.count - 1)).rounded()))] }
        let record = Record([
            (Field.observed, .number(result.observed)), (Field.pairs, .numbers(result.pairs)),
            (Field.nullMean, .number(result.nullMean)), (Field.nullStd, .number(result.nullStd)),
            (Field.nullLow, .number(percentile(0.01))), (Field.nullHigh, .number(percentile(0.99))),
            (Field.fractionBelow, .number(result.fractionBelow)), (Field.draws, .number(Double(draws))),
        ])
        return CellOutput(value: .record(record), display: [.summary(title: "Against random assignments (\(draws) draws)", items: [
            ("observed mean distance", formatValue(.number(result.observed))),
            ("null: mean ± std", "\(formatValue(.number(result.nullMean))) ± \(formatValue(.number(result.nullStd)))"),
            ("null draws at or below observed", ValueFormat.percent(1).format(.number(result.fractionBelow))),
        ])])
    }
}
