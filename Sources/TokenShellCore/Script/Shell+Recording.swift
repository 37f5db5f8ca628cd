/// Recording: starting, stopping, and writing each command that succeeded.
extension Shell {
    /// Starts recording to `path`: writes the header at once, so the file exists, is executable
    /// and is a valid (empty) script even if the shell dies before the first command.
    public func startRecording(to path: String, replacing: Bool) throws(ShellError) -> ScriptRecorder {
        if let current = scripts.recorder {
            throw ShellError(
                .usage, "already recording to \(current.path)", hint: "run `record stop` first, then start again")
        }
        let registry = (try? currentRegistry()) ?? NpmConfig.defaultRegistry
        let recorder = ScriptRecorder(
            path: path, header: ScriptHeader.render(recordedAt: services.now(), registry: registry))
        do throws(ShellError) {
            try services.writeScriptFile(path, contents: recorder.text, replacing: replacing)
        } catch  where !replacing && error.code == Self.fileExistsCode {
            throw ShellError(
                .failure, "\(path) already exists", hint: "choose another name, or add --force to replace it",
                code: Self.fileExistsCode)
        }
        scripts.recorder = recorder
        return recorder
    }

    /// Stops recording; the file already holds every recorded line. Nil when not recording.
    @discardableResult
    public func stopRecording() -> ScriptRecorder? {
        defer { scripts.recorder = nil }
        return scripts.recorder
    }

    /// `note TEXT`: writes the note into the script at once, before the command it is about.
    public func recordNote(_ note: String) throws(ShellError) -> ScriptRecorder {
        guard var recorder = scripts.recorder else {
            throw ShellError(
                .usage, "not recording: a note goes into a script being recorded",
                hint: "start with `record start FILE`, then type `note TEXT` before the command it is about")
        }
        let secrets = session.historyPolicy.secrets
        if SecretPatterns.containsCredentialShape(note) || RegistryURL.redact(note) != note
            || secrets.contains(where: { note.contains($0) })
        {
            throw ShellError(
                .usage, "the note holds a token or another secret, so it was not written",
                hint: "write the note without the secret: scripts are shared and committed", code: "ESECRETNOTE")
        }
        if note.unicodeScalars.contains(where: ScriptLineCheck.isGarbage) {
            throw ShellError(
                .usage, "the note holds control characters, which would make the script unreadable",
                hint: "type the note as plain text", code: "EBADNOTE")
        }
        if note.utf8.count > ScriptLineCheck.maxLineBytes - 2 {
            throw ShellError(
                .usage, "the note is longer than a script line may be (\(ScriptLineCheck.maxLineBytes / 1024) KiB)",
                hint: "keep a note to a sentence or two", code: "EBADNOTE")
        }
        // A note shaped like a header line (`needs: …`, `recorded … against …`) at the top of the
        // script would be read as one: it gets a word in front.
        let header = ScriptHeader.isHeaderLine(("# " + note)[...])
        recorder.appendNote(header ? "note: " + note : note)
        try services.writeScriptFile(recorder.path, contents: recorder.text, replacing: true)
        scripts.recorder = recorder
        return recorder
    }

    /// Starts copying the terminal into an asciicast file, every secret this session knows (or
    /// that has a credential's shape) masked as it is written.
    public func startCast(to path: String, replacing: Bool) throws(ShellError) {
        let filter = CastFilter(
            mask: { [weak self] text in
                SecretMask(secrets: self?.session.historyPolicy.secrets ?? [], style: .recording).apply(text)
            },
            concealsTypedLine: { [weak self] line in
                let trimmed = line.trimmingWhitespace()
                guard !trimmed.isEmpty, let self else { return !trimmed.isEmpty }
                // Not a command: perhaps a password typed at the prompt by mistake, as the shell's
                // own error assumes ("not repeated here").
                let first = String(trimmed.prefix { $0 != " " && $0 != "\t" })
                if !first.hasPrefix("#"), self.parser.catalog.entry(named: first) == nil { return true }
                return !self.session.historyPolicy.allows(line)
            })
        try io.startCast(path, replacing: replacing, filter: filter)
    }

    /// The code `writeScriptFile` uses for a file that exists when `replacing` is false.
    public static let fileExistsCode = "EEXIST"

    /// Called after each command that succeeded: writes its canonical line, or says why not.
    func recordCompleted(_ command: ParsedCommand) {
        guard var recorder = scripts.recorder else { return }
        // The policy already knows the environment's secrets (noted when the shell started).
        let policy = session.historyPolicy
        switch ScriptRecorder.decision(for: command, completed: completedCommand, allowsLine: { policy.allows($0) }) {
        case .skipMeta:
            return
        case .skipSecret:
            io.diagnostic("note: not recorded in \(recorder.path): the command holds a token or another secret\n")
        case .write(let line):
            recorder.append(line)
            do throws(ShellError) {
                try services.writeScriptFile(recorder.path, contents: recorder.text, replacing: true)
                scripts.recorder = recorder
            } catch {
                report(error)
                io.diagnostic("Recording stopped; \(recorder.path) keeps the lines written before.\n")
                scripts.recorder = nil
            }
        }
    }
}
