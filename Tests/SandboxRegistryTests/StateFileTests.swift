import Foundation
import Testing
import TokenShellCore

@testable import SandboxRegistry

@Suite struct StateFileTests {
    @Test("security 19: the state's temporary file is always a new private file, never a planted one")
    func temporaryFileIsExclusive() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let victim = folder + "/victim"
        try Data("untouched".utf8).write(to: URL(fileURLWithPath: victim))
        // The old, guessable name, planted as a symlink by someone who can write to the folder.
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/.state.json.tmp-\(getpid())", withDestinationPath: victim)
        let path = folder + "/state.json"
        try StateFile(path: path).save(SandboxState(flavor: .classic))
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "untouched")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try StateFile(path: path).load()?.flavor == .classic)

        let (descriptor, temporary) = try StateFile.createTemporary(beside: path)
        close(descriptor)
        defer { unlink(temporary) }
        #expect(temporary.hasPrefix(folder + "/.state.json.tmp-\(getpid())-"))
    }

    @Test("security 19: --users-file lines parse as --user does, errors name the line but not the password")
    func usersFile() throws {
        let users = try SandboxConfiguration.User.parseList(
            "# accounts\nalice:pw:with:colons\r\n\n  \nbob:pw-bob:otp\ncarol:pw-carol:webotp\n", source: "users.txt")
        #expect(users.map(\.name) == ["alice", "bob", "carol"])
        #expect(users.map { $0.password.reveal() } == ["pw:with:colons", "pw-bob", "pw-carol"])
        #expect(users.map(\.secondFactor) == [.none, .otp, .webotp])
        #expect {
            _ = try SandboxConfiguration.User.parseList("alice:pw\nhunter2-no-colon\n", source: "users.txt")
        } throws: { error in
            let text = (error as? SandboxConfigurationError)?.description ?? ""
            return text.hasPrefix("users.txt line 2:") && !text.contains("hunter2")
        }
    }
}
