import CCurl
import CShims
import TokenShellCore

/// Applies options to an easy handle, remembering the first failure so that setup reads as a
/// plain list of settings.
struct CurlSetup {
    let handle: UnsafeMutableRawPointer
    private(set) var failure = CURLE_OK

    init(handle: UnsafeMutableRawPointer) {
        self.handle = handle
    }

    private mutating func check(_ code: CURLcode) {
        if failure == CURLE_OK && code != CURLE_OK { failure = code }
    }

    mutating func long(_ option: CURLoption, _ value: Int) {
        check(shim_curl_setopt_long(handle, option, value))
    }

    mutating func string(_ option: CURLoption, _ value: String?) {
        check(shim_curl_setopt_string(handle, option, value))
    }

    /// Raw bytes as a C string option; libcurl copies them (size set beforehand for bodies).
    mutating func string(_ option: CURLoption, _ bytes: [CChar]) {
        check(bytes.withUnsafeBufferPointer { shim_curl_setopt_string(handle, option, $0.baseAddress) })
    }

    mutating func pointer(_ option: CURLoption, _ value: UnsafeMutableRawPointer?) {
        check(shim_curl_setopt_pointer(handle, option, value))
    }

    mutating func configure(_ options: CurlTransportOptions) {
        long(CURLOPT_CONNECTTIMEOUT_MS, Int(options.connectTimeout * 1000))
        long(CURLOPT_LOW_SPEED_LIMIT, options.lowSpeedLimit)
        long(CURLOPT_LOW_SPEED_TIME, options.lowSpeedTime)
        if let total = options.totalTimeout { long(CURLOPT_TIMEOUT_MS, Int(total * 1000)) }
        long(CURLOPT_SSL_VERIFYPEER, options.strictSSL ? 1 : 0)
        long(CURLOPT_SSL_VERIFYHOST, options.strictSSL ? 2 : 0)
        if let caFile = options.caFile { string(CURLOPT_CAINFO, caFile) }
        check(shim_curl_setopt_off(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxResponseBytes)))
        string(CURLOPT_ACCEPT_ENCODING, "")
        long(CURLOPT_FOLLOWLOCATION, 0)
    }

    mutating func method(_ method: HTTPMethod, body: [UInt8]?) {
        switch (method, body ?? []) {
        case (.get, _):
            long(CURLOPT_HTTPGET, 1)
        case (.delete, let bytes) where bytes.isEmpty:
            long(CURLOPT_HTTPGET, 1)
            string(CURLOPT_CUSTOMREQUEST, method.rawValue)
        case (_, let bytes):
            long(CURLOPT_POST, 1)
            check(shim_curl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count)))
            // COPYPOSTFIELDS: libcurl keeps its own copy, so the Swift array may go away.
            var terminated = bytes.map { CChar(bitPattern: $0) }
            terminated.append(0)
            string(CURLOPT_COPYPOSTFIELDS, terminated)
            if method != .post { string(CURLOPT_CUSTOMREQUEST, method.rawValue) }
        }
    }

    /// Builds the header list; the caller frees it after the transfer. libcurl's own defaults
    /// that npm does not send (`Expect: 100-continue`, a form content type) are switched off.
    mutating func headers(_ headers: [HTTPHeader], userAgent: String) -> UnsafeMutablePointer<curl_slist>? {
        var list: UnsafeMutablePointer<curl_slist>?
        func add(_ line: String) {
            if let next = curl_slist_append(list, line) { list = next }
        }
        let names = Set(headers.map { $0.name.lowercased() })
        for header in headers {
            // "Name;" sends a header with an empty value; "Name:" would remove it.
            add(header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)")
        }
        add("Expect:")
        if !names.contains("content-type") { add("Content-Type:") }
        if !names.contains("user-agent") { string(CURLOPT_USERAGENT, userAgent) }
        check(shim_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, list))
        return list
    }

    mutating func callbacks(_ transfer: CurlTransfer) {
        check(shim_curl_setopt_data_fn(handle, CURLOPT_WRITEFUNCTION, CurlTransfer.writeCallback))
        pointer(CURLOPT_WRITEDATA, transfer.opaque)
        check(shim_curl_setopt_data_fn(handle, CURLOPT_HEADERFUNCTION, CurlTransfer.headerCallback))
        pointer(CURLOPT_HEADERDATA, transfer.opaque)
        long(CURLOPT_NOPROGRESS, 0)
        check(shim_curl_setopt_xferinfo_fn(handle, CURLOPT_XFERINFOFUNCTION, CurlTransfer.progressCallback))
        pointer(CURLOPT_XFERINFODATA, transfer.opaque)
    }
}
