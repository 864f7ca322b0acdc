import Aarshjul
@testable import AarshjulServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The index page: every feed with both links, the conflicts, escaping, the extra-HTML hook.
@Suite struct IndexPageTests {
    @Test(arguments: Setup.allCases)
    func listsEveryFeedWithWebcalAndHTTPLinks(_ setup: Setup) async throws {
        let (server, _) = makeServer()
        try await server.application(logger: Logger(label: "test")).test(setup.testing) { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let csp = try #require(response.headers[.contentSecurityPolicy])
            #expect(csp.contains("default-src 'none'"))
            let html = response.text
            // The router test has no Host; the live client sends "localhost".
            for name in ["combined.ics", "source-tk.ics"] {
                #expect(html.contains("href=\"webcal://localhost/feeds/\(name)\""))
                #expect(html.contains("href=\"http://localhost/feeds/\(name)\""))
            }
            #expect(html.contains("<html lang=\"nb\">"))
            #expect(html.contains("Åpne konflikter (0)"))
            #expect(html.contains("Slik abonnerer du"))
            #expect(!html.contains("<script") && !html.contains("src=\"http"))
        }
    }

    @Test func escapesCalendarTextAndUsesThePublicURL() throws {
        let (_, store) = makeServer(token: "tok-0123456789abcdef", publicURL: "https://kalender.example.no")
        let snapshot = try #require(store.snapshot)
        let page = IndexPage(snapshot: snapshot, baseURL: "https://kalender.example.no", prefix: "/s/tok-0123456789abcdef")
        let html = page.html()
        #expect(html.contains("Universitetskommunen &lt;Trondheim&gt;"))
        #expect(!html.contains("<Trondheim>"))
        #expect(html.contains("Trondheim kommune &amp; co"))
        #expect(html.contains("href=\"webcal://kalender.example.no/s/tok-0123456789abcdef/feeds/combined.ics\""))
        #expect(html.contains("href=\"https://kalender.example.no/s/tok-0123456789abcdef/feeds/combined.ics\""))
        #expect(html.contains("href=\"https://kalender.example.no/s/tok-0123456789abcdef/conflicts.json\""))
        #expect(Markup.attribute("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    }

    @Test func onlyAPlainHostReachesThePage() {
        func host(_ authority: String?) -> String {
            FeedServer.host(of: Request(head: HTTPRequest(method: .get, scheme: nil, authority: authority, path: "/"),
                                        body: RequestBody(buffer: ByteBuffer())))
        }
        #expect(host("kalender.example.no") == "kalender.example.no")
        #expect(host("127.0.0.1:8080") == "127.0.0.1:8080")
        #expect(host("[::1]:8080") == "[::1]:8080")
        #expect(host("evil\"><script>x</script>") == "localhost")
        #expect(host("a b") == "localhost")
        #expect(host(nil) == "localhost")
    }

    @Test func englishPageAndExtraHTMLHook() throws {
        let store = FeedStore(privateFeeds: false)
        store.install(makeBuild(language: .en, extraHTML: "<svg id=\"wheel\"></svg>"), now: 1_800_000_000)
        let html = IndexPage(snapshot: try #require(store.snapshot), baseURL: "http://127.0.0.1:8080", prefix: "").html()
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("Open conflicts (0)"))
        #expect(html.contains("<div class=\"extra\">\n<svg id=\"wheel\"></svg>\n</div>"))
        #expect(html.contains("last built 15 January 2027 at 09:00"))  // Europe/Oslo
    }

    @Test func bundledCalendarsShowTheirOpenConflicts() throws {
        let build = try FeedBuild.engine(configurationPath: packageRoot.appendingPathComponent("Calendars/aarshjul.toml").path, year: 2027)
        let store = FeedStore(privateFeeds: false)
        store.install(build, now: 1_800_000_000)
        let snapshot = try #require(store.snapshot)
        let html = IndexPage(snapshot: snapshot, baseURL: "http://localhost", prefix: "").html()
        #expect(!build.openConflicts.isEmpty)
        #expect(html.contains("Åpne konflikter (\(build.openConflicts.count))"))
        for conflict in build.openConflicts {
            #expect(html.contains("<code>\(conflict.id)</code>"))
            #expect(html.contains(Markup.attribute(conflict.explanation)))
        }
        for entry in snapshot.entries { #expect(html.contains("webcal://localhost/feeds/\(entry.fileName)")) }
    }
}
