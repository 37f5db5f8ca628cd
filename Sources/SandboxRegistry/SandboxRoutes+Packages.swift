import Foundation

/// Packument GET, publish PUT and tarball GET: enough to see token permissions at work.
extension SandboxRoutes {
    func packageRoute(_ request: SandboxRequest) async throws -> SandboxResponse? {
        let path = request.segments
        guard let first = path.first, !first.hasPrefix("-"), !first.isEmpty else { return nil }
        let scoped = first.hasPrefix("@") && !first.contains("/")
        let nameCount = scoped ? 2 : 1
        guard path.count >= nameCount else { return nil }
        let name = path.prefix(nameCount).joined(separator: "/")
        let rest = Array(path.dropFirst(nameCount))
        if request.method == "GET", rest.isEmpty {
            try await checkRead(request, package: name)
            guard let data = await store.packages.packument(name) else { throw SandboxError.notFound("Not found") }
            return SandboxResponse(status: 200, body: data)
        }
        if request.method == "PUT", rest.isEmpty {
            let (token, user) = try await authenticate(request)
            if let refusal = TokenRules.authorize(token, .write, package: name) { throw refusal }
            if TokenRules.publishNeedsSecondFactor(token, flavor: configuration.flavor) {
                try await requireSecondFactor(request, user: user)
            }
            try await publish(request, name: name)
            return .json(["ok": true, "id": name], status: 201)
        }
        if request.method == "GET", rest.count == 2, rest[0] == "-" {
            try await checkRead(request, package: name)
            guard let data = await store.packages.tarball(package: name, file: rest[1]) else {
                throw SandboxError.notFound("Not found")
            }
            return SandboxResponse(status: 200, body: data, contentType: "application/octet-stream")
        }
        return nil
    }

    /// Reads are anonymous, but a token that is sent must be valid and allowed to read.
    private func checkRead(_ request: SandboxRequest, package: String) async throws {
        guard request.bearerToken != nil else { return }
        let (token, _) = try await authenticate(request)
        if let refusal = TokenRules.authorize(token, .read, package: package) { throw refusal }
    }

    private func publish(_ request: SandboxRequest, name: String) async throws {
        try await store.publish(name: name, body: request.body, tarballBase: request.baseURL)
    }
}

extension SandboxStore {
    func publish(name: String, body: Data, tarballBase: String) throws {
        try packages.publish(name: name, body: body, tarballBase: tarballBase, now: clock()).get()
    }
}
