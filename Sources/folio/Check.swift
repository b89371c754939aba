import ArgumentParser
import Foundation
import Notebooks
import Runner

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Parse and validate notebooks without running anything.")

    @Argument(help: "Notebook files or folders of notebooks.")
    var paths: [String] = ["notebooks"]

    @Option(name: .customShort("P"), help: ArgumentHelp("Override a parameter: -P name=value.", valueName: "name=value"))
    var parameters: [String] = []

    func run() throws {
        let files = try NotebookFiles.expand(paths)
        let overrides = try ParameterArguments.parse(parameters)
        _ = try IndexSettingsFile.load(paths)
        _ = try NotebookLoader.checkAll(files, overrides: overrides)
        print("\(files.count) notebook\(files.count == 1 ? "" : "s") checked: no problems.")
    }
}

/// `-P name=value` arguments.
enum ParameterArguments {
    static func parse(_ arguments: [String]) throws(FolioFailure) -> [String: String] {
        var out: [String: String] = [:]
        for argument in arguments {
            guard let eq = argument.firstIndex(of: "="), eq != argument.startIndex else {
                throw .invalid("error: -P expects name=value, got '\(argument)'")
            }
            out[String(argument[..<eq])] = String(argument[argument.index(after: eq)...])
        }
        return out
    }
}

/// Parses and checks notebooks, printing every diagnostic with its source line.
enum NotebookLoader {
    static func checkAll(_ files: [String], overrides: [String: String], seeds: [Int]? = nil) throws(FolioFailure) -> [CheckedNotebook] {
        let (checked, invalid) = checkEach(files, overrides: overrides, seeds: seeds)
        if let invalid { throw .invalid(invalid + " nothing was run.") }
        return checked
    }

    /// The notebooks that check, and the diagnostics of those that do not (nil when all do),
    /// ending with how many did not.
    static func checkEach(_ files: [String], overrides: [String: String], seeds: [Int]? = nil) -> (checked: [CheckedNotebook], invalid: String?) {
        var checked: [CheckedNotebook] = []
        var report: [String] = []
        var sources: [String: String] = [:]
        for file in files {
            sources[file] = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            do {
                let notebook = try NotebookParser.parse(file: file)
                checked.append(try NotebookChecker().check(notebook, overrides: overrides, seeds: seeds))
            } catch {
                report.append(DiagnosticFormatter(sources: sources).format(error.diagnostics))
            }
        }
        guard !report.isEmpty else { return (checked, nil) }
        let count = report.count
        return (checked, report.joined(separator: "\n") + "\n\(count) notebook\(count == 1 ? "" : "s") not valid;")
    }
}

/// `--seeds`: "0-9", "101,102,105", or both ("0-4,9"); distinct whole numbers, in the order given.
enum SeedArgument {
    static func parse(_ text: String) throws(FolioFailure) -> [Int] {
        var seeds: [Int] = []
        let bad = FolioFailure.invalid("error: --seeds expects seeds like 0-9 or 101,102,105 (whole numbers from 0), got '\(text)'")
        for part in text.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(ends.count), let from = Int(ends[0]), let to = Int(ends[ends.count - 1]), from >= 0, from <= to,
                  to - from < 10_000 else { throw bad }
            for seed in from...to {
                guard !seeds.contains(seed) else { throw .invalid("error: --seeds names seed \(seed) twice ('\(text)')") }
                seeds.append(seed)
            }
        }
        return seeds
    }
}
