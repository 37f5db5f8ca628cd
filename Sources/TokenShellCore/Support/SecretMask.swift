/// Hides secrets in text meant for people: error messages, hints and the notes around them.
///
/// Messages quote what they are about (a word that is not a command, a URL, a value that does
/// not parse), and that input may be an expanded `${TOKENSH_TOKEN}`, a pasted password or a
/// registry URL with a password in it. Masking where the text is rendered, rather than at each
/// of the many places that build a message, means a new message cannot forget it.
public struct SecretMask: Sendable {
    /// Shorter secrets are not masked in running text: hiding every `a` or `12` of a message
    /// would make it unreadable and tell more than it hides. (History drops any line holding
    /// one, whatever its length.)
    public static let minimumLength = 4

    /// How a hidden value is shown.
    public enum Style: Sendable {
        /// Messages: a known secret as `***`, a credential shape as `npm_AbCd...WxYz`.
        case message
        /// A terminal recording meant to be shared: nothing of a password or OTP, and of a
        /// token only its last four characters (`npm_••••…WxYz`), as token pages show them.
        case recording
    }

    /// Longest first, so a secret that contains another is hidden whole.
    private let secrets: [String]
    private let style: Style

    /// - Parameter secrets: the values this session knows to be secret (passwords, OTPs,
    ///   tokens, the environment's `TOKENSH_*` secrets).
    public init(secrets: some Sequence<String>, style: Style = .message) {
        self.secrets = Set(secrets.filter { $0.count >= Self.minimumLength }).sorted { $0.count > $1.count }
        self.style = style
    }

    /// The text with known secrets hidden, credential shapes (npm tokens, UUIDs, JWTs) in
    /// their display form and the password of any URL's userinfo hidden.
    public func apply(_ text: String) -> String {
        var output = text
        for secret in secrets where output.contains(secret) {
            output = output.replacing(secret, with: hidden(knownSecret: secret))
        }
        switch style {
        case .message:
            return RegistryURL.redact(SecretPatterns.maskingCredentialShapes(in: output))
        case .recording:
            return RegistryURL.redact(SecretPatterns.maskingCredentialShapes(in: output, as: Self.recordingForm))
        }
    }

    private func hidden(knownSecret secret: String) -> String {
        switch style {
        case .message: RegistryURL.redactionMark
        // A password or OTP shows nothing of itself; a token, only what identifies it.
        case .recording: SecretPatterns.containsCredentialShape(secret) ? Self.recordingForm(secret) : "••••"
        }
    }

    /// `npm_••••…WxYz` for an npm token, `••••…WxYz` for any other credential shape.
    static func recordingForm(_ credential: String) -> String {
        guard credential.count >= 16 else { return "••••" }
        let head = credential.hasPrefix(NpmToken.prefix) ? NpmToken.prefix : ""
        return head + "••••…" + String(credential.suffix(4))
    }
}
