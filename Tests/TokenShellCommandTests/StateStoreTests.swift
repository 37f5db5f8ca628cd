import Foundation
import Testing
import TokenShellCore
import TokenShellSystem

@testable import tokensh

/// The state files several tokensh runs change at once keep every run's change.
@Suite struct StateStoreTests {
    private func paths() throws -> (TokenShellPaths, String) {
        let folder = NSTemporaryDirectory() + "tokensh-state-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return (TokenShellPaths(environment: ["XDG_STATE_HOME": folder], home: folder), folder)
    }

    @Test("parallel --step runs each keep their resume point")
    func parallelResumePoints() throws {
        let (paths, folder) = try paths()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let count = 24
        DispatchQueue.concurrentPerform(iterations: count) { index in
            // A store per run, as separate processes would have.
            let store = LocalReplayProgressStore(paths: paths)
            try? store.updateProgress { text in
                var points = ReplayResumePoints(text: text)
                points.set(line: index + 1, for: "/work/script-\(index).tksh", digest: "1-d")
                return points.text
            }
        }
        let points = ReplayResumePoints(text: LocalReplayProgressStore(paths: paths).readProgress())
        for index in 0..<count {
            #expect(points.line(for: "/work/script-\(index).tksh", digest: "1-d") == index + 1, "run \(index) lost")
        }
    }

    @Test("parallel account choices for different registries all count")
    func parallelAccountChoices() throws {
        let (paths, folder) = try paths()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let count = 24
        DispatchQueue.concurrentPerform(iterations: count) { index in
            try? LocalAccountSelectionStore(paths: paths).select(
                "work-\(index)", registry: "https://r\(index).example/")
        }
        let store = LocalAccountSelectionStore(paths: paths)
        for index in 0..<count {
            #expect(store.selected(registry: "https://r\(index).example/") == "work-\(index)")
        }
    }
}
