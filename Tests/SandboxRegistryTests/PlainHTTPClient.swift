import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A reply as it came off the socket, including how a dropped connection looked.
struct PlainResponse: Sendable {
    var status: Int
    /// Lower-cased names.
    var headers: [String: String]
    var body: Data
    /// Whether the connection closed before the announced Content-Length arrived.
    var closedEarly: Bool

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object, or `nil` when it is not valid JSON.
    var json: [String: Any]? { try? JSONSerialization.jsonObject(with: body) as? [String: Any] }
}

/// A minimal HTTP/1.1 client over POSIX sockets: it sees exactly what the server sent, with no
/// retries, caching or redirects, and runs each exchange on its own thread so tests never block
/// the cooperative pool the server needs.
enum PlainHTTPClient {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func send(
        port: Int, _ method: String, _ path: String, headers: [String: String] = [:], body: Data? = nil
    ) async throws -> PlainResponse {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(
                    with: Result { try exchange(port: port, method: method, path: path, headers: headers, body: body) })
            }
            thread.start()
        }
    }

    static func json(
        port: Int, _ method: String, _ path: String, token: String? = nil, object: [String: Any]? = nil,
        extraHeaders: [String: String] = [:]
    ) async throws -> PlainResponse {
        var headers = extraHeaders
        if let token { headers["Authorization"] = "Bearer " + token }
        var body: Data?
        if let object {
            body = try JSONSerialization.data(withJSONObject: object)
            headers["Content-Type"] = "application/json"
        }
        return try await send(port: port, method, path, headers: headers, body: body)
    }

    private static func exchange(port: Int, method: String, path: String, headers: [String: String], body: Data?)
        throws -> PlainResponse
    {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket failed") }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(description: "connect to 127.0.0.1:\(port) failed") }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body?.count ?? 0)\r\n\r\n"
        let request = Data(head.utf8) + (body ?? Data())
        let sent = request.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, 0) }
        guard sent == request.count else { throw Failure(description: "short write") }
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count])
        }
        return try parse(received)
    }

    private static func parse(_ data: Data) throws -> PlainResponse {
        guard let separator = data.range(of: Data("\r\n\r\n".utf8)) else {
            throw Failure(description: "no complete response head (\(data.count) bytes)")
        }
        let headText = String(decoding: data[..<separator.lowerBound], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw Failure(description: "bad status line")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        var body = Data(data[separator.upperBound...])
        var closedEarly = false
        if let declared = headers["content-length"].flatMap(Int.init) {
            if body.count < declared { closedEarly = true } else { body = body.prefix(declared) }
        }
        return PlainResponse(status: status, headers: headers, body: body, closedEarly: closedEarly)
    }
}
