/// One `key=value` line of an `.npmrc` file, decoded as npm's `ini` 4.1.3 reads it.
///
/// Values are decoded but not interpolated: `${NPM_TOKEN}` stays as written, because what a
/// file says and what it means in a given environment are different questions.
public struct NpmrcEntry: Sendable, Equatable {
    /// The decoded key, without a trailing `[]` for array keys.
    public var key: String
    /// The decoded value; `"true"` for a bare key without `=`, as `ini` reads it.
    public var value: String
    /// The text after `=` exactly as written, or `nil` for a bare key.
    public var rawValue: String?
    /// The `[section]` the line is in, or `nil` for the global part that npm uses.
    public var section: String?
    /// The key was written as `key[]=…` (an array element).
    public var isArray: Bool
    /// 1-based line number in the file.
    public var line: Int

    public init(key: String, value: String, rawValue: String?, section: String?, isArray: Bool, line: Int) {
        self.key = key
        self.value = value
        self.rawValue = rawValue
        self.section = section
        self.isArray = isArray
        self.line = line
    }
}
