extension RegistryCredential {
    /// The token to send, or `nil` for other kinds of credential.
    ///
    /// A `${VAR}` reference to an unset variable is an error that says exactly that: npm leaves
    /// the text literal and sends `${NPM_TOKEN}` as the bearer, and the registry's 401 then reads
    /// like an expired login. tokensh never sends the placeholder.
    public func usableToken() throws(ShellError) -> Secret? {
        guard let token else { return nil }
        if let reference = unresolvedReference {
            let name = String(reference.dropFirst(2).dropLast())
            let location = path.map { " in \($0)" } ?? " in the \(source) settings"
            throw ShellError(
                .usage, "\(key)\(location) uses \(reference), which is not set",
                hint: "export \(name)=… (the token) before running tokensh, or remove that line\(location) "
                    + "to use your own login", code: "EUNSETVARIABLE")
        }
        return token
    }
}
