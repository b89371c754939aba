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

    @Option(help: "Timed SGLD draws (one chain) on the MLP benchmark model; 0 skips SGLD.")
    var draws: Int = 100

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
        if draws > 0 {
            print("SGLD on the benchmark model (Double, full batch, 1 chain): \(format(sgld.perSecond)) draws/s (\(draws) draws, d = \(sgld.dimension))")
        }
        print("""

        | model | training steps/s (median step) | step matmul GFLOP/s | sgemm GFLOP/s (same run) | efficiency (step ÷ sgemm) |
        |---|---|---|---|---|

        """ + rows.map {
            "| \($0.model.rawValue) | \(format($0.stepsPerSecondMedian)) | \(format($0.stepGFLOPs)) | \(format($0.sgemmGFLOPs)) | \(format(100 * $0.efficiency))% |"
        }.joined(separator: "\n") + (draws > 0 ? "\n\nSGLD draws/s: \(format(sgld.perSecond))" : ""))
    }

    /// SGLD draws per second on the benchmark model (one-hot MLP p = 97, hidden 512, quadratic,
    /// cross-entropy) after a few training steps, one chain, full batch, Double precision: the
    /// cost of one SGLD step is one loss-and-gradient evaluation.
    private func sgldDrawsPerSecond() -> (perSecond: Double, dimension: Int) {
        let config = TrainingConfig(
            task: .modular(.add, modulus: 97, trainFraction: 0.5, seed: 0),
            model: ModelConfig(kind: .onehotMLP, hidden: 512, activation: .quadratic), loss: .crossEntropy,
            optimizer: OptimizerConfig(kind: .adamw, lr: 1e-3, weightDecay: 1, betas: [0.9, 0.98]), steps: 5, threads: threads)
        guard let run = try? train(config) else { return (.nan, 0) }
        let objective = TrainedModelObjective(run.model)
        let w = run.model.flatParameters()
        // The chain's fixed cost (L(w*) and the MALA check) is paid once; `draws` amortizes it.
        let start = DispatchTime.now().uptimeNanoseconds
        _ = estimateLLC(objective: objective, at: w, config: LLCConfig(epsilon: 1e-6, chains: 1, draws: draws, seed: 0))
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return (Double(draws) / seconds, objective.dimension)
    }

    private func format(_ x: Double) -> String { x.isFinite ? String(format: "%.1f", x) : "n/a" }
}

import Foundation

extension BenchmarkModel: ExpressibleByArgument {}
