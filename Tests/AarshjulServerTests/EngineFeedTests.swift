import Aarshjul
import AarshjulServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The server serves exactly what the engine (and `aarshjul export`) makes.
@Suite struct EngineFeedTests {
    let configPath = packageRoot.appendingPathComponent("Calendars/aarshjul.toml").path

    @Test func servedBytesAreTheEnginesFeeds() async throws {
        let configuration = try AarshjulConfiguration.load(fileAt: configPath)
        let builder = CycleBuilder(configuration: configuration)
        let cycle = builder.build(year: CycleYear(year: 2027, start: configuration.cycle.start), sources: try builder.loadSources())
        let report = ConflictEngine(configuration: configuration, proposeDates: false).run(on: cycle, language: .nb)
        let feeds = FeedBuilder(configuration: configuration, language: .nb).feeds(for: cycle, conflicts: report)

        let store = FeedStore(privateFeeds: false)
        store.install(try FeedBuild.engine(configurationPath: configPath, year: 2027), now: 1_800_000_000)
        let snapshot = try #require(store.snapshot)
        #expect(snapshot.entries.map(\.fileName) == feeds.map(\.fileName))
        let server = FeedServer(settings: FeedServerSettings(port: 0), store: store)
        try await server.application(logger: Logger(label: "test")).test(.live) { client in
            for feed in feeds {
                let response = try await client.execute(uri: "/feeds/\(feed.fileName)", method: .get)
                #expect(response.status == .ok)
                #expect(Array(response.body.readableBytesView) == feed.bytes, "\(feed.fileName)")
                #expect(response.headers[.eTag] == EntityTag.strong(for: feed.bytes))
            }
            let json = try await client.execute(uri: "/conflicts.json", method: .get)
            #expect(json.text == (try ConflictReportText(
                report: ConflictEngine(configuration: configuration).run(on: cycle, language: .nb), language: .nb).json()))
        }
        #expect(snapshot.year.year == 2027)
        #expect(snapshot.feeds["combined.ics"].map { $0.body.readableBytes > 1_000 } == true)
    }

    @Test func theYearDefaultsToTheOneContainingToday() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)  // 15 January 2027
        #expect(try FeedBuild.engine(configurationPath: configPath, now: now).year.year == 2027)
        #expect(try FeedBuild.engine(configurationPath: configPath, year: 2026, now: now).year.year == 2026)
    }

    @Test func aMissingConfigurationIsABuildError() {
        #expect(throws: FeedBuildError.self) { try FeedBuild.engine(configurationPath: "/nonexistent/aarshjul.toml") }
    }
}
