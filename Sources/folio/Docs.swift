import ArgumentParser
import Runner

struct Docs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the directive reference (every directive and key) as Markdown.",
        shouldDisplay: false)

    func run() throws {
        print(DirectiveReference.markdown())
    }
}
