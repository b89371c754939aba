/// The "did you mean" candidate for a misspelled name: `closestMatch` (edit distance within a
/// third of the word), else the only candidate that the word abbreviates (`test_acc` →
/// `test_accuracy`, words of 3 or more characters), else a candidate with the same letters in
/// another order (`stpe` → `step`).
func suggestion(for word: String, in candidates: [String]) -> String? {
    if let match = closestMatch(to: word, in: candidates) { return match }
    if word.count >= 3 {
        let extensions = candidates.filter { $0.hasPrefix(word) }
        if extensions.count == 1 { return extensions[0] }
    }
    let letters = word.sorted()
    return candidates.first { $0 != word && $0.sorted() == letters }
}
