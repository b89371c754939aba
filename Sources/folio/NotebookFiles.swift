import Foundation

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
