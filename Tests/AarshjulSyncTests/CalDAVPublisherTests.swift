import Aarshjul
@testable import AarshjulSync
import AsyncHTTPClient
import Foundation
import ICalendar
import NIOHTTP1
import Testing

/// ``CalDAVPublisher`` against a real Radicale: a collection brought to exactly the feed's
/// items, no write when nothing changed, and nothing written over an edit made on the server or
/// over a resource Aarshjul did not create.
@Suite(.serialized) struct CalDAVPublisherTests {
    static func feed(_ edit: (String) -> String = { $0 }) throws -> [Component] {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("Fixtures/caldav/feed-v1.ics"), encoding: .utf8)
        return try ICalendarReader().read(edit(text), fileName: "feed.ics").calendars
    }

    /// A started server with a calendar `/tk/pub/`, and a publisher of the feed `combined`.
    func withCollection(_ body: (Radicale, HTTPClient, CalDAVPublisher, CalDAVCollection) async throws -> Void) async throws {
        try await Radicale.run { server, http in
            try await server.makeCalendar(http, user: "tk", password: "hemmelig", name: "pub", displayName: "Årshjul (publisert)")
            let client = CalDAVClient(http: http, username: "tk", password: "hemmelig", limits: FetchLimits(timeoutSeconds: 10))
            let collection = try await client.discover(server.root, calendar: "pub")
            try await body(server, http, CalDAVPublisher(client: client, feed: "combined"), collection)
        }
    }

    @Test func firstPublishCreatesOneResourcePerItemAndTheSecondWritesNothing() async throws {
        try await withCollection { _, _, publisher, collection in
            let first = try await publisher.publish(try Self.feed(), to: collection, state: nil)
            #expect(first.created.count == 3)
            #expect(first.writes == 3)
            #expect(first.refused.isEmpty)
            #expect(first.state.resources.values.allSatisfy { ($0.etag ?? "").isEmpty == false })

            // What the server holds: the series with its override in one resource, each marked,
            // with its time zone and without METHOD.
            let stored = try await publisher.client.calendarQuery(collection, from: "20270101T000000Z", to: "20280101T000000Z")
            #expect(stored.count == 3)
            let series = try #require(stored.first { $0.calendarData?.contains("UID:bystyret-2027@trondheim.kommune.no") == true }?.calendarData)
            #expect(series.components(separatedBy: "BEGIN:VEVENT").count == 3)
            #expect(series.components(separatedBy: "X-AARSHJUL-FEED:combined").count == 3)
            #expect(series.contains("TZID:Europe/Oslo"))
            #expect(!series.contains("METHOD:"))

            let second = try await publisher.publish(try Self.feed(), to: collection, state: first.state)
            #expect(second.writes == 0)
            #expect(second.unchanged == 3)
            #expect(second.state == first.state)
        }
    }

    @Test func changesBecomeExactlyOneUpdateOneDeleteAndOneCreate() async throws {
        try await withCollection { _, _, publisher, collection in
            let first = try await publisher.publish(try Self.feed(), to: collection, state: nil)
            let changed = try Self.feed { text in
                text.replacingOccurrences(of: "SUMMARY:Styremøte NTNU", with: "SUMMARY:Styremøte NTNU (flyttet)")
                    .replacingOccurrences(of: "DTSTART;TZID=Europe/Oslo:20270304T090000", with: "DTSTART;TZID=Europe/Oslo:20270311T090000")
                    .replacingOccurrences(of: "UID:saksfrist-budsjett@trondheim.kommune.no", with: "UID:saksfrist-plan@trondheim.kommune.no")
            }
            let second = try await publisher.publish(changed, to: collection, state: first.state)
            #expect(second.updated == ["aarshjul-\(StableHash.hex("styremote-mars@ntnu.no")).ics"])
            #expect(second.created == ["aarshjul-\(StableHash.hex("saksfrist-plan@trondheim.kommune.no")).ics"])
            #expect(second.deleted == ["aarshjul-\(StableHash.hex("saksfrist-budsjett@trondheim.kommune.no")).ics"])
            #expect(second.unchanged == 1)
            let stored = try await publisher.client.calendarQuery(collection, from: "20270101T000000Z", to: "20280101T000000Z")
            #expect(stored.count == 3)
            #expect(stored.contains { $0.calendarData?.contains("DTSTART;TZID=Europe/Oslo:20270311T090000") == true })
            #expect(!stored.contains { $0.calendarData?.contains("saksfrist-budsjett") == true })
        }
    }

    @Test func anEditMadeOnTheServerIsKeptAndReported() async throws {
        try await withCollection { server, http, publisher, collection in
            let first = try await publisher.publish(try Self.feed(), to: collection, state: nil)
            let name = "aarshjul-\(StableHash.hex("styremote-mars@ntnu.no")).ics"
            // A secretary moves the published copy in her calendar app.
            let edited = try #require(try await publisher.client.multiget(collection, urls: [collection.url + name]).first?.calendarData)
                .replacingOccurrences(of: "20270304T090000", with: "20270305T090000")
            try await server.request(http, .PUT, collection.url + name, user: "tk", password: "hemmelig", body: edited,
                                     headers: [("Content-Type", "text/calendar")])

            // The feed changes that item: Aarshjul does not write over her edit.
            let changed = try Self.feed { $0.replacingOccurrences(of: "SUMMARY:Styremøte NTNU", with: "SUMMARY:Styremøte NTNU – budsjett") }
            let second = try await publisher.publish(changed, to: collection, state: first.state)
            #expect(second.writes == 0)
            #expect(second.refused.map(\.message) == [
                "\(collection.url)\(name): «Styremøte NTNU – budsjett» was changed on the server since Aarshjul published it, so Aarshjul's new version is not written over it. Change the item in its source calendar, or delete the server's copy to have it published again at the next sync",
            ])
            let kept = try await publisher.client.multiget(collection, urls: [collection.url + name]).first?.calendarData
            #expect(kept?.contains("20270305T090000") == true)
            // The item left the feed: still not deleted.
            let without = try Self.feed { $0.replacingOccurrences(of: "UID:styremote-mars@ntnu.no", with: "UID:annet@ntnu.no") }
            let third = try await publisher.publish(without, to: collection, state: second.state)
            #expect(third.deleted.isEmpty)
            #expect(third.refused.count == 1)
            #expect(third.refused.first?.message.contains("so it is not deleted") == true)
        }
    }

    @Test func resourcesAarshjulDidNotCreateAreNeverTouchedAndLostStateIsRecovered() async throws {
        try await withCollection { server, http, publisher, collection in
            // Someone's own event in the same calendar, and one that happens to have the name
            // Aarshjul would give the NTNU board meeting.
            let own = CalDAVClientTests.event(uid: "eget@tk", start: "20270601T090000Z", summary: "Eget møte")
            try await server.request(http, .PUT, collection.url + "eget.ics", user: "tk", password: "hemmelig", body: own,
                                     headers: [("Content-Type", "text/calendar")])
            let clash = "aarshjul-\(StableHash.hex("styremote-mars@ntnu.no")).ics"
            let foreign = CalDAVClientTests.event(uid: "fremmed@tk", start: "20270602T090000Z", summary: "Fremmed")
            try await server.request(http, .PUT, collection.url + clash, user: "tk", password: "hemmelig", body: foreign,
                                     headers: [("Content-Type", "text/calendar")])

            let first = try await publisher.publish(try Self.feed(), to: collection, state: nil)
            #expect(first.created.count == 2)
            #expect(first.refused.count == 1)
            #expect(first.refused.first?.message.hasPrefix("\(collection.url)\(clash): a calendar item of that name exists that Aarshjul did not publish") == true)
            #expect(first.state.resources[clash] == nil)

            // Publishing nothing removes what Aarshjul wrote, and only that.
            let empty = try ICalendarReader().read("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//NO\r\nEND:VCALENDAR\r\n").calendars
            let emptied = try await publisher.publish(empty, to: collection, state: first.state)
            #expect(emptied.deleted.count == 2)
            let left = try await publisher.client.etags(collection).map(\.url).sorted()
            #expect(left == [collection.url + clash, collection.url + "eget.ics"].sorted())

            // A state that was lost: Aarshjul's own resources (marked) are taken back, not refused.
            let again = try await publisher.publish(try Self.feed(), to: collection, state: nil)
            let lost = try await publisher.publish(try Self.feed(), to: collection, state: nil)
            #expect(lost.refused.count == 1) // still only the foreign one
            #expect(lost.updated.count == 2)
            #expect(Set(lost.state.resources.keys) == Set(again.state.resources.keys))
        }
    }
}
