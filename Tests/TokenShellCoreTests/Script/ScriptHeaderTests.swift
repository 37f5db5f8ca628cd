import Foundation
import Testing

@testable import TokenShellCore

@Suite struct ScriptHeaderTests {
    @Test func rendersTheThreeLinesOfTheDesign() {
        let text = ScriptHeader.render(
            recordedAt: Date(timeIntervalSince1970: 1_795_860_000), registry: "https://registry.npmjs.org/")
        #expect(
            text == """
                #!/usr/bin/env tokensh
                # tokensh script v1
                # recorded 2026-11-28T10:00:00Z against https://registry.npmjs.org/

                """)
    }

    @Test func readsBackTheVersionTimeAndRegistry() throws {
        let text = ScriptHeader.render(recordedAt: Date(timeIntervalSince1970: 0), registry: "http://127.0.0.1:4873/")
        var check = ScriptLineCheck(source: "setup.tksh")
        for (offset, line) in try ScriptSource.lines(of: Array(text.utf8), source: "setup.tksh").enumerated() {
            try check.check(line, number: offset + 1)
        }
        #expect(
            check.header
                == ScriptHeader(version: 1, recordedAt: "1970-01-01T00:00:00Z", registry: "http://127.0.0.1:4873/"))
    }

    @Test(arguments: ["2", "10", "x", ""])
    func refusesAVersionItCannotRead(_ version: String) {
        var check = ScriptLineCheck(source: "new.tksh")
        #expect(throws: Never.self) { try check.check("#!/usr/bin/env tokensh", number: 1) }
        let error = #expect(throws: ShellError.self) { try check.check("# tokensh script v\(version)", number: 2) }
        #expect(error?.status == .usage)
        #expect(error?.message.contains("new.tksh is a tokensh script v\(version)") == true)
        #expect(error?.message.contains("reads v1") == true)
    }

    @Test func aVersionLineAfterTheFirstCommandIsOnlyAComment() throws {
        var check = ScriptLineCheck(source: "s")
        try check.check("whoami", number: 1)
        try check.check("# tokensh script v9", number: 2)
        #expect(check.header.version == nil)
    }

    @Test func aShebangForAnotherInterpreterIsRefused() {
        var check = ScriptLineCheck(source: "build.sh")
        let error = #expect(throws: ShellError.self) { try check.check("#!/bin/bash", number: 1) }
        #expect(error?.message.contains("another interpreter") == true)
    }
}
