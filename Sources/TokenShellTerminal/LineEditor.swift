import CEditLine
import CProcessShims
import CShims
import Glibc

/// The interactive command line: libedit's native API with emacs keys, `~/.editrc`, UTF-8,
/// persistent history and TAB completion supplied by the shell.
///
/// One editor per shell, used only when `Terminal.isInteractive`. It owns the `EditLine` and
/// `History` handles for its whole life; libedit's C callbacks find it again through
/// `EL_CLIENTDATA` (unretained: the handles die in `deinit`, before the object).
/// Not thread-safe: only the shell's main loop calls it.
public final class LineEditor: LineReader {
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let historyFile: String?
    private var promptText: UnsafeMutablePointer<CChar>?
    /// Consulted on TAB; replace it while asking a question to complete that question's choices.
    public var completionProvider: CompletionProvider?

    /// At most this many lines are kept in memory and in the history file.
    public static let historySize: Int32 = 1000

    /// - Parameters:
    ///   - historyFile: loaded now and saved after each `add(toHistory:)`; nil or `/dev/null`
    ///     keeps history in memory only.
    ///   - completionProvider: answers TAB; nil makes TAB beep.
    public init?(programName: String = "tokensh", historyFile: String?, completionProvider: CompletionProvider? = nil) {
        Locale.ensureUTF8()
        Interrupts.install()
        guard let editLine = el_init(programName, shim_stdin(), shim_stdout(), shim_stderr()) else { return nil }
        guard let history = history_init() else {
            el_end(editLine)
            return nil
        }
        self.editLine = editLine
        self.history = history
        self.historyFile = historyFile.flatMap { $0 == "/dev/null" || $0.isEmpty ? nil : $0 }
        self.completionProvider = completionProvider

        var event = HistEvent()
        _ = shim_history_int(history, &event, H_SETSIZE, Self.historySize)
        _ = shim_history_int(history, &event, H_SETUNIQUE, 1)
        _ = shim_el_set_hist(editLine, history)
        _ = shim_el_set_editor(editLine, "emacs")
        // libedit restores the terminal and returns from el_gets on a signal, then calls our
        // SIGINT handler; without it Ctrl-C would be ignored or kill the shell.
        _ = shim_el_set_int(editLine, EL_SIGNAL, 1)
        _ = shim_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        _ = shim_el_set_prompt(editLine, Self.promptCallback)
        _ = shim_el_set_getcfn(editLine, Self.readCharCallback)
        _ = shim_el_set_addfn(editLine, "tokensh-complete", "Complete the word at the cursor", Self.completeCallback)
        _ = shim_el_set_bind(editLine, "^I", "tokensh-complete")
        // A Ctrl-D typed in the instant between `readLine`'s check and libedit's switch to raw
        // mode arrives as a NUL byte (the terminal's canonical end-of-file, read raw).
        _ = shim_el_set_addfn(editLine, "tokensh-typed-eof", "End input on an empty line", Self.typedEndOfFileCallback)
        _ = shim_el_set_bind(editLine, "^@", "tokensh-typed-eof")
        _ = el_source(editLine, nil)  // $EDITRC or ~/.editrc, like ~/.inputrc for readline
        loadHistory()
    }

    deinit {
        history_end(history)
        el_end(editLine)
        free(promptText)
    }

    /// Shows `prompt` and edits one line.
    ///
    /// Ctrl-C discards the line (`.interrupted`, after moving to a fresh line); Ctrl-D on an
    /// empty line gives `.endOfFile`. Either one typed since the last read (while a command ran,
    /// or between two questions) counts now: nobody else was reading the keyboard.
    public func readLine(prompt: String) -> LineEditorResult {
        // SIGINT is let through only while waiting for a key (`readCharCallback`): one that
        // came earlier is in the flag, checked before every wait.
        var previousMask = sigset_t()
        _ = shim_block_interrupts(&previousMask)
        defer { _ = shim_restore_signal_mask(&previousMask) }
        if Interrupts.flag.consume() {
            Terminal.write("^C\n", to: STDOUT_FILENO)
            return .interrupted
        }
        if shim_take_typed_end_of_file(STDIN_FILENO) == 1 { return .endOfFile }
        free(promptText)
        promptText = strdup(prompt)
        // The settings SIGTERM, SIGHUP and SIGQUIT restore before ending the shell (see promptCallback).
        _ = shim_terminate_guard_arm(STDIN_FILENO)
        defer { shim_terminate_guard_disarm() }
        var count: Int32 = 0
        guard let raw = el_gets(editLine, &count) else {
            // Taken whichever way el_gets reports the Ctrl-C, so the next read does not see it again.
            let interrupted = Interrupts.flag.consume()
            if count < 0 || interrupted {
                el_reset(editLine)
                Terminal.write("^C\n", to: STDOUT_FILENO)
                return .interrupted
            }
            return .endOfFile
        }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// Adds a line to history and appends it to the file at once (crash-safe, as redis-cli does).
    ///
    /// The shell decides what may be stored (no secrets, no space-prefixed lines); consecutive
    /// duplicates are dropped here. The file is appended to, never rewritten from memory, so
    /// two shells running at once both keep their lines.
    public func add(toHistory line: String) {
        guard !line.isEmpty, line != newestEntry else { return }
        var event = HistEvent()
        _ = shim_history_str(history, &event, H_ENTER, line)
        appendNewestToFile()
    }

    private var newestEntry: String? {
        var event = HistEvent()
        guard shim_history_void(history, &event, H_FIRST) != -1, let text = event.str else { return nil }
        return String(cString: text)
    }

    /// History lines, oldest first (for the shell's `history [N]` command).
    public var historyEntries: [String] {
        var entries: [String] = []
        var event = HistEvent()
        var status = shim_history_void(history, &event, H_FIRST)
        while status != -1, let text = event.str {
            entries.append(String(cString: text))
            status = shim_history_void(history, &event, H_NEXT)
        }
        return entries.reversed()
    }

    /// Removes every entry `shouldForget` matches from the history in memory (so Up cannot
    /// recall it) and from the history file, which is rewritten (temporary file, mode 0600,
    /// renamed over it) only when it holds such a line.
    ///
    /// The shell calls it when it learns a new secret: a password pasted at the prompt by
    /// mistake was a harmless-looking line until the same text was used to log in.
    public func forgetHistory(where shouldForget: (String) -> Bool) {
        let entries = historyEntries
        if entries.contains(where: shouldForget) {
            var event = HistEvent()
            _ = shim_history_void(history, &event, H_CLEAR)
            for entry in entries where !shouldForget(entry) {
                _ = shim_history_str(history, &event, H_ENTER, entry)
            }
        }
        rewriteFile(without: shouldForget)
    }

    /// The file holds more than memory (every shell appends to it, up to twice the limit), so it
    /// is filtered on its own, read and written by libedit to keep libedit's encoding.
    private func rewriteFile(without shouldForget: (String) -> Bool) {
        guard let historyFile, access(historyFile, R_OK) == 0, let scratch = history_init() else { return }
        defer { history_end(scratch) }
        var event = HistEvent()
        let capacity = max(Self.lineCount(of: historyFile) + 1, Int(Self.historySize))
        _ = shim_history_int(scratch, &event, H_SETSIZE, Int32(clamping: capacity))
        guard shim_history_str(scratch, &event, H_LOAD, historyFile) != -1 else { return }
        var lines: [String] = []
        var status = shim_history_void(scratch, &event, H_LAST)
        while status != -1, let text = event.str {
            lines.append(String(cString: text))
            status = shim_history_void(scratch, &event, H_PREV)
        }
        guard lines.contains(where: shouldForget) else { return }
        _ = shim_history_void(scratch, &event, H_CLEAR)
        for line in lines where !shouldForget(line) {
            _ = shim_history_str(scratch, &event, H_ENTER, line)
        }
        let temporary = historyFile + ".tmp-\(getpid())"
        if shim_history_str(scratch, &event, H_SAVE, temporary) != -1, chmod(temporary, 0o600) == 0,
            rename(temporary, historyFile) == 0
        {
            return
        }
        unlink(temporary)
    }

    /// Loads the file; when appending has let it grow past twice the limit, writes the newest
    /// `historySize` lines back (to a temporary file renamed over it).
    private func loadHistory() {
        guard let historyFile, access(historyFile, R_OK) == 0 else { return }
        var event = HistEvent()
        _ = shim_history_str(history, &event, H_LOAD, historyFile)
        guard Self.lineCount(of: historyFile) > 2 * Int(Self.historySize) else { return }
        let temporary = historyFile + ".tmp-\(getpid())"
        if shim_history_str(history, &event, H_SAVE, temporary) != -1, chmod(temporary, 0o600) == 0,
            rename(temporary, historyFile) == 0
        {
            return
        }
        unlink(temporary)
    }

    /// Appends the newest entry, creating the file (mode 0600, with libedit's header line) if needed.
    private func appendNewestToFile() {
        guard let historyFile else { return }
        Self.createParentDirectory(of: historyFile)
        let descriptor = open(historyFile, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        fchmod(descriptor, 0o600)  // an older file may be wider
        guard let file = fdopen(descriptor, "a") else {
            close(descriptor)
            return
        }
        // A fresh stream on an append descriptor starts at offset 0; move to the end so that
        // libedit writes its header only into an empty file.
        fseek(file, 0, SEEK_END)
        var event = HistEvent()
        // libedit writes `count + 1` entries (its walk stops on the entry it counted to), so 0
        // is the newest alone; the two-shell test would notice a libedit that differs.
        _ = shim_history_nsave_fp(history, &event, 0, file)
        fclose(file)
    }

    private static func lineCount(of path: String) -> Int {
        guard let file = fopen(path, "r") else { return 0 }
        defer { fclose(file) }
        var count = 0
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let read = fread(&buffer, 1, buffer.count, file)
            if read <= 0 { break }
            count += buffer[0..<read].lazy.filter { $0 == UInt8(ascii: "\n") }.count
        }
        return count
    }

    /// Creates missing parent directories (mode 0700) so the default XDG path works first time.
    private static func createParentDirectory(of path: String) {
        var partial = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/").dropLast() {
            partial += "/" + component
            mkdir(partial, 0o700)
        }
    }

    static func instance(_ editLine: OpaquePointer?) -> LineEditor? {
        var data: UnsafeMutableRawPointer?
        guard let editLine, shim_el_get_clientdata(editLine, &data) == 0, let data else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    /// Also the hook that takes SIGTERM, SIGHUP and SIGQUIT back from libedit: el_gets installs its
    /// handlers for them (which re-send the signal to the whole process group, killing the program
    /// that started tokensh) before it draws the prompt, and redraws it after most keys. SIGWINCH
    /// is handled here too, as libedit would re-install its handlers after each resize. (After
    /// Ctrl-Z and `fg`, libedit's handlers are back until the next redraw.)
    private static let promptCallback: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>? = { editLine in
        shim_terminate_guard_install(resizeCallback, UnsafeMutableRawPointer(editLine))
        return LineEditor.instance(editLine)?.promptText
    }

    private static let resizeCallback: @convention(c) (UnsafeMutableRawPointer?) -> Void = { editLine in
        guard let editLine else { return }
        el_resize(OpaquePointer(editLine))
    }

    private static let completeCallback: @convention(c) (OpaquePointer?, Int32) -> UInt8 = { editLine, _ in
        guard let editor = LineEditor.instance(editLine) else { return UInt8(CC_ERROR) }
        return editor.complete()
    }

    /// libedit's reader of one character, which stops for a Ctrl-C whenever it came: the flag
    /// is checked before each wait, and SIGINT (blocked by `readLine`) can land only during one.
    /// Bytes are decoded as the C library's (UTF-8) locale says, as libedit's own reader does.
    private static let readCharCallback: @convention(c) (OpaquePointer?, UnsafeMutablePointer<wchar_t>?) -> Int32 = {
        _, character in
        guard let character else { return -1 }
        var state = mbstate_t()
        var byte: CChar = 0
        while true {
            if Interrupts.flag.isSet {
                errno = EINTR
                return -1
            }
            guard shim_wait_readable_or_interrupt(STDIN_FILENO) == 1 else {
                if errno == EINTR { continue }
                return -1
            }
            let count = read(STDIN_FILENO, &byte, 1)
            if count == 0 { return 0 }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return -1
            }
            var wide: wchar_t = 0
            let decoded = mbrtowc(&wide, &byte, 1, &state)
            if decoded == LineEditor.incompleteCharacter { continue }  // more bytes of it to come
            if decoded == LineEditor.invalidCharacter {
                state = mbstate_t()
                wide = wchar_t(UInt8(bitPattern: byte))  // not UTF-8: the byte as it is
            }
            character.pointee = wide
            return 1
        }
    }

    /// `mbrtowc`'s `(size_t)-2` and `(size_t)-1`.
    private static let incompleteCharacter = size_t.max - 1
    private static let invalidCharacter = size_t.max

    /// The NUL of a Ctrl-D typed while no line was being read ends input on an empty line, as
    /// Ctrl-D does; elsewhere in a line it does nothing.
    private static let typedEndOfFileCallback: @convention(c) (OpaquePointer?, Int32) -> UInt8 = { editLine, _ in
        guard let editLine, let line = el_line(editLine) else { return UInt8(CC_ERROR) }
        return line.pointee.buffer == line.pointee.lastchar ? UInt8(CC_EOF) : UInt8(CC_NORM)
    }

    var editLineHandle: OpaquePointer { editLine }
}

/// libedit drops every non-ASCII byte unless the C locale's codeset is UTF-8.
enum Locale {
    static func ensureUTF8() {
        setlocale(LC_ALL, "")
        if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) == "UTF-8" { return }
        setlocale(LC_CTYPE, "C.UTF-8")
    }
}
