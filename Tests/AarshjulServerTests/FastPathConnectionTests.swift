import Aarshjul
import AarshjulServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What the feed fast path owns besides its answers: their bytes (the router's, field for
/// field), the connection's idle time-out, and a graceful shutdown that never cuts an answer.
@Suite(.timeLimit(.minutes(2))) struct FastPathConnectionTests {
    /// The fast path's `200` and `304` heads have the router's fields in the router's order;
    /// only `Date` may differ (and `Connection: close`, which the router's request asked for).
    @Test func fastPathHeadsAreTheRoutersBytes() async throws {
        let (server, store) = makeServer()
        let etag = try #require(store.snapshot?.feeds["combined.ics"]?.etag)
        try await server.application(logger: Logger(label: "test")).test(.live) { client in
            let port = try #require(client.port)
            for conditional in ["", "If-None-Match: \(etag)\r\n"] {
                let request = "GET /feeds/combined.ics HTTP/1.1\r\nHost: x\r\n\(conditional)"
                // Keep-alive: the fast path; then Connection: close: the router.
                let reply = try await RawHTTP.exchange(port: port, send: request + "\r\n" + request + "Connection: close\r\n\r\n")
                let heads = Self.heads(reply)
                #expect(heads.count == 2)
                guard heads.count == 2 else { continue }
                let fast = heads[0].filter { !$0.hasPrefix("Date: ") }
                let routed = heads[1].filter { !$0.hasPrefix("Date: ") && $0.lowercased() != "connection: close" }
                #expect(fast == routed)
                #expect(fast.first == (conditional.isEmpty ? "HTTP/1.1 200 OK" : "HTTP/1.1 304 Not Modified"))
            }
        }
    }

    /// A connection that keeps asking stays open past the idle time-out; one that stops asking
    /// is closed once the time-out has passed.
    @Test func idleConnectionsAreClosedBusyOnesAreNot() async throws {
        let store = FeedStore(privateFeeds: false)
        store.install(makeBuild(), now: 1_800_000_000)
        var settings = FeedServerSettings(host: "127.0.0.1", port: 0)
        settings.idleTimeout = .seconds(2)
        let server = FeedServer(settings: settings, store: store)
        let etag = try #require(store.snapshot?.feeds["combined.ics"]?.etag)
        try await server.application(logger: Logger(label: "test")).test(.live) { client in
            let port = try #require(client.port)
            let outcome = try await onThread {
                let connection = try RawConnection(port: port)
                let request = "GET /feeds/combined.ics HTTP/1.1\r\nHost: x\r\nIf-None-Match: \(etag)\r\n\r\n"
                // 16 requests 0.25 s apart: 4 seconds in all, twice the time-out.
                var answers = 0
                for _ in 0..<16 {
                    try connection.send(request)
                    if try connection.readHead()?.hasPrefix("HTTP/1.1 304") == true { answers += 1 }
                    usleep(250_000)
                }
                let idleFrom = Date()
                let closed = try connection.readHead() == nil
                return (answers, closed, Date().timeIntervalSince(idleFrom))
            }
            #expect(outcome.0 == 16)
            #expect(outcome.1, "the server closed the idle connection")
            #expect(outcome.2 >= 1.5, "closed after \(outcome.2) s of idleness, before the 2 s time-out")
        }
    }

    /// A graceful shutdown closes a keep-alive connection the fast path has answered, after its
    /// whole answer has been sent: an 8 MB body, more than the kernel's send buffer takes
    /// (`tcp_wmem` allows 4 MB), so part of it is still in the server's queue.
    @Test func gracefulShutdownWaitsForTheFastPathsAnswer() async throws {
        let build = FeedBuild(
            cycleName: "Test", year: CycleYear(year: 2027, start: .januaryFirst), timezone: "Europe/Oslo", language: .nb,
            feeds: [.init(name: "combined", title: "Alt", kind: .combined, events: 1, bytes: calendarBytes("Stor", padding: 8_000_000))],
            conflictsJSON: "{}\n", maxAge: 60, extraHTML: nil)
        let (server, store) = makeServer(build: build)
        let size = try #require(store.snapshot?.feeds["combined.ics"]?.body.readableBytes)
        let reader = ThreadResult<(head: String?, received: Int, closed: Bool)>()
        try await server.application(logger: Logger(label: "test")).test(.live) { client in
            let port = try #require(client.port)
            let connection = try RawConnection(port: port)
            // Once the head is here the answer has begun (shutting down before the server has read
            // the request would reset the connection, with or without the fast path).
            let head = try await onThread {
                try connection.send("GET /feeds/combined.ics HTTP/1.1\r\nHost: x\r\n\r\n")
                return try connection.readHead()
            }
            // Read the body slowly on a thread of its own while the server shuts down.
            reader.start {
                usleep(300_000)
                let (received, closed) = try connection.readToEnd()
                return (head, received, closed)
            }
        }
        let outcome = try await reader.value()
        #expect(outcome.head?.hasPrefix("HTTP/1.1 200 OK") == true)
        #expect(outcome.received == size)
        #expect(outcome.closed)
    }

    /// The header lines of each response head in a reply, status line first.
    static func heads(_ reply: String) -> [[String]] {
        reply.components(separatedBy: "HTTP/1.1 ").dropFirst().map { part in
            let head = part.components(separatedBy: "\r\n\r\n")[0]
            return ("HTTP/1.1 " + head).components(separatedBy: "\r\n")
        }
    }
}

/// Runs blocking work on a thread of its own (not the concurrency pool the server uses).
private func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}

/// The result of blocking work started on a thread, awaited later.
private final class ThreadResult<T: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: Result<T, any Error>?

    func start(_ work: @escaping @Sendable () throws -> T) {
        Thread.detachNewThread { [self] in
            let outcome = Result { try work() }
            lock.withLock { result = outcome }
            done.signal()
        }
    }

    func value() async throws -> T {
        try await onThread { [self] in
            done.wait()
            return try lock.withLock { result! }.get()
        }
    }
}

/// One blocking loopback connection a test drives request by request.
private final class RawConnection: @unchecked Sendable {
    struct Failure: Error { var what: String }
    private let socket: Int32
    private var buffered: [UInt8] = []

    init(port: Int) throws {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(what: "socket") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        // A small receive buffer, so a large answer is still being written when the server shuts down.
        var size: Int32 = 4096
        setsockopt(socket, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(socket); throw Failure(what: "connect") }
    }

    deinit { close(socket) }

    func send(_ text: String) throws {
        try RawHTTP.send(text, to: socket)
    }

    /// Reads one response head (through its empty line); `nil` when the server closed first.
    func readHead() throws -> String? {
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        while true {
            if let range = buffered.firstRange(of: end) {
                let head = String(decoding: buffered[..<range.lowerBound], as: UTF8.self)
                buffered.removeSubrange(..<range.upperBound)
                return head
            }
            guard try fill() else { return nil }
        }
    }

    /// Reads until the server closes: the bytes after the last head, and whether it closed
    /// (rather than the read timing out).
    func readToEnd() throws -> (Int, Bool) {
        while try fill() {}
        return (buffered.count, true)
    }

    /// Reads more bytes; `false` at the end of the stream.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        if count == 0 { return false }
        guard count > 0 else { throw Failure(what: "recv: errno \(errno)") }
        buffered.append(contentsOf: chunk[..<count])
        return true
    }
}
