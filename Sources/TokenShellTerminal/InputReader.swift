import Glibc

/// Reads lines from a file descriptor for piped input and script files.
///
/// Uses `read(2)`, never Swift's `readLine()`: stdio buffers ahead, which loses input that
/// libedit or `SecretReader` would read next from the same descriptor. With the default chunk
/// size of one byte, nothing past the current line is consumed; a script file that only this
/// reader uses may pass a larger chunk.
public final class InputReader: LineReader {
    private let fileDescriptor: Int32
    private let chunkSize: Int
    private var pending: [UInt8] = []
    private var reachedEnd = false

    public init(fileDescriptor: Int32 = STDIN_FILENO, chunkSize: Int = 1) {
        self.fileDescriptor = fileDescriptor
        self.chunkSize = max(1, chunkSize)
    }

    /// The next line without its newline (`\r\n` too); a last line without a newline is still
    /// returned. The prompt is ignored: non-interactive input shows none.
    /// Ctrl-C while waiting gives `.interrupted`.
    public func readLine(prompt: String = "") -> LineEditorResult {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return .line(String(decoding: line, as: UTF8.self))
            }
            if reachedEnd {
                guard !pending.isEmpty else { return .endOfFile }
                defer { pending.removeAll() }
                return .line(String(decoding: pending, as: UTF8.self))
            }
            if case .interrupted = fill() { return .interrupted }
        }
    }

    private enum Fill { case more, interrupted }

    private func fill() -> Fill {
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        let count = chunk.withUnsafeMutableBytes { Glibc.read(fileDescriptor, $0.baseAddress, chunkSize) }
        if count > 0 {
            pending.append(contentsOf: chunk[..<count])
        } else if count == 0 {
            reachedEnd = true
        } else if errno == EINTR {
            if Interrupts.flag.consume() { return .interrupted }
        } else {
            reachedEnd = true
        }
        return .more
    }
}
