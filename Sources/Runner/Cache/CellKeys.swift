import Crypto
import Foundation
import Notebooks
import Tensors

/// The cache key of every cell of a notebook, computed before anything runs.
///
/// key = SHA-256 of the UTF-8 text
///
///     folio-cell-key
///     engine: <CellKeys.engineVersion>
///     kind: <directive kind>
///     blas threads: <threads the cell runs with>
///     blas kernel: <BLASKernel.identity: OpenBLAS's kernel and build>
///     id: <cell id>
///     options: <CanonicalText.options(cell options, params)>
///     params: <canonical params record, or "-" when the cell body never mentions `params`>
///     input <id>: <key of that cell>        (one line per dependency, in order)
///
/// written as 64 lowercase hex digits. Dependencies are `CheckedCell.dependencies` (expression
/// roots and `cellReference` options such as `from: grok`), so keys chain: changing a cell
/// changes its key, hence the keys of the cells that read it, and of no other cell. Prose is not
/// part of any key. The parameters are included whole for cells whose body mentions `params`,
/// because bare expressions (a claim's `that:`) may read them without an `=`. The BLAS thread
/// count is part of the key because OpenBLAS sums in a different order with one thread than with
/// two, so a training run's last digits depend on it (a change shows as "options changed"); the
/// BLAS kernel likewise, since kernels order their sums differently (`BLASKernel`).
public struct CellKeys: Sendable {
    /// Bumped whenever a directive's output for the same options changes, so old entries are
    /// never reused by an engine that would compute something else. 2: Float softmax and
    /// cross-entropy use the polynomial exponential of `SoftmaxExponentials`. 3: the one-hot MLP
    /// forms its hidden gradient in blocks of rows (`Variable.embeddingSumLinear`). 4: its tables'
    /// gradients are summed over the rows in one pass instead of two halves. 5: {llc} reports
    /// `drift`. 6: and notes chains that had not settled. 7: summaries write the numbers of one
    /// line in one notation (`formatTogether`); extracted programs say "1 neuron", never "-0.000".
    /// 8: {claim} keeps its comparisons' sides and `at_least` (per-seed tables); {fourier}'s
    /// restricted and excluded loss are computed on the logits (Nanda et al.), not by projecting
    /// the embedding; the transformer computes attention from per-(position, token) tables; the
    /// `folio` command pins OpenBLAS's kernel (Haswell on x86-64 with AVX2), so its numbers are
    /// those of that kernel. (9 and 10 were taken by concurrent changes; their cache entries must
    /// not be reused.) 11: sampled regression tasks (teacher, compositional, generic) draw their test
    /// set from a stream of its own, so it no longer depends on `train_size`; the linear teacher
    /// has unit output variance (it had variance r). 12: {llc} reports `validated`, and over
    /// checkpoints each checkpoint's `weight_norm`, `train_loss` and `test_loss`. 13: a `{train}`
    /// cell on a regression task defaults to MSE, and its sweep table has no accuracy columns.
    /// 14: one random generator: every SGLD chain draws from its own stream
    /// (`RandomGenerator.streamSeed(seed, c)`, noise by the ziggurat `fillNormals`) instead of
    /// Box–Muller `SeededNormal(seed + c)`, and the permutation null, simplicity-bias sampling,
    /// Lanczos start and the known-λ models' data draw from `RandomGenerator`; known-λ models are
    /// trained by the training core's Adam; `{llc}` gains `parameters:` and `precision:`.
    /// 15: the MALA acceptance of a minibatch step is taken on the batch that drew it. 16:
    /// `{llc}`'s known-λ models are architectures plus tasks trained by the training core
    /// (`KnownLambdaModel`: new data, the linear networks from weights of variance 1/fan_in) and
    /// measured through the tape. 17: one matrix type and no forward pass in Analysis: `{prune}`
    /// compares the networks through the training core's forward (its `max_abs_difference` is
    /// rounding, ~1e-16, not exactly 0) and also takes MLPs on tokens; CKA's Frobenius norms are
    /// BLAS nrm2 (last-bit changes).
    public static let engineVersion = "folio-engine-17"

    /// Bumped whenever figures or tables are drawn differently; part of the key of cells whose
    /// directive `presentsOnly` (line `presentation: ...`), and of no other, so re-drawing never
    /// re-trains. 2: narrow renderings for phones, axes fitted to the data, merged coincident
    /// points, bars on log axes drawn as dots, outlined overlapping histograms, rule labels
    /// placed away from the data, hover titles, error bars; tables say when they show a subset.
    public static let presentationVersion = "folio-presentation-2"

    public struct Entry: Sendable, Equatable {
        public var key: String
        /// SHA-256 of everything but the inputs (kind, id, options, params): tells "options changed"
        /// apart from "an input changed".
        public var optionsDigest: String
        /// The canonical options text (shown by `folio explain`).
        public var options: String
        /// Whether the parameters are part of the key (the body mentions `params`).
        public var readsParams: Bool
        /// (dependency id, its key), in dependency order.
        public var inputs: [Input]
        /// Values of keys named `seed` anywhere in the options, by dotted path (`task.seed`); an
        /// expression that reads a cell stays `expr("...")`.
        public var seeds: [Seed]
    }

    public struct Input: Sendable, Equatable, Codable {
        public var id: String
        public var key: String
    }

    public struct Seed: Sendable, Equatable {
        public var path: String
        public var value: String
    }

    public private(set) var byID: [String: Entry] = [:]
    /// Cell ids in document order.
    public private(set) var order: [String] = []

    /// `threads` is the number of BLAS threads the cells run with (`NotebookExecutor.threads`);
    /// `kernel` names the BLAS kernel that computes them (this process's, by default); `engine` is
    /// `engineVersion` except in tests of what a version bump does.
    public init(_ notebook: CheckedNotebook, threads: Int = 2, kernel: String = BLASKernel.identity,
                engine: String = Self.engineVersion) {
        let scope = EvaluationScope(params: notebook.params)
        let paramsText = CanonicalText.value(.record(notebook.params))
        for cell in notebook.cells {
            let options = CanonicalText.options(CommonKeys.computed(cell.cell.options, of: cell.directive), params: scope)
            let readsParams = Self.mentionsParams(cell.cell.body)
            var head = "folio-cell-key\nengine: \(engine)\nkind: \(cell.directive.kind)\nblas threads: \(threads)\nblas kernel: \(kernel)\nid: \(cell.id)\n"
            if cell.directive.presentsOnly { head += "presentation: \(Self.presentationVersion)\n" }
            head += "options: \(options)\nparams: \(readsParams ? paramsText : "-")\n"
            let inputs = cell.dependencies.compactMap { id in byID[id].map { Input(id: id, key: $0.key) } }
            var text = head
            for input in inputs { text += "input \(input.id): \(input.key)\n" }
            byID[cell.id] = Entry(
                key: Self.sha256(text), optionsDigest: Self.sha256(head), options: options, readsParams: readsParams, inputs: inputs,
                seeds: Self.seeds(cell.cell.options, scope: scope, path: ""))
            order.append(cell.id)
        }
    }

    public subscript(id: String) -> Entry? { byID[id] }

    public static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }

    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Whether `params` appears in the text as a whole word.
    static func mentionsParams(_ body: String) -> Bool {
        var rest = Substring(body)
        while let range = rest.range(of: "params") {
            let before = range.lowerBound == rest.startIndex ? nil : rest[rest.index(before: range.lowerBound)]
            let after = range.upperBound == rest.endIndex ? nil : rest[range.upperBound]
            func isWord(_ c: Character?) -> Bool { c.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false }
            if !isWord(before) && !isWord(after) { return true }
            rest = rest[range.upperBound...]
        }
        return false
    }

    static func seeds(_ node: OptionNode, scope: EvaluationScope, path: String) -> [Seed] {
        guard let entries = node.entries else { return [] }
        var out: [Seed] = []
        for e in entries {
            let here = path.isEmpty ? e.key : "\(path).\(e.key)"
            if e.key == "seed", case .scalar = e.value {
                var text = ""
                CanonicalText.write(e.value, params: scope, to: &text)
                // Seeds are whole numbers: written without the ".0" of the canonical form.
                if text.hasSuffix(".0"), let whole = Int(text.dropLast(2)) { text = String(whole) }
                out.append(Seed(path: here, value: text))
            } else {
                out += seeds(e.value, scope: scope, path: here)
            }
        }
        return out
    }
}
