import AarshjulServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
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
    }
}
