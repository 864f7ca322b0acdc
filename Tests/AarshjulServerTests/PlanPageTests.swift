import Aarshjul
import AarshjulServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// `/plan.html`: next year's plan beside the wheel, served over a live socket on loopback; a
/// year that cannot be planned is a page that says why, not a server error.
@Suite struct PlanPageTests {
    static func bundled() throws -> (AarshjulConfiguration, [SourceCalendar]) {
        let configuration = try AarshjulConfiguration.load(fileAt: packageRoot.appendingPathComponent("Calendars/aarshjul.toml").path)
        return (configuration, try CycleBuilder(configuration: configuration).loadSources())
    }

    @Test func planOfNextYearIsServedAndLinkedFromTheIndex() async throws {
        let (configuration, sources) = try Self.bundled()
        var build = makeBuild()
        build.planPage = PlanPage.html(configuration: configuration, sources: .success(sources), year: 2028, language: .nb,
                                       links: [WheelLink(title: "Årshjulet i år", href: "wheel.html")])
        let (server, _) = makeServer(build: build)
        try await server.application(logger: Logger(label: "test")).test(.live) { client in
            for path in ["/plan.html", "/plan"] {
                let page = try await client.execute(uri: path, method: .get)
                #expect(page.status == .ok)
                #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                #expect(page.headers[.contentSecurityPolicy]?.hasPrefix(Wheel.pageContentSecurityPolicy) == true)
                // The 2028 wheel, the twelve moved items ringed and the legend line for them.
                #expect(page.text.contains("2028"))
                #expect(page.text.components(separatedBy: "class=\"aw-moved\"").count - 1 == 12 + 1)
                #expect(page.text.contains("flyttet av planen"))
                #expect(page.text.contains("href=\"wheel.html\""))
            }
            let index = try await client.execute(uri: "/", method: .get)
            #expect(index.text.contains("/plan.html\">"))
        }
    }

    @Test func aYearThatCannotBePlannedIsAMessageNotAServerError() async throws {
        let (configuration, sources) = try Self.bundled()
        var build = makeBuild()
        build.planPage = PlanPage.html(configuration: configuration, sources: .success(sources), year: 2031, language: .en)
        let (server, _) = makeServer(build: build)
        try await server.application(logger: Logger(label: "test")).test(.live) { client in
            let page = try await client.execute(uri: "/plan.html", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>The 2031 cycle could not be planned</h1>"))
            #expect(page.text.contains("the 2030 cycle has no items to plan 2031 from"))
        }
        struct Unreadable: Error, CustomStringConvertible { var description: String { "tk.ics: no such file" } }
        let failed = PlanPage.html(configuration: configuration, sources: .failure(Unreadable()), year: 2028, language: .nb)
        #expect(failed.contains("<h1>Årshjulet 2028 kunne ikke planlegges</h1>") && failed.contains("tk.ics: no such file"))
        // No plan page in the build: no route, no link.
        let (plain, _) = makeServer()
        try await plain.application(logger: Logger(label: "test")).test(.live) { client in
            #expect(try await client.execute(uri: "/plan.html", method: .get).status == .notFound)
            let index = try await client.execute(uri: "/", method: .get)
            #expect(!index.text.contains("plan.html"))
        }
    }
}
