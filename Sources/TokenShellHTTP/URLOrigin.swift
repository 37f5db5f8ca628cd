import CCurl

/// Scheme, host and port of a URL, parsed by libcurl's own URL parser so that the comparison
/// agrees with where libcurl actually connects (default ports filled in, host lower-cased).
struct URLOrigin: Equatable {
    var scheme: String
    var host: String
    var port: String

    init?(_ url: String) {
        guard let handle = curl_url() else { return nil }
        defer { curl_url_cleanup(handle) }
        guard curl_url_set(handle, CURLUPART_URL, url, 0) == CURLUE_OK,
            let scheme = Self.part(handle, CURLUPART_SCHEME, flags: 0),
            let host = Self.part(handle, CURLUPART_HOST, flags: 0),
            let port = Self.part(handle, CURLUPART_PORT, flags: UInt32(CURLU_DEFAULT_PORT))
        else { return nil }
        self.scheme = scheme.lowercased()
        self.host = host.lowercased()
        self.port = port
    }

    /// `scheme://host:port`, for messages: never userinfo, path or query (a redirect target
    /// chosen by someone else may carry anything there).
    var display: String { "\(scheme)://\(host):\(port)" }

    private static func part(_ handle: OpaquePointer, _ what: CURLUPart, flags: UInt32) -> String? {
        var out: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, what, &out, flags) == CURLUE_OK, let out else { return nil }
        defer { curl_free(out) }
        return String(cString: out)
    }
}
