@testable import AarshjulServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

/// One structured log line per request, the token redacted.
@Suite struct RequestLogTests {
    @Test func oneLinePerRequestWithStatusBytesAndDuration() async throws {
        let logs = LogCapture()
        let token = "secret-token-0123456789"
        let (server, store) = makeServer(token: token)
        let size = try #require(store.snapshot?.feeds["combined.ics"]?.body.readableBytes)
        try await server.application(logger: logs.logger).test(.router) { client in
            _ = try await client.execute(uri: "/s/\(token)/feeds/combined.ics", method: .get)
            _ = try await client.execute(uri: "/s/\(token)/feeds/combined.ics", method: .head)
            _ = try await client.execute(uri: "/s/wrong/feeds/combined.ics?x=1", method: .get)
            _ = try await client.execute(uri: "/nothing", method: .get)
        }
        let lines = logs.requests
        #expect(lines.count == 4)
        guard lines.count == 4 else { return }
        #expect(lines[0]["method"] as? String == "GET")
        #expect(lines[0]["path"] as? String == "/s/[token]/feeds/combined.ics")
        #expect(lines[0]["status"] as? Int == 200)
        #expect(lines[0]["bytes"] as? Int == size)
        #expect((lines[0]["duration_ms"] as? Double).map { $0 >= 0 } == true)
        #expect(lines[0]["level"] as? String == "info")
        #expect(lines[0]["hb.request.id"] != nil)
        #expect(lines[1]["method"] as? String == "HEAD")
        #expect(lines[1]["bytes"] as? Int == 0)
        #expect(lines[2]["path"] as? String == "/s/[token]/feeds/combined.ics")
        #expect(lines[2]["status"] as? Int == 404)
        #expect(lines[3]["path"] as? String == "/nothing")
        #expect(lines[3]["status"] as? Int == 404)
        for record in logs.records {
            let text = String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self)
            #expect(!text.contains(token) && !text.contains("wrong"))
        }
    }

    @Test func redaction() {
        typealias Log = RequestLog
        #expect(Log.redacted("/s/abc/feeds/x.ics") == "/s/[token]/feeds/x.ics")
        #expect(Log.redacted("/s/abc") == "/s/[token]")
        #expect(Log.redacted("/s/") == "/s/[token]")
        #expect(Log.redacted("/feeds/x.ics") == "/feeds/x.ics")
        #expect(Log.redacted("/s/abc/feeds/x.ics?token=abc") == "/s/[token]/feeds/x.ics")
        #expect(Log.redacted("/s/æøå/feeds/årshjul.ics?x=ø") == "/s/[token]/feeds/årshjul.ics")
        #expect(Log.redacted("/feeds/årshjul.ics?s=/s/") == "/feeds/årshjul.ics")
        #expect(Log.redacted("/s/abc?/x") == "/s/[token]")
        #expect(Log.redacted("/s") == "/s")
    }
    /// `RequestLog.log` writes its line straight from the values when the handler is a plain
    /// `ServerLogHandler`; a handler with a metadata provider takes the general path (metadata
    /// dictionary, merged and sorted). Both must give the same bytes, in text and in JSON, for
    /// plain values and for ones that need quoting.
    @Test(arguments: [LogFormat.text, .json])
    func directLineEqualsGeneralLine(format: LogFormat) {
        let lines = Mutex<[String]>([])
        func logger(provider: Logger.MetadataProvider?) -> Logger {
            var logger = Logger(label: "aarshjul") { label in
                ServerLogHandler(label: label, format: format, metadataProvider: provider) { line in lines.withLock { $0.append(line) } }
            }
            logger.logLevel = .info
            return logger
        }
        let direct = logger(provider: nil), general = logger(provider: Logger.MetadataProvider { [:] })
        let started = ContinuousClock.now
        let cases: [(String, String, Int, Int)] = [
            ("GET", "/feeds/combined.ics", 304, 0),
            ("HEAD", "/s/abc/feeds/x.ics?q=1", 200, 0),
            ("GET", "/feeds/with space \"and\" = sign\u{7F}.ics", 404, 12),
            ("GET", "/feeds/æøå\\x.ics", 200, 1_063_299),
        ]
        for (method, path, status, bytes) in cases {
            for logger in [direct, general] {
                RequestLog.log(logger, method: method, path: path, status: status, bytes: bytes, started: started)
            }
        }
        // The level still applies on the direct path.
        var quiet = direct
        quiet.logLevel = .warning
        RequestLog.log(quiet, method: "GET", path: "/", status: 200, bytes: 0, started: started)

        func normalised(_ line: String) -> String {
            // The time stamp and the duration differ between two calls.
            var line = line.replacingOccurrences(of: #"^\S+ |"ts":"[^"]*","#, with: "", options: .regularExpression)
            line = line.replacingOccurrences(of: #"duration_ms("?[=:])[0-9.e-]+"#, with: "duration_ms$1D", options: .regularExpression)
            return line
        }
        let captured = lines.withLock { $0 }
        #expect(captured.count == cases.count * 2)
        for pair in stride(from: 0, to: captured.count - 1, by: 2) {
            #expect(normalised(captured[pair]) == normalised(captured[pair + 1]))
        }
        #expect(captured.allSatisfy { $0.hasSuffix("\n") && $0.contains("request") })
        if format == .text {
            #expect(captured.first.map(normalised) == "info aarshjul: request bytes=0 duration_ms=D method=GET path=/feeds/combined.ics status=304\n")
        }
    }
}

/// The token comparison the feed fast path makes on the request's bytes, without copying them.
@Suite struct ConstantTimeTests {
    @Test(arguments: [
        ("secret", "secret", true), ("secreT", "secret", false), ("secre", "secret", false),
        ("secrets", "secret", false), ("", "secret", false), ("", "", true),
    ])
    func comparesSlicesAsArrays(given: String, token: String, equal: Bool) {
        let path = "/s/\(given)/feeds/x.ics"
        let start = path.utf8.index(path.utf8.startIndex, offsetBy: 3)
        let slash = path.utf8[start...].firstIndex(of: UInt8(ascii: "/")) ?? path.utf8.endIndex
        #expect(ConstantTime.equal(path.utf8[start..<slash], Array(token.utf8)) == equal)
        #expect(ConstantTime.equal(Array(given.utf8), Array(token.utf8)) == equal)
    }
}
