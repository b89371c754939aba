import Analysis
import Notebooks
import Plotting

/// What `{llc_calibration}` shows: the chosen setting and why, the grid as a table, λ̂ and the
/// MALA acceptance against ε per (nβ, γ), and the loss traces at the chosen (nβ, γ).
extension LLCCalibrationDirective {
    static func display(_ verdicts: [LLCCalibration.Verdict], estimates: [LLCEstimate], chosen: Int?,
                        context: RunContext) throws -> [CellDisplay] {
        let name = context.anchor ?? "figure"
        let groups = LLCCalibration.groups(verdicts)
        var out: [CellDisplay] = [summary(verdicts, chosen: chosen), .note(explanation(verdicts, chosen: chosen))]
        out.append(.table(TableContent(
            caption: "Every setting of the calibration grid: λ̂ (mean ± std over chains), drift (2nd − 1st half of the draws), MALA acceptance, and the rules a setting breaks.",
            headers: ["ε", "nβ", "γ", "λ̂", "std", "drift", "acceptance", "stable", "fails"],
            rows: zip(verdicts, estimates).map { v, e in
                let numbers = formatTogether([v.measurement.llc, e.std, v.measurement.drift])
                return [formatValue(.number(v.setting.epsilon)), formatValue(.number(v.setting.nBeta)), formatValue(.number(v.setting.gamma)),
                        numbers[0], numbers[1], numbers[2], ValueFormat.percent(1).format(.number(v.measurement.acceptance)),
                        v.stable ? "yes" : "no", v.failures.map(\.rawValue).joined(separator: "; ")]
            },
            numeric: [true, true, true, true, true, true, true, false, false])))

        // λ̂ and acceptance against ε, one series per (nβ, γ); the chosen setting ringed.
        var llcLayers: [Mark] = [], acceptanceLayers: [Mark] = []
        for (g, (nBeta, gamma)) in groups.enumerated() {
            let members = verdicts.indices.filter { verdicts[$0].setting.nBeta == nBeta && verdicts[$0].setting.gamma == gamma }
                .sorted { verdicts[$0].setting.epsilon < verdicts[$1].setting.epsilon }
            let label = "nβ = \(formatValue(.number(nBeta))), γ = \(formatValue(.number(gamma)))"
            let x = members.map { verdicts[$0].setting.epsilon }
            let llc = members.map { verdicts[$0].measurement.diverged ? .nan : verdicts[$0].measurement.llc }
            llcLayers.append(.line(LineMark(x: x, y: llc, label: label, colour: g % 8)))
            llcLayers.append(.scatter(ScatterMark(x: x, y: llc, colour: g % 8, error: members.map { estimates[$0].std })))
            acceptanceLayers.append(.line(LineMark(x: x, y: members.map { verdicts[$0].measurement.acceptance }, label: label, colour: g % 8)))
        }
        if let chosen {
            let v = verdicts[chosen]
            llcLayers.append(.text(TextMark(x: v.setting.epsilon, y: v.measurement.llc, text: "chosen")))
        }
        acceptanceLayers.append(.rule(RuleMark(y: LLCCalibration.Rule().minimumAcceptance, label: "minimum 0.5")))
        acceptanceLayers.append(.rule(RuleMark(y: LLCCalibration.Rule().targetAcceptance, label: "target 0.9")))
        out.append(try figure(Figure(id: "\(name)-llc-plot", title: "λ̂ against the step size",
                                     x: Axis("ε", scale: .log), y: Axis("λ̂"), layers: llcLayers),
                              caption: "λ̂ (± std over chains) at each step size ε, one line per (nβ, γ); diverged settings are left out."))
        out.append(try figure(Figure(id: "\(name)-acceptance-plot", title: "MALA acceptance against the step size",
                                     x: Axis("ε", scale: .log), y: Axis("acceptance", min: 0, max: 1, format: .percent), layers: acceptanceLayers),
                              caption: "Mean MALA acceptance of the SGLD steps; stable settings need at least 0.5, devinterp aims at 0.9."))

        // Loss traces at the chosen (or first) (nβ, γ), one per ε.
        let (nBeta, gamma) = chosen.map { (verdicts[$0].setting.nBeta, verdicts[$0].setting.gamma) } ?? (groups[0].nBeta, groups[0].gamma)
        var traceLayers: [Mark] = []
        for i in verdicts.indices where verdicts[i].setting.nBeta == nBeta && verdicts[i].setting.gamma == gamma && !verdicts[i].measurement.diverged {
            let trace = estimates[i].meanLLCTrace
            traceLayers.append(.line(LineMark(x: trace.indices.map(Double.init), y: trace,
                                              label: "ε = \(formatValue(.number(verdicts[i].setting.epsilon)))", dashed: !verdicts[i].stable)))
        }
        out.append(try figure(Figure(id: "\(name)-traces-plot",
                                     title: "Loss traces at nβ = \(formatValue(.number(nBeta))), γ = \(formatValue(.number(gamma)))",
                                     x: Axis("draw"), y: Axis("nβ·(L − L(w*))"), layers: traceLayers),
                              caption: "nβ·(L − L(w*)) at each recorded draw after the burn-in, averaged over chains, for each step size (dashed: not stable). A trustworthy trace is flat: a rising one has not settled, a falling one started too high."))
        return out
    }

    static func figure(_ figure: Figure, caption: String) throws(Diagnostic) -> CellDisplay {
        let rendered = figure.render()
        return .figure(FigureContent(
            svg: rendered.svg, narrowSVG: FigureOptions.narrow(figure).render().svg,
            caption: caption, label: nil, csv: figure.csv(), warnings: rendered.warnings))
    }

    static func summary(_ verdicts: [LLCCalibration.Verdict], chosen: Int?) -> CellDisplay {
        guard let chosen else {
            return .summary(title: "LLC calibration", items: [("settings", "\(verdicts.count)"), ("stable", "none")])
        }
        let v = verdicts[chosen]
        return .summary(title: "LLC calibration", items: [
            ("settings", "\(verdicts.count)"), ("stable", "\(verdicts.filter(\.stable).count)"),
            ("chosen ε", formatValue(.number(v.setting.epsilon))), ("nβ", formatValue(.number(v.setting.nBeta))),
            ("γ", formatValue(.number(v.setting.gamma))), ("λ̂", formatValue(.number(v.measurement.llc))),
            ("MALA acceptance", ValueFormat.percent(0).format(.number(v.measurement.acceptance))),
        ])
    }

    /// The choice in words: the rule, what it chose and why, or why nothing qualified.
    static func explanation(_ verdicts: [LLCCalibration.Verdict], chosen: Int?) -> String {
        let rule = "A setting is stable when no chain diverged, λ̂ > 0, the MALA acceptance is at least 0.5, the drift is at most 0.2·λ̂, and λ̂ at a neighbouring step size that passes those tests is within 0.2·λ̂."
        guard let chosen else {
            let counts = Dictionary(grouping: verdicts.flatMap(\.failures), by: { $0 }).mapValues(\.count)
            let reasons = counts.sorted { $0.value > $1.value }.map { "\($0.key.rawValue) (\($0.value))" }.joined(separator: ", ")
            return rule + " No setting is: \(reasons). Widen the grid (smaller ε, larger γ) or run longer chains (draws, burn_in)."
        }
        let v = verdicts[chosen]
        let group = verdicts.filter { $0.setting.nBeta == v.setting.nBeta && $0.setting.gamma == v.setting.gamma }
        let stable = group.filter(\.stable).map { formatValue(.number($0.setting.epsilon)) }.joined(separator: ", ")
        let skipped = LLCCalibration.groups(verdicts).prefix { $0 != (v.setting.nBeta, v.setting.gamma) }
        let earlier = skipped.isEmpty ? "" : " The (nβ, γ) listed before it had no stable step size."
        return rule + " At nβ = \(formatValue(.number(v.setting.nBeta))) and γ = \(formatValue(.number(v.setting.gamma))), the stable step sizes are \(stable);"
            + " the chosen ε = \(formatValue(.number(v.setting.epsilon))) has the acceptance nearest devinterp's target 0.9 (\(ValueFormat.percent(1).format(.number(v.measurement.acceptance)))).\(earlier)"
    }
}
