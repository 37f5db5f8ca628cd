/// `record start FILE [--force]`, `record stop`, `record status`.
public enum RecordHandlers {
    static func start(_ command: ParsedCommand, _ shell: Shell) throws {
        guard let path = command.positionals.first, !path.isEmpty else {
            throw ShellError(.usage, "`record start` needs a file", hint: "e.g. `record start setup.tksh`")
        }
        let cast = command.string("cast")
        if cast != nil, let running = shell.io.castPath {
            throw ShellError(
                .usage, "the terminal is already being recorded to \(running)",
                hint: shell.scripts.castBelongsToRecording
                    ? "run `record stop` first, or leave out --cast"
                    : "that recording (--record-cast) runs until tokensh exits: leave out --cast")
        }
        if let cast, Self.samePath(cast, path) {
            throw ShellError(
                .usage, "the script and the terminal recording cannot both be \(path)",
                hint: "name the recording differently, e.g. `--cast \(Self.castName(for: path))`")
        }
        if let current = shell.scripts.recorder {
            throw ShellError(
                .usage, "already recording to \(current.path)", hint: "run `record stop` first, then start again")
        }
        // The recording first: its file is created exclusively, and taken back if the script
        // cannot be started, so a failed `record start` leaves neither file behind.
        if let cast { try shell.startCast(to: cast, replacing: command.has("force")) }
        let recorder: ScriptRecorder
        do throws(ShellError) {
            recorder = try shell.startRecording(to: path, replacing: command.has("force"))
        } catch {
            if cast != nil { _ = shell.io.stopCast(keep: false) }
            throw error
        }
        shell.scripts.castBelongsToRecording = cast != nil
        shell.io.diagnostic(
            "Recording to \(recorder.path). Each command that succeeds is written as a replayable line; "
                + "passwords, one-time passwords and tokens never are. `note TEXT` adds a note about the "
                + "next command. `record stop` ends it.\n")
        if let cast {
            shell.io.diagnostic(
                "The terminal is recorded to \(cast) too, tokens masked to their last 4 characters.\n")
        }
    }

    static func stop(_ command: ParsedCommand, _ shell: Shell) throws {
        let recorder = shell.stopRecording()
        let cast = shell.scripts.castBelongsToRecording ? shell.io.stopCast(keep: true) : nil
        shell.scripts.castBelongsToRecording = false
        guard recorder != nil || cast != nil else {
            let running = shell.io.castPath.map {
                " (the terminal recording to \($0) runs until tokensh exits: it was started by --record-cast)"
            }
            throw ShellError(.usage, "not recording a script" + (running ?? ""), hint: "start with `record start FILE`")
        }
        if let recorder { shell.io.diagnostic(summary(recorder)) }
        if let cast { shell.io.diagnostic(castSummary(cast)) }
    }

    static func note(_ command: ParsedCommand, _ shell: Shell) throws {
        guard let text = command.positionals.first, !text.isEmpty else {
            throw ShellError(
                .usage, "`note` needs the text of the note", hint: "e.g. `note Create the token the deploy job uses`")
        }
        let recorder = try shell.recordNote(text)
        shell.io.diagnostic("Noted in \(recorder.path), before the next command.\n")
    }

    static func status(_ command: ParsedCommand, _ shell: Shell) throws {
        let recorder = shell.scripts.recorder
        if shell.options.json || command.has("json") {
            let fields =
                recorder.map {
                    "\"recording\":true,\"file\":\(JSONText.quote($0.path)),\"commands\":\($0.commandCount)"
                }
                ?? "\"recording\":false,\"file\":null,\"commands\":0"
            let cast = shell.io.castPath.map(JSONText.quote) ?? "null"
            shell.io.output("{\(fields),\"cast\":\(cast)}\n")
        } else if let recorder {
            shell.io.output("Recording to \(recorder.path): \(commandCount(recorder.commandCount)) so far.\n")
            if let cast = shell.io.castPath { shell.io.output("The terminal is recorded to \(cast).\n") }
        } else if let cast = shell.io.castPath {
            shell.io.output("Not recording a script; the terminal is recorded to \(cast).\n")
        } else {
            shell.io.output("Not recording. `record start FILE` starts.\n")
        }
    }

    /// What `record stop` and leaving the shell say about the finished script.
    static func summary(_ recorder: ScriptRecorder) -> String {
        "Recorded \(commandCount(recorder.commandCount)) to \(recorder.path). "
            + "Replay with `tokensh \(ShellQuoting.quote(recorder.path))` or `replay \(ShellQuoting.quote(recorder.path))`.\n"
    }

    public static func samePath(_ first: String, _ second: String) -> Bool {
        func plain(_ path: String) -> String { path.hasPrefix("./") ? String(path.dropFirst(2)) : path }
        return plain(first) == plain(second)
    }

    public static func castName(for script: String) -> String {
        (script.hasSuffix(".tksh") ? String(script.dropLast(5)) : script) + ".cast"
    }

    /// What `record stop` and leaving the shell say about a finished terminal recording.
    public static func castSummary(_ path: String) -> String {
        "Terminal recording saved to \(path). Play it with `asciinema play \(ShellQuoting.quote(path))`.\n"
    }

    static func commandCount(_ count: Int) -> String {
        count == 1 ? "1 command" : "\(count) commands"
    }
}
