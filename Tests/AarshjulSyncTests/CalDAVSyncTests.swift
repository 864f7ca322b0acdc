import Aarshjul
@testable import AarshjulSync
import AsyncHTTPClient
import Foundation
import ICalendar
import Testing

/// `aarshjul sync` with a CalDAV source and a `[[publish]]` target on a real Radicale: the
/// first sync reads and publishes everything, a change another client makes on the server
/// shows up as moved and is published as one write, a quiet sync writes nothing, an edit made
/// to the published copy is reported (412) and kept, and a wrong password or a stopped server
/// keeps every event.
@Suite("CalDAV sync", .serialized)
struct CalDAVSyncTests {
    static let password = ["TEST_TK_PASSWORD": "hemmelig"]

    /// The twelve events of `Fixtures/sync/v1.ics`, one calendar object resource each, by UID.
    static func resources() throws -> [(uid: String, text: String)] {
        let text = String(decoding: try fixture("v1.ics"), as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        return text.components(separatedBy: "BEGIN:VEVENT\n").dropFirst().map { block in
            let event = "BEGIN:VEVENT\n" + block.components(separatedBy: "END:VEVENT")[0] + "END:VEVENT\n"
            let uid = event.components(separatedBy: "UID:")[1].components(separatedBy: "\n")[0]
            let calendar = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Kalenderapp//NO\n" + event + "END:VCALENDAR\n"
            return (uid, calendar.replacingOccurrences(of: "\n", with: "\r\n"))
        }
    }

    /// A server with the source calendar `/tk/kal/` («Trondheim kommune», twelve events put
    /// there by another client) and an empty calendar `/tk/pub/` to publish into.
    static func withServer(_ body: (Radicale, HTTPClient, URL) async throws -> Void) async throws {
        try await Radicale.run { server, http in
            try await server.makeCalendar(http, user: "tk", password: "hemmelig", name: "kal", displayName: "Trondheim kommune")
            try await server.makeCalendar(http, user: "tk", password: "hemmelig", name: "pub", displayName: "Årshjul")
            for resource in try resources() {
                try await server.request(http, .PUT, "\(server.root)tk/kal/\(resource.uid).ics", user: "tk", password: "hemmelig",
                                         body: resource.text, headers: [("Content-Type", "text/calendar")])
            }
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            try await body(server, http, directory)
        }
    }

    static func configuration(in directory: URL, root: String) throws -> AarshjulConfiguration {
        let text = """
            [cycle]
            name = "CalDAV-test"
            timezone = "Europe/Oslo"

            [[source]]
            id = "tk"
            name = "Trondheim kommune"
            caldav = "\(root)"
            username = "tk"
            password-env = "TEST_TK_PASSWORD"
            calendar = "Trondheim kommune"

            [[publish]]
            caldav = "\(root)"
            feed = "combined"
            username = "tk"
            password-env = "TEST_TK_PASSWORD"
            calendar = "pub"

            [sync]
            timeout = "PT5S"
            """
        let path = directory.appendingPathComponent("aarshjul.toml")
        try text.write(to: path, atomically: true, encoding: .utf8)
        return try AarshjulConfiguration.load(fileAt: path.path)
    }

    /// One sync, pinned to 2027, with the given environment and a meter on the CalDAV traffic.
    static func sync(_ configuration: AarshjulConfiguration, at now: Date, environment: [String: String] = password,
                     meter: CalDAVMeter? = nil) async throws -> SyncOutcome {
        let store = try SQLiteStateStore(path: configuration.sync.statePath)
        let fetcher = HTTPSourceFetcher(limits: FetchLimits(configuration.sync), meter: meter)
        let outcome = try await SyncEngine(configuration: configuration, store: store, fetcher: fetcher,
                                           options: SyncOptions(year: 2027, language: .en, now: now, environment: environment)).run()
        try await fetcher.shutdown()
        return outcome
    }

    @Test("First sync reads and publishes; a server-side move is reported and published as one write; a quiet sync writes nothing")
    func lifecycle() async throws {
        try await Self.withServer { server, http, directory in
            let configuration = try Self.configuration(in: directory, root: server.root)
            var clock = Date(timeIntervalSince1970: 1_800_000_000)

            // 1. First sync: twelve events read, twelve resources created.
            let first = try await Self.sync(configuration, at: clock)
            #expect(first.source("tk")?.state == .updated)
            #expect(first.source("tk")?.events == 12)
            #expect(first.source("tk")?.origin == server.root)
            #expect(first.report.changes.count(where: { $0.kind == .new }) == 12)
            let published = try #require(first.report.publications?.first)
            #expect(published.state == .published)
            #expect(published.collection == "\(server.root)tk/pub/")
            #expect(published.created == 12 && published.updated == 0 && published.deleted == 0 && published.refused.isEmpty)

            // 2. Another client moves the budget meeting by a week with a plain PUT.
            let moved = try #require(try Self.resources().first { $0.uid == "m12@sync.test" }).text
                .replacingOccurrences(of: "20271216T", with: "20271209T")
            try await server.request(http, .PUT, "\(server.root)tk/kal/m12@sync.test.ics", user: "tk", password: "hemmelig",
                                     body: moved, headers: [("Content-Type", "text/calendar")])
            clock += 600
            let meter = CalDAVMeter()
            let second = try await Self.sync(configuration, at: clock, meter: meter)
            #expect(second.source("tk")?.state == .updated)
            #expect(second.report.changes.count == 1)
            let change = try #require(second.report.changes.first)
            #expect(change.kind == .moved && change.uid == "m12@sync.test")
            #expect(change.oldStart == "2027-12-16T08:00:00Z" && change.newStart == "2027-12-09T08:00:00Z")
            let republished = try #require(second.report.publications?.first)
            #expect(republished.updated == 1 && republished.created == 0 && republished.deleted == 0 && republished.unchanged == 11)
            #expect(meter.counts.writes == 1)
            let english = SyncReportText(configuration: configuration, language: .en).text(second.report)
            #expect(english.contains("  Trondheim kommune\n    moved      Bystyret – budsjett 2028: 16 Dec 2027 09:00 → 9 Dec 2027 09:00\n"))
            #expect(english.contains("Published to calendar servers\n  combined → \(server.root)tk/pub/: 0 created, 1 updated, 0 deleted, 11 unchanged\n"))
            let norwegian = SyncReportText(configuration: configuration, language: .nb).text(second.report)
            #expect(norwegian.contains("Publisert til kalenderservere\n  combined → \(server.root)tk/pub/: 0 opprettet, 1 endret, 0 slettet, 11 uendret\n"))

            // 3. Nothing changed: the source answers through sync-collection and nothing is written.
            clock += 600
            meter.reset()
            let third = try await Self.sync(configuration, at: clock, meter: meter)
            #expect(third.source("tk")?.state == .unchanged)
            #expect(third.report.changes.isEmpty)
            #expect(third.report.publications?.first?.unchanged == 12)
            #expect(meter.counts.writes == 0)

            // 4. `changes` reads the CalDAV source's history like any other.
            let history = try await SQLiteStateStore(path: configuration.sync.statePath).history(since: nil)
            #expect(history.itemChanges.filter { $0.kind == .moved }.map(\.uid) == ["m12@sync.test"])
        }
    }

    @Test("An edit made to the published copy is reported (412), kept, and the source still syncs")
    func editOnTheServerIsReported() async throws {
        try await Self.withServer { server, http, directory in
            let configuration = try Self.configuration(in: directory, root: server.root)
            var clock = Date(timeIntervalSince1970: 1_800_000_000)
            _ = try await Self.sync(configuration, at: clock)

            // A secretary edits the published budget meeting in her calendar app …
            let name = "aarshjul-\(StableHash.hex("m12@sync.test")).ics"
            let client = CalDAVClient(http: http, username: "tk", password: "hemmelig")
            let collection = try await client.discover(server.root, calendar: "pub")
            let copy = try #require(try await client.multiget(collection, urls: [collection.url + name]).first?.calendarData)
            try await server.request(http, .PUT, collection.url + name, user: "tk", password: "hemmelig",
                                     body: copy.replacingOccurrences(of: "SUMMARY:Bystyret – budsjett 2028", with: "SUMMARY:Bystyret – budsjett (sal 2)"),
                                     headers: [("Content-Type", "text/calendar")])
            // … and the source moves it.
            let moved = try #require(try Self.resources().first { $0.uid == "m12@sync.test" }).text
                .replacingOccurrences(of: "20271216T", with: "20271209T")
            try await server.request(http, .PUT, "\(server.root)tk/kal/m12@sync.test.ics", user: "tk", password: "hemmelig",
                                     body: moved, headers: [("Content-Type", "text/calendar")])
            clock += 600
            let outcome = try await Self.sync(configuration, at: clock)
            #expect(outcome.source("tk")?.state == .updated)
            #expect(outcome.report.changes.map(\.kind) == [.moved])
            let publication = try #require(outcome.report.publications?.first)
            #expect(publication.state == .published)
            #expect(publication.updated == 0)
            #expect(publication.refused.map(\.reason) == [.changedOnServer])
            let kept = try #require(try await client.multiget(collection, urls: [collection.url + name]).first?.calendarData)
            #expect(kept.contains("sal 2") && kept.contains("20271216T090000"))
            let text = SyncReportText(configuration: configuration, language: .nb).text(outcome.report)
            #expect(text.contains("0 opprettet, 0 endret, 0 slettet, 11 uendret, 1 ikke skrevet (se under)\n    «Bystyret – budsjett 2028» er endret i kalenderen på serveren etter at Aarshjul publiserte den, så Aarshjul skriver ikke over endringen. Endre hendelsen i kildekalenderen, eller slett kopien på serveren, så publiseres den på nytt ved neste synkronisering. (\(collection.url)\(name))\n"))

            // The refusal stands at every sync until someone acts; deleting the server's copy
            // has it published again.
            try await server.request(http, .DELETE, collection.url + name, user: "tk", password: "hemmelig")
            clock += 600
            let again = try await Self.sync(configuration, at: clock)
            #expect(again.report.publications?.first?.refused.isEmpty == true)
            #expect(again.report.publications?.first?.created == 1)
        }
    }

    @Test("A wrong or missing password and a stopped server keep the last good copy and every event; publishing waits")
    func failuresKeepEverything() async throws {
        try await Self.withServer { server, _, directory in
            let configuration = try Self.configuration(in: directory, root: server.root)
            var clock = Date(timeIntervalSince1970: 1_800_000_000)
            let first = try await Self.sync(configuration, at: clock)
            let all = first.combinedUIDs
            #expect(all.count == 12)

            // Wrong password.
            clock += 600
            let wrong = try await Self.sync(configuration, at: clock, environment: ["TEST_TK_PASSWORD": "feil"])
            #expect(wrong.source("tk")?.state == .stale)
            #expect(wrong.source("tk")?.events == 12)
            #expect(wrong.source("tk")?.reason == "\(server.root): the server did not accept the user name and password (HTTP 401); check username (tk) and the password in the environment variable named by password-env")
            #expect(wrong.combinedUIDs == all)
            #expect(wrong.report.changes.isEmpty)
            #expect(wrong.report.publications?.first?.state == .failed)
            let text = SyncReportText(configuration: configuration, language: .nb).text(wrong.report)
            #expect(text.contains("Trondheim kommune: FORELDET – bruker siste gode kopi (12 hendelser"))
            #expect(text.contains("combined → \(server.root): FEILET – det som ikke ble skrevet, prøves igjen ved neste synkronisering; kildene er synkronisert som vanlig. Årsak: \(server.root): the server did not accept"))

            // No password in the environment.
            clock += 600
            let missing = try await Self.sync(configuration, at: clock, environment: [:])
            #expect(missing.source("tk")?.state == .stale)
            #expect(missing.source("tk")?.reason == "\(server.root): the environment variable TEST_TK_PASSWORD (password-env) is not set or is empty, so there is no password to log in with; set it where aarshjul runs, e.g. export TEST_TK_PASSWORD='…'")
            #expect(missing.combinedUIDs == all)

            // The server is gone.
            server.stop()
            clock += 600
            let stopped = try await Self.sync(configuration, at: clock)
            #expect(stopped.source("tk")?.state == .stale)
            #expect(stopped.source("tk")?.reason?.contains("refused the connection on port \(server.port); check the address and port, and that the server is running") == true)
            #expect(stopped.combinedUIDs == all)
            #expect(stopped.report.changes.isEmpty)
            #expect(stopped.report.publications?.first?.state == .failed)
            // The mirror survives: it is still the one of the last good fetch.
            let state = try await SQLiteStateStore(path: configuration.sync.statePath).load()
            #expect(state.calDAVMirrors["tk"]?.resources.count == 12)
            #expect(state.publications.values.first?.resources.count == 12)
        }
    }

    @Test("A calendar that suddenly lost most of its events is held back; its mirror and the published calendar stay")
    func shrinkGuard() async throws {
        try await Self.withServer { server, http, directory in
            let configuration = try Self.configuration(in: directory, root: server.root)
            var clock = Date(timeIntervalSince1970: 1_800_000_000)
            let first = try await Self.sync(configuration, at: clock)
            let before = try await SQLiteStateStore(path: configuration.sync.statePath).load().calDAVMirrors["tk"]
            // Someone empties the calendar but for one event.
            for resource in try Self.resources().dropFirst() {
                try await server.request(http, .DELETE, "\(server.root)tk/kal/\(resource.uid).ics", user: "tk", password: "hemmelig")
            }
            clock += 600
            let meter = CalDAVMeter()
            let held = try await Self.sync(configuration, at: clock, meter: meter)
            #expect(held.source("tk")?.state == .stale)
            #expect(held.source("tk")?.reason == "\(server.root): has 1 events where the last good copy had 12; held back as a likely broken export ([sync] max-shrink = 0.9)")
            #expect(held.combinedUIDs == first.combinedUIDs)
            #expect(held.report.changes.isEmpty)
            #expect(held.report.publications?.first?.deleted == 0)
            #expect(meter.counts.writes == 0)
            let after = try await SQLiteStateStore(path: configuration.sync.statePath).load().calDAVMirrors["tk"]
            #expect(after == before)
        }
    }

    @Test("A source with no copy at all holds publishing back, so the calendar keeps its items")
    func unavailableSourceHoldsPublishingBack() async throws {
        try await Self.withServer { server, _, directory in
            let configuration = try Self.configuration(in: directory, root: server.root)
            let outcome = try await Self.sync(configuration, at: Date(timeIntervalSince1970: 1_800_000_000), environment: [:])
            #expect(outcome.source("tk")?.state == .unavailable)
            #expect(outcome.report.publications?.first?.state == .heldBack)
            let text = SyncReportText(configuration: configuration, language: .en).text(outcome.report)
            #expect(text.contains("combined → \(server.root): HELD BACK – Trondheim kommune has no copy yet, and publishing now would remove its items from the calendar. Published once the source can be read.\n"))
        }
    }
}
