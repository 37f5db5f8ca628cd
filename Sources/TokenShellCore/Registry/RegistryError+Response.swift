extension RegistryError {
    /// The error a non-2xx reply means, decided as npm-registry-fetch's `checkErrors` does.
    ///
    /// A 401 whose text starts with `session expired` is an expired login session whatever its
    /// header says. Otherwise a 401 with `WWW-Authenticate` is split on `,\s*`, lower-cased and
    /// compared exactly: `ipaddress` refuses the address, `otp` asks for a one-time password
    /// (the web variant when the JSON body carries `authUrl` and `doneUrl`). A 401 without the
    /// header whose body contains `one-time pass` also asks for one. `displayURL` is shown in
    /// place of the request URL, which may hold a secret (logout).
    public static func from(_ response: HTTPResponse, method: HTTPMethod, displayURL: String) -> RegistryError {
        let json = RegistryJSON.parse(response.body)
        let text = registryMessage(in: json)
        guard response.status == 401 else {
            return .http(status: response.status, method: method.rawValue, url: displayURL, registryMessage: text)
        }
        if let text, text.lowercased().hasPrefix("session expired") {
            return .sessionExpired(registryMessage: text)
        }
        if let header = response.header("www-authenticate") {
            let schemes = splitChallenges(header)
            if schemes.contains("ipaddress") { return .authentication(.ipAddressRefused, registryMessage: text) }
            if schemes.contains("otp") { return .otpRequired(otpChallenge(in: json), registryMessage: text) }
            let words = header.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map { $0.lowercased() }
            if words.contains("bearer") { return .authentication(.invalidToken, registryMessage: text) }
            if words.contains("basic") { return .authentication(.wrongPassword, registryMessage: text) }
            return .authentication(.unsupportedScheme(header), registryMessage: text)
        }
        if response.bodyText.contains("one-time pass") {
            return .otpRequired(.code, registryMessage: text)
        }
        return .authentication(.unspecified, registryMessage: text)
    }

    /// The registry's own words: `error` first (the only field npm prints), then `message`.
    public static func registryMessage(in json: RegistryJSON?) -> String? {
        for field in ["error", "message"] {
            if let raw = json?[field]?.stringValue, case let text = RegistryPath.trimmed(raw), !text.isEmpty {
                return String(text.split(whereSeparator: \.isNewline).joined(separator: " ").prefix(500))
            }
        }
        return nil
    }

    /// `WWW-Authenticate` as npm reads it: split on `/,\s*/`, each part lower-cased.
    static func splitChallenges(_ header: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var skippingSpace = false
        for character in header {
            if character == "," {
                parts.append(current.lowercased())
                current = ""
                skippingSpace = true
            } else if skippingSpace, character.isWhitespace {
                continue
            } else {
                skippingSpace = false
                current.append(character)
            }
        }
        parts.append(current.lowercased())
        return parts
    }

    static func otpChallenge(in json: RegistryJSON?) -> OTPChallenge {
        if let authURL = json?["authUrl"]?.stringValue, let doneURL = json?["doneUrl"]?.stringValue,
            RegistryPath.isAbsoluteHTTP(authURL), RegistryPath.isAbsoluteHTTP(doneURL)
        {
            return .web(authURL: authURL, doneURL: doneURL)
        }
        return .code
    }
}
