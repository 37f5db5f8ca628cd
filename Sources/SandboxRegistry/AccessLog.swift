import Foundation

/// One line per request (method, path with secrets masked, status, duration); never a token,
/// password or OTP, because bodies and headers are not logged and path secrets and query
/// values are masked.
/// Each line ends with the client's port (`peer=PORT`), so benchmarks and tests can count the
/// TCP connections a client opened.
final class AccessLog: @unchecked Sendable {
    // Safe: `handle` is only written under `lock`.
    private let lock = NSLock()
    private let handle: FileHandle?

    init(_ destination: SandboxConfiguration.LogDestination) throws {
        switch destination {
        case .none:
            handle = nil
        case .standardError:
            handle = FileHandle.standardError
        case .file(let path):
            if !FileManager.default.fileExists(atPath: path) {
                FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            guard let file = FileHandle(forWritingAtPath: path) else {
                throw SandboxConfigurationError("cannot open the access log \(path)")
            }
            file.seekToEndOfFile()
            handle = file
        }
    }

    func record(method: String, path: String, status: String, milliseconds: Int, peerPort: Int? = nil) {
        guard let handle else { return }
        let peer = peerPort.map { " peer=\($0)" } ?? ""
        let line = "\(method) \(AccessLog.mask(path)) \(status) \(milliseconds)ms\(peer)\n"
        lock.lock()
        defer { lock.unlock() }
        handle.write(Data(line.utf8))
    }

    /// Masks what a path may carry: tokens (logout, revoke by value) and web flow ids.
    static func mask(_ path: String) -> String {
        let (pathPart, query) = split(path)
        var segments = pathPart.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for index in segments.indices {
            let previous = index > 0 ? segments[index - 1] : ""
            let decoded = segments[index].removingPercentEncoding ?? segments[index]
            if previous == "token" || decoded.hasPrefix("npm_") {
                let isKey = decoded.count == 128 && decoded.allSatisfy(\.isHexDigit)
                segments[index] = isKey ? String(decoded.prefix(12)) + "..." : maskValue(decoded)
            } else if (previous == "login" || previous == "otp") && index >= 2 && segments[index - 2] == "v1" {
                segments[index] = String(decoded.prefix(4)) + "..."
            }
        }
        return segments.joined(separator: "/") + (query.map { "?" + maskQuery($0) } ?? "")
    }

    /// Query values are masked (`name=***`): anyone can put a token, password or OTP in a query
    /// string. Only the paging and `write` parameters keep plain numeric or boolean values, which
    /// benchmarks and tests read; a bare word or a name that is not a plain identifier is masked too.
    static func maskQuery(_ query: String) -> String {
        let kept: Set<String> = ["page", "perPage", "write"]
        return query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            guard !name.isEmpty, name.count <= 32,
                name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
            else { return "***" }
            guard parts.count == 2 else { return kept.contains(name) ? name : "***" }
            let value = parts[1]
            let plain = !value.isEmpty && value.count <= 9 && value.allSatisfy { $0.isASCII && $0.isNumber }
            return kept.contains(name) && (plain || value == "true" || value == "false")
                ? "\(name)=\(value)" : "\(name)=***"
        }.joined(separator: "&")
    }

    private static func maskValue(_ value: String) -> String {
        value.hasPrefix("npm_") && value.count >= 16 ? String(value.prefix(8)) + "..." : "***"
    }

    private static func split(_ path: String) -> (String, String?) {
        guard let mark = path.firstIndex(of: "?") else { return (path, nil) }
        return (String(path[..<mark]), String(path[path.index(after: mark)...]))
    }
}
