/// What the outer command line asks for, as plain values: the global options of design §2,
/// the `-c` commands and a script file.
struct LaunchArguments: Equatable {
    var registry: String?
    var userconfig: String?
    var json = false
    var noColor = false
    var yes = false
    var record: String?
    var recordCast: String?
    var step = false
    var dryRun = false
    var keepGoing = false
    var echo = false
    var noHistory = false
    var timeout: Double?
    var allowInsecureRegistry = false
    var sandbox = false
    var commands: [String] = []
    var file: String?
}

extension LaunchArguments {
    /// The command lines that need no help, no error message and no completion script, read
    /// without ArgumentParser; `nil` hands anything else to it.
    ///
    /// ArgumentParser reflects over the command's properties before it reads an argument, and
    /// on a cold process that was about a quarter of the instructions of `tokensh -c whoami`.
    /// This reader accepts a strict subset of the same syntax (`--name value`, `--name=value`,
    /// `-c value`, flags once each, one file), so whatever it accepts ArgumentParser would read
    /// the same way; a test compares the two on every option.
    static func quickParse(_ arguments: [String]) -> LaunchArguments? {
        var result = LaunchArguments()
        // A few names at most: an array, since a Set's seeded hashing costs more at start-up.
        var seen: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("-") else {
                // A second file is an error; `help` and `sandbox` are subcommands to ArgumentParser.
                guard result.file == nil, argument != "help", argument != "sandbox" else { return nil }
                result.file = argument
                continue
            }
            var name = argument
            var attached: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                attached = String(argument[argument.index(after: equals)...])
            }
            if result.setFlag(named: name) {
                guard attached == nil, !seen.contains(name) else { return nil }
                seen.append(name)
                continue
            }
            guard isValueOption(name) else { return nil }
            let value: String
            if let attached {
                // ArgumentParser reads `--name=` as `--name` followed by the next argument.
                guard !attached.isEmpty else { return nil }
                value = attached
            } else {
                guard index < arguments.count, !arguments[index].hasPrefix("-") else { return nil }
                value = arguments[index]
                index += 1
            }
            if name == "-c" {
                result.commands.append(value)
                continue
            }
            guard !seen.contains(name) else { return nil }
            seen.append(name)
            switch name {
            case "--registry": result.registry = value
            case "--userconfig": result.userconfig = value
            case "--record": result.record = value
            case "--record-cast": result.recordCast = value
            default:
                guard let seconds = Double(value) else { return nil }
                result.timeout = seconds
            }
        }
        guard result.commands.isEmpty || result.file == nil, !result.step || result.file != nil else { return nil }
        return result
    }

    /// Sets the flag called `name`; false when no flag has that name.
    private mutating func setFlag(named name: String) -> Bool {
        switch name {
        case "--json": json = true
        case "--no-color": noColor = true
        case "--yes": yes = true
        case "--dry-run": dryRun = true
        case "--keep-going": keepGoing = true
        case "--echo": echo = true
        case "--no-history": noHistory = true
        case "--allow-insecure-registry": allowInsecureRegistry = true
        case "--sandbox": sandbox = true
        case "--step": step = true
        default: return false
        }
        return true
    }

    private static func isValueOption(_ name: String) -> Bool {
        switch name {
        case "--registry", "--userconfig", "--record", "--record-cast", "--timeout", "-c": true
        default: false
        }
    }
}
