/// Splits and reads the YAML front matter between a first line `---` and the next `---` (or `...`).
enum FrontMatterParser {
    /// Returns the front matter and the document with the front-matter lines blanked out (so that
    /// cmark's line numbers stay the file's line numbers).
    static func split(_ source: String, file: String) throws(Diagnostic) -> (yaml: String?, body: String) {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.first, first.trimmingTrailingSpace == "---" else { return (nil, source) }
        guard let end = lines.indices.dropFirst().first(where: { ["---", "..."].contains(lines[$0].trimmingTrailingSpace) }) else {
            throw Diagnostic(
                at: SourceLocation(file: file, line: 1, column: 1),
                "front matter opened here is never closed",
                note: "end it with a line containing only '---'")
        }
        let yaml = lines[1..<end].joined(separator: "\n")
        for i in 0...end { lines[i] = "" }
        return (yaml, lines.joined(separator: "\n"))
    }

    static func parse(_ yaml: String?, file: String, defaultTitle: String) throws(DiagnosticList) -> FrontMatter {
        var front = FrontMatter(title: defaultTitle, description: "", params: [], rawHTML: false, numberSections: false)
        guard let yaml else { return front }
        let node: OptionNode?
        do { node = try YAMLReader.read(yaml, file: file, firstLine: 2) } catch { throw DiagnosticList([error]) }
        guard let node else { return front }
        guard let entries = node.entries else {
            throw DiagnosticList([Diagnostic(at: node.location, "front matter must be a mapping of keys such as 'title' and 'params'")])
        }
        var problems: [Diagnostic] = []
        for entry in entries {
            switch entry.key {
            case "title", "description":
                guard case .string(let s)? = entry.value.scalarValue else {
                    problems.append(Diagnostic(at: entry.value.location, "'\(entry.key)' must be text"))
                    continue
                }
                if entry.key == "title" { front.title = s } else { front.description = s }
            case "bibliography":
                guard case .string(let s)? = entry.value.scalarValue, s.hasSuffix(".bib") else {
                    problems.append(Diagnostic(at: entry.value.location, "'bibliography' must name a BibTeX file (.bib), relative to the notebook"))
                    continue
                }
                front.bibliography = s
                front.bibliographyLocation = entry.value.location
            case "raw_html", "number_sections":
                guard case .bool(let b)? = entry.value.scalarValue else {
                    problems.append(Diagnostic(at: entry.value.location, "'\(entry.key)' must be true or false"))
                    continue
                }
                if entry.key == "raw_html" { front.rawHTML = b } else { front.numberSections = b }
            case "seeds":
                front.seedsLocation = entry.keyLocation
                if let seeds = seedList(entry.value) { front.seeds = seeds } else {
                    problems.append(Diagnostic(
                        at: entry.value.location, "'seeds' must be a list of distinct whole numbers from 0, e.g. [0, 1, 2, 3, 4]",
                        note: "each seed is bound in turn to params.seed, and every claim must hold at each"))
                }
            case "params":
                guard let params = entry.value.entries else {
                    problems.append(Diagnostic(at: entry.value.location, "'params' must be a mapping of names to default values"))
                    continue
                }
                for p in params {
                    guard let value = p.value.plainValue else {
                        problems.append(Diagnostic(at: p.value.location, "parameter '\(p.key)' needs a literal default (a number, text, boolean or list)"))
                        continue
                    }
                    front.params.append(Parameter(name: p.key, value: value, location: p.keyLocation))
                }
            default:
                problems.append(Diagnostic(
                    at: entry.keyLocation, "unknown front matter key '\(entry.key)'",
                    note: closestMatch(to: entry.key, in: FrontMatter.keys).map { "did you mean '\($0)'?" }
                        ?? "known keys: \(FrontMatter.keys.joined(separator: ", "))"))
            }
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return front
    }
}

/// A non-empty list of distinct whole numbers in [0, 2⁵³), or nil.
private func seedList(_ node: OptionNode) -> [Int]? {
    guard case .list(let items)? = node.plainValue, !items.isEmpty else { return nil }
    var seeds: [Int] = []
    for item in items {
        guard case .number(let x) = item, x >= 0, x == x.rounded(), x < 9_007_199_254_740_992, !seeds.contains(Int(x)) else { return nil }
        seeds.append(Int(x))
    }
    return seeds
}

extension OptionNode {
    /// The literal value of a node with no expressions: scalars, lists and mappings of them.
    public var plainValue: Value? {
        switch self {
        case .scalar(let s, _, _):
            return s.hasPrefix("=") ? nil : scalarValue
        case .list(let items, _):
            var out: [Value] = []
            for item in items {
                guard let v = item.plainValue else { return nil }
                out.append(v)
            }
            return .list(out)
        case .mapping(let entries, _):
            var record = Record()
            for e in entries {
                guard let v = e.value.plainValue else { return nil }
                record[e.key] = v
            }
            return .record(record)
        }
    }
}

extension String {
    var trimmingTrailingSpace: String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s = s.dropLast() }
        return String(s)
    }
}
