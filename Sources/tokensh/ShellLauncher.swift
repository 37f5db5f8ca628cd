import TokenShellCore

struct ShellLauncher {
    var options: ShellOptions
    var commands: [String]
    var file: String?

    func run() -> ExitStatus {
        .failure
    }
}
