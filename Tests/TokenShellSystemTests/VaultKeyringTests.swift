import Foundation
import Testing
import TokenShellCore

@testable import TokenShellKeyring

/// Answers passphrase questions from a list, and counts them.
private final class ScriptedPassphrases: KeyringPassphraseSource {
    var answers: [String]
    var asked: [(creating: Bool, retry: Bool)] = []

    init(_ answers: [String]) { self.answers = answers }

    func passphrase(for place: String, creating: Bool, retry: Bool) throws(ShellError) -> Secret {
        asked.append((creating, retry))
        guard !answers.isEmpty else { throw ShellError(.usage, "no terminal to ask", code: "ELOCKED") }
        return Secret(answers.removeFirst())
    }
}

@Suite struct VaultKeyringTests {
    static let registry = "http://127.0.0.1:4873/"
    static let token = "npm_" + String(repeating: "A", count: 36)
    static let work = KeyringItem(registry: registry, kind: .login, name: "work", user: "alice")
    static let ci = KeyringItem(registry: registry, kind: .token, name: "ci")

    private func vault(_ folder: TemporaryFolder, _ source: ScriptedPassphrases, unlock: Int = 0) -> VaultKeyring {
        VaultKeyring(
            path: folder.file("data/tokensh/vault"), home: folder.path, passphrase: source, unlockSeconds: unlock)
    }

    private func errorCode(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as ShellError {
            return error.code
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test("a vault keeps items sealed, mode 0600, and opens with the passphrase alone")
    func roundTrip() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = ScriptedPassphrases(["long passphrase"])
        let writer = vault(folder, first)
        try writer.prepareToStore()
        try writer.store(Self.work, secret: Secret(Self.token))
        try writer.store(Self.ci, secret: Secret("npm_second"))
        #expect(first.asked.count == 1 && first.asked[0].creating)

        let path = folder.file("data/tokensh/vault")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains(Self.token) && !text.contains("alice") && !text.contains("work"))
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
        #expect(mode & 0o777 == 0o600)

        let reader = vault(folder, ScriptedPassphrases(["long passphrase"]))
        #expect(Set(try reader.items()) == [Self.work, Self.ci])
        #expect(try reader.secret(of: Self.work)?.reveal() == Self.token)
        #expect(try reader.remove(Self.ci))
        #expect(try !reader.remove(Self.ci))
        #expect(try vault(folder, ScriptedPassphrases(["long passphrase"])).items() == [Self.work])
    }

    @Test("a wrong passphrase is asked again, then refused, and a refused write changes no byte")
    func wrongPassphrase() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let writer = vault(folder, ScriptedPassphrases(["right passphrase"]))
        try writer.store(Self.work, secret: Secret(Self.token))
        let path = folder.file("data/tokensh/vault")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let wrong = ScriptedPassphrases(["nope", "still no", "no again"])
        let code = errorCode { try vault(folder, wrong).store(Self.ci, secret: Secret("npm_x")) }
        #expect(code == "EBADPASSPHRASE")
        #expect(wrong.asked.map(\.retry) == [false, true, true])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("truncated, damaged, altered and newer vaults each get their own error and stay as they are")
    func damagedVaults() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try vault(folder, ScriptedPassphrases(["right passphrase"])).store(Self.work, secret: Secret(Self.token))
        let path = folder.file("data/tokensh/vault")
        let good = try String(contentsOfFile: path, encoding: .utf8)

        let sealedStart = try #require(good.range(of: "\"sealed\":\""))
        let truncated = String(good[..<good.index(sealedStart.upperBound, offsetBy: 40)]) + "\"}\n"
        let cases: [(String, String)] = [
            (truncated, "EVAULTDAMAGED"),
            (String(good.prefix(good.count / 2)), "EVAULTDAMAGED"),
            ("not a vault at all\n", "EVAULTDAMAGED"),
            (good.replacingOccurrences(of: "\"version\":1", with: "\"version\":2"), "EVAULTVERSION"),
            // The header is authenticated: a changed cost parameter fails like a changed byte.
            (good.replacingOccurrences(of: "\"logN\":15", with: "\"logN\":14"), "EBADPASSPHRASE"),
            // Settings read before anything is authenticated are bounded: no 16 GiB scrypt.
            (good.replacingOccurrences(of: "\"logN\":15,\"r\":8", with: "\"logN\":22,\"r\":32"), "EVAULTDAMAGED"),
            (good.replacingOccurrences(of: "\"logN\":15", with: "\"logN\":20"), "EVAULTDAMAGED"),
        ]
        for (contents, expected) in cases {
            try contents.write(toFile: path, atomically: true, encoding: .utf8)
            func source() -> ScriptedPassphrases { ScriptedPassphrases(Array(repeating: "right passphrase", count: 3)) }
            #expect(errorCode { _ = try vault(folder, source()).items() } == expected)
            #expect(errorCode { try vault(folder, source()).store(Self.ci, secret: Secret("npm_x")) } == expected)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == contents)
        }
    }

    @Test("a vault that is a FIFO is refused, not waited on")
    func fifoVault() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(
            atPath: folder.file("data/tokensh"), withIntermediateDirectories: true)
        #expect(mkfifo(folder.file("data/tokensh/vault"), 0o600) == 0)
        #expect(errorCode { _ = try vault(folder, ScriptedPassphrases(["x"])).items() } == "EVAULTDAMAGED")
    }

    @Test("without a terminal a locked vault says how to unlock it")
    func lockedWithoutTerminal() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try vault(folder, ScriptedPassphrases(["right passphrase"])).store(Self.work, secret: Secret(Self.token))
        #expect(errorCode { _ = try vault(folder, ScriptedPassphrases([])).items() } == "ELOCKED")
    }

    @Test("an unlocked vault's key stays in the kernel keyring for other runs until lock")
    func unlockWindow() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = vault(folder, ScriptedPassphrases(["right passphrase"]), unlock: 60)
        try first.store(Self.work, secret: Secret(Self.token))
        #expect(!first.cacheUnavailable)

        // A second run: nothing in its memory, and nobody to ask.
        let second = vault(folder, ScriptedPassphrases([]), unlock: 60)
        #expect(try second.secret(of: Self.work)?.reveal() == Self.token)

        #expect(try first.lock().hasPrefix("Locked"))
        #expect(errorCode { _ = try vault(folder, ScriptedPassphrases([]), unlock: 60).items() } == "ELOCKED")
    }

    @Test("the kernel key cache stores, reads back and forgets")
    func kernelKeyCache() {
        let cache = KernelKeyCache(description: "tokensh:test:\(UUID().uuidString)")
        let bytes = (0..<32).map { UInt8($0) }
        #expect(cache.store(bytes, seconds: 30))
        #expect(cache.read() == bytes)
        #expect(cache.forget())
        #expect(cache.read() == nil)
        #expect(!cache.forget())
    }

    @Test("keyring names: printable, short, no spaces")
    func names() throws {
        try KeyringItem.checkName("ci-publish_2.x@work", what: "account")
        for bad in ["", "has space", "tab\there", String(repeating: "a", count: 65), "semi;colon", "é"] {
            #expect(throws: ShellError.self) { try KeyringItem.checkName(bad, what: "account") }
        }
        #expect(try TokenSaveTarget(parsing: "keyring") == .keyring(nil))
        #expect(try TokenSaveTarget(parsing: "keyring:ci") == .keyring("ci"))
        #expect(TokenSaveTarget.keyring("ci").flagValue == "keyring:ci")
        #expect(throws: ShellError.self) { try TokenSaveTarget(parsing: "keyring:") }
    }

    @Test("the account selection file keeps names only, in a stable order")
    func accountSelection() {
        let text = AccountSelectionText.render(["https://b.example/": "work", "https://a.example/": "home"])
        #expect(text == "{\"https://a.example/\":\"home\",\"https://b.example/\":\"work\"}\n")
        #expect(AccountSelectionText.parse(text) == ["https://a.example/": "home", "https://b.example/": "work"])
        #expect(AccountSelectionText.parse("garbage").isEmpty)
        // A name tokensh would not write (an escape sequence for the prompt) is ignored.
        #expect(
            AccountSelectionText.parse("{\"https://a/\":\"evil\\u001b]0;x\\u0007\",\"https://b/\":\"ok\"}") == [
                "https://b/": "ok"
            ])
    }
}
