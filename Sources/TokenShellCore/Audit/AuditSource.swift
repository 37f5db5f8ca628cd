/// One text `audit` reads: a file, a shell history, or the lines a commit added.
///
/// The system layer collects these; the rules only ever see values, so they are tested without
/// a disk or a git repository.
public struct AuditSource: Sendable, Equatable {
    /// Where the text came from, which decides how serious a literal token in it is.
    public enum Location: Sendable, Equatable {
        /// A file tracked by git under the audited folder.
        case tracked
        /// An `.npmrc`, `.yarnrc.yml` or `.env*` file that git does not track (or no git at all).
        case untracked
        /// npm's user config (`~/.npmrc` or `--userconfig`).
        case userConfig
        /// npm's global config (`<prefix>/etc/npmrc`).
        case globalConfig
        /// A bash, zsh or fish history file.
        case shellHistory
        /// Lines added by a commit (`--git-history`); the value is the commit id.
        case commit(String)
    }

    /// What kind of file it is by name, which decides which settings to read.
    public enum FileKind: Sendable, Equatable {
        case npmrc
        case yarnrc
        case env
        case other

        /// `.npmrc`/`npmrc`, `.yarnrc.yml`, `.env` and `.env.*`, or anything else.
        public init(path: String) {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            if name == ".npmrc" || name == "npmrc" {
                self = .npmrc
            } else if name == ".yarnrc.yml" || name == ".yarnrc.yaml" {
                self = .yarnrc
            } else if name == ".env" || name.hasPrefix(".env.") {
                self = .env
            } else {
                self = .other
            }
        }
    }

    /// One line with its 1-based number in the file (commits keep the new file's numbers).
    public struct Line: Sendable, Equatable {
        public var number: Int
        public var text: String

        public init(number: Int, text: String) {
            self.number = number
            self.text = text
        }
    }

    /// The path as shown to the user.
    public var path: String
    /// The path on disk, for fixes (`path` may be relative to the audited folder).
    public var absolutePath: String
    public var location: Location
    public var lines: [Line]
    /// Permission bits, for the user config's check; `nil` when not known.
    public var mode: UInt32?
    /// A temporary file (`..npmrc.tmp-…`) that a config write killed before its rename left
    /// behind: it holds what the write was saving, a token often.
    public var isAbandonedStaging = false

    public init(path: String, location: Location, lines: [Line], mode: UInt32? = nil, absolutePath: String? = nil) {
        self.path = path
        self.absolutePath = absolutePath ?? path
        self.location = location
        self.lines = lines
        self.mode = mode
    }

    /// A whole file's text, split into numbered lines (LF, CRLF or CR).
    public init(path: String, location: Location, text: String, mode: UInt32? = nil, absolutePath: String? = nil) {
        var lines: [Line] = []
        var number = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            lines.append(Line(number: number, text: String(line)))
        }
        self.init(path: path, location: location, lines: lines, mode: mode, absolutePath: absolutePath)
    }

    public var fileKind: FileKind { FileKind(path: path) }
}
