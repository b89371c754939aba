import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bare HTTP/1.1 client over a TCP socket to 127.0.0.1, for the preview tests: it sends the
/// request path byte for byte (URL types would normalise `..` and percent escapes away), and it
/// reads a server-sent event stream as it arrives.
final class HTTPProbe {
    private let fd: Int32
    private var received = ""

    /// Connects and sends `GET path`; every read then waits at most `timeout` seconds.
    init(port: Int, path: String, timeout: Double = 300) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ProbeError.message("socket() failed") }
        var wait = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(fd); throw ProbeError.message("cannot connect to 127.0.0.1:\(port)") }
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
    }

    deinit { close(fd) }

    /// Reads more bytes; false at the end of the stream or on timeout.
    private func readMore() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let count = recv(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return false }
        received += String(decoding: buffer[..<count], as: UTF8.self)
        return true
    }

    /// The whole response: status code and text after the headers. Reads to the end of the body
    /// its Content-Length announces (servers may keep the connection open), else to the close.
    func response() -> (status: Int, body: String) {
        while true {
            if let end = received.range(of: "\r\n\r\n") {
                let head = received[..<end.lowerBound].lowercased()
                if let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
                   let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)),
                   received[end.upperBound...].utf8.count >= length {
                    break
                }
            }
            guard readMore() else { break }
        }
        let status = Int(received.split(separator: " ").dropFirst().first ?? "") ?? 0
        let body = received.range(of: "\r\n\r\n").map { String(received[$0.upperBound...]) } ?? ""
        return (status, body)
    }

    /// Reads server-sent events until one named in `names` satisfies `accept`; nil on timeout or
    /// end of stream. Events consumed on the way are dropped.
    func nextEvent(_ names: Set<String>, where accept: (String) -> Bool = { _ in true }) -> (name: String, data: String)? {
        while true {
            while let end = received.range(of: "\n\n") {
                let block = received[..<end.lowerBound]
                received.removeSubrange(..<end.upperBound)
                var name = "", data = ""
                // "\r\n" (around chunk sizes) is one Character in Swift: split on it as well.
                for line in block.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
                    if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                    if line.hasPrefix("data: ") { data = String(line.dropFirst(6)) }
                }
                if names.contains(name), accept(data) { return (name, data) }
            }
            guard readMore() else { return nil }
        }
    }

    enum ProbeError: Error { case message(String) }
}
