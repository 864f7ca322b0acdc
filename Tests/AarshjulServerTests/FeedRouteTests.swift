import Aarshjul
import AarshjulServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The feed routes, each test run in-process and over a live socket on port 0.
@Suite struct FeedRouteTests {
    @Test(arguments: Setup.allCases)
    func feedIsServedAsCalendarWithValidators(_ setup: Setup) async throws {
        let (server, store) = makeServer()
        let file = try #require(store.snapshot?.feeds["combined.ics"])
        try await server.application(logger: Logger(label: "test")).test(setup.testing) { client in
            let response = try await client.execute(uri: "/feeds/combined.ics", method: .get)
            #expect(response.status == .ok)
            #expect(Array(response.body.readableBytesView) == calendarBytes("Bystyret"))
            #expect(response.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(response.headers[.eTag] == file.etag)
            #expect(response.headers[.eTag]?.hasPrefix("\"") == true && response.headers[.eTag]?.hasPrefix("W/") == false)
            #expect(response.headers[.lastModified] == "Fri, 15 Jan 2027 08:00:00 GMT")
            #expect(response.headers[.cacheControl] == "public, max-age=14400")
            #expect(response.headers[.contentLength] == String(calendarBytes("Bystyret").count))
            if setup == .live { #expect(response.headers[.server] == AarshjulServerModule.name) }
        }
    }

    @Test(arguments: Setup.allCases)
    func headHasTheHeadersAndNoBody(_ setup: Setup) async throws {
        let (server, store) = makeServer()
        let file = try #require(store.snapshot?.feeds["source-tk.ics"])
        try await server.application(logger: Logger(label: "test")).test(setup.testing) { client in
            let response = try await client.execute(uri: "/feeds/source-tk.ics", method: .head)
            #expect(response.status == .ok)
            #expect(response.body.readableBytes == 0)
            #expect(response.headers[.eTag] == file.etag)
            #expect(response.headers[.contentLength] == String(file.body.readableBytes))
            #expect(response.headers[.contentType] == "text/calendar; charset=utf-8")
        }
    }

    @Test(arguments: Setup.allCases)
    func ifNoneMatchGets304(_ setup: Setup) async throws {
        let (server, store) = makeServer()
        let etag = try #require(store.snapshot?.feeds["combined.ics"]?.etag)
        try await server.application(logger: Logger(label: "test")).test(setup.testing) { client in
            for value in [etag, "W/" + etag, "\"other\", " + etag, "*"] {
                let response = try await client.execute(uri: "/feeds/combined.ics", method: .get, headers: [.ifNoneMatch: value])
                #expect(response.status == .notModified, "If-None-Match: \(value)")
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.eTag] == etag)
                #expect(response.headers[.cacheControl] == "public, max-age=14400")
                #expect(response.headers[.lastModified] == "Fri, 15 Jan 2027 08:00:00 GMT")
            }
            let head = try await client.execute(uri: "/feeds/combined.ics", method: .head, headers: [.ifNoneMatch: etag])
            #expect(head.status == .notModified)
            // A different tag gets the bytes, and If-Modified-Since is then ignored (RFC 9110 §13.2.2).
            let other = try await client.execute(uri: "/feeds/combined.ics", method: .get,
                                                 headers: [.ifNoneMatch: "\"0000\"", .ifModifiedSince: "Fri, 15 Jan 2027 09:00:00 GMT"])
            #expect(other.status == .ok)
            #expect(Array(other.body.readableBytesView) == calendarBytes("Bystyret"))
        }
    }

    @Test(arguments: Setup.allCases)
    func ifModifiedSinceGets304WhenNotOlder(_ setup: Setup) async throws {
        let (server, _) = makeServer()
        try await server.application(logger: Logger(label: "test")).test(setup.testing) { client in
            let cases: [(String, HTTPResponse.Status)] = [
                ("Fri, 15 Jan 2027 08:00:00 GMT", .notModified),   // the same second
                ("Sat, 16 Jan 2027 08:00:00 GMT", .notModified),   // later
                ("Friday, 15-Jan-27 08:00:00 GMT", .notModified),  // RFC 850
                ("Fri Jan 15 08:00:00 2027", .notModified),        // asctime
                ("Fri, 15 Jan 2027 07:59:59 GMT", .ok),            // older
                ("yesterday", .ok),                                // invalid: ignored
            ]
            for (value, status) in cases {
                let response = try await client.execute(uri: "/feeds/combined.ics", method: .get, headers: [.ifModifiedSince: value])
                #expect(response.status == status, "If-Modified-Since: \(value)")
            }
        }
    }

    @Test(arguments: Setup.allCases)
    func unknownAndEscapingPathsAre404(_ setup: Setup) async throws {
        let (server, _) = makeServer()
        try await server.application(logger: Logger(label: "test")).test(setup.testing) { client in
            let paths = [
                "/feeds/nope.ics", "/feeds/combined", "/feeds/combined.ics.bak", "/feeds/", "/feeds",
                "/feeds/../Package.swift", "/feeds/..%2FPackage.swift", "/feeds/%2e%2e/%2e%2e/etc/passwd",
                "/feeds/combined.ics/x", "/../../etc/passwd", "/Package.swift", "/Calendars/aarshjul.toml",
                "/feeds/.combined.ics.1.tmp", "/s/x/feeds/combined.ics", "/index.html", "/conflicts.json/x", "/favicon.ico",
            ]
            for path in paths {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .notFound, "GET \(path)")
                #expect(!response.text.contains("BEGIN:VCALENDAR") && !response.text.contains("[package]"))
            }
            let post = try await client.execute(uri: "/feeds/combined.ics", method: .post)
            #expect(post.status == .notFound)
        }
    }

    @Test(arguments: Setup.allCases)
    func conflictsJSONAndHealth(_ setup: Setup) async throws {
        let (server, _) = makeServer()
        try await server.application(logger: Logger(label: "test")).test(setup.testing) { client in
            let json = try await client.execute(uri: "/conflicts.json", method: .get)
            #expect(json.status == .ok)
            #expect(json.text == "{\"cycle\":\"Bystyret\",\"conflicts\":[]}\n")
            #expect(json.headers[.contentType] == "application/json; charset=utf-8")
            let etag = try #require(json.headers[.eTag])
            let again = try await client.execute(uri: "/conflicts.json", method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)

            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(health.text.utf8)) as? [String: Any])
            #expect(object["status"] as? String == "ok")
            #expect(object["feeds"] as? Int == 2)
            #expect(object["year"] as? Int == 2027)
            #expect(object["builtAt"] as? String == "Fri, 15 Jan 2027 08:00:00 GMT")
            #expect(object["staleSources"] as? [String] == [])
        }
    }

    @Test func wheelPage() async throws {
        var build = makeBuild()
        build.wheelPage = "<!DOCTYPE html><title>Årshjul</title>"
        let (server, _) = makeServer(build: build)
        try await server.application(logger: Logger(label: "test")).test(.router) { client in
            let page = try await client.execute(uri: "/wheel.html", method: .get)
            #expect(page.status == .ok)
            #expect(page.text == "<!DOCTYPE html><title>Årshjul</title>")
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.headers[.contentSecurityPolicy]?.hasPrefix(Wheel.pageContentSecurityPolicy) == true)
            let index = try await client.execute(uri: "/", method: .get)
            #expect(index.text.contains("/wheel.html\">"))
        }
        let (plain, _) = makeServer()
        try await plain.application(logger: Logger(label: "test")).test(.router) { client in
            #expect(try await client.execute(uri: "/wheel.html", method: .get).status == .notFound)
            let index = try await client.execute(uri: "/", method: .get)
            #expect(!index.text.contains("wheel.html"))
        }
    }

    @Test func staleSourcesMakeHealthStale() async throws {
        var build = makeBuild()
        build.staleSources = ["ntnu"]
        let (server, _) = makeServer(build: build)
        try await server.application(logger: Logger(label: "test")).test(.router) { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok, "the feeds are served")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(health.text.utf8)) as? [String: Any])
            #expect(object["status"] as? String == "stale")
            #expect(object["staleSources"] as? [String] == ["ntnu"])
            #expect(object["consecutiveFailures"] as? Int == 0)
        }
    }

    @Test func nothingBuiltYetIs503() async throws {
        let server = FeedServer(settings: FeedServerSettings(port: 0), store: FeedStore(privateFeeds: false))
        try await server.application(logger: Logger(label: "test")).test(.router) { client in
            #expect(try await client.execute(uri: "/feeds/combined.ics", method: .get).status == .serviceUnavailable)
            #expect(try await client.execute(uri: "/", method: .get).status == .serviceUnavailable)
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .serviceUnavailable)
            #expect(health.text.contains("\"status\":\"starting\""))
        }
    }
}

/// Private feeds: the token is a path segment, `/s/TOKEN/…`.
@Suite struct TokenTests {
    let token = "k3J9-xQ2_vL8.mN4~pR7tY1wZ"

    @Test(arguments: Setup.allCases)
    func feedsNeedTheToken(_ setup: Setup) async throws {
        let (server, _) = makeServer(token: token)
        try await server.application(logger: Logger(label: "test")).test(setup.testing) { client in
            let good = try await client.execute(uri: "/s/\(token)/feeds/combined.ics", method: .get)
            #expect(good.status == .ok)
            #expect(Array(good.body.readableBytesView) == calendarBytes("Bystyret"))
            #expect(good.headers[.cacheControl] == "private, max-age=14400")
            let etag = try #require(good.headers[.eTag])
            #expect(try await client.execute(uri: "/s/\(token)/feeds/combined.ics", method: .get,
                                             headers: [.ifNoneMatch: etag]).status == .notModified)
            #expect(try await client.execute(uri: "/s/\(token)/feeds/combined.ics", method: .head).status == .ok)
            #expect(try await client.execute(uri: "/s/\(token)/conflicts.json", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/s/\(token)/", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)

            let wrong = [
                "/feeds/combined.ics", "/conflicts.json", "/", "/s/feeds/combined.ics",
                "/s/\(token.dropLast())/feeds/combined.ics", "/s/\(token)x/feeds/combined.ics",
                "/s/\(token.uppercased())/feeds/combined.ics", "/s//feeds/combined.ics", "/s/\(token)/feeds/nope.ics",
                "/feeds/combined.ics?token=\(token)", "/s/\(token)/../feeds/combined.ics",
            ]
            for path in wrong {
                #expect(try await client.execute(uri: path, method: .get).status == .notFound, "GET \(path)")
                #expect(try await client.execute(uri: path, method: .head).status == .notFound, "HEAD \(path)")
            }
        }
    }

    @Test func tokenComesFromTheEnvironmentBeforeTheConfiguration() throws {
        let configuration = AarshjulConfiguration(
            baseDirectory: "/tmp", cycle: CycleSettings(name: "x", timezone: "Europe/Oslo"), sources: [],
            feeds: FeedSettings(token: "from-config-0123456789"))
        let fromConfig = try FeedServerSettings(configuration: configuration, environment: [:])
        #expect(fromConfig.token == "from-config-0123456789")
        #expect(fromConfig.rebuildInterval == .seconds(900))
        let fromEnvironment = try FeedServerSettings(configuration: configuration,
                                                     environment: ["AARSHJUL_FEED_TOKEN": "from-env-0123456789abc"])
        #expect(fromEnvironment.token == "from-env-0123456789abc")
        #expect(fromEnvironment.pathPrefix == "/s/from-env-0123456789abc")
        let empty = try FeedServerSettings(configuration: configuration, environment: ["AARSHJUL_FEED_TOKEN": ""])
        #expect(empty.token == "from-config-0123456789")
    }

    @Test func unusableTokensAreRefusedAndShortOnesWarned() throws {
        #expect(throws: ServerSettingsError.self) { try FeedServerSettings(token: "a/b").validate() }
        #expect(throws: ServerSettingsError.self) { try FeedServerSettings(token: "with space").validate() }
        #expect(throws: ServerSettingsError.self) { try FeedServerSettings(token: "").validate() }
        #expect(throws: ServerSettingsError.self) { try FeedServerSettings(token: "..").validate() }
        #expect(throws: ServerSettingsError.self) { try FeedServerSettings(publicURL: "ftp://x").validate() }
        #expect(throws: ServerSettingsError.self) { try FeedServerSettings(publicURL: "https://x/?a=b").validate() }
        try FeedServerSettings(token: "s3cret").validate()
        #expect(FeedServerSettings(token: "s3cret").warnings.count == 1)
        #expect(FeedServerSettings(token: String(repeating: "a", count: 32)).warnings.isEmpty)
    }
}
