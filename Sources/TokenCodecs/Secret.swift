/// A password, one-time password or token.
///
/// Its `description` and `debugDescription` are redacted so that a stray interpolation,
/// `print` or crash dump cannot reveal it; code that truly needs the value reads `reveal()`.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    private let value: String

    public init(_ value: String) {
        self.value = value
    }

    public func reveal() -> String { value }

    public var isEmpty: Bool { value.isEmpty }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "Secret(<redacted>)" }
}
