/// `record start FILE [--force]`, `record stop`, `record status`.
enum RecordHandlers {
    static func start(_ command: ParsedCommand, _ shell: Shell) throws {
        guard let path = command.positionals.first, !path.isEmpty else {
            throw ShellError(.usage, "`record start` needs a file", hint: "e.g. `record start setup.tksh`")
        }
        let recorder = try shell.startRecording(to: path, replacing: command.has("force"))
        shell.io.diagnostic(
            "Recording to \(recorder.path). Each command that succeeds is written as a replayable line; "
                + "passwords, one-time passwords and tokens never are. `record stop` ends it.\n")
    }

    static func stop(_ command: ParsedCommand, _ shell: Shell) throws {
        guard let recorder = shell.stopRecording() else {
            throw ShellError(.usage, "not recording", hint: "start with `record start FILE`")
        }
        shell.io.diagnostic(summary(recorder))
    }

    static func status(_ command: ParsedCommand, _ shell: Shell) throws {
        let recorder = shell.scripts.recorder
        if shell.options.json || command.has("json") {
            let fields =
                recorder.map {
                    "\"recording\":true,\"file\":\(JSONText.quote($0.path)),\"commands\":\($0.commandCount)"
                }
                ?? "\"recording\":false,\"file\":null,\"commands\":0"
            shell.io.output("{\(fields)}\n")
        } else if let recorder {
            shell.io.output("Recording to \(recorder.path): \(commandCount(recorder.commandCount)) so far.\n")
        } else {
            shell.io.output("Not recording. `record start FILE` starts.\n")
        }
    }

    /// What `record stop` and leaving the shell say about the finished script.
    static func summary(_ recorder: ScriptRecorder) -> String {
        "Recorded \(commandCount(recorder.commandCount)) to \(recorder.path). "
            + "Replay with `tokensh \(ShellQuoting.quote(recorder.path))` or `replay \(ShellQuoting.quote(recorder.path))`.\n"
    }

    static func commandCount(_ count: Int) -> String {
        count == 1 ? "1 command" : "\(count) commands"
    }
}
