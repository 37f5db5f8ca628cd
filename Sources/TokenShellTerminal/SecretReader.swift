import CShims
import Glibc
import TokenShellCore

/// Reads a password or one-time password with echo off.
///
/// libedit has no echo-off mode, so this uses termios directly on stdin: echo off, a plain
/// `read(2)` up to Enter, and the terminal restored on every way out — Enter, Ctrl-C
/// (`.interrupted`), Ctrl-D, an error, and SIGTERM/SIGHUP/SIGQUIT (restored in the C handler, then the
/// signal's default action). The prompt goes to the terminal (`/dev/tty`, else stderr), never to
/// stdout, so it cannot end up in piped output.
public enum SecretReader {
    /// Asks for a secret. Never call it when stdin is not a terminal: it throws `.notATerminal`.
    public static func read(prompt: String) throws(TerminalError) -> SecretInput {
        guard Terminal.stdinIsTerminal else { throw .notATerminal }
        Interrupts.install()
        // SIGINT is let through only while waiting for a key, so a Ctrl-C typed at any moment,
        // even before the prompt appeared, is seen (see shim_block_interrupts).
        var previousMask = sigset_t()
        _ = shim_block_interrupts(&previousMask)
        defer { _ = shim_restore_signal_mask(&previousMask) }
        if Interrupts.flag.consume() { return .interrupted }
        let output = promptDescriptor()
        defer { if output != STDERR_FILENO { close(output) } }
        Terminal.write(prompt, to: output)
        guard shim_echo_guard_begin(STDIN_FILENO) == 0 else {
            throw .io(String(cString: strerror(errno)))
        }
        defer {
            _ = shim_echo_guard_end()
            // The user's Enter was not echoed; end the prompt line ourselves.
            Terminal.write("\n", to: output)
        }
        return try readLine()
    }

    private static func readLine() throws(TerminalError) -> SecretInput {
        var bytes: [UInt8] = []
        defer { wipe(&bytes) }
        var byte: UInt8 = 0
        while true {
            if Interrupts.flag.consume() { return .interrupted }
            if shim_wait_readable_or_interrupt(STDIN_FILENO) != 1 {
                if errno == EINTR { continue }
                throw .io(String(cString: strerror(errno)))
            }
            let count = Glibc.read(STDIN_FILENO, &byte, 1)
            if count < 0 {
                if errno == EINTR {
                    if Interrupts.flag.consume() { return .interrupted }
                    continue
                }
                throw .io(String(cString: strerror(errno)))
            }
            if count == 0 {
                return bytes.isEmpty ? .endOfFile : .entered(Secret(String(decoding: bytes, as: UTF8.self)))
            }
            if byte == UInt8(ascii: "\n") {
                if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
                return .entered(Secret(String(decoding: bytes, as: UTF8.self)))
            }
            bytes.append(byte)
        }
    }

    /// Overwrites the buffer so the secret does not linger in freed memory.
    private static func wipe(_ bytes: inout [UInt8]) {
        for index in bytes.indices { bytes[index] = 0 }
        bytes.removeAll()
    }

    private static func promptDescriptor() -> Int32 {
        let tty = open("/dev/tty", O_WRONLY | O_CLOEXEC)
        return tty >= 0 ? tty : STDERR_FILENO
    }
}
