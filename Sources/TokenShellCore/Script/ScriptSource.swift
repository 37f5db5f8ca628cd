/// Turns a file's bytes into script lines, refusing what is not a tokensh script.
///
/// A binary file fed to the interpreter line by line would print a screenful of parse errors
/// (or, worse, run something by accident); it is refused up front with one clear message.
public enum ScriptSource {
    /// Larger than any script a person records or writes; a bigger file is data, not a script.
    public static let sizeLimit = 8 * 1024 * 1024

    /// The lines of a script file, without their line ends (`\n` or `\r\n`).
    public static func lines(of bytes: [UInt8], source: String) throws(ShellError) -> [String] {
        if bytes.count > sizeLimit {
            throw notAScript(source, "it is larger than \(sizeLimit / 1024 / 1024) MiB")
        }
        if let offset = bytes.firstIndex(of: 0) {
            throw notAScript(source, "it holds binary data (a NUL byte at offset \(offset))")
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw notAScript(source, "it is not UTF-8 text")
        }
        // Split the bytes, not the string: "\r\n" is one Character and would not split on "\n".
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
        }
        if lines.last == "" { lines.removeLast() }
        // Checked up front for a file, so nothing runs before a garbage line further down.
        var check = ScriptLineCheck(source: source)
        for (offset, line) in lines.enumerated() {
            try check.check(line, number: offset + 1)
        }
        return lines
    }

    static func notAScript(_ source: String, _ reason: String) -> ShellError {
        ShellError(
            .usage, "\(source) is not a tokensh script: \(reason)",
            hint: "give a script recorded with `record start`, or a text file with one command per line",
            code: "ENOTSCRIPT")
    }
}
