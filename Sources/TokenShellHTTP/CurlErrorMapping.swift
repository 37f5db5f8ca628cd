import CCurl
import TokenShellCore

/// Turns a libcurl result code into the transport's error vocabulary, preferring the reason
/// this transport itself recorded (size cap, cancellation) over libcurl's generic code.
enum CurlErrorMapping {
    static func error(
        code: CURLcode,
        detail: String,
        url: String,
        transfer: CurlTransfer,
        options: CurlTransportOptions
    ) -> TransportError {
        if transfer.exceededLimit || code == CURLE_FILESIZE_EXCEEDED {
            return .responseTooLarge(limit: options.maxResponseBytes)
        }
        if transfer.cancelled || code == CURLE_ABORTED_BY_CALLBACK { return .cancelled }
        let text = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        switch code {
        case CURLE_COULDNT_CONNECT:
            return .connectionRefused(host: URLOrigin(url).map { "\($0.host):\($0.port)" } ?? url)
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(text)
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return .invalidURL(url)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_ENGINE_NOTFOUND,
            CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_USE_SSL_FAILED:
            return .tls(text)
        case CURLE_COULDNT_RESOLVE_HOST:
            return .other("could not resolve the host name in \(url): \(text)")
        case CURLE_COULDNT_RESOLVE_PROXY:
            return .other("could not resolve the proxy: \(text)")
        default:
            return .other(text)
        }
    }
}
