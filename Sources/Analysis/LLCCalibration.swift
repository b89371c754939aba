/// Calibration of the SGLD estimator on the network it will measure (devinterp's ε–β analysis;
/// Lau et al. 2023, appendix): estimate λ̂ over a grid of step sizes ε, inverse temperatures nβ
/// and localizations γ, judge every setting by a stated rule, and choose one.
///
/// The rule (`LLCCalibration.Rule`). A setting is *stable* when
/// 1. no chain diverged (`sgldDivergenceFactor`);
/// 2. λ̂ > 0 (the chains' mean loss lies above L(w*), as it must around a minimum);
/// 3. the mean MALA acceptance is at least `minimumAcceptance` = 0.5 — below it more than half of
///    the Langevin proposals would be rejected by an exact sampler, so the discretization, not the
///    posterior, dominates the draws (the optimal MALA acceptance is 0.574, Roberts & Rosenthal
///    1998; devinterp aims at 0.9);
/// 4. |drift| ≤ `maximumDriftFraction`·λ̂ = 0.2·λ̂ — the chains' second half estimates λ̂ within
///    20% of their first half (the settling bound issue 13 sets for the notebooks);
/// 5. λ̂ is flat in ε: at a neighbouring ε of the grid (same nβ and γ) that passes 1–4, λ̂ differs
///    by at most `flatness`·λ̂ = 0.2·λ̂ (one stable point alone is no plateau).
///
/// The choice: the first (nβ, γ) pair in the author's order that has a stable setting — the author
/// lists the temperature and localization they mean to use first — and in it the stable ε whose
/// acceptance is nearest devinterp's target 0.9 (ties: the larger ε, which mixes faster).
public enum LLCCalibration {
    public struct Rule: Sendable, Equatable {
        public var minimumAcceptance = 0.5
        public var maximumDriftFraction = 0.2
        public var flatness = 0.2
        public var targetAcceptance = 0.9
        public init() {}
    }

    /// One setting of the grid.
    public struct Setting: Sendable, Hashable {
        public var epsilon: Double
        public var nBeta: Double
        public var gamma: Double
        public init(epsilon: Double, nBeta: Double, gamma: Double) {
            self.epsilon = epsilon
            self.nBeta = nBeta
            self.gamma = gamma
        }
    }

    /// What the rule reads of one estimate.
    public struct Measurement: Sendable, Equatable {
        public var llc: Double
        public var drift: Double
        public var acceptance: Double
        public var diverged: Bool
        public init(llc: Double, drift: Double, acceptance: Double, diverged: Bool) {
            self.llc = llc
            self.drift = drift
            self.acceptance = acceptance
            self.diverged = diverged
        }
        public init(_ e: LLCEstimate) {
            self.init(llc: e.mean, drift: e.drift, acceptance: e.acceptanceMean, diverged: e.divergence != nil)
        }
    }

    /// Why a setting is not stable, in the rule's order; empty when it is.
    public enum Failure: String, Sendable, Equatable {
        case diverged = "a chain diverged"
        case notAboveMinimum = "λ̂ ≤ 0"
        case lowAcceptance = "acceptance < 0.5"
        case drifting = "|drift| > 0.2·λ̂"
        case notFlat = "λ̂ not flat in ε"
    }

    public struct Verdict: Sendable, Equatable {
        public var setting: Setting
        public var measurement: Measurement
        public var failures: [Failure]
        public var stable: Bool { failures.isEmpty }
    }

    /// The rule's verdict on every setting (in the given order).
    public static func judge(_ points: [(Setting, Measurement)], rule: Rule = Rule()) -> [Verdict] {
        func local(_ m: Measurement) -> [Failure] {
            if m.diverged || !m.llc.isFinite { return [.diverged] }
            var failures: [Failure] = []
            if !(m.llc > 0) { failures.append(.notAboveMinimum) }
            if !(m.acceptance >= rule.minimumAcceptance) { failures.append(.lowAcceptance) }
            if !(abs(m.drift) <= rule.maximumDriftFraction * abs(m.llc)) { failures.append(.drifting) }
            return failures
        }
        var verdicts = points.map { Verdict(setting: $0.0, measurement: $0.1, failures: local($0.1)) }
        for i in verdicts.indices where verdicts[i].stable {
            let s = verdicts[i].setting
            // The neighbours in ε: the nearest smaller and larger ε of the same (nβ, γ).
            let group = verdicts.indices.filter { verdicts[$0].setting.nBeta == s.nBeta && verdicts[$0].setting.gamma == s.gamma }
            let below = group.filter { verdicts[$0].setting.epsilon < s.epsilon }.max { verdicts[$0].setting.epsilon < verdicts[$1].setting.epsilon }
            let above = group.filter { verdicts[$0].setting.epsilon > s.epsilon }.min { verdicts[$0].setting.epsilon < verdicts[$1].setting.epsilon }
            let flat = [below, above].compactMap { $0 }.contains { j in
                local(verdicts[j].measurement).isEmpty
                    && abs(verdicts[j].measurement.llc - verdicts[i].measurement.llc) <= rule.flatness * verdicts[i].measurement.llc
            }
            if !flat { verdicts[i].failures.append(.notFlat) }
        }
        return verdicts
    }

    /// The chosen setting's index in `verdicts`, or nil when none is stable.
    public static func choose(_ verdicts: [Verdict], rule: Rule = Rule()) -> Int? {
        for (nBeta, gamma) in groups(verdicts) {
            let stable = verdicts.indices.filter {
                verdicts[$0].stable && verdicts[$0].setting.nBeta == nBeta && verdicts[$0].setting.gamma == gamma
            }
            let best = stable.min { a, b in
                let da = abs(verdicts[a].measurement.acceptance - rule.targetAcceptance)
                let db = abs(verdicts[b].measurement.acceptance - rule.targetAcceptance)
                return da != db ? da < db : verdicts[a].setting.epsilon > verdicts[b].setting.epsilon
            }
            if let best { return best }
        }
        return nil
    }

    /// The (nβ, γ) pairs of the grid in the order they first appear.
    public static func groups(_ verdicts: [Verdict]) -> [(nBeta: Double, gamma: Double)] {
        var pairs: [(nBeta: Double, gamma: Double)] = []
        for v in verdicts where !pairs.contains(where: { $0 == (v.setting.nBeta, v.setting.gamma) }) {
            pairs.append((v.setting.nBeta, v.setting.gamma))
        }
        return pairs
    }
}
