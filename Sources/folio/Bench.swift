import ArgumentParser
import Analysis
import Dispatch
import Learning
import Tensors

/// `folio bench`: the performance figures of the training and analysis core, measured in one
/// run so that ratios are meaningful on a shared machine. Build with `-c release`.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure training and SGLD speed against the machine's matrix-multiply rate (use a release build).")

    @Option(help: "Timed training steps.")
    var steps: Int = 200

    @Option(help: "Untimed warm-up steps.")
    var warmup: Int = 20

    @Option(help: "SGLD draws per chain in devinterp's benchmark configuration (4 chains, minibatch 512); 0 skips SGLD.")
    var draws: Int = 200

    @Option(help: "SGLD chains.")
    var chains: Int = 4

    @Option(help: "Arithmetic of the SGLD chains: float (devinterp's float32) or double.")
    var precision: SGLDPrecision = .float

    @Option(help: "BLAS threads.")
    var threads: Int = 2

    @Option(help: "Models to time: mlp, transformer (default: both).")
    var model: [BenchmarkModel] = BenchmarkModel.allCases

    func run() throws {
        #if DEBUG
        print("warning: this is a debug build; time a release build (swift build -c release).")
        #endif
        var rows: [BenchmarkReport] = []
        for benchmark in model {
            let training = runTrainingBenchmark(benchmark, steps: steps, warmup: warmup, threads: threads)
            print("Training: " + training.description.replacingOccurrences(of: "\n", with: "\n  "))
            rows.append(training)
        }

        let sgld = draws > 0 ? sgldDrawsPerSecond() : (perSecond: Double.nan, dimension: 0)
        let sgemm = rows.first?.sgemmGFLOPs ?? .nan
        if draws > 0 {
            // One draw: the output layer's three products (forward, its two gradients), 2·b·h·p each.
            let flops = 3 * 2 * Double(sgldBatch * 512 * 97)
            let gflops = sgld.perSecond * flops / 1e9
            print("""
            SGLD (devinterp's configuration: one-hot MLP p=97 hidden=512 quadratic, minibatch \(sgldBatch), \(chains) chains × \(draws) draws, \(threads) workers, \(precision.rawValue), d = \(sgld.dimension)): \(format(sgld.perSecond)) draws/s
              a draw costs \(format(flops / 1e6)) MFLOP of matrix products = \(format(1e3 * flops / 1e9 / sgemm)) ms at the sgemm rate (\(format(sgemm)) GFLOP/s); measured \(format(1e3 / sgld.perSecond * Double(threads))) ms per draw per worker, \(format(gflops)) GFLOP/s overall (\(format(100 * gflops / sgemm))% of sgemm)
            """)
        }
        print("""

        | model | training steps/s (median step) | step matmul GFLOP/s | sgemm GFLOP/s (same run) | efficiency (step ÷ sgemm) |
        |---|---|---|---|---|

        """ + rows.map {
            "| \($0.model.rawValue) | \(format($0.stepsPerSecondMedian)) | \(format($0.stepGFLOPs)) | \(format($0.sgemmGFLOPs)) | \(format(100 * $0.efficiency))% |"
        }.joined(separator: "\n") + (draws > 0 ? "\n\nSGLD draws/s: \(format(sgld.perSecond))" : ""))
    }

    /// The minibatch of devinterp's benchmark configuration (docs/performance.md names the peer program).
    private let sgldBatch = 512

    /// SGLD draws per second (one draw = one step of one chain) in the configuration of devinterp's
    /// benchmark: the one-hot MLP p = 97, hidden 512, quadratic, cross-entropy, after 5 training
    /// steps; minibatch 512, ε = 1e-4, γ = 1, nβ = n/ln n, `chains` chains on `threads` workers.
    /// The clock covers the whole estimate, L_n(w*) included, as the peer's does.
    private func sgldDrawsPerSecond() -> (perSecond: Double, dimension: Int) {
        let config = TrainingConfig(
            task: .modular(.add, modulus: 97, trainFraction: 0.5, seed: 0),
            model: ModelConfig(kind: .onehotMLP, hidden: 512, activation: .quadratic), loss: .crossEntropy,
            optimizer: OptimizerConfig(kind: .adamw, lr: 1e-3, weightDecay: 1, betas: [0.9, 0.98]), steps: 5, threads: threads)
        guard let run = try? train(config) else { return (.nan, 0) }
        let w = run.model.flatParameters()
        let llc = LLCConfig(epsilon: 1e-4, chains: chains, draws: draws, batchSize: sgldBatch, seed: 0)
        func time<O: Objective>(_ objective: O) -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = estimateLLC(objective: objective, at: w, config: llc, workers: threads)
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        let seconds = precision == .float ? time(TrainedModelObjective(run.model, precision: Float.self))
                                          : time(TrainedModelObjective(run.model))
        return (Double(chains * draws) / seconds, run.model.parameterCount)
    }

    private func format(_ x: Double) -> String { x.isFinite ? String(format: "%.1f", x) : "n/a" }
}

import Foundation

extension BenchmarkModel: ExpressibleByArgument {}

/// The arithmetic of `folio bench`'s SGLD chains.
enum SGLDPrecision: String, ExpressibleByArgument {
    case float, double
}
