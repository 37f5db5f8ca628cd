import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The request context: Hummingbird's core storage plus the connection's peer, for CIDR checks.
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}

/// Turns Hummingbird requests into `SandboxRequest`s, applies `--fault` rules, logs, and answers.
struct SandboxResponder: HTTPResponder {
    typealias Context = SandboxRequestContext

    let routes: SandboxRoutes
    let configuration: SandboxConfiguration
    let log: AccessLog
    /// `host:port` to use in absolute URLs when a request has no Host header.
    let fallbackAuthority: String

    private struct DropConnection: Error {}

    func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        var request = request
        let rawPath = request.uri.path
        let query = request.uri.query
        let method = request.method.rawValue
        let prefix = configuration.prefix
        var relative = "/"
        if rawPath.hasPrefix(prefix) {
            relative = "/" + rawPath.dropFirst(prefix.count)
        } else if rawPath + "/" != prefix {
            let response = SandboxResponse.error(.notFound("not under this registry's prefix \(prefix)"))
            return finish(response, method: method, logPath: rawPath, started: started, context: context)
        }
        let logPath = rawPath + (query.map { "?" + $0 } ?? "")
        let rules = configuration.faults.filter { $0.matches(path: relative) }
        for rule in rules {
            if case .latency(let milliseconds) = rule.kind { try? await Task.sleep(for: .milliseconds(milliseconds)) }
        }
        var malformed = false
        for rule in rules where Double.random(in: 0..<1) < rule.probability {
            switch rule.kind {
            case .latency, .grantWrite: continue
            case .drop:
                return dropResponse(method: method, logPath: logPath, started: started, context: context)
            case .status(let status, let retryAfter):
                var response = SandboxResponse.error(
                    SandboxError(status: status, message: "injected fault: \(status)"))
                if let retryAfter { response.headers.append(("Retry-After", String(retryAfter))) }
                return finish(response, method: method, logPath: logPath, started: started, context: context)
            case .malformed:
                malformed = true
            }
        }
        let body = (try? await request.collectBody(upTo: 64 << 20)).map { Data($0.readableBytesView) } ?? Data()
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
        let authority = request.head.authority ?? headers["host"] ?? fallbackAuthority
        let sandboxRequest = SandboxRequest(
            method: method,
            segments: relative.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) },
            relativePath: relative, query: query.map(SandboxRequest.parseQuery) ?? [:], headers: headers, body: body,
            peer: context.remoteAddress?.ipAddress, baseURL: "http://" + authority + prefix)
        var response = await routes.handle(sandboxRequest)
        if malformed, !response.body.isEmpty {
            response.body = response.body.prefix(max(1, response.body.count / 2)) + Data("<!-- truncated".utf8)
        }
        return finish(response, method: method, logPath: logPath, started: started, context: context)
    }

    private func finish(
        _ response: SandboxResponse, method: String, logPath: String, started: ContinuousClock.Instant,
        context: Context
    ) -> Response {
        var fields = HTTPFields()
        if !response.contentType.isEmpty { fields[.contentType] = response.contentType }
        for (name, value) in response.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        log.record(
            method: method, path: logPath, status: String(response.status), milliseconds: elapsed(since: started),
            peerPort: context.remoteAddress?.port)
        return Response(
            status: HTTPResponse.Status(code: response.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: response.body)))
    }

    /// Headers promise 1000 bytes, 20 arrive, then the connection closes.
    private func dropResponse(
        method: String, logPath: String, started: ContinuousClock.Instant, context: Context
    ) -> Response {
        log.record(
            method: method, path: logPath, status: "drop", milliseconds: elapsed(since: started),
            peerPort: context.remoteAddress?.port)
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        return Response(
            status: .ok, headers: fields,
            body: ResponseBody(contentLength: 1000) { writer in
                try await writer.write(ByteBuffer(string: "{\"injected\":\"drop\","))
                throw DropConnection()
            })
    }

    private func elapsed(since started: ContinuousClock.Instant) -> Int {
        let duration = ContinuousClock.now - started
        return Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
}
