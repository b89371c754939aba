import Notebooks

/// What a cell produced: a value other cells and prose can read by the cell's id, an optional
/// artifact (a trained model, ...) for later directives, and what the report shows in its place.
public struct CellOutput: Sendable {
    public var value: Value?
    public var artifact: (any Sendable)?
    public var display: [CellDisplay]

    public init(value: Value? = nil, artifact: (any Sendable)? = nil, display: [CellDisplay] = []) {
        self.value = value
        self.artifact = artifact
        self.display = display
    }
}

/// Report content, independent of HTML (the Reports module decides how it looks).
public enum CellDisplay: Sendable {
    case table(TableContent)
    case figure(FigureContent)
    case claim(ClaimContent)
    /// Key facts of a cell, e.g. a training run's final metrics.
    case summary(title: String, items: [(label: String, value: String)])
    case note(String)
}

public struct TableContent: Sendable {
    public var caption: String?
    public var label: String?
    public var headers: [String]
    public var rows: [[String]]
    /// Column alignment: true for numeric columns (right-aligned).
    public var numeric: [Bool]

    public init(caption: String? = nil, label: String? = nil, headers: [String], rows: [[String]], numeric: [Bool]) {
        self.caption = caption
        self.label = label
        self.headers = headers
        self.rows = rows
        self.numeric = numeric
    }
}

public struct FigureContent: Sendable {
    public var svg: String
    /// The figure laid out again for a phone's width (absent when the figure is narrow already);
    /// the report shows it instead of `svg` on narrow screens.
    public var narrowSVG: String?
    public var caption: String?
    public var label: String?
    /// The data behind the figure, offered as a download.
    public var csv: String
    public var warnings: [String]

    public init(svg: String, narrowSVG: String? = nil, caption: String?, label: String?, csv: String, warnings: [String] = []) {
        self.svg = svg
        self.narrowSVG = narrowSVG
        self.caption = caption
        self.label = label
        self.csv = csv
        self.warnings = warnings
    }
}

public struct ClaimContent: Sendable {
    /// Whether the claim holds: at this seed in a cell's own output; across the notebook's seeds
    /// (at every one, or at `atLeast` of them) once `SeedRuns` has combined the runs.
    public var holds: Bool
    /// The statement in words (`says:`).
    public var says: String
    /// The expression that was checked (`that:`).
    public var that: String
    /// The values that decided it, formatted.
    public var values: [(source: String, value: String)]
    /// The top-level comparisons of `that`, both sides evaluated.
    public var comparisons: [Comparison]
    /// `at_least:` the fraction of seeds it must hold at (nil: every seed).
    public var atLeast: Double?
    /// The outcome at each of the notebook's seeds, first seed first (empty for a notebook
    /// without a `seed` parameter).
    public var seeds: [SeedOutcome]

    public init(holds: Bool, says: String, that: String, values: [(source: String, value: String)],
                comparisons: [Comparison] = [], atLeast: Double? = nil, seeds: [SeedOutcome] = []) {
        self.holds = holds
        self.says = says
        self.that = that
        self.values = values
        self.comparisons = comparisons
        self.atLeast = atLeast
        self.seeds = seeds
    }

    /// The seeds it holds at.
    public var seedsHeld: Int { seeds.filter(\.holds).count }
}

/// A claim's condition evaluated at one seed.
public struct SeedOutcome: Sendable {
    public var seed: Int
    public var holds: Bool
    public var comparisons: [Comparison]
    /// Set when the claim could not be evaluated at this seed (a cell it reads failed).
    public var problem: String?

    public init(seed: Int, holds: Bool, comparisons: [Comparison], problem: String? = nil) {
        self.seed = seed
        self.holds = holds
        self.comparisons = comparisons
        self.problem = problem
    }
}
