/// What the guide needs from the machine beyond the shell's services: its progress file and a
/// practice registry to start on request.
///
/// A protocol so the core stays free of files and processes; the executable implements it,
/// unit tests fake it.
public protocol GuideStorage: AnyObject, Sendable {
    /// The progress file's text (`$XDG_STATE_HOME/tokensh/guide.json`), nil when there is none.
    func readProgress() -> String?
    /// Replaces the progress file; nil removes it.
    func writeProgress(_ text: String?) throws(ShellError)
    /// Starts a practice registry on loopback and points the user config at a throw-away file
    /// when none was given; returns it. It runs until the shell ends.
    func startPracticeRegistry() throws(ShellError) -> PracticeRegistry
}

/// A practice registry the guide started: its URL and the demo account on it (a demo password
/// printed in the banner, not a secret).
public struct PracticeRegistry: Sendable, Equatable {
    public var url: String
    public var username: String
    public var password: String

    public init(url: String, username: String, password: String) {
        self.url = url
        self.username = username
        self.password = password
    }
}
