import Foundation
import Testing

@testable import TokenShellCore

@Suite struct AsciicastTests {
    @Test func theHeaderIsOneJSONObjectWithVersionSizeAndEnvironment() throws {
        let line = Asciicast.header(
            width: 120, height: 40, timestamp: 1_796_000_000, term: "xterm", shell: "/bin/bash", title: "tokensh")
        #expect(line.hasSuffix("}\n"))
        let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 2)
        #expect(object["width"] as? Int == 120)
        #expect(object["height"] as? Int == 40)
        #expect(object["timestamp"] as? Int == 1_796_000_000)
        #expect((object["env"] as? [String: String]) == ["TERM": "xterm", "SHELL": "/bin/bash"])
    }

    @Test func eventsCarryTimeKindAndTextWithTerminalLineEnds() throws {
        let line = Asciicast.outputEvent(at: 1.5, "one\ntwo\r\nthree \u{1B}[1m\"q\"")
        let event = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
        #expect(event.count == 3)
        #expect(event[0] as? Double == 1.5)
        #expect(event[1] as? String == "o")
        #expect(event[2] as? String == "one\r\ntwo\r\nthree \u{1B}[1m\"q\"")
    }

    @Test(arguments: [(0.0, "0.000000"), (12.000345, "12.000345"), (-1, "0.000000"), (3.9999999, "4.000000")])
    func timesHaveMicroseconds(seconds: Double, text: String) {
        #expect(Asciicast.time(seconds) == text)
    }

    static let token = "npm_" + "Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78"

    @Test func theRecordingMaskShowsATokenByItsLastFourCharactersOnly() {
        let mask = SecretMask(secrets: [Self.token, "hunter2-password", "123456"], style: .recording)
        let shown = mask.apply("token \(Self.token)\npassword hunter2-password otp 123456\n")
        #expect(!shown.contains(Self.token))
        #expect(shown.contains("npm_••••…" + String(Self.token.suffix(4))))
        #expect(!shown.contains("hunter2"))
        #expect(!shown.contains("123456"))
        #expect(!shown.contains("Ab12"), "no part of the token's start is shown")
    }

    @Test func theRecordingMaskCatchesTokenShapesItWasNotTold() {
        let uuid = "0f9e8d7c-6b5a-4f3e-8d2c-1b0a9f8e7d6c"
        let shown = SecretMask(secrets: [], style: .recording).apply("\(Self.token) and \(uuid)")
        #expect(shown == "npm_••••…\(Self.token.suffix(4)) and ••••…\(uuid.suffix(4))")
    }
}
