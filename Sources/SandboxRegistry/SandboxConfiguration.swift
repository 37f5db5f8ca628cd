import Foundation
import TokenCodecs

/// Everything the sandbox registry needs to start, constructible from code (for `tokensh --sandbox`
/// and the tests) as well as from `tokensh sandbox` flags.
public struct SandboxConfiguration: Sendable {
    /// Which real registry the sandbox imitates.
    public enum Flavor: String, Sendable, CaseIterable, Codable {
        /// registry.npmjs.org since 2025-12: granular tokens only, expiry limits, 2-hour login sessions.
        case npmjs
        /// CouchDB-style private registries of the npm 6 era (and npm Enterprise): read-only flag
        /// and CIDR list, no expiry, no cap, login tokens listed, 409 on a login PUT.
        case classic
        /// Verdaccio 6 exactly as its routes answer: classic tokens, login tokens not listed, a
        /// one-page list with random hex keys, Basic authentication anywhere, `{"error":…}` errors.
        case verdaccio
    }

    /// Where the access log goes.
    public enum LogDestination: Sendable, Equatable {
        case none
        case standardError
        case file(String)
    }

    /// An account to create (or whose password to reset) at start.
    public struct User: Sendable, Equatable {
        /// How the account proves a second factor.
        public enum SecondFactor: String, Sendable, Codable {
            case none
            /// An authenticator app (TOTP); the secret is printed at start.
            case otp
            /// npm's web OTP flow (`authUrl`/`doneUrl` in the 401 body).
            case webotp
        }

        public var name: String
        public var password: Secret
        public var secondFactor: SecondFactor

        public init(name: String, password: Secret, secondFactor: SecondFactor = .none) {
            self.name = name
            self.password = password
            self.secondFactor = secondFactor
        }

        /// Parses `NAME:PASSWORD[:otp|:webotp]`; the password may itself contain `:` unless it
        /// ends in `:otp`/`:webotp`.
        public static func parse(_ text: String) throws(SandboxConfigurationError) -> User {
            guard let colon = text.firstIndex(of: ":") else {
                throw SandboxConfigurationError("--user needs NAME:PASSWORD[:otp|:webotp]")
            }
            let name = String(text[..<colon])
            var password = String(text[text.index(after: colon)...])
            var factor = SecondFactor.none
            for candidate in [SecondFactor.otp, .webotp] where password.hasSuffix(":" + candidate.rawValue) {
                password.removeLast(candidate.rawValue.count + 1)
                factor = candidate
            }
            guard UserName.isValid(name) else {
                throw SandboxConfigurationError(
                    "--user: '\(name)' is not a valid npm user name (lower case, no spaces or special characters)")
            }
            guard !password.isEmpty else { throw SandboxConfigurationError("--user \(name): the password is empty") }
            return User(name: name, password: Secret(password), secondFactor: factor)
        }
    }

    public var host: String = "127.0.0.1"
    /// 0 takes a free port.
    public var port: Int = 0
    /// Path prefix, normalised to start and end with `/` (`/` for none).
    public var prefix: String = "/"
    public var flavor: Flavor = .npmjs
    /// Accounts; empty means the demo account `demo` / `demo-password`.
    public var users: [User] = []
    /// Web logins and web OTP challenges are approved the moment they start (as the first user).
    public var autoApprove: Bool = false
    /// Lifetime of npmjs-flavour login session tokens.
    public var sessionTTL: TimeInterval = 2 * 60 * 60
    /// Tokens pre-created for the first user.
    public var seedTokens: Int = 0
    public var faults: [FaultRule] = []
    /// JSON file the state is kept in across runs; `nil` keeps it in memory.
    public var statePath: String?
    public var log: LogDestination = .none
    /// PBKDF2 rounds for stored passwords; tests lower it to stay fast.
    public var passwordIterations: Int = PasswordHash.defaultIterations
    /// The registry's clock; tests move it to expire tokens and sessions.
    public var clock: @Sendable () -> Date = { Date() }

    public init() {}

    /// The demo account used when no user is given.
    public static let demoUser = User(name: "demo", password: Secret("demo-password"))

    /// Accounts to create: the configured ones, or the demo account.
    public var effectiveUsers: [User] { users.isEmpty ? [SandboxConfiguration.demoUser] : users }

    /// Normalises a `--prefix` value to `/sub/` form.
    public static func normalizePrefix(_ text: String) -> String {
        let trimmed = text.split(separator: "/").joined(separator: "/")
        return trimmed.isEmpty ? "/" : "/" + trimmed + "/"
    }

    /// Checks values that would otherwise fail later, with a message fit for the command line.
    public func validate() throws(SandboxConfigurationError) {
        guard (0...65535).contains(port) else { throw SandboxConfigurationError("--port must be 0...65535") }
        guard seedTokens >= 0 else { throw SandboxConfigurationError("--seed-tokens must not be negative") }
        if flavor == .npmjs, seedTokens > TokenRules.maximumTokensPerAccount {
            throw SandboxConfigurationError(
                "--seed-tokens \(seedTokens) is more than npmjs allows: at most \(TokenRules.maximumTokensPerAccount) tokens per account (use --flavor classic for more)"
            )
        }
        guard sessionTTL > 0 else { throw SandboxConfigurationError("--session-ttl must be at least 1 second") }
        let names = effectiveUsers.map(\.name)
        guard Set(names).count == names.count else { throw SandboxConfigurationError("--user names must be unique") }
    }
}

/// A configuration value that cannot work, said in terms of the command-line flag.
public struct SandboxConfigurationError: Error, Sendable, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
