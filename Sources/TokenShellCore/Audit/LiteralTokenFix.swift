/// `audit --fix` for a project `.npmrc`: the literal token becomes `${NPM_TOKEN}`, every other
/// byte stays.
///
/// Only a file with exactly one literal `_authToken` is changed: two different tokens cannot
/// both become `${NPM_TOKEN}`, and guessing other variable names would break the setup silently.
public enum LiteralTokenFix {
    public static let variable = "NPM_TOKEN"

    /// The outcome for one file's text.
    public enum Outcome: Sendable, Equatable {
        /// The new bytes (every other byte as it was), and the 1-based line that changed.
        case replaced(bytes: [UInt8], line: Int)
        case nothingToReplace
        /// More than one literal token: left for the user, with the lines.
        case ambiguous(lines: [Int])
    }

    public static func apply(to bytes: [UInt8]) -> Outcome {
        var document = NpmrcDocument(bytes: bytes)
        let literals = document.entries.filter { entry in
            entry.section == nil && (entry.key == "_authToken" || entry.key.hasSuffix(":_authToken"))
                && !entry.value.isEmpty && !entry.value.contains("${")
        }
        guard let entry = literals.first else { return .nothingToReplace }
        guard literals.count == 1 else { return .ambiguous(lines: literals.map(\.line)) }
        document.set(entry.key, to: "${\(variable)}")
        return .replaced(bytes: document.bytes, line: entry.line)
    }
}
