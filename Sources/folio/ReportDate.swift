import Foundation

/// The date printed in each report's run block: from `SOURCE_DATE_EPOCH` (seconds since 1970,
/// the reproducible-builds convention) when it is set, so that renders of the same sources are
/// byte-identical; otherwise today. Always as a UTC calendar date, "2026-11-30".
enum ReportDate {
    static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let seconds = environment["SOURCE_DATE_EPOCH"].flatMap { TimeInterval($0.trimmingCharacters(in: .whitespaces)) }
        return format(seconds.map { Date(timeIntervalSince1970: $0) } ?? Date())
    }

    static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(c.year!)-\(two(c.month!))-\(two(c.day!))"
    }
}
