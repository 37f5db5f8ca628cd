/// `--step`: each command shown with its notes, what it does and its npm equivalent, and run
/// only when the person says so; `stop` leaves a resume point for the next `--step` replay.
extension ScriptRunner {
    struct StepState: Sendable {
        var shown = 0
        /// Lines up to this one were done in an earlier run that stopped.
        var resumeAfter: Int?
        var userStopped = false
        /// A step failed (with --keep-going): the resume point stays before it.
        var failed = false
        /// The line whose `exit` ended the script.
        var exitedAt: Int?
    }

    enum StepDecision {
        case run
        case skipped
        case stop(ExitStatus)
    }

    /// Commands that only change this shell (its variables, its registry): replayed even while
    /// carrying on after a resume point, so later lines read them as before.
    static func changesOnlyTheSession(_ command: ParsedCommand) -> Bool {
        command.spec.path == ["set"] || (command.spec.path == ["registry"] && !command.positionals.isEmpty)
    }

    mutating func step(_ text: String, number: Int, location: String) -> StepDecision {
        let notes = notes.take()
        let command: ParsedCommand
        do throws(ShellError) {
            guard let parsed = try shell.parser.parse(text, variables: { shell.session.variables.lookup($0) })
            else { return .skipped }
            command = parsed
        } catch {
            // Run as usual: the interpreter reports the error with FILE:LINE and its status.
            return .run
        }
        stepState.shown += 1
        if let resumeAfter = stepState.resumeAfter, number <= resumeAfter {
            return Self.changesOnlyTheSession(command) ? .run : .skipped
        }
        let step = ScriptStep(
            number: stepState.shown, total: options.step?.totalCommands, location: location, notes: notes,
            line: text, command: command)
        // The npm line shows values as expanded: a secret from `# needs:` or the environment is hidden.
        shell.io.output(shell.secretMask.apply(step.description))
        while true {
            let reply: String
            do throws(ShellError) {
                reply = try shell.io.ask(ScriptStep.question, default: "y", choices: ScriptStep.choices)
            } catch {
                shell.io.diagnostic(stoppedMessage(before: number))
                stepState.userStopped = true
                return .stop(error.status)
            }
            switch ScriptStep.Answer(reply) {
            case .run: return .run
            case .skip:
                shell.io.diagnostic("Skipped \(location).\n")
                stepDone(number)
                return .skipped
            case .stop:
                shell.io.diagnostic(stoppedMessage(before: number))
                stepState.userStopped = true
                return .stop(.success)
            case nil:
                shell.io.diagnostic("Answer y to run it, n or skip to leave it out, stop to end here.\n")
            }
        }
    }

    /// Called when a step ran or was skipped: the resume point moves past it, unless an earlier
    /// step failed (`--keep-going`), which a later run must still offer.
    func stepDone(_ number: Int) {
        // A `set` replayed while carrying on is not progress: the point stays where it was.
        guard !stepState.failed, number > (stepState.resumeAfter ?? 0) else { return }
        saveResumePoint { $0.set(line: number, for: $1, digest: $2) }
    }

    /// After a step ran: moves the resume point, or notes the failure or the script's `exit`.
    mutating func stepRan(_ number: Int, status: ExitStatus) {
        if status != .success {
            stepState.failed = true
        } else {
            stepDone(number)
            if shell.session.shouldExit { stepState.exitedAt = number }
        }
    }

    /// At the first command: offers to carry on after the step where an earlier run stopped.
    mutating func offerResume() throws(ShellError) {
        guard let (store, key, digest) = resumeIdentity(),
            let line = ReplayResumePoints(text: store.readProgress()).line(for: key, digest: digest)
        else { return }
        let path = options.step?.path ?? check.source
        if try shell.io.confirm(
            "A --step replay of \(path) stopped after line \(line). Carry on from there?", default: true)
        {
            stepState.resumeAfter = line
            shell.io.diagnostic("Carrying on after line \(line).\n")
        } else {
            // Starting over: the old point no longer says what was done.
            saveResumePoint { points, key, _ in points.remove(key) }
        }
    }

    /// After the last line: a replay that went through to the end needs no resume point.
    func finishSteps(failed: Bool) {
        guard !stepState.userStopped, !failed else { return }
        saveResumePoint { points, key, _ in points.remove(key) }
        if let line = stepState.exitedAt {
            shell.io.diagnostic("Done: the script ends with `exit` at line \(line).\n")
            return
        }
        let count = stepState.shown
        shell.io.diagnostic(
            "Done: all \(count == 1 ? "1 step" : "\(count) steps") of \(options.step?.path ?? "the script").\n")
    }

    private func stoppedMessage(before number: Int) -> String {
        let path = options.step?.path ?? check.source
        // A name that starts with `-` would read as an option on both command lines.
        let quoted = ShellQuoting.quote(path.hasPrefix("-") ? "./" + path : path)
        guard resumeIdentity() != nil else { return "Stopped before line \(number).\n" }
        return
            "Stopped before line \(number). `replay \(quoted) --step` (or `tokensh --step \(quoted)`) carries on from here.\n"
    }

    private func resumeIdentity() -> (any ReplayProgressStore, String, String)? {
        guard let step = options.step, let bytes = step.bytes, let store = shell.services.replayProgress else {
            return nil
        }
        let key = store.key(forScript: step.path)
        // The file has one line per script, fields split by tabs.
        guard !key.contains("\n"), !key.contains("\t") else { return nil }
        return (store, key, ReplayResumePoints.digest(of: bytes))
    }

    private func saveResumePoint(_ change: (inout ReplayResumePoints, String, String) -> Void) {
        guard let (store, key, digest) = resumeIdentity() else { return }
        do throws(ShellError) {
            try store.updateProgress { text in
                var points = ReplayResumePoints(text: text)
                change(&points, key, digest)
                return points.text
            }
        } catch {
            shell.report(error)
        }
    }
}
