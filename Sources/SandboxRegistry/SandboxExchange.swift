import Foundation

/// One request as the route handlers see it: decoded path segments, query, headers, body, peer.
struct SandboxRequest: Sendable {
    var method: String
    /// Path segments after the registry prefix, percent-decoded one by one (`@scope%2fname` stays one).
    var segments: [String]
    /// The path after the prefix, still encoded, starting with `/` (for fault rules and the log).
    var relativePath: String
    var query: [String: String]
    /// Lower-cased names.
    var headers: [String: String]
    var body: Data
    /// The connection's peer IP address.
    var peer: String?
    /// The registry base URL for absolute links (`http://host:port/prefix/`).
    var baseURL: String

    func header(_ name: String) -> String? { headers[name] }

    /// The bearer token sent, if any.
    var bearerToken: String? {
        guard let value = header("authorization"), value.lowercased().hasPrefix("bearer ") else { return nil }
        return String(value.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }

    /// `(user, password)` from Basic auth, if any.
    var basicCredentials: (String, String)? {
        guard let value = header("authorization"), value.lowercased().hasPrefix("basic "),
            let data = Data(base64Encoded: String(value.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    /// The JSON object body, or `nil`.
    var jsonObject: [String: Any]? { try? JSONSerialization.jsonObject(with: body) as? [String: Any] }

    /// `application/x-www-form-urlencoded` fields.
    var formFields: [String: String] {
        Self.parseQuery(String(decoding: body, as: UTF8.self))
    }

    static func parseQuery(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            if let key = parts.first { fields[key] = parts.count > 1 ? parts[1] : "" }
        }
        return fields
    }
}

/// A reply before it becomes a Hummingbird response; faults can still rewrite it.
struct SandboxResponse: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: Data = Data()
    var contentType: String = "application/json"

    static func json(_ object: Any, status: Int = 200) -> SandboxResponse {
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return SandboxResponse(status: status, body: data)
    }

    /// A body already written as JSON text.
    static func rawJSON(_ text: String, status: Int = 200) -> SandboxResponse {
        SandboxResponse(status: status, body: Data(text.utf8))
    }

    static func error(_ error: SandboxError) -> SandboxResponse {
        var body: [String: Any] = ["error": error.message, "message": error.message, "ok": false]
        if let code = error.code { body["code"] = code }
        for (key, value) in error.extra { body[key] = value }
        var response = json(body, status: error.status)
        if let challenge = error.challenge { response.headers.append(("WWW-Authenticate", challenge)) }
        return response
    }

    static func html(_ text: String, status: Int = 200) -> SandboxResponse {
        SandboxResponse(status: status, body: Data(text.utf8), contentType: "text/html; charset=utf-8")
    }
}
