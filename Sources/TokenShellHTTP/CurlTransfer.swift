import CCurl
import TokenShellCore

/// The state of one `curl_easy_perform`: what the callbacks collect and why they stopped it.
///
/// libcurl's callbacks are C function pointers that cannot capture, so they reach this object
/// through the `*DATA` pointers (`Unmanaged`, unretained: the caller keeps it alive for the
/// whole transfer with `withExtendedLifetime`).
final class CurlTransfer {
    let limit: Int
    let isCancelled: @Sendable () -> Bool
    var body: [UInt8] = []
    var headers: [HTTPHeader] = []
    var exceededLimit = false
    var cancelled = false

    init(limit: Int, isCancelled: @escaping @Sendable () -> Bool) {
        self.limit = limit
        self.isCancelled = isCancelled
    }

    /// Appends body bytes; returning anything but the full size makes libcurl stop the transfer.
    func receive(_ bytes: UnsafeRawBufferPointer) -> Int {
        if body.count + bytes.count > limit {
            exceededLimit = true
            return 0
        }
        if body.isEmpty, let expected = declaredLength, expected <= limit {
            // One allocation of the announced size: growing by doubling through a 560 KB token
            // page touched about three times that in fresh pages.
            body.reserveCapacity(expected)
        }
        body.append(contentsOf: bytes)
        return bytes.count
    }

    /// `Content-Length` of the response being received, when it sent one.
    private var declaredLength: Int? {
        headers.last { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) }
    }

    /// One header line; a status line starts a new header block (after a 100 Continue or a
    /// proxy's CONNECT answer), so only the final response's headers are kept.
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingTrailingNewline()
        if line.hasPrefix("HTTP/") {
            headers.removeAll()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = String(line[..<colon])
        let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
        headers.append(HTTPHeader(name, String(value)))
    }

    /// Polled by libcurl during the transfer; non-zero aborts it.
    func shouldAbort() -> Bool {
        if isCancelled() { cancelled = true }
        return cancelled
    }

    var opaque: UnsafeMutableRawPointer {
        Unmanaged.passUnretained(self).toOpaque()
    }

    static func from(_ pointer: UnsafeMutableRawPointer?) -> CurlTransfer? {
        guard let pointer else { return nil }
        return Unmanaged<CurlTransfer>.fromOpaque(pointer).takeUnretainedValue()
    }

    static let writeCallback: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int =
        {
            data, size, count, userData in
            guard let transfer = CurlTransfer.from(userData) else { return 0 }
            return transfer.receive(UnsafeRawBufferPointer(start: data, count: size * count))
        }

    static let headerCallback:
        @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
            data, size, count, userData in
            CurlTransfer.from(userData)?.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        }

    static let progressCallback:
        @convention(c) (UnsafeMutableRawPointer?, curl_off_t, curl_off_t, curl_off_t, curl_off_t) -> Int32 = {
            userData, _, _, _, _ in
            (CurlTransfer.from(userData)?.shouldAbort() ?? false) ? 1 : 0
        }
}

extension String {
    fileprivate func trimmingTrailingNewline() -> String {
        var result = self
        while let last = result.last, last == "\n" || last == "\r" || last == "\r\n" {
            result.removeLast()
        }
        return result
    }
}
