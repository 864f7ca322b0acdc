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

/// The feed fast path over a raw socket: pipelined requests come back in order, whichever
/// path answers each, and its log lines are the router's.
@Suite struct PipelineTests {
    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        let logs = LogCapture()
        let (server, store) = makeServer(token: "pipe-0123456789abcdef")
        let etag = try #require(store.snapshot?.feeds["combined.ics"]?.etag)
        let prefix = "/s/pipe-0123456789abcdef"
        try await server.application(logger: logs.logger).test(.live) { client in
            let port = try #require(client.port)
            // Router, fast path (304), router (404), fast path (200), fast path (HEAD), router.
            let requests = [
                "GET \(prefix)/conflicts.json HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET \(prefix)/feeds/combined.ics HTTP/1.1\r\nHost: x\r\nIf-None-Match: \(etag)\r\n\r\n",
                "GET /feeds/combined.ics HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET \(prefix)/feeds/source-tk.ics?x=1 HTTP/1.1\r\nHost: x\r\n\r\n",
                "HEAD \(prefix)/feeds/combined.ics HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            ]
            let reply = try await RawHTTP.exchange(port: port, send: requests.joined())
            let statuses = RawHTTP.statusLines(reply)
            #expect(statuses == ["HTTP/1.1 200 OK", "HTTP/1.1 304 Not Modified", "HTTP/1.1 404 Not Found",
                                 "HTTP/1.1 200 OK", "HTTP/1.1 200 OK", "HTTP/1.1 200 OK"])
            let bodyTK = String(decoding: calendarBytes("Bystyret TK"), as: UTF8.self)
            let json = reply.range(of: "{\"cycle\":\"Bystyret\"")
            let tk = reply.range(of: bodyTK)
            let health = reply.range(of: "\"status\":\"ok\"")
            #expect(json != nil && tk != nil && health != nil)
            if let json, let tk, let health { #expect(json.lowerBound < tk.lowerBound && tk.lowerBound < health.lowerBound) }
            // One calendar body only: the 304 and the HEAD carry none.
            #expect(reply.components(separatedBy: "BEGIN:VCALENDAR").count == 2)
        }
        let lines = logs.requests
        #expect(lines.count == 6)
        #expect(lines.allSatisfy { ($0["path"] as? String).map { !$0.contains("pipe-") } ?? false })
        let fast = lines.filter { $0["status"] as? Int == 304 }
        #expect(fast.count == 1)
        #expect(fast.first?["path"] as? String == "/s/[token]/feeds/combined.ics")
        #expect(fast.first?["bytes"] as? Int == 0)
        let head = lines.first { $0["method"] as? String == "HEAD" }
        #expect(head?["bytes"] as? Int == 0)
        #expect(head?["status"] as? Int == 200)
    }

    @Test func fastPathAnswersCarryTheRoutersHeaders() async throws {
        let (server, _) = makeServer()
        let logs = LogCapture()
        try await server.application(logger: logs.logger).test(.live) { client in
            let port = try #require(client.port)
            let reply = try await RawHTTP.exchange(port: port, send: "GET /feeds/combined.ics HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\nGET /feeds/combined.ics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let heads = reply.components(separatedBy: "BEGIN:VCALENDAR").dropLast().map { $0.lowercased() }
            #expect(heads.count == 2)
            for head in heads {
                for name in ["etag:", "last-modified:", "cache-control: public, max-age=14400", "content-type: text/calendar; charset=utf-8",
                             "content-length:", "date:", "server: aarshjul/"] {
                    #expect(head.contains(name), "\(name) in \(head)")
                }
            }
        }
        // The first was answered by the fast path (no Hummingbird request id), the second
        // (Connection: close) by the router.
        let lines = logs.requests
        #expect(lines.count == 2)
        #expect(lines.first?["hb.request.id"] == nil)
        #expect(lines.last?["hb.request.id"] != nil)
        #expect(lines.allSatisfy { $0["status"] as? Int == 200 && $0["path"] as? String == "/feeds/combined.ics" })
    }
}

/// A blocking HTTP/1.1 exchange over a POSIX socket to `localhost` (the first address
/// `getaddrinfo` gives, as the test server binds): writes the bytes (several requests,
/// pipelined), then reads until the server closes (the last request says `Connection: close`)
/// or 10 seconds pass.
enum RawHTTP {
    struct Failure: Error { var what: String }

    /// Runs ``blockingExchange(port:send:)`` on a thread of its own: blocking a thread of the
    /// concurrency pool would starve the server under test.
    static func exchange(port: Int, send text: String) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try blockingExchange(port: port, send: text) })
            }
        }
    }

    static func blockingExchange(port: Int, send text: String) throws -> String {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo("localhost", String(port), &hints, &found) == 0, let info = found else { throw Failure(what: "getaddrinfo") }
        defer { freeaddrinfo(found) }
        let socket = Glibc.socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard socket >= 0 else { throw Failure(what: "socket") }
        defer { close(socket) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard connect(socket, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else { throw Failure(what: "connect") }
        try send(text, to: socket)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Sends all of `text` on a connected socket.
    static func send(_ text: String, to socket: Int32) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw Failure(what: "send") }
            sent += count
        }
    }

    /// The status lines of the responses in a reply, in order.
    static func statusLines(_ reply: String) -> [String] {
        var lines: [String] = []
        var rest = reply[...]
        while let range = rest.range(of: "HTTP/1.1 ") {
            let end = rest[range.upperBound...].range(of: "\r\n")?.lowerBound ?? rest.endIndex
            lines.append(String(rest[range.lowerBound..<end]))
            rest = rest[end...]
        }
        return lines
    }
}
