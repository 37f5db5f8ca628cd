extension RegistryCredential {
    /// The token to send, or `nil` for other kinds of credential.
    ///
    /// A `${VAR}` reference to an unset variable is an error that says exactly that: npm leaves
    /// the text literal and sends `${NPM_TOKEN}` as the bearer, and the registry's 401 then reads
    /// like an expired login. tokensh never sends the placeholder.
    public func usableToken() throws(ShellError) -> Secret? {
        guard let token else { return nil }
        try checkReference()
        return token
    }

    /// The base64 `user:password` to send as Basic authentication (`_auth`, or `username` with
    /// `_password`), or `nil` for other kinds; an unset `${VAR}` is an error as for a token.
    public func usableBasicPair() throws(ShellError) -> Secret? {
        let pair: Secret
        switch kind {
        case .auth(let auth): pair = auth
        case .usernamePassword(let username, let password):
            pair = Secret(RegistryBase64.encode(Array((username + ":" + password.reveal()).utf8)))
        case .token, .clientCertificate: return nil
        }
        try checkReference()
        return pair
    }

    private func checkReference() throws(ShellError) {
        if let reference = unresolvedReference {
            let name = String(reference.dropFirst(2).dropLast())
            let location = path.map { " in \($0)" } ?? " in the \(source) settings"
            throw ShellError(
                .usage, "\(key)\(location) uses \(reference), which is not set",
                hint: "export \(name)=… (the token) before running tokensh, or remove that line\(location) "
                    + "to use your own login", code: "EUNSETVARIABLE")
        }
    }
}
