import ArgumentParser

struct Folio: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "folio",
        abstract: "Render executable Markdown notebooks about deep learning into self-contained HTML reports.",
        discussion: """
        Notebooks are Markdown files whose fenced {directive} cells train and measure small networks.
        Exit codes: 0 success, 1 a cell or claim failed, 2 bad usage or an invalid notebook.
        The notebook language is documented in docs/notebooks.md.
        """,
        version: version,
        subcommands: [Render.self, Preview.self, Check.self, Bench.self, Docs.self, Explain.self, CacheCommand.self],
        defaultSubcommand: nil)
}

/// A failure with a chosen exit code whose message was already shaped for the user.
struct FolioFailure: Error {
    var code: Int32
    var message: String

    static func invalid(_ message: String) -> FolioFailure { FolioFailure(code: 2, message: message) }
    static func failed(_ message: String) -> FolioFailure { FolioFailure(code: 1, message: message) }
}
