/// Questions about Unix permission bits, answered without touching the disk.
public enum FileMode {
    /// Group or others may read the file.
    public static func isReadableByOthers(_ mode: UInt32) -> Bool {
        mode & 0o044 != 0
    }

    /// Group or others may read or write the file: not what npm writes for the user config.
    public static func isLooserThanPrivate(_ mode: UInt32) -> Bool {
        mode & 0o077 != 0
    }

    /// `0644` style, for messages.
    public static func octal(_ mode: UInt32) -> String {
        let digits = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
