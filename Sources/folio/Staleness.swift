import Foundation
import Notebooks

/// `folio render --check`: compares a freshly rendered report and manifest (in memory) with the
/// ones in the output folder, and says why they differ:
///
/// - **inputs changed**: the manifests differ in what the report was made from: the notebook's
///   SHA-256, the templates' digest, the parameters, Folio's version or the engine version.
///   Re-render.
/// - **same inputs, different numbers**: every input is the same, yet the report differs. The
///   numbers in the two reports are compared in order, and the moved ones are listed with their
///   relative change, with the BLAS kernel or thread count when those differ (they are part of
///   the cell keys, so a key that changed while every input stayed is put down to them).
///
/// The date in a report's run block is when it was rendered, not what it was made from, so two
/// reports that differ only there are the same report (`undated`): a report committed one day
/// is not stale the next.
struct Staleness {
    var notebook: Notebook
    var html: String
    var manifest: Manifest
    var folder: ReportWriter

    /// Throws exit 1 with one paragraph per stale report; prints a summary otherwise.
    static func report(_ all: [Staleness], folder: String, quiet: Bool) throws(FolioFailure) {
        let stale = all.compactMap { $0.verdict() }
        if !stale.isEmpty {
            throw .failed(stale.joined(separator: "\n") + "\nreports are out of date; run folio render")
        }
        if !quiet { print("\(all.count) report\(all.count == 1 ? "" : "s") in \(folder) up to date.") }
    }

    /// Nil when the report and manifest on disk equal the fresh ones; else why they differ.
    func verdict() -> String? {
        let htmlPath = folder.path(notebook.name + ".html"), jsonPath = folder.path(notebook.name + ".json")
        let oldHTML = FileManager.default.contents(atPath: htmlPath).map { String(decoding: $0, as: UTF8.self) }
        let oldJSON = FileManager.default.contents(atPath: jsonPath)
        guard let oldHTML, let oldJSON else {
            return "\(notebook.file): \(oldHTML == nil ? htmlPath : jsonPath) is missing"
        }
        if Self.undated(oldHTML) == Self.undated(html) && String(decoding: oldJSON, as: UTF8.self) == manifest.json() { return nil }
        guard let old = try? JSONDecoder().decode(Manifest.self, from: oldJSON) else {
            return "\(notebook.file): inputs changed: \(jsonPath) is not a manifest this Folio reads"
        }
        let changed = Self.changedInputs(old: old, new: manifest)
        if !changed.isEmpty { return "\(notebook.file): inputs changed (\(changed.joined(separator: "; ")))" }
        var why = ""
        if old.blas != manifest.blas {
            why = " (computed with another BLAS kernel: \(old.blas ?? "unknown") → \(manifest.blas ?? "unknown"))"
        } else if old.cells.map(\.key) != manifest.cells.map(\.key) {
            why = " (cell keys differ with the same inputs: another BLAS thread count?)"
        }
        let moved = NumberDiff(old: Self.undated(oldHTML), new: Self.undated(html))
        return "\(notebook.file): same inputs, different numbers\(why): \(moved.summary)"
    }

    /// The report without the date of its run block (`RunBlock`'s "Rendered" row).
    static func undated(_ html: String) -> String {
        html.replacing(/<dt>Rendered<\/dt><dd>[^<]*<\/dd>/, with: "<dt>Rendered</dt><dd></dd>")
    }

    /// What differs between the inputs two manifests record, one phrase each.
    static func changedInputs(old: Manifest, new: Manifest) -> [String] {
        var out: [String] = []
        for (name, digest) in (new.inputs ?? [:]).sorted(by: { $0.key < $1.key }) where old.inputs?[name] != digest {
            out.append(name == "notebook" ? "the notebook was edited" : "\(name) changed")
        }
        if old.params != new.params { out.append("parameters changed") }
        if old.folio != new.folio { out.append("Folio \(old.folio) → \(new.folio)") }
        if old.engine != new.engine { out.append("engine \(old.engine ?? "unknown") → \(new.engine ?? "unknown")") }
        return out
    }
}

/// The numbers of two texts compared in order: which moved and by how much. Texts whose words
/// (everything but the numbers) differ are reported as such.
struct NumberDiff {
    struct Move {
        var context: String
        var old: String
        var new: String
        /// |new − old| / max(|old|, |new|)
        var relative: Double
    }
    var moves: [Move] = []
    var sameWords = true

    init(old: String, new: String) {
        let (a, b) = (Self.tokens(old), Self.tokens(new))
        guard a.words == b.words, a.numbers.count == b.numbers.count else { sameWords = false; return }
        for (x, y) in zip(a.numbers, b.numbers) where x.text != y.text {
            let (u, v) = (Double(x.text.replacingOccurrences(of: "−", with: "-")) ?? .nan,
                          Double(y.text.replacingOccurrences(of: "−", with: "-")) ?? .nan)
            let scale = max(abs(u), abs(v))
            moves.append(Move(context: x.context, old: x.text, new: y.text, relative: scale > 0 ? abs(v - u) / scale : 0))
        }
    }

    var summary: String {
        guard sameWords else { return "the reports differ in more than numbers (templates or Folio changed?)" }
        let largest = moves.sorted { $0.relative > $1.relative }
        let shown = largest.prefix(5).map { "\($0.context.isEmpty ? "" : "“\($0.context)” ")\($0.old) → \($0.new) (\(Self.percent($0.relative)))" }
        return "\(moves.count) value\(moves.count == 1 ? "" : "s") moved, largest first: " + shown.joined(separator: "; ")
    }

    static func percent(_ x: Double) -> String { String(format: "%.2g%%", x * 100) }

    /// Splits text into its numbers (each with the last few words of visible text before it) and
    /// the rest.
    static func tokens(_ text: String) -> (words: [Substring], numbers: [(text: String, context: String)]) {
        var words: [Substring] = [], numbers: [(String, String)] = []
        var rest = Substring(text)
        let pattern = /[−-]?[0-9]+(\.[0-9]+)?([eE][−+-]?[0-9]+)?/
        while let match = rest.firstMatch(of: pattern) {
            words.append(rest[rest.startIndex..<match.range.lowerBound])
            numbers.append((String(match.output.0), visibleWords(before: match.range.lowerBound, in: text)))
            rest = rest[match.range.upperBound...]
        }
        words.append(rest)
        return (words, numbers)
    }

    /// Up to four words of the text shown before `index` (tags and attributes removed).
    static func visibleWords(before index: String.Index, in text: String) -> String {
        let recent = text[..<index].suffix(400).replacing(/<[^>]*>/, with: " ")
        let shown = recent.lastIndex(of: ">").map { recent[recent.index(after: $0)...] } ?? recent[...]
        return String(shown.split(whereSeparator: \.isWhitespace).suffix(4).joined(separator: " ").suffix(40))
    }
}
