import ArgumentParser
import Foundation
import Tensors
import Runner

/// `folio explain NOTEBOOK ID`: what the cache knows about one cell — its key and what the key is
/// made of, its inputs, and whether the next render reuses it or recomputes it and why.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a cell's cache key, its inputs and whether the next render reuses or recomputes it.")

    @Argument(help: "The notebook file.")
    var notebook: String

    @Argument(help: "The cell's id (or #N for the N-th cell).")
    var id: String

    @Option(help: "Folder of the cell cache.")
    var cacheDir: String = ".folio-cache"

    @Option(help: "BLAS threads, as given to folio render (they are part of a cell's key).")
    var threads: Int = 2

    @Option(help: "Notebooks rendered at once, as given to folio render.")
    var jobs: Int = 1

    @Option(name: .customShort("P"), help: ArgumentHelp("Override a parameter: -P name=value.", valueName: "name=value"))
    var parameters: [String] = []

    func run() throws {
        let files = try NotebookFiles.expand([notebook])
        let overrides = try ParameterArguments.parse(parameters)
        guard let checked = try NotebookLoader.checkAll(files, overrides: overrides).first else { return }
        let keys = CellKeys(checked, threads: Render.threadsPerNotebook(threads: threads, jobs: jobs))
        guard let cell = checked.cells.first(where: { $0.id == id }), let entry = keys[id] else {
            throw FolioFailure.invalid("error: \(notebook) has no cell '\(id)'; its cells: \(keys.order.joined(separator: ", "))")
        }
        let cache = CellCache(directory: cacheDir)
        let name = checked.notebook.name
        var lines = [
            "{\(cell.directive.kind)} \(id) at \(cell.cell.location)",
            "key:      \(entry.key)",
            "engine:   \(CellKeys.engineVersion)",
            "blas:     \(BLASKernel.identity)",
            "options:  \(entry.options)",
            "params:   " + (entry.readsParams ? "mentioned, so all parameters are part of the key" : "not mentioned"),
        ]
        if !entry.seeds.isEmpty {
            lines.append("seeds:    " + entry.seeds.map { "\($0.path) = \($0.value)" }.joined(separator: ", "))
        }
        if entry.inputs.isEmpty {
            lines.append("inputs:   none")
        } else {
            lines.append("inputs:")
            for input in entry.inputs {
                let state = keys[input.id].map { describe(cache.probe($0, notebook: name, cell: input.id)) } ?? ""
                lines.append("  \(input.id)  \(input.key)  (\(state))")
            }
        }
        let dependents = keys.order.filter { other in keys[other]?.inputs.contains { $0.id == id } == true }
        lines.append("read by:  " + (dependents.isEmpty ? "no cell" : dependents.joined(separator: ", ")
            + " (changing this cell recomputes them)"))
        lines.append("entry:    \(cache.entryPath(entry.key))")
        lines.append("status:   " + describe(cache.probe(entry, notebook: name, cell: id)))
        print(lines.joined(separator: "\n"))
    }

    private func describe(_ probe: CellCache.Probe) -> String {
        switch probe {
        case .valid: "cached: the next render reuses it"
        case .missing(let reason): "not cached: the next render computes it (\(reason.phrase))"
        case .uncacheable(let why): "not cacheable: it runs on every render because \(why)"
        }
    }
}
