import Glibc
import TokenShellCore

/// Reads lines from a file descriptor for piped input and script files.
///
/// Uses `read(2)`, never Swift's `readLine()`: stdio buffers ahead, which loses input that
/// libedit or `SecretReader` would read next from the same descriptor. That can only happen on
/// a terminal, so a terminal is read one byte at a time and nothing past the current line is
/// consumed; a pipe or a file, which nothing else reads, is read in blocks.
///
/// Each byte is scanned once for a line end, so a long line costs linear time. A line longer
/// than `ScriptLineCheck.maxLineBytes` is not kept whole: its first bytes past the limit are
/// returned (and refused by the script check), the rest up to its line end is skipped.
public final class InputReader: LineReader {
    private let fileDescriptor: Int32
    private let chunkSize: Int
    private var pending: [UInt8] = []
    /// Where the unreturned bytes of `pending` start; bytes before it are compacted away lazily.
    private var start = 0
    /// How far `pending` has been searched for a line end.
    private var scanned = 0
    /// Bytes of the current line dropped past the limit; more are dropped up to its line end.
    private var skipping = false
    private var reachedEnd = false
    private let limit: Int

    /// `chunkSize` nil picks one byte for a terminal and 64 KiB otherwise.
    public init(
        fileDescriptor: Int32 = STDIN_FILENO, chunkSize: Int? = nil, lineLimit: Int = ScriptLineCheck.maxLineBytes
    ) {
        self.fileDescriptor = fileDescriptor
        self.chunkSize = max(1, chunkSize ?? (isatty(fileDescriptor) == 1 ? 1 : 65_536))
        self.limit = lineLimit
    }

    /// The next line without its newline (`\r\n` too); a last line without a newline is still
    /// returned. The prompt is ignored: non-interactive input shows none.
    /// Ctrl-C while waiting gives `.interrupted`.
    public func readLine(prompt: String = "") -> LineEditorResult {
        while true {
            if let newline = pending[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                // Cut as below when the whole overlong line arrived at once.
                let cut = newline - start > limit
                var line = Array(pending[start..<(cut ? start + limit + 1 : newline)])
                consume(through: newline + 1)
                if !cut, line.last == UInt8(ascii: "\r") { line.removeLast() }
                if skipping {
                    skipping = false
                    continue
                }
                return .line(String(decoding: line, as: UTF8.self))
            }
            scanned = pending.count
            if !skipping, pending.count - start > limit {
                // Over the limit: hand on one byte more than allowed (enough to be refused) and
                // drop the rest of the line as it arrives.
                let line = Array(pending[start..<(start + limit + 1)])
                consume(through: pending.count)
                skipping = true
                return .line(String(decoding: line, as: UTF8.self))
            }
            if skipping { consume(through: pending.count) }
            if reachedEnd {
                guard start < pending.count else { return .endOfFile }
                let line = Array(pending[start...])
                consume(through: pending.count)
                return .line(String(decoding: line, as: UTF8.self))
            }
            if case .interrupted = fill() { return .interrupted }
        }
    }

    /// Marks `pending[..<end]` as used; the buffer is compacted once the used part dominates.
    private func consume(through end: Int) {
        start = end
        scanned = max(scanned, end)
        if start == pending.count {
            pending.removeAll(keepingCapacity: true)
            start = 0
            scanned = 0
        } else if start >= 65_536, start * 2 >= pending.count {
            pending.removeSubrange(..<start)
            scanned -= start
            start = 0
        }
    }

    private enum Fill { case more, interrupted }

    private func fill() -> Fill {
        let old = pending.count
        pending.append(contentsOf: repeatElement(0, count: chunkSize))
        var error: Int32 = 0
        let count = pending.withUnsafeMutableBytes { buffer in
            let count = Glibc.read(fileDescriptor, buffer.baseAddress.map { $0 + old }, chunkSize)
            error = errno
            return count
        }
        pending.removeSubrange(old + max(0, count)..<pending.count)
        if count == 0 {
            reachedEnd = true
        } else if count < 0 {
            if error == EINTR {
                if Interrupts.flag.consume() { return .interrupted }
            } else {
                reachedEnd = true
            }
        }
        return .more
    }
}
