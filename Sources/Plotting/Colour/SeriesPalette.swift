/// Colours of the series of a figure: the Okabe–Ito palette (Okabe & Ito, "Color Universal
/// Design", 2002), distinguishable under the common colour-vision deficiencies. Series `i` uses
/// the CSS class `s{i mod 8}` whose colour is `var(--folio-series-{i}, <default>)`.
public enum SeriesPalette {
    /// Orange, sky blue, bluish green, reddish purple, vermillion, blue, black, yellow. The two
    /// blues are four apart and the first four colours differ in hue and lightness, so figures
    /// with up to four series never pair colours that read alike. Yellow comes last because it
    /// has the least contrast on white; black is turned light by the stylesheet's dark scheme.
    public static let okabeIto: [RGB] = [
        "#e69f00", "#56b4e9", "#009e73", "#cc79a7", "#d55e00", "#0072b2", "#000000", "#f0e442",
    ].map(RGB.init(hex:))

    static func colour(_ series: Int) -> RGB { okabeIto[index(series)] }
    static func className(_ series: Int) -> String { "s\(index(series))" }
    /// `series mod 8`, in 0..<8 for negative series too.
    static func index(_ series: Int) -> Int { (series % okabeIto.count + okabeIto.count) % okabeIto.count }
}
