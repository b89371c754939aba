import Learning

/// Named blocks of a model's flat parameter vector, for the weight-refined LLC (Wang, Hoogland,
/// van Wingerden, Furman, Murfet 2024): SGLD over one block with the rest held at w*.
extension TrainedModel {
    /// The flat-vector ranges of a block, or nil when no parameter answers to `name`:
    /// - a parameter's own name (`output`, `input.0`, `layer1.weight`, `attn.q`);
    /// - a layer, the prefix before a dot (`layer1` = `layer1.weight` and `layer1.bias`; `attn`,
    ///   `mlp`, `input`);
    /// - for a transformer, `head.h` (h from 0): head h's rows of `attn.q`, `attn.k`, `attn.v`
    ///   (rows h·d_head ..< (h+1)·d_head) and its columns of `attn.o` (the same span in every row).
    public func parameterRanges(named name: String) -> [Range<Int>]? {
        var offsets: [String: (start: Int, shape: [Int])] = [:]
        var start = 0
        for (n, shape) in parameterLayout {
            offsets[n] = (start, shape)
            start += shape.reduce(1, *)
        }
        func whole(_ n: String) -> Range<Int> {
            let (s, shape) = offsets[n]!
            return s..<(s + shape.reduce(1, *))
        }
        if offsets[name] != nil { return [whole(name)] }
        let layer = parameterLayout.map(\.name).filter { $0.hasPrefix(name + ".") }
        if !layer.isEmpty { return layer.map(whole) }
        guard let transformer = architecture as? Transformer, name.hasPrefix("head."),
              let h = Int(name.dropFirst(5)), (0..<transformer.heads).contains(h) else { return nil }
        let dHead = transformer.dModel / transformer.heads, d = transformer.dModel
        let rows = ["attn.q", "attn.k", "attn.v"].map { n in
            offsets[n]!.start + h * dHead * d ..< offsets[n]!.start + (h + 1) * dHead * d
        }
        let o = offsets["attn.o"]!.start
        return rows + (0..<d).map { r in o + r * d + h * dHead ..< o + r * d + (h + 1) * dHead }
    }

    /// The names `parameterRanges(named:)` accepts, for messages: layers, parameters and heads.
    public var parameterBlockNames: [String] {
        let names = parameterLayout.map(\.name)
        var layers: [String] = []
        for n in names {
            if let dot = n.firstIndex(of: "."), !layers.contains(String(n[..<dot])) { layers.append(String(n[..<dot])) }
        }
        let heads = (architecture as? Transformer).map { t in (0..<t.heads).map { "head.\($0)" } } ?? []
        return layers + names + heads
    }
}

/// Sorted, disjoint ranges covering the union of `ranges` (named blocks may overlap, e.g. `attn`
/// and `head.0`; SGLD must move each coordinate once).
public func mergedRanges(_ ranges: [Range<Int>]) -> [Range<Int>] {
    var out: [Range<Int>] = []
    for r in ranges.filter({ !$0.isEmpty }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
        if let last = out.last, r.lowerBound <= last.upperBound {
            out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
        } else {
            out.append(r)
        }
    }
    return out
}
