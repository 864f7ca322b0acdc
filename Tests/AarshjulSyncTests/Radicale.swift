import AarshjulSync
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PostgresTestSupport

/// A real Radicale CalDAV server on loopback, in a temporary folder, with HTTP Basic
/// authentication from a plain htpasswd file (user `tk`, password `hemmelig`, and `ntnu`,
/// `passord`). CI installs it (`apt-get install radicale`); a machine without it fails the
/// tests that need it, naming the package.
final class Radicale: Sendable {
    let folder: URL
    let port: Int
    let process: Process
    /// `http://127.0.0.1:PORT/`.
    var root: String { "http://127.0.0.1:\(port)/" }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "Radicale is not installed: apt-get install radicale (the CalDAV tests run against a real server)" }
    }

    struct StartFailed: Error, CustomStringConvertible {
        var log: String
        var description: String { "Radicale did not start:\n\(log)" }
    }

    /// Starts a server; ``stop()`` ends it and removes its folder.
    init() throws {
        guard let executable = Self.which("radicale") else { throw Missing() }
        folder = try temporaryDirectory()
        try "tk:hemmelig\nntnu:passord\n".write(to: folder.appendingPathComponent("users"), atomically: true, encoding: .utf8)
        port = try Self.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--server-hosts", "127.0.0.1:\(port)",
            "--storage-filesystem-folder", folder.appendingPathComponent("collections").path,
            "--auth-type", "htpasswd",
            "--auth-htpasswd-filename", folder.appendingPathComponent("users").path,
            "--auth-htpasswd-encryption", "plain",
            "--rights-type", "owner_only",
            "--logging-level", "warning",
        ]
        let log = folder.appendingPathComponent("radicale.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        // Ready when the port accepts a connection (at most 10 s).
        let deadline = Date().addingTimeInterval(10)
        while !Self.accepts(port: port) {
            guard process.isRunning, Date() < deadline else {
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                throw StartFailed(log: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
            }
            usleep(50_000)
        }
    }

    /// Runs `body` with a started server and an HTTP client; stops both afterwards, also when
    /// `body` throws.
    static func run(_ body: (Radicale, HTTPClient) async throws -> Void) async throws {
        let server = try Radicale()
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await body(server, http)
        } catch {
            try? await http.shutdown()
            server.stop()
            throw error
        }
        try await http.shutdown()
        server.stop()
    }

    /// Kills the server and removes its folder. (Not `waitUntilExit`: on Linux it spins the
    /// run loop of a concurrency thread at full speed; the exit is polled instead.)
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Creates a calendar collection `/USER/NAME/` with a display name (MKCOL, RFC 5689).
    func makeCalendar(_ http: HTTPClient, user: String, password: String, name: String, displayName: String) async throws {
        let body = """
        <?xml version="1.0" encoding="utf-8"?>
        <D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>
        <D:resourcetype><D:collection/><C:calendar/></D:resourcetype>
        <D:displayname>\(displayName)</D:displayname>
        </D:prop></D:set></D:mkcol>
        """
        let status = try await request(http, .MKCOL, "\(root)\(user)/\(name)/", user: user, password: password, body: body)
        guard status == 201 else { throw StartFailed(log: "MKCOL /\(user)/\(name)/ answered \(status)") }
    }

    /// A plain HTTP request as another client would send it; returns the status.
    @discardableResult
    func request(_ http: HTTPClient, _ method: HTTPMethod, _ url: String, user: String, password: String,
                 body: String? = nil, headers: [(String, String)] = []) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Authorization", value: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await http.execute(request, timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 10_000_000)
        return Int(response.status.code)
    }

    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// A port the kernel picks, released at once for the server to take.
    static func freePort() throws -> Int { try LoopbackPort.free() }

    /// A loopback port bound by a socket that does not listen, for as long as `body` runs: a
    /// connection to it is refused, and no other server or outgoing connection of the machine
    /// can take it meanwhile (a port found free and released can be, under load).
    static func withRefusingPort<T>(_ body: (Int) async throws -> T) async throws -> T {
        let (socket, port) = try LoopbackPort.boundSocket()
        defer { close(socket) }
        return try await body(port)
    }

    static func accepts(port: Int) -> Bool {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
