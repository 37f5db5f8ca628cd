/// `help`, `history`, `set`, `exit`: the shell's own commands.
enum BuiltinHandlers {
    static func help(_ command: ParsedCommand, _ shell: Shell) throws {
        let text = try HelpRenderer().help(for: command.positionals, width: shell.io.terminalWidth)
        shell.io.output(text.hasSuffix("\n") ? text : text + "\n")
    }

    static func history(_ command: ParsedCommand, _ shell: Shell) throws {
        let entries = shell.io.historyEntries
        let count = command.positionals.first.flatMap { Int($0) } ?? entries.count
        let shown = entries.suffix(max(0, count))
        let firstNumber = entries.count - shown.count + 1
        var text = ""
        for (offset, entry) in shown.enumerated() {
            let number = String(firstNumber + offset)
            text += String(repeating: " ", count: max(0, 5 - number.count)) + number + "  " + entry + "\n"
        }
        shell.io.output(text)
    }

    static func set(_ command: ParsedCommand, _ shell: Shell) throws {
        guard let assignment = command.positionals.first else {
            // A value may be a secret pasted or expanded into `set`: masked like any message.
            let listing = shell.session.variables.listing.map(shell.secretMask.apply)
            shell.io.output(listing.isEmpty ? "" : listing.joined(separator: "\n") + "\n")
            return
        }
        try shell.session.variables.assign(assignment)
    }

    static func leave(_ command: ParsedCommand, _ shell: Shell) throws {
        shell.session.shouldExit = true
    }
}
