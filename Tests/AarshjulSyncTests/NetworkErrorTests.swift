import Aarshjul
@testable import AarshjulSync
import Foundation
import Testing

/// Every failure a coordinator can meet when a source is fetched, in words that say what
/// happened, at which address, and what to check; each produced for real on loopback.
@Suite("Network errors in words")
struct NetworkErrorTests {
    /// The error a fetch of `url` throws.
    static func failure(_ url: String, timeout: Int = 5) async throws -> FetchError {
        let fetcher = HTTPSourceFetcher(limits: FetchLimits(timeoutSeconds: timeout))
        var caught: FetchError?
        do {
            _ = try await fetcher.fetch(url, validators: nil)
        } catch {
            caught = error
        }
        try await fetcher.shutdown()
        return try #require(caught)
    }

    @Test("A refused connection names the host and port, and says to check that the server runs")
    func refused() async throws {
        try await Radicale.withRefusingPort { port in
            // How fast it fails is not asserted here (a timer in a parallel test run measures
            // the scheduler): alone it takes about 1 s against the 60 s timeout.
            let error = try await Self.failure("http://127.0.0.1:\(port)/cal.ics", timeout: 60)
            #expect(error.kind == .network)
            #expect(error.message == "http://127.0.0.1:\(port)/cal.ics: 127.0.0.1 refused the connection on port \(port); check the address and port, and that the server is running")
        }
    }

    @Test("A CalDAV server that is down is reported as refused, on the fetcher's own retries")
    func calDAVRefused() async throws {
        let fetcher = HTTPSourceFetcher(limits: FetchLimits(timeoutSeconds: 60))
        let client = try #require(fetcher.calDAVClient(username: "tk", password: "hemmelig"))
        try await Radicale.withRefusingPort { port in
            let error = await #expect(throws: CalDAVError.self) { try await client.discover("http://127.0.0.1:\(port)/") }
            #expect(error?.kind == .network)
            #expect(error?.message == "http://127.0.0.1:\(port)/: 127.0.0.1 refused the connection on port \(port); check the address and port, and that the server is running")
        }
        try await fetcher.shutdown()
    }

    @Test("A name that does not resolve says so and points at the spelling")
    func nameNotFound() async throws {
        let error = try await Self.failure("https://kalender.no-such-host.invalid/cal.ics")
        #expect(error.kind == .network)
        #expect(error.message == "https://kalender.no-such-host.invalid/cal.ics: the server name kalender.no-such-host.invalid cannot be found (DNS); check the spelling of the address, and this machine's network connection")
    }

    @Test("https:// to a server that speaks plain HTTP is a TLS problem, with what to check")
    func tls() async throws {
        let server = ScriptedServer(.status(200))
        try await server.run { base in
            let address = base.replacingOccurrences(of: "http://", with: "https://") + "/cal.ics"
            let port = try #require(URL(string: address)?.port)
            let error = try await Self.failure(address)
            #expect(error.kind == .network)
            #expect(error.message == "\(address): a secure connection (TLS) to 127.0.0.1 port \(port) could not be set up; check that the server speaks https:// on that port (an internal server may need http://), and its certificate")
        }
    }

    @Test("401, 403, 404 and 5xx each say what they mean for a url source", arguments: [
        (401, FetchError.Kind.unauthorized, "the server wants a user name and password (HTTP 401 Unauthorized); a url source sends none. Use the calendar's public or secret address, or read it from its calendar server as a caldav source (caldav = …, with username and password-env)"),
        (403, .unauthorized, "the server refuses access to this calendar (HTTP 403 Forbidden); check that the calendar is still shared or public, and that the address is complete (secret addresses carry a key)"),
        (404, .notFound, "there is no calendar at this address (HTTP 404 Not Found); check the address: the calendar may have moved, been renamed, or no longer be shared"),
        (503, .status, "the server has a problem (HTTP 503 Service Unavailable); nothing to fix here, the next sync tries again. If it lasts, tell the server's administrator"),
    ])
    func status(code: Int, kind: FetchError.Kind, words: String) async throws {
        let server = ScriptedServer(.status(code))
        try await server.run { base in
            let error = try await Self.failure(base + "/cal.ics")
            #expect(error.kind == kind)
            #expect(error.status == code)
            #expect(error.message == "\(base)/cal.ics: \(words)")
        }
    }

    @Test("A server that does not answer in time names the limit and what to do")
    func timeout() async throws {
        let server = ScriptedServer(.slow(seconds: 3, Array("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8)))
        try await server.run { base in
            let error = try await Self.failure(base + "/cal.ics", timeout: 1)
            #expect(error.kind == .timeout)
            #expect(error.message == "\(base)/cal.ics: no complete answer within 1 s ([sync] timeout); check that the server is up and reachable from here, or raise [sync] timeout for a slow one")
        }
    }

    @Test("A CalDAV server that refuses the password says to check username and password-env")
    func calDAVUnauthorized() async throws {
        try await Radicale.run { server, http in
            let client = CalDAVClient(http: http, username: "tk", password: "feil", limits: FetchLimits(timeoutSeconds: 10))
            let error = try await #require(throws: FetchError.self) { try await client.discover(server.root) }
            #expect(error.kind == .unauthorized)
            #expect(error.message == "\(server.root): the server did not accept the user name and password (HTTP 401); check username (tk) and the password in the environment variable named by password-env")
        }
    }
}
