import Foundation

/// Timestamps as npm registries write them: UTC with milliseconds.
enum ISO8601 {
    /// One format style for every call: building an `ISO8601DateFormatter` per timestamp made
    /// a token-list page of 25 tokens (75 timestamps) cost several milliseconds.
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func string(_ date: Date) -> String {
        style.format(date)
    }
}
