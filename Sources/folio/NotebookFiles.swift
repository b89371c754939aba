import Foundation
import Notebooks

/// Expands the PATH arguments of `render` and `check`: files as given, folders to their `*.md`
/// files (sorted by name, not recursive).
enum NotebookFiles {
    static func expand(_ paths: [String]) throws(FolioFailure) -> [String] {
        let fm = FileManager.default
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .invalid("error: no such file or folder: \(path)")
            }
            if isDirectory.boolValue {
                let names = (try? fm.contentsOfDirectory(atPath: path)) ?? []
                let notebooks = names.filter { $0.hasSuffix(".md") }.sorted()
                if notebooks.isEmpty { throw .invalid("error: no notebooks (*.md) in \(path)") }
                files += notebooks.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        return files
    }
}

/// The report names of the notebooks a render writes (`NAME.html`, `NAME.json` in one folder):
/// every name must be distinct, must not be `index` (the index page), must not start with '.'
/// (hidden files; `...md` would be named `..` and its cache records would leave the cache folder),
/// and must not hold characters that break links or paths ('#', '?', '%', '/', '\\', controls).
/// Checked before anything runs, so a collision never overwrites a report.
enum ReportNames {
    static func check(_ files: [String]) throws(FolioFailure) {
        var problems: [String] = []
        var seen: [String: String] = [:]
        for file in files {
            let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            if let other = seen[name] {
                problems.append("error: \(other) and \(file) would both be written as \(name).html; rename one of them or render them into different folders")
            }
            seen[name] = seen[name] ?? file
            if name == "index" {
                problems.append("error: \(file) would be overwritten by the index page (index.html); rename the notebook")
            }
            if name.isEmpty || name.hasPrefix(".") {
                problems.append("error: \(file): a notebook's name must not be empty or start with '.' (its report would be hidden or outside the folder)")
            }
            if let bad = name.unicodeScalars.first(where: { "#?%/\\".unicodeScalars.contains($0) || $0.properties.generalCategory == .control }) {
                problems.append("error: \(file): a notebook's name must not contain '\(bad.escaped(asASCII: true))' (it breaks links to its report)")
            }
        }
        if !problems.isEmpty { throw .invalid(problems.joined(separator: "\n")) }
    }
}

/// The index page's heading and description: the `folio.yml` of the first PATH argument, looked up
/// in that folder (a notebook file's own folder) and then in its parent folders up to the current
/// directory, so that rendering `notebooks/01-grokking.md` or `notebooks/examples` alone keeps the
/// heading of `notebooks/folio.yml`; the defaults (`IndexSettings`) when there is none. A malformed
/// file is an error located in it.
enum IndexSettingsFile {
    static func load(_ paths: [String]) throws(FolioFailure) -> IndexSettings {
        guard let first = paths.first, let file = settingsFile(for: first) else { return IndexSettings() }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return IndexSettings() }
        do {
            return try IndexSettings.read(text, file: file)
        } catch {
            throw .invalid(DiagnosticFormatter(sources: [file: text]).format([error]))
        }
    }

    /// The nearest `folio.yml` at or above `path`'s folder, stopping at the current directory.
    static func settingsFile(for path: String) -> String? {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        let start = isDirectory.boolValue ? path : (path as NSString).deletingLastPathComponent
        let top = URL(fileURLWithPath: fm.currentDirectoryPath).standardizedFileURL.path
        var folder = URL(fileURLWithPath: start.isEmpty ? "." : start).standardizedFileURL
        while true {
            let candidate = folder.appendingPathComponent(IndexSettings.fileName).path
            if fm.fileExists(atPath: candidate) {
                return candidate.hasPrefix(top + "/") ? String(candidate.dropFirst(top.count + 1)) : candidate
            }
            if folder.path == top || !folder.path.hasPrefix(top == "/" ? "/" : top + "/") { return nil }
            folder = folder.deletingLastPathComponent()
        }
    }
}
