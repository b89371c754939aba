/// Colours of the series of a figure: the Okabe–Ito palette (Okabe & Ito, "Color Universal
/// Design", 2002), distinguishable under the common colour-vision deficiencies. Series `i` uses
/// the CSS class `s{i mod 8}` whose colour is `var(--folio-series-{i}, <default>)`.
public enum SeriesPalette {
    /// Orange, sky blue, bluish green, blue, vermillion, reddish purple, yellow, black.
    public static let okabeIto: [RGB] = [
        "#e69f00", "#56b4e9", "#009e73", "#0072b2", "#d55e00", "#cc79a7", "#f0e442", "#000000",
    ].map(RGB.init(hex:))

    static func colour(_ series: Int) -> RGB { okabeIto[series % okabeIto.count] }
    static func className(_ series: Int) -> String { "s\(series % okabeIto.count)" }
}
