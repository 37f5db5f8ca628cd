import TokenShellCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a child process may see of tokensh's environment. `Subprocess` applies it to every
/// child, so no caller can forget it.
///
/// The variables that hold a credential (or the command that prints one) are removed for every
/// child: git, a browser or an OTP command has no business with the password or the token the
/// shell was started with. Everything else passes: the OTP command is the user's own, and the
/// documented form `oathtool --totp -b "$SECRET"` reads its seed from a variable of the user's.
public enum ChildEnvironment {
    /// Never passed to a child unless the spawn names it in `exposing`.
    public static let secretNames = SecretVariables.hiddenFromChildren

    /// `NAME=value` entries for `execve`, from `environment` or (when nil) this process's own,
    /// without the secret variables except those in `exposing`. The caller frees the pointers.
    static func entries(_ environment: [String: String]?, exposing: Set<String>) -> [UnsafeMutablePointer<CChar>?] {
        let hidden = secretNames.subtracting(exposing)
        if let environment {
            return environment.filter { !hidden.contains($0.key) }.map { strdup("\($0.key)=\($0.value)") }
        }
        // The inherited entries are copied as bytes: a value that is not UTF-8 stays as it was.
        var copied: [UnsafeMutablePointer<CChar>?] = []
        var cursor: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = environ
        while let entry = cursor.pointee {
            if !hidden.contains(name(of: entry)) { copied.append(strdup(entry)) }
            cursor += 1
        }
        return copied
    }

    private static func name(of entry: UnsafeMutablePointer<CChar>) -> String {
        guard let equals = strchr(entry, Int32(UInt8(ascii: "="))) else { return String(cString: entry) }
        let length = entry.distance(to: equals)
        return entry.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }
}
