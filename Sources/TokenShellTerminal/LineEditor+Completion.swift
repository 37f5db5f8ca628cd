import CEditLine
import Glibc
import TokenShellCore

extension LineEditor {
    /// Runs on TAB: asks the provider, then replaces the word, inserts the common prefix, lists
    /// the candidates, or beeps.
    func complete() -> UInt8 {
        guard let provider = completionProvider else { return UInt8(CC_REFRESH_BEEP) }
        let suggestions = provider(textBeforeCursor())
        let candidates = suggestions.candidates
        guard !candidates.isEmpty, textBeforeCursor().hasSuffix(suggestions.word) else {
            return UInt8(CC_REFRESH_BEEP)
        }
        if candidates.count == 1, let only = candidates.first {
            replaceWord(suggestions.word, with: only + (suggestions.appendSpace ? " " : ""))
            return UInt8(CC_REFRESH)
        }
        let prefix = suggestions.commonPrefix
        if prefix.count > suggestions.word.count {
            replaceWord(suggestions.word, with: prefix)
            return UInt8(CC_REFRESH)
        }
        list(candidates)
        return UInt8(CC_REDISPLAY)
    }

    /// The line up to the cursor; `el_line` pointers are byte offsets into a UTF-8 buffer.
    func textBeforeCursor() -> String {
        guard let info = el_line(editLineHandle)?.pointee, let buffer = info.buffer, let cursor = info.cursor else {
            return ""
        }
        let length = buffer.distance(to: cursor)
        guard length > 0 else { return "" }
        return buffer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    private func replaceWord(_ word: String, with replacement: String) {
        if replacement.hasPrefix(word) {
            insert(String(replacement.dropFirst(word.count)))
        } else {
            // el_deletestr counts characters of libedit's wide buffer, i.e. Unicode scalars.
            el_deletestr(editLineHandle, Int32(word.unicodeScalars.count))
            insert(replacement)
        }
    }

    private func insert(_ text: String) {
        guard !text.isEmpty else { return }
        _ = el_insertstr(editLineHandle, text)
    }

    /// Prints the candidates in columns below the line; libedit then redraws prompt and line.
    private func list(_ candidates: [String]) {
        // Token names come from the registry: shown without control characters.
        let candidates = candidates.map(TerminalText.line)
        let width = max(Terminal.width, 20)
        let cell = (candidates.map(\.count).max() ?? 0) + 2
        let columns = max(1, width / cell)
        let rows = (candidates.count + columns - 1) / columns
        var text = "\n"
        for row in 0..<rows {
            var line = ""
            for column in 0..<columns {
                let index = column * rows + row
                guard index < candidates.count else { continue }
                let name = candidates[index]
                line += index + rows < candidates.count ? name.padding(to: cell) : name
            }
            text += line + "\n"
        }
        Terminal.write(text, to: STDOUT_FILENO)
    }
}

extension String {
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
