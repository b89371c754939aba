extension Figure {
    /// Default CSS for figures, to be inlined once in a report. Every figure also carries its
    /// default colours as presentation attributes, so it renders the same without this sheet;
    /// the sheet lets a page restyle figures through variables:
    /// `--folio-fg` (text, axes, grid), `--folio-bg` (lines that part heatmap rows), `--folio-series-0` … `--folio-series-7` (Okabe–Ito by
    /// default). The dark-scheme block swaps the foreground and the palette's black to light
    /// values; heatmap colours are data and stay as they are. Font sizes are fixed in the SVG
    /// because the margins were computed for them.
    public static let stylesheet: String = {
        var css = """
        .folio-fig{color:var(--folio-fg,#222222);max-width:100%;height:auto;overflow:visible}
        .folio-fig text{fill:currentColor}
        .folio-fig .row-break{stroke:var(--folio-bg,#ffffff)}

        """
        for (i, colour) in SeriesPalette.okabeIto.enumerated() {
            css += ".folio-fig .s\(i){color:var(--folio-series-\(i),\(colour.hex))}\n"
        }
        css += """
        @media (prefers-color-scheme: dark){:root{--folio-fg:#e6e6e6;--folio-series-6:#f2f2f2}}

        """
        return css
    }()
}
