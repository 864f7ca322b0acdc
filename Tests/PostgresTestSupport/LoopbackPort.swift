import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Loopback ports for the servers tests start (PostgreSQL, Radicale, `aarshjul serve`).
public enum LoopbackPort {
    /// Why a socket could not be bound.
    public struct Failure: Error, CustomStringConvertible {
        /// The call that failed and its `errno`.
        public var description: String
    }

    /// A port the kernel picks, released at once for a server to take.
    public static func free() throws -> Int {
        let (socket, port) = try boundSocket()
        close(socket)
        return port
    }

    /// A TCP socket bound to a free port of 127.0.0.1, not listening, and the port; the
    /// caller closes the socket. While it is open, a connection to the port is refused and
    /// nothing else on the machine can take the port.
    public static func boundSocket() throws -> (socket: Int32, port: Int) {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else {
            let code = errno
            close(socket)
            throw Failure(description: "bind or getsockname on 127.0.0.1: errno \(code)")
        }
        return (socket, Int(UInt16(bigEndian: address.sin_port)))
    }
}
