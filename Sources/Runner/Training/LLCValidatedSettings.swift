import Analysis

/// The SGLD settings (ε, nβ, γ) that notebook 03 (`notebooks/03-llc-validation.md`, "The settings
/// the notebooks use") validates on models with known λ. This is the one list: an `{llc}` cell on
/// a trained network reports in `validated` whether its setting is in it, each notebook that
/// measures a network claims that it is, and a test checks that 03 has a validation cell at every
/// setting listed here. To use a new setting on a network, add it here and render 03.
public enum LLCValidatedSettings {
    public static let all: [LLCCalibration.Setting] = [
        LLCCalibration.Setting(epsilon: 1e-4, nBeta: 1000, gamma: 100),
        // The transformer of notebook 08: at its memorizing checkpoints ε = 1e-4 is accepted less
        // than half the time.
        LLCCalibration.Setting(epsilon: 3e-5, nBeta: 1000, gamma: 100),
    ]

    /// Whether `setting` is listed (exact ε and γ; nβ to 1e-9 relative, since a notebook writes it
    /// as a decimal).
    public static func contains(_ setting: LLCCalibration.Setting) -> Bool {
        all.contains { $0.epsilon == setting.epsilon && $0.gamma == setting.gamma && abs($0.nBeta - setting.nBeta) <= 1e-9 * $0.nBeta }
    }
}
