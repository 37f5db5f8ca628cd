/// The reply to a token create: the new token, shown once, and what the registry says it is.
public struct CreatedToken: Sendable, Equatable {
    /// The full token. The registry never shows it again.
    public var token: Secret
    /// The decoded reply with its `token` field masked; `key` computed locally if the reply lacked it.
    public var object: RegistryToken
}
