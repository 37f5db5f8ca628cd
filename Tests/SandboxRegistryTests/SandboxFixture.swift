import Foundation
import TokenShellCore

@testable import SandboxRegistry

/// A sandbox on 127.0.0.1 port 0 with fast password hashing, shut down by `stop()`.
struct SandboxFixture {
    let host: SandboxHost
    let clock: TestClock

    var port: Int { host.port }
    /// The path prefix, e.g. `/` or `/sub/`.
    let prefix: String

    static func start(
        flavor: SandboxConfiguration.Flavor = .npmjs, users: [String] = ["alice:pw-alice"], prefix: String = "/",
        autoApprove: Bool = false, faults: [String] = [], seedTokens: Int = 0, statePath: String? = nil,
        log: SandboxConfiguration.LogDestination = .none
    ) async throws -> SandboxFixture {
        let clock = TestClock()
        var configuration = SandboxConfiguration()
        configuration.flavor = flavor
        configuration.users = try users.map(SandboxConfiguration.User.parse)
        configuration.prefix = SandboxConfiguration.normalizePrefix(prefix)
        configuration.autoApprove = autoApprove
        configuration.faults = try faults.map(FaultRule.parse)
        configuration.seedTokens = seedTokens
        configuration.statePath = statePath
        configuration.log = log
        configuration.passwordIterations = 1000
        configuration.clock = { clock.now() }
        let host = try await SandboxHost.launch(configuration)
        return SandboxFixture(host: host, clock: clock, prefix: configuration.prefix)
    }

    func stop() async { await host.shutdown() }

    /// Sends a request to `prefix + path` (path without a leading slash).
    func request(
        _ method: String, _ path: String, token: String? = nil, json: [String: Any]? = nil,
        headers: [String: String] = [:]
    ) async throws -> PlainResponse {
        try await PlainHTTPClient.json(
            port: port, method, prefix + path, token: token, object: json, extraHeaders: headers)
    }

    /// Logs in through the couch PUT and returns the token.
    func login(_ name: String, _ password: String, otp: String? = nil) async throws -> String {
        let body: [String: Any] = [
            "_id": "org.couchdb.user:" + name, "name": name, "password": password, "type": "user", "roles": [],
        ]
        let otpHeader = otp.map { ["npm-otp": $0] } ?? [:]
        var response = try await request("PUT", "-/user/org.couchdb.user:" + name, json: body, headers: otpHeader)
        if response.status == 409 {
            // The classic flavour's CouchDB path, as npm walks it.
            let document = try await request("GET", "-/user/org.couchdb.user:" + name + "?write=true")
            let revision = document.json?["_rev"] as? String ?? "undefined"
            var headers = otpHeader
            headers["Authorization"] = "Basic " + Data((name + ":" + password).utf8).base64EncodedString()
            response = try await request(
                "PUT", "-/user/org.couchdb.user:" + name + "/-rev/" + revision, json: body, headers: headers)
        }
        guard response.status == 201, let token = response.json?["token"] as? String else {
            throw PlainHTTPClient.Failure(description: "login failed: \(response.status) \(response.text)")
        }
        return token
    }

    /// Creates a granular (npmjs) or classic token with `body` plus the password.
    func createToken(_ session: String, password: String, _ body: [String: Any]) async throws -> PlainResponse {
        var json = body
        json["password"] = password
        return try await request("POST", "-/npm/v1/tokens", token: session, json: json)
    }

    /// A minimal `npm publish` body for `name@version`.
    static func publishBody(name: String, version: String) -> [String: Any] {
        let file = (name.split(separator: "/").last.map(String.init) ?? name) + "-" + version + ".tgz"
        return [
            "_id": name, "name": name, "dist-tags": ["latest": version],
            "versions": [version: ["name": name, "version": version, "dist": ["tarball": "http://x/" + file]]],
            "_attachments": [
                name + "-" + version + ".tgz": [
                    "content_type": "application/octet-stream",
                    "data": Data("tarball bytes".utf8).base64EncodedString(),
                    "length": 13,
                ]
            ],
        ]
    }
}
