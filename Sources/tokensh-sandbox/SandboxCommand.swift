// The sandbox npm registry.
import ArgumentParser
import Foundation
import SandboxRegistry
import TokenCodecs

#if canImport(Glibc)
    import Glibc
#endif

/// `tokensh sandbox` (which execs this executable) and the child that `tokensh --sandbox` starts:
/// the sandbox registry in the foreground. It lives in its own executable so that none of the
/// server library's code loads when the shell starts.
struct SandboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the sandbox npm registry in the foreground.",
        discussion: """
            A practice npm registry on loopback that the real npm CLI accepts. The first line of \
            stdout is its base URL; each 2FA user gets a line `totp-secret NAME BASE32SECRET`. \
            The access log goes to stderr. Stop it with Ctrl-C or SIGTERM.

            Example: tokensh sandbox --port 0 --flavor classic --users-file accounts.txt
                     (accounts.txt: `alice:pw` and `bob:pw2:otp`, one per line; --user NAME:PW works
                     too, but shows the password to anyone who lists processes)
                     npm --registry http://127.0.0.1:PORT/ login --auth-type=legacy

            Flavours, and the real registries each stands for:
              npmjs      registry.npmjs.org since 2025-12: granular tokens only (at most 1000, write \
            tokens 7 days by default and 90 at most), 2-hour login sessions that are not listed, the \
            classic create body refused. A login PUT for an existing user gets 201 and a session.
              verdaccio  Verdaccio 6 (htpasswd auth, default legacy tokens) as its routes answer: \
            classic tokens (read-only flag, CIDR list, granular fields accepted and ignored), tokens \
            that are not npm_ tokens, login tokens not listed and logout revoking nothing, a one-page \
            list with random hex keys, read-only tokens refused for any write, Basic auth anywhere, \
            errors as {"error":…}, no web login. A login PUT without credentials gets 409, so npm \
            takes the GET ?write=true and PUT …/-rev/undefined path with Basic auth.
              classic    CouchDB-style registries (npm 6 era, npm Enterprise): classic tokens, login \
            tokens listed, 409 on a login PUT then GET ?write=true and PUT …/-rev/REV.

            Fault SPEC (repeatable, one rule per --fault): KIND[=VALUE][,retry-after=N][,path=/PREFIX]
              latency=200ms      every matching request waits 200 ms (also 2s, or plain ms)
              500=0.3            30% of matching requests get 500 (503 alike; no value = always)
              429=1,retry-after=2  429 with Retry-After: 2
              malformed=0.5      half of the JSON replies are cut short (invalid JSON)
              drop=1             headers promise a longer body, then the connection closes
              grant-write        token creation grants read-write whatever was asked (verification tests)
              path=/-/npm/v1/tokens  restrict the rule to paths (after --prefix) starting with this
            """
    )

    @Option(help: ArgumentHelp("Address to listen on (loopback only is sensible).", valueName: "address"))
    var host = "127.0.0.1"

    @Option(help: "Port; 0 takes a free one.")
    var port = 0

    @Option(help: ArgumentHelp("Serve under a path prefix, e.g. /sub/.", valueName: "path"))
    var prefix = "/"

    @Option(
        help: ArgumentHelp(
            "npmjs (registry.npmjs.org), verdaccio (Verdaccio 6) or classic (CouchDB-style registries).",
            valueName: "npmjs|verdaccio|classic"))
    var flavor: String = "npmjs"

    @Option(
        name: .customLong("user"),
        help: ArgumentHelp(
            "An account NAME:PASSWORD[:otp|:webotp] (repeatable). Without one, demo:demo-password is created.",
            valueName: "account"))
    var users: [String] = []

    @Option(
        help: ArgumentHelp(
            "Accounts from a file, one NAME:PASSWORD[:otp|:webotp] per line ('#' comments); '-' reads stdin "
                + "up to an empty line or EOF. Keeps passwords out of the process table, unlike --user.",
            valueName: "file"))
    var usersFile: String?

    @Option(
        help: ArgumentHelp(
            "Keep accounts and tokens in this JSON file (written atomically after each change).", valueName: "file"))
    var state: String?

    @Flag(help: "Approve web logins and web OTP challenges at once, as the first user.")
    var autoApprove = false

    @Option(help: ArgumentHelp("Lifetime of npmjs login session tokens, in seconds.", valueName: "seconds"))
    var sessionTtl: Int = 7200

    @Option(
        help: ArgumentHelp(
            "Give the first user N tokens with varied names, rights, CIDRs and expiry dates.", valueName: "count"))
    var seedTokens: Int = 0

    @Option(
        name: .customLong("fault"), help: ArgumentHelp("Inject failures (see above; repeatable).", valueName: "spec"))
    var faults: [String] = []

    @Option(help: .hidden)
    var passwordIterations: Int?

    @Flag(help: .hidden)
    var noAccessLog = false

    @Flag(help: .hidden)
    var stopOnStdinEOF = false

    func run() throws {
        var configuration = SandboxConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.prefix = SandboxConfiguration.normalizePrefix(prefix)
        guard let chosen = SandboxConfiguration.Flavor(rawValue: flavor) else {
            throw ValidationError("--flavor must be npmjs, classic or verdaccio")
        }
        configuration.flavor = chosen
        configuration.autoApprove = autoApprove
        configuration.sessionTTL = TimeInterval(sessionTtl)
        configuration.seedTokens = seedTokens
        configuration.statePath = state
        configuration.log = noAccessLog ? .none : .standardError
        if let passwordIterations { configuration.passwordIterations = passwordIterations }
        do {
            configuration.users = try users.map(SandboxConfiguration.User.parse)
            if let usersFile { configuration.users += try Self.readUsers(from: usersFile) }
            configuration.faults = try faults.map(FaultRule.parse)
            try configuration.validate()
        } catch {
            throw ValidationError("\(error)")
        }
        // Block the stop signals before any server thread exists, so only sigwait below sees them.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        let host: SandboxHost
        do {
            host = try SandboxHost.start(configuration)
        } catch {
            throw ValidationError("\(error)")
        }
        // Unbuffered writes: whoever started us reads the base URL from the first line at once.
        var banner = host.baseURL + "\n"
        for (name, secret) in host.totpSecrets.sorted(by: { $0.key < $1.key }) {
            banner += "totp-secret \(name) \(secret)\n"
        }
        if host.createdDemoUser {
            banner += "demo account: demo / demo-password (practice only)\n"
        }
        FileHandle.standardOutput.write(Data(banner.utf8))
        if stopOnStdinEOF { Self.stopWhenStdinCloses() }
        var received: Int32 = 0
        sigwait(&signals, &received)
        host.stop()
    }

    /// `--users-file`: a file, or stdin up to an empty line (the practice shell keeps stdin
    /// open after the accounts, to stop us when it goes away).
    private static func readUsers(from path: String) throws -> [SandboxConfiguration.User] {
        if path == "-" {
            var bytes: [UInt8] = []
            var byte: UInt8 = 0
            // Byte by byte: whatever follows the empty line stays unread for --stop-on-stdin-eof.
            while read(STDIN_FILENO, &byte, 1) == 1 {
                if byte == UInt8(ascii: "\n"), bytes.last == UInt8(ascii: "\n") || bytes.isEmpty { break }
                bytes.append(byte)
            }
            return try SandboxConfiguration.User.parseList(String(decoding: bytes, as: UTF8.self), source: "stdin")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SandboxConfigurationError("--users-file \(path) cannot be read")
        }
        return try SandboxConfiguration.User.parseList(String(decoding: data, as: UTF8.self), source: path)
    }

    /// The practice shell's child: its parent holds our stdin open, so EOF means the shell has
    /// gone (even if it was killed), and the sandbox stops instead of lingering.
    private static func stopWhenStdinCloses() {
        let thread = Thread {
            var byte: UInt8 = 0
            while read(STDIN_FILENO, &byte, 1) > 0 {}
            kill(getpid(), SIGTERM)
        }
        thread.start()
    }
}
