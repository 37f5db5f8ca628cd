/// Where `--step` replays were stopped, so a later `--step` replay of the same script can carry
/// on after the last step that was done.
///
/// One line per script: `LINE<TAB>DIGEST<TAB>KEY`, where KEY is the script's absolute path and
/// DIGEST its length and CRC-32: a script that changed since starts again from the top rather
/// than at a line that now holds something else.
public struct ReplayResumePoints: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var line: Int
        public var digest: String
    }

    public private(set) var entries: [String: Entry] = [:]

    /// Unreadable lines are skipped: a damaged file costs a resume point, never a replay.
    public init(text: String?) {
        for row in (text ?? "").split(separator: "\n") {
            let fields = row.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, let line = Int(fields[0]), line > 0, !fields[2].isEmpty else { continue }
            entries[String(fields[2])] = Entry(line: line, digest: String(fields[1]))
        }
    }

    /// The last line done for this script as it is now, or nil.
    public func line(for key: String, digest: String) -> Int? {
        guard let entry = entries[key], entry.digest == digest else { return nil }
        return entry.line
    }

    public mutating func set(line: Int, for key: String, digest: String) {
        entries[key] = Entry(line: line, digest: digest)
    }

    public mutating func remove(_ key: String) {
        entries[key] = nil
    }

    /// Sorted by key, so the file changes only where a resume point did.
    public var text: String {
        entries.keys.sorted().map { key in
            let entry = entries[key] ?? Entry(line: 1, digest: "")
            return "\(entry.line)\t\(entry.digest)\t\(key)\n"
        }.joined()
    }

    /// What identifies a script's content: its length and CRC-32.
    public static func digest(of bytes: [UInt8]) -> String {
        "\(bytes.count)-\(String(CRC32.checksum(bytes), radix: 16))"
    }
}

/// Where resume points are kept; `nil` in `ShellServices` where there is no disk.
public protocol ReplayProgressStore: AnyObject, Sendable {
    func readProgress() -> String?
    /// Read, change and write under a lock, so that two `--step` runs at once both keep their
    /// points; `change` returns nil to leave the file alone.
    func updateProgress(_ change: (String?) -> String?) throws(ShellError)
    /// The key a script is remembered by: its absolute path.
    func key(forScript path: String) -> String
}
