import ArgumentParser

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure training speed against the machine's matrix-multiply rate (use a release build).")

    @Option(help: "Timed training steps.")
    var steps: Int = 200

    @Option(help: "BLAS threads.")
    var threads: Int = 2

    func run() throws {
        throw FolioFailure.failed("folio bench needs the training core, which has not landed yet")
    }
}
