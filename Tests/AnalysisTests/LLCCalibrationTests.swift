import XCTest
@testable import Analysis

/// The calibration rule (`LLCCalibration`) on hand-made grids whose verdicts follow from the rule's
/// statement, and the choice it makes.
final class LLCCalibrationTests: XCTestCase {
    private typealias S = LLCCalibration.Setting
    private typealias M = LLCCalibration.Measurement

    private func point(_ eps: Double, _ llc: Double, drift: Double = 0, acceptance: Double = 0.9, diverged: Bool = false,
                       nBeta: Double = 100, gamma: Double = 1) -> (S, M) {
        (S(epsilon: eps, nBeta: nBeta, gamma: gamma), M(llc: llc, drift: drift, acceptance: acceptance, diverged: diverged))
    }

    /// Each test of the rule fails exactly the setting built to break it.
    func testEachRuleRejectsItsCase() {
        let verdicts = LLCCalibration.judge([
            point(1e-5, 10, drift: 3),              // drift 0.3·λ̂ > 0.2·λ̂
            point(3e-5, 10, drift: 1.9),            // stable (neighbour 1e-4 within 20%)
            point(1e-4, 11, acceptance: 0.95),      // stable
            point(3e-4, 20, acceptance: 0.6),       // passes 1–4 but jumps 82% from its stable neighbour: not flat
            point(1e-3, 30, acceptance: 0.3),       // acceptance < 0.5
            point(3e-3, .infinity, diverged: true), // diverged
        ])
        XCTAssertEqual(verdicts.map(\.failures), [[.drifting], [], [], [.notFlat], [.lowAcceptance], [.diverged]])
        XCTAssertEqual(LLCCalibration.judge([point(1e-4, -0.5), point(3e-4, -0.5)]).map(\.failures), [[.notAboveMinimum], [.notAboveMinimum]])
    }

    /// A lone setting that passes the other tests has no plateau to stand on.
    func testAloneIsNotFlat() {
        let verdicts = LLCCalibration.judge([point(1e-4, 10), point(1e-3, 10, acceptance: 0.1)])
        XCTAssertEqual(verdicts[0].failures, [.notFlat])
    }

    /// The choice: in the first (nβ, γ) with a stable setting, the acceptance nearest 0.9; the
    /// larger ε on a tie; nothing when no setting is stable.
    func testChoice() {
        let verdicts = LLCCalibration.judge([
            point(1e-4, 10, acceptance: 0.99, gamma: 5), point(3e-4, 30, acceptance: 0.6, gamma: 5),  // γ = 5: none stable
            point(1e-4, 10, acceptance: 0.99, gamma: 100), point(3e-4, 10.5, acceptance: 0.92, gamma: 100),
            point(1e-3, 11, acceptance: 0.85, gamma: 100),
        ])
        XCTAssertEqual(verdicts.map(\.stable), [false, false, true, true, true])
        XCTAssertEqual(LLCCalibration.choose(verdicts), 3)
        let tie = LLCCalibration.judge([point(1e-4, 10, acceptance: 1.0), point(3e-4, 10, acceptance: 0.8)])  // both 0.1 from 0.9 (exactly)
        XCTAssertEqual(LLCCalibration.choose(tie), 1)
        XCTAssertNil(LLCCalibration.choose(LLCCalibration.judge([point(1e-4, 10, drift: 5), point(3e-4, 10, drift: 5)])))
    }
}
