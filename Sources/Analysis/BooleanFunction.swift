/// A Boolean function on {0,1}^n given by its truth table: entry i is the value on the input whose
/// coordinates are the binary digits of i, first coordinate most significant (lexicographic
/// order: i = 0 is 00…0, i = 1 is 00…01, …). Stored as 64-bit words, entry i in bit i % 64 of
/// word i / 64.
public struct BooleanFunction: Hashable, Sendable {
    public let inputCount: Int
    public let words: [UInt64]

    public init(inputCount: Int, words: [UInt64]) {
        precondition(inputCount >= 0 && inputCount <= 16, "BooleanFunction: 0...16 inputs")
        precondition(words.count == max(1, (1 << inputCount + 63) / 64), "BooleanFunction: word count")
        self.inputCount = inputCount
        self.words = words
    }

    public init(values: [Bool]) {
        let size = values.count
        var n = 0
        while (1 << n) < size { n += 1 }
        precondition(1 << n == size, "BooleanFunction: table length \(size) is not a power of two")
        var words = [UInt64](repeating: 0, count: max(1, (size + 63) / 64))
        for (i, v) in values.enumerated() where v { words[i / 64] |= 1 << UInt64(i % 64) }
        self.init(inputCount: n, words: words)
    }

    /// 2ⁿ, the number of inputs.
    public var tableSize: Int { 1 << inputCount }

    public func value(at i: Int) -> Bool { (words[i / 64] >> UInt64(i % 64)) & 1 == 1 }

    /// The truth table in input order.
    public var values: [Bool] { (0..<tableSize).map(value(at:)) }

    /// The truth table as a string of 0 and 1, input 0 first.
    public var bitString: String { String(values.map { $0 ? "1" : "0" }) }

    /// Number of inputs mapped to 1.
    public var ones: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Symmetrized LZ76 complexity of the truth table (`lzComplexity`).
    public var complexity: Double { lzComplexity(values) }
}
