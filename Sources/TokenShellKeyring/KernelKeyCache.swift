import CKeyutils

#if canImport(Glibc)
    import Glibc
#endif

/// The vault's unlocked key, kept in the kernel's session keyring (keyutils) for a bounded
/// time: never in a file, readable only by processes that possess the session keyring, and
/// gone at the timeout, at `lock`, or when the login ends.
///
/// A process started outside a login session (a container, a service) has no session keyring
/// of its own: `KEY_SPEC_SESSION_KEYRING` would then create an anonymous one that dies with the
/// process, so the user's session keyring, which such processes share, is used instead.
struct KernelKeyCache {
    /// One key per vault file.
    let description: String

    private var ring: key_serial_t {
        let session = keyctl_get_keyring_ID(KEY_SPEC_SESSION_KEYRING, 0)
        let userSession = keyctl_get_keyring_ID(KEY_SPEC_USER_SESSION_KEYRING, 0)
        guard session > 0 else { return KEY_SPEC_USER_SESSION_KEYRING }
        return session == userSession ? userSession : session
    }

    func read() -> [UInt8]? {
        let id = keyctl_search(ring, "user", description, 0)
        guard id > 0 else { return nil }
        var buffer: UnsafeMutableRawPointer?
        let count = keyctl_read_alloc(key_serial_t(id), &buffer)
        guard count > 0, let buffer else {
            free(buffer)
            return nil
        }
        let bytes = Array(UnsafeRawBufferPointer(start: buffer, count: Int(count)))
        memset(buffer, 0, Int(count))
        free(buffer)
        return bytes
    }

    /// Keeps `bytes` for `seconds`; false when the kernel keyring is not available here (for
    /// example a container whose seccomp profile forbids it).
    @discardableResult
    func store(_ bytes: [UInt8], seconds: Int) -> Bool {
        let id = bytes.withUnsafeBytes {
            add_key("user", description, $0.baseAddress, $0.count, ring)
        }
        guard id > 0 else { return false }
        // The possessor may use it; other processes of the user may only see that it exists.
        _ = keyctl_setperm(id, key_perm_t(KEY_POS_ALL) | key_perm_t(KEY_USR_VIEW))
        guard keyctl_set_timeout(id, UInt32(max(1, seconds))) == 0 else {
            _ = keyctl_invalidate(id)
            return false
        }
        return true
    }

    /// Forgets the key at once; true when there was one.
    @discardableResult
    func forget() -> Bool {
        let ring = ring
        let id = keyctl_search(ring, "user", description, 0)
        guard id > 0 else { return false }
        if keyctl_invalidate(key_serial_t(id)) == 0 { return true }
        return keyctl_unlink(key_serial_t(id), ring) == 0
    }
}
