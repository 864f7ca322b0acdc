import Aarshjul
import AarshjulSync
import Foundation
import Testing

/// `aarshjul sync`'s report in nynorsk, byte for byte (beside the bokmål golden of
/// `StateTests`), and the history of `aarshjul changes`.
@Suite("The sync report in nynorsk")
struct SyncReportNynorskTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("The text report of a sync in nynorsk, byte for byte (Fixtures/sync/report-nn.txt), and its history")
    func reportGolden() async throws {
        let setup = try LocalSetup()
        defer { setup.remove() }
        _ = try await sync(setup.configuration, at: start, writeFeeds: false, language: .nn)
        try setup.use("v2.ics")
        let second = try await sync(setup.configuration, at: start + 86_400, writeFeeds: false, language: .nn)
        var report = second.report
        report.feedsDirectory = "feeds"
        report.feedFiles = ["combined.ics"]
        let words = SyncReportText(language: .nn, timezone: "Europe/Oslo", sourceNames: ["a": "Kilde A", "b": "Kilde B"])
        let text = words.text(report)
        let golden = packageRoot.appendingPathComponent("Fixtures/sync/report-nn.txt")
        if ProcessInfo.processInfo.environment["AARSHJUL_UPDATE_GOLDEN"] == "1" {
            try text.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("updated Fixtures/sync/report-nn.txt; review it")
        }
        #expect(text == (try String(contentsOf: golden, encoding: .utf8)))
        #expect(text.hasPrefix("Synkronisering 16.01.2027 kl. 09.00 (førre: 15.01.2027 kl. 09.00), årshjul 2027\n"))
        #expect(text.contains("\nKonfliktar: 0 nye, 1 løyste, 0 opne\n"))

        let store = try SQLiteStateStore(path: setup.configuration.sync.statePath)
        let history = words.text(try await store.history(since: nil), since: nil)
        #expect(history.hasPrefix("2 synkroniseringar\n"))
        #expect(history.contains("løyst konflikt [info] "))
        #expect(!history.contains("hendelse") && !history.contains("endringer"))
    }
}
