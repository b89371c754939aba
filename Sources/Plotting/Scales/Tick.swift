/// One tick of an axis: its value in data units, its label (empty for an unlabelled minor
/// tick), and whether it is major (drawn longer, with a grid line).
public struct Tick: Sendable, Equatable {
    public let value: Double
    public let label: String
    public let isMajor: Bool

    public init(value: Double, label: String, isMajor: Bool = true) {
        self.value = value
        self.label = label
        self.isMajor = isMajor
    }
}
