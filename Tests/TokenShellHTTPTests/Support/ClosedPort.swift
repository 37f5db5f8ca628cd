import Dispatch
import Glibc

/// Loopback sockets for failure cases: a port nobody listens on, and a listener that never
/// accepts (the kernel completes the handshake, but no byte ever comes back).
enum LoopbackSocket {
    /// Binds a listening socket on 127.0.0.1 port 0; returns the descriptor and its port.
    static func listen() -> (fd: Int32, port: Int)? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && Glibc.listen(fd, 8) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard ok else {
            close(fd)
            return nil
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A port that refuses connections: bound once, then closed.
    static func closedPort() -> Int? {
        guard let (fd, port) = listen() else { return nil }
        close(fd)
        return port
    }
}

/// `close(2)`, named apart from the many `close` overloads in scope in tests.
func closeDescriptor(_ fd: Int32) -> Int32 {
    close(fd)
}

/// A loopback listener that answers every connection with plain-text bytes and hangs up: what a
/// TLS client sees when it speaks to a plain-HTTP port.
final class PlainTextResponder: Sendable {
    let port: Int
    private let fd: Int32

    init?() {
        guard let (fd, port) = LoopbackSocket.listen() else { return nil }
        self.fd = fd
        self.port = port
        DispatchQueue.global().async { [fd] in
            while true {
                let client = accept(fd, nil, nil)
                guard client >= 0 else {
                    close(fd)  // shut down by stop(); closing here avoids racing a reused descriptor
                    return
                }
                let reply = Array("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".utf8)
                _ = reply.withUnsafeBytes { Glibc.write(client, $0.baseAddress, $0.count) }
                close(client)
            }
        }
    }

    func stop() {
        shutdown(fd, Int32(SHUT_RDWR))
    }
}
