/// How bad a finding is. `high` makes `audit` exit 1.
public enum AuditSeverity: String, Sendable, CaseIterable, Comparable {
    /// A usable credential is exposed, or will be sent unencrypted.
    case high
    /// Probably a credential, or a weakness that needs a second mistake to hurt.
    case medium
    /// Worth tidying up.
    case low
    /// How things are meant to be, said so the user knows it was checked.
    case info

    var rank: Int {
        switch self {
        case .high: 3
        case .medium: 2
        case .low: 1
        case .info: 0
        }
    }

    public static func < (lhs: AuditSeverity, rhs: AuditSeverity) -> Bool {
        lhs.rank < rhs.rank
    }
}
