import Foundation

/// The Lempel–Ziv (1976) phrase count of a binary sequence, by the Kaspar–Schuster algorithm
/// (Kaspar & Schuster 1987, "Easily calculable measure for the complexity of spatiotemporal
/// patterns", Phys. Rev. A 36): the number of phrases in the exhaustive history, each new phrase
/// being the shortest continuation not already produced by copying from earlier positions.
/// Example: 0·001·10·100·1000·101 → 6 for 0001101001000101. A constant sequence of length n ≥ 2
/// gives 2. The empty sequence gives 0.
public func lz76PhraseCount(_ s: [Bool]) -> Int {
    let n = s.count
    if n == 0 { return 0 }
    if n == 1 { return 1 }
    var c = 1, l = 1, i = 0, k = 1, kMax = 1
    while true {
        if s[i + k - 1] != s[l + k - 1] {
            if k > kMax { kMax = k }
            i += 1
            if i == l {
                c += 1
                l += kMax
                if l + 1 > n { break }
                i = 0; k = 1; kMax = 1
            } else {
                k = 1
            }
        } else {
            k += 1
            if l + k > n { c += 1; break }
        }
    }
    return c
}

/// `lz76PhraseCount` of a string of "0" and "1" characters (other characters are rejected).
public func lz76PhraseCount(_ bits: String) -> Int { lz76PhraseCount(parseBits(bits)) }

/// The symmetrized Lempel–Ziv complexity used for simplicity bias (Dingle, Camargo, Louis 2018;
/// Valle-Pérez, Camargo, Louis 2019):
///   K(x) = log₂ n                                   if x is all zeros or all ones,
///   K(x) = log₂ n · (N_w(x) + N_w(reverse x)) / 2   otherwise,
/// with N_w the LZ76 phrase count and n the length.
public func lzComplexity(_ s: [Bool]) -> Double {
    let n = s.count
    precondition(n >= 1, "lzComplexity: empty sequence")
    let log2n = log2(Double(n))
    if s.allSatisfy({ $0 }) || s.allSatisfy({ !$0 }) { return log2n }
    return log2n * Double(lz76PhraseCount(s) + lz76PhraseCount(Array(s.reversed()))) / 2
}

/// `lzComplexity` of a string of "0" and "1" characters.
public func lzComplexity(_ bits: String) -> Double { lzComplexity(parseBits(bits)) }

func parseBits(_ bits: String) -> [Bool] {
    bits.map { ch -> Bool in
        precondition(ch == "0" || ch == "1", "expected only 0 and 1, found \(ch)")
        return ch == "1"
    }
}
