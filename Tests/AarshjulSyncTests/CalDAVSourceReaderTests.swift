import Aarshjul
@testable import AarshjulSync
import AsyncHTTPClient
import Foundation
import ICalendar
import NIOHTTP1
import Testing

/// ``CalDAVSourceReader`` against a real Radicale: the first fetch, then only the changes by
/// sync-collection, a stale token answered by a full fetch, and entity tags for servers
/// without sync-collection; the mirror combined into one calendar.
@Suite(.serialized) struct CalDAVSourceReaderTests {
    static let window = (from: "20270101T000000Z", to: "20280101T000000Z")

    /// A server with `/tk/kal/` holding `count` events `e0.ics`…, and a reader.
    func withCalendar(count: Int, _ body: (Radicale, HTTPClient, CalDAVSourceReader, CalDAVCollection) async throws -> Void) async throws {
        try await Radicale.run { server, http in
            try await server.makeCalendar(http, user: "tk", password: "hemmelig", name: "kal", displayName: "Trondheim kommune")
            let client = CalDAVClient(http: http, username: "tk", password: "hemmelig", limits: FetchLimits(timeoutSeconds: 10))
            let collection = try await client.discover(server.root, calendar: "kal")
            for index in 0..<count {
                let day = String(format: "%02d", index % 28 + 1)
                try await client.put("\(collection.url)e\(index).ics",
                                     calendar: CalDAVClientTests.event(uid: "e\(index)@tk", start: "202703\(day)T090000Z", summary: "Møte \(index)"),
                                     precondition: .absent)
            }
            try await body(server, http, CalDAVSourceReader(client: client), collection)
        }
    }

    @Test func firstAFullFetchThenOnlyWhatChanged() async throws {
        try await withCalendar(count: 20) { server, http, unmetered, collection in
            let meter = CalDAVMeter()
            let reader = CalDAVSourceReader(client: CalDAVClient(http: http, username: "tk", password: "hemmelig", meter: meter))
            let first = try await reader.refresh(collection, mirror: nil, from: Self.window.from, to: Self.window.to)
            let full = meter.counts
            #expect(full.requests == ["REPORT": 2]) // the token, then the query
            #expect(first.method == .full)
            #expect(first.fetched == 20)
            #expect(first.mirror.syncToken != nil)

            _ = unmetered
            // Nothing changed: nothing fetched.
            let quiet = try await reader.refresh(collection, mirror: first.mirror, from: Self.window.from, to: Self.window.to)
            #expect(quiet.method == .syncCollection)
            #expect(quiet.fetched == 0 && quiet.removed == 0)

            // Another client moves one meeting and deletes another: one fetched, one removed.
            try await server.request(http, .PUT, "\(collection.url)e3.ics", user: "tk", password: "hemmelig",
                                     body: CalDAVClientTests.event(uid: "e3@tk", start: "20270404T090000Z", summary: "Møte 3 (flyttet)"),
                                     headers: [("Content-Type", "text/calendar")])
            try await server.request(http, .DELETE, "\(collection.url)e7.ics", user: "tk", password: "hemmelig")
            meter.reset()
            let second = try await reader.refresh(collection, mirror: quiet.mirror, from: Self.window.from, to: Self.window.to)
            // sync-collection, then calendar-multiget of the one changed member: a fraction of
            // the first fetch's bytes.
            #expect(meter.counts.requests == ["REPORT": 2])
            #expect(meter.counts.received * 4 < full.received)
            #expect(second.method == .syncCollection)
            #expect(second.fetched == 1)
            #expect(second.removed == 1)
            #expect(second.mirror.resources.count == 19)
            #expect(second.mirror.resources["\(collection.url)e3.ics"]?.text.contains("20270404T090000Z") == true)

            // The mirror as one calendar: 19 events, readable, nothing left out.
            let combined = second.mirror.combined()
            #expect(combined.problems.isEmpty)
            let document = try ICalendarReader().read(combined.text)
            #expect(document.calendars.first?.components(named: "VEVENT").count == 19)
        }
    }

    @Test func aStaleTokenGivesAFullFetchWithTheReason() async throws {
        try await withCalendar(count: 3) { _, _, reader, collection in
            var mirror = try await reader.refresh(collection, mirror: nil, from: Self.window.from, to: Self.window.to).mirror
            mirror.syncToken = "http://radicale.org/ns/sync/0000000000000000000000000000000000000000"
            let refreshed = try await reader.refresh(collection, mirror: mirror, from: Self.window.from, to: Self.window.to)
            #expect(refreshed.method == .full)
            #expect(refreshed.fetched == 3)
            #expect(refreshed.note == "\(collection.url): the server no longer knows the sync token; everything is fetched again")
            #expect(refreshed.mirror.syncToken != mirror.syncToken)
        }
    }

    @Test func withoutSyncCollectionTheEntityTagsTellWhatToFetch() async throws {
        try await withCalendar(count: 5) { server, http, reader, found in
            var collection = found
            collection.supportsSyncCollection = false
            let first = try await reader.refresh(collection, mirror: nil, from: Self.window.from, to: Self.window.to)
            #expect(first.method == .full)
            #expect(first.mirror.syncToken == nil)
            try await server.request(http, .PUT, "\(collection.url)e1.ics", user: "tk", password: "hemmelig",
                                     body: CalDAVClientTests.event(uid: "e1@tk", start: "20270505T090000Z", summary: "Møte 1 (flyttet)"),
                                     headers: [("Content-Type", "text/calendar")])
            try await server.request(http, .PUT, "\(collection.url)ny.ics", user: "tk", password: "hemmelig",
                                     body: CalDAVClientTests.event(uid: "ny@tk", start: "20270606T090000Z", summary: "Nytt møte"),
                                     headers: [("Content-Type", "text/calendar")])
            try await server.request(http, .DELETE, "\(collection.url)e4.ics", user: "tk", password: "hemmelig")
            let second = try await reader.refresh(collection, mirror: first.mirror, from: Self.window.from, to: Self.window.to)
            #expect(second.method == .etags)
            #expect(second.fetched == 2)
            #expect(second.removed == 1)
            #expect(Set(second.mirror.resources.keys) == Set(["e0", "e1", "e2", "e3", "ny"].map { "\(collection.url)\($0).ics" }))
        }
    }
}
