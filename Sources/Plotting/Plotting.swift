// Plotting: Folio's own SVG figures (see docs/architecture.md).
//
// A `Figure` holds axes (`Axis`) and layers (`Mark`); `Figure.render()` returns one SVG string
// with warnings about what was left out, and `Figure.csv()` the data behind it. `FigureGrid`
// lays several figures out as small multiples. Colours come from CSS variables with fallbacks
// (`Figure.stylesheet`), so a report's stylesheet can adapt them to a dark theme.
//
// Output rules: every string is escaped by `Markup.escape` (the Markup module, shared with the reports); every coordinate is written by
// `CoordinateFormat.swift` with two decimals at most; ids derive from the figure's id only, so
// two renders of the same figure are byte-identical.
