import Foundation
import TokenCodecs

/// Replies written the way Verdaccio's `final` middleware writes them: JSON with keys in the
/// order the route built them, indented by two spaces, a newline at the end; errors only as
/// `{"error": "…"}`; a 401 without a challenge gets `WWW-Authenticate: Bearer`.
enum VerdaccioReply {
    /// One JSON value, kept in order (Verdaccio's objects are insertion-ordered).
    indirect enum Value {
        case string(String)
        case bool(Bool)
        case strings([String])
        case object([(String, Value)])
        case objects([[(String, Value)]])
    }

    static func json(_ pairs: [(String, Value)], status: Int = 200) -> SandboxResponse {
        var out = ""
        write(.object(pairs), indent: "", into: &out)
        return SandboxResponse(status: status, body: Data((out + "\n").utf8))
    }

    static func error(_ error: SandboxError) -> SandboxResponse {
        var response = json([("error", .string(error.message))], status: error.status)
        if let challenge = error.challenge {
            response.headers.append(("WWW-Authenticate", challenge))
        } else if error.status == 401 {
            response.headers.append(("WWW-Authenticate", "Bearer"))
        }
        return response
    }

    private static func write(_ value: Value, indent: String, into out: inout String) {
        let inner = indent + "  "
        switch value {
        case .string(let text): JSONText.quote(text, into: &out)
        case .bool(let flag): out += flag ? "true" : "false"
        case .strings(let items):
            guard !items.isEmpty else {
                out += "[]"
                return
            }
            out += "[\n" + items.map { inner + JSONText.quote($0) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let pairs):
            guard !pairs.isEmpty else {
                out += "{}"
                return
            }
            out += "{\n"
            for (index, (key, item)) in pairs.enumerated() {
                out += inner + JSONText.quote(key) + ": "
                write(item, indent: inner, into: &out)
                out += index + 1 < pairs.count ? ",\n" : "\n"
            }
            out += indent + "}"
        case .objects(let items):
            guard !items.isEmpty else {
                out += "[]"
                return
            }
            out += "[\n"
            for (index, pairs) in items.enumerated() {
                out += inner
                write(.object(pairs), indent: inner, into: &out)
                out += index + 1 < items.count ? ",\n" : "\n"
            }
            out += indent + "]"
        }
    }
}
