/// Continuous colour maps for heatmaps, each defined by equally spaced anchor colours and
/// linear interpolation in sRGB between them.
///
/// - `viridis`: sequential, perceptually uniform, readable in greyscale and by readers with
///   colour-vision deficiency (van der Walt & Smith, matplotlib, 2015). Ten anchors, the map
///   sampled at t = 0, 1/9, …, 1; between anchors the interpolated colour is within a few
///   8-bit steps of the published 256-entry table.
/// - `diverging`: blue (negative) – near-white (zero) – red (positive), the eleven classes of
///   ColorBrewer's RdBu (Harrower & Brewer, 2003) reversed. Used with a domain symmetric about
///   zero, so zero maps to the centre colour `#f7f7f7`.
public enum ColourMap: String, Sendable, Equatable, CaseIterable {
    case viridis
    case diverging

    static let viridisAnchors: [RGB] = [
        "#440154", "#482878", "#3e4989", "#31688e", "#26828e",
        "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725",
    ].map(RGB.init(hex:))

    static let divergingAnchors: [RGB] = [
        "#053061", "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7",
        "#fddbc7", "#f4a582", "#d6604d", "#b2182b", "#67001f",
    ].map(RGB.init(hex:))

    var anchors: [RGB] { self == .viridis ? Self.viridisAnchors : Self.divergingAnchors }

    /// The colour at `t ∈ [0, 1]` (clamped; NaN gives the start colour).
    public func colour(at t: Double) -> RGB {
        let anchors = self.anchors
        let clamped = t.isNaN ? 0 : Swift.min(1, Swift.max(0, t))
        let position = clamped * Double(anchors.count - 1)
        let index = Swift.min(anchors.count - 2, Int(position.rounded(.down)))
        return RGB.mix(anchors[index], anchors[index + 1], position - Double(index))
    }

    /// `levels` colours sampled at `t = i / (levels − 1)`: the table a heatmap quantizes to.
    public func table(levels: Int = 256) -> [RGB] {
        let count = Swift.max(2, levels)
        return (0..<count).map { colour(at: Double($0) / Double(count - 1)) }
    }
}
