import Foundation
import Hummingbird
import Logging
import NIOCore

/// A running sandbox registry on background threads: for `tokensh --sandbox`, `tokensh sandbox`
/// and tests. It returns once the port is bound, and `stop()` shuts it down.
public final class SandboxHost: @unchecked Sendable {
    // Safe: every stored property is immutable after `launch` returns.
    /// `http://127.0.0.1:PORT/` plus the prefix, with a trailing slash.
    public let baseURL: String
    public let port: Int
    /// Base32 TOTP secret per `:otp` user, for an authenticator app or `oathtool --totp -b`.
    public let totpSecrets: [String: String]
    /// Whether the demo account was created because no user was given.
    public let createdDemoUser: Bool
    private let task: Task<Void, Never>
    private let stopped: StartupSignal<Void>

    private init(
        baseURL: String, port: Int, totpSecrets: [String: String], createdDemoUser: Bool, task: Task<Void, Never>,
        stopped: StartupSignal<Void>
    ) {
        self.baseURL = baseURL
        self.port = port
        self.totpSecrets = totpSecrets
        self.createdDemoUser = createdDemoUser
        self.task = task
        self.stopped = stopped
    }

    /// Starts a sandbox from synchronous code (the shell's start-up, the foreground command).
    ///
    /// Blocks the calling thread until the port is bound; do not call it from a Swift concurrency
    /// task (use `launch` there), since it would hold one of the few cooperative threads.
    public static func start(_ configuration: SandboxConfiguration) throws -> SandboxHost {
        let result = StartupSignal<Result<SandboxHost, any Error>>()
        Task.detached {
            do {
                result.resolve(.success(try await launch(configuration)))
            } catch {
                result.resolve(.failure(error))
            }
        }
        return try result.wait().get()
    }

    /// Starts a sandbox from async code; returns once the port is bound.
    public static func launch(_ configuration: SandboxConfiguration) async throws -> SandboxHost {
        try configuration.validate()
        let store = try SandboxStore(configuration: configuration)
        var secrets: [String: String] = [:]
        for spec in configuration.effectiveUsers {
            let user = try await store.upsertUser(spec)
            if spec.secondFactor == .otp, let secret = user.totpSecret { secrets[spec.name] = secret }
        }
        let firstUser = configuration.effectiveUsers.first?.name ?? SandboxConfiguration.demoUser.name
        if configuration.seedTokens > 0 {
            try await store.insert(
                TokenSeeder.tokens(
                    count: configuration.seedTokens, user: firstUser, flavor: configuration.flavor,
                    now: configuration.clock()))
        }
        let log = try AccessLog(configuration.log)
        let bound = StartupSignal<Result<Int, any Error>>()
        let stopped = StartupSignal<Void>()
        let routes = SandboxRoutes(store: store, configuration: configuration, defaultUser: firstUser)
        let host = configuration.host
        let task = Task.detached {
            let responder = SandboxResponder(
                routes: routes, configuration: configuration, log: log,
                fallbackAuthority: "\(host):\(configuration.port)")
            var logger = Logger(label: "tokensh.sandbox")
            logger.logLevel = .critical
            let app = Application(
                responder: responder,
                configuration: .init(address: .hostname(host, port: configuration.port), serverName: nil),
                onServerRunning: { channel in
                    bound.resolve(.success(channel.localAddress?.port ?? configuration.port))
                },
                logger: logger)
            do {
                try await app.run()
                bound.resolve(.failure(SandboxConfigurationError("the sandbox stopped before it started")))
            } catch {
                bound.resolve(
                    .failure(SandboxConfigurationError("cannot listen on \(host):\(configuration.port): \(error)")))
            }
            stopped.resolve(())
        }
        let port = try await bound.value().get()
        return SandboxHost(
            baseURL: "http://\(host):\(port)\(configuration.prefix)", port: port, totpSecrets: secrets,
            createdDemoUser: configuration.users.isEmpty, task: task, stopped: stopped)
    }

    /// Stops serving and waits until the listening socket is closed (synchronous callers).
    public func stop() {
        task.cancel()
        stopped.wait()
    }

    /// Stops serving and waits until the listening socket is closed (async callers).
    public func shutdown() async {
        task.cancel()
        await stopped.value()
    }
}
