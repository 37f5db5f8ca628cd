import CCurl
import CShims
import TokenShellCore

/// Owns one libcurl easy handle and performs single exchanges on it (no redirect following).
///
/// `curl_easy_reset` before each request clears every option but keeps the connection cache,
/// so a fresh, fully specified configuration still reuses the kept-alive connection.
/// Not thread-safe; `CurlTransport` guards it with a mutex.
final class CurlEasy {
    struct Result {
        var response: HTTPResponse
        /// Where a 3xx points, already resolved against the request URL by libcurl.
        var redirectURL: String?
    }

    private let handle: UnsafeMutableRawPointer?
    private(set) var connectionsOpened = 0

    init() {
        handle = curl_easy_init()
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    func perform(_ request: HTTPRequest, options transportOptions: CurlTransportOptions) throws(TransportError)
        -> Result
    {
        guard let handle else { throw .other("libcurl could not create a handle") }
        // The request may set its own size cap (a large token list page); everything else keeps the transport's.
        var options = transportOptions
        if let limit = request.maxResponseBytes { options.maxResponseBytes = limit }
        if let cap = request.timeout { options.totalTimeout = min(options.totalTimeout ?? cap, cap) }
        curl_easy_reset(handle)
        let transfer = CurlTransfer(limit: options.maxResponseBytes, isCancelled: options.isCancelled)
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }

        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { buffer in
            withExtendedLifetime(transfer) {
                var setup = CurlSetup(handle: handle)
                setup.long(CURLOPT_NOSIGNAL, 1)
                setup.string(CURLOPT_URL, request.url)
                setup.string(CURLOPT_PROTOCOLS_STR, "http,https")
                setup.pointer(CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(buffer.baseAddress))
                setup.configure(options)
                setup.method(request.method, body: request.body)
                headerList = setup.headers(request.headers, userAgent: options.userAgent)
                setup.callbacks(transfer)
                guard setup.failure == CURLE_OK else { return setup.failure }
                return curl_easy_perform(handle)
            }
        }

        var connects = 0
        _ = shim_curl_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connects)
        connectionsOpened += connects

        guard code == CURLE_OK else {
            throw CurlErrorMapping.error(
                code: code,
                detail: String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self),
                url: request.url,
                transfer: transfer,
                options: options
            )
        }
        var status = 0
        _ = shim_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var location: UnsafePointer<CChar>?
        _ = shim_curl_getinfo_string(handle, CURLINFO_REDIRECT_URL, &location)
        return Result(
            response: HTTPResponse(status: status, headers: transfer.headers, body: transfer.body),
            redirectURL: location.map { String(cString: $0) }
        )
    }
}
