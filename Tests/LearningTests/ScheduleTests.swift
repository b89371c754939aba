import XCTest
import Foundation
import Tensors
@testable import Learning

/// Learning-rate schedules against their closed forms at chosen updates (PyTorch's
/// `CosineAnnealingLR`, `StepLR` and a linear decay, after the linear warm-up).
final class ScheduleTests: XCTestCase {
    func testCosineDecayAfterWarmUp() {
        // W = 10, T = 110: D = 100 updates of decay; update t has e = t − 11.
        let c = OptimizerConfig(kind: .sgd, lr: 1, warmupSteps: 10, schedule: .cosine, minLR: 0.1)
        XCTAssertEqual(c.learningRate(atUpdate: 5, of: 110), 0.5, accuracy: 1e-15)        // warm-up: 5/10
        XCTAssertEqual(c.learningRate(atUpdate: 11, of: 110), 1, accuracy: 1e-15)         // e = 0: cos 0 = 1
        XCTAssertEqual(c.learningRate(atUpdate: 61, of: 110), 0.55, accuracy: 1e-15)      // e = 50: cos(π/2) = 0
        XCTAssertEqual(c.learningRate(atUpdate: 36, of: 110), 0.1 + 0.9 * 0.5 * (1 + 0.5.squareRoot()), accuracy: 1e-15) // e = 25: cos(π/4)
        XCTAssertEqual(c.learningRate(atUpdate: 111, of: 110), 0.1, accuracy: 1e-15)     // e = D: cos π = −1
    }

    func testLinearDecay() {
        let c = OptimizerConfig(kind: .sgd, lr: 0.2, schedule: .linear)
        XCTAssertEqual(c.learningRate(atUpdate: 1, of: 100), 0.2, accuracy: 1e-15)
        XCTAssertEqual(c.learningRate(atUpdate: 51, of: 100), 0.1, accuracy: 1e-15)
        XCTAssertEqual(c.learningRate(atUpdate: 76, of: 100), 0.05, accuracy: 1e-15)
        XCTAssertEqual(c.learningRate(atUpdate: 100, of: 100), 0.002, accuracy: 1e-15)   // 0.2·(1 − 99/100)
    }

    func testStepDecay() {
        let c = OptimizerConfig(kind: .sgd, lr: 1, schedule: .step, stepEvery: 10, stepFactor: 0.5)
        XCTAssertEqual([1, 10, 11, 20, 21, 31].map { c.learningRate(atUpdate: $0, of: 40) }, [1, 1, 0.5, 0.5, 0.25, 0.125])
    }

    func testConstantWithWarmUpIsUnchanged() {
        let c = OptimizerConfig(kind: .adamw, lr: 3e-3, warmupSteps: 7)
        for t in 1...20 { XCTAssertEqual(c.learningRate(atUpdate: t, of: 20), 3e-3 * min(1, Double(t) / 7)) }
    }

    func testOptimizerFollowsTheSchedule() {
        // Plain SGD: θ moves by exactly lr_t·g at update t.
        var p = Parameters<Double>()
        p.append("w", Tensor([0]))
        var g = Gradients<Double>()
        g.accumulate("w", Tensor([1]))
        var opt = Optimizer<Double>(OptimizerConfig(kind: .sgd, lr: 1, schedule: .cosine), totalUpdates: 4)
        var moves: [Double] = []
        for _ in 0..<4 {
            let before = p["w"].scalars[0]
            opt.step(&p, g)
            moves.append(before - p["w"].scalars[0])
        }
        let expected = (0..<4).map { e in 0.5 * (1 + cos(Double.pi * Double(e) / 4)) }
        for (m, x) in zip(moves, expected) { XCTAssertEqual(m, x, accuracy: 1e-15) }
    }

    func testStepScheduleNeedsStepEvery() {
        let json = #"{"kind": "sgd", "lr": 0.1, "schedule": "step"}"#
        XCTAssertThrowsError(try JSONDecoder().decode(OptimizerConfig.self, from: Data(json.utf8)))
        let ok = #"{"kind": "sgd", "lr": 0.1, "schedule": "cosine", "min_lr": 0.01}"#
        let c = try? JSONDecoder().decode(OptimizerConfig.self, from: Data(ok.utf8))
        XCTAssertEqual(c?.schedule, .cosine)
        XCTAssertEqual(c?.minLR, 0.01)
    }
}
