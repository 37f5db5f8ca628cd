#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Dates as the token table shows them: a UTC day, and a short relative form.
public enum TokenTime {
    static let day: TimeInterval = 86_400

    /// `2026-11-29`, in UTC so that two machines print the same table.
    public static func day(_ date: Date) -> String {
        ISOTimestamp.day(date)
    }

    /// `in 29d`, `in 5h`, `3d ago`, `now`.
    public static func relative(_ date: Date, now: Date) -> String {
        let seconds = date.timeIntervalSince(now)
        let magnitude = abs(seconds)
        let amount: String
        if magnitude < 60 {
            return "now"
        } else if magnitude < 3600 {
            amount = "\(Int(magnitude / 60))m"
        } else if magnitude < day {
            amount = "\(Int(magnitude / 3600))h"
        } else {
            amount = "\(Int(magnitude / day))d"
        }
        return seconds > 0 ? "in " + amount : amount + " ago"
    }

    /// `YYYYMMDD`, for proposed token names.
    public static func compactDay(_ date: Date) -> String {
        day(date).replacing("-", with: "")
    }
}
