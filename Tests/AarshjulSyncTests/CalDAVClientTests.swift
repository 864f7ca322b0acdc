import Aarshjul
@testable import AarshjulSync
import AsyncHTTPClient
import Foundation
import NIOHTTP1
import Testing

/// The multistatus reader on what servers send: prefixes of their own choosing, the default
/// namespace, 404 propstats, CDATA, and bodies that are not a multistatus.
@Suite struct DAVMultistatusTests {
    static func read(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: packageRoot.appendingPathComponent("Fixtures/caldav/\(name)")))
    }

    @Test func prefixedPropfindAsNextcloudSendsIt() throws {
        let answer = try DAVMultistatus.parse(try Self.read("nextcloud-propfind.xml"))
        #expect(answer.resources.map(\.href) == [
            "/remote.php/dav/calendars/koordinator/",
            "/remote.php/dav/calendars/koordinator/trondheim-kommune/",
            "/remote.php/dav/calendars/koordinator/ntnu%20styre/",
        ])
        let home = answer.resources[0]
        #expect(home.isOfType(.dav("collection")))
        #expect(!home.isOfType(.calDAV("calendar")))
        #expect(home.missing == [.dav("displayname"), .calDAV("calendar-home-set")])
        #expect(home.text(.dav("displayname")) == nil)
        let calendar = answer.resources[1]
        #expect(calendar.isOfType(.calDAV("calendar")))
        #expect(calendar.text(.dav("displayname")) == "Trondheim kommune")
        #expect(calendar.properties[.dav("supported-report-set")]?.descendants.contains(.dav("sync-collection")) == true)
        #expect(calendar.text(.dav("sync-token")) == "http://sabre.io/ns/sync/17")
        #expect(answer.resources[2].text(.dav("displayname")) == "NTNU & styret")
    }

    @Test func syncCollectionWithTheDefaultNamespace() throws {
        let answer = try DAVMultistatus.parse(try Self.read("sync-collection-default-namespace.xml"))
        #expect(answer.syncToken == "http://radicale.org/ns/sync/9f2c")
        #expect(answer.resources.map(\.href) == ["/tk/kal/a.ics", "/tk/kal/b.ics", "/tk/kal/c.ics"])
        #expect(answer.resources[0].etag == "\"a-2\"")
        #expect(answer.resources[1].status == 404)
        #expect(answer.resources[1].properties.isEmpty)
        #expect(answer.resources[2].properties[.calDAV("calendar-data")]?.text == "BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n")
    }

    @Test(arguments: [
        ("truncated.xml", "the server's XML cannot be read"),
        ("not-multistatus.xml", "the server's answer is {}html, not a DAV:multistatus"),
    ])
    func bodiesThatAreNotAMultistatusAreErrors(file: String, reason: String) throws {
        let error = #expect(throws: DAVXMLError.self) { try DAVMultistatus.parse(try Self.read(file)) }
        #expect(error?.reason.hasPrefix(reason) == true)
    }
}

/// ``CalDAVClient`` against a real Radicale on loopback: discovery, the first fetch, changes
/// through sync-collection, a stale token, conditional writes and the failures a coordinator
/// must be able to read.
@Suite(.serialized) struct CalDAVClientTests {
    static let event = """
    BEGIN:VCALENDAR\r
    VERSION:2.0\r
    PRODID:-//Aarshjul//test//NO\r
    BEGIN:VEVENT\r
    UID:%UID%\r
    DTSTAMP:20270101T000000Z\r
    DTSTART:%START%\r
    DURATION:PT2H\r
    SUMMARY:%SUMMARY%\r
    END:VEVENT\r
    END:VCALENDAR\r

    """

    static func event(uid: String, start: String, summary: String) -> String {
        event.replacingOccurrences(of: "%UID%", with: uid).replacingOccurrences(of: "%START%", with: start)
            .replacingOccurrences(of: "%SUMMARY%", with: summary)
    }

    /// Runs `body` with a started server, an HTTP client and a CalDAV client for user tk.
    func withServer(_ body: (Radicale, HTTPClient, CalDAVClient) async throws -> Void) async throws {
        try await Radicale.run { server, http in
            try await body(server, http, CalDAVClient(http: http, username: "tk", password: "hemmelig", limits: FetchLimits(timeoutSeconds: 10)))
        }
    }

    @Test func discoveryFromTheRootPicksACalendarByNameOrSegmentAndListsThemOtherwise() async throws {
        try await withServer { server, http, client in
            try await server.makeCalendar(http, user: "tk", password: "hemmelig", name: "kal", displayName: "Trondheim kommune")
            try await server.makeCalendar(http, user: "tk", password: "hemmelig", name: "frister", displayName: "Saksfrister")

            let byName = try await client.discover(server.root, calendar: "trondheim kommune")
            #expect(byName.url == "\(server.root)tk/kal/")
            #expect(byName.displayName == "Trondheim kommune")
            #expect(byName.supportsSyncCollection)
            let bySegment = try await client.discover(server.root, calendar: "frister")
            #expect(bySegment.url == "\(server.root)tk/frister/")
            // The collection's own address works as well.
            let direct = try await client.discover("\(server.root)tk/kal/")
            #expect(direct.url == "\(server.root)tk/kal/")

            let error = await #expect(throws: CalDAVError.self) { try await client.discover(server.root) }
            #expect(error?.kind == .ambiguous)
            #expect(error?.message == "\(server.root)tk/ holds 2 calendars: «Saksfrister» (/tk/frister/), «Trondheim kommune» (/tk/kal/); choose one with calendar = \"…\" in the source")
            let missing = await #expect(throws: CalDAVError.self) { try await client.discover(server.root, calendar: "NTNU") }
            #expect(missing?.kind == .ambiguous)
            #expect(missing?.message.contains("no calendar named \"NTNU\"") == true)
        }
    }

    @Test func firstFetchThenOnlyTheChangesThroughSyncCollection() async throws {
        try await withServer { server, http, client in
            try await server.makeCalendar(http, user: "tk", password: "hemmelig", name: "kal", displayName: "Trondheim kommune")
            let collection = try await client.discover(server.root, calendar: "Trondheim kommune")
            for (index, start) in ["20270210T090000Z", "20270310T090000Z", "20280110T090000Z"].enumerated() {
                try await client.put("\(collection.url)e\(index).ics", calendar: Self.event(uid: "e\(index)@tk", start: start, summary: "Bystyret \(index)"),
                                     precondition: .absent)
            }

            // The first fetch: 2027 only.
            let first = try await client.calendarQuery(collection, from: "20270101T000000Z", to: "20280101T000000Z")
            #expect(first.map(\.url).sorted() == ["\(collection.url)e0.ics", "\(collection.url)e1.ics"])
            #expect(first.allSatisfy { $0.etag != nil && $0.calendarData?.contains("SUMMARY:Bystyret") == true })

            let start = try await client.syncCollection(collection, token: nil)
            #expect(start.changed.count == 3)
            let token = try #require(start.syncToken)

            // Another client moves one meeting and deletes another.
            try await server.request(http, .PUT, "\(collection.url)e0.ics", user: "tk", password: "hemmelig",
                                     body: Self.event(uid: "e0@tk", start: "20270211T090000Z", summary: "Bystyret 0"),
                                     headers: [("Content-Type", "text/calendar")])
            try await server.request(http, .DELETE, "\(collection.url)e1.ics", user: "tk", password: "hemmelig")

            let changes = try await client.syncCollection(collection, token: token)
            #expect(changes.changed.map(\.url) == ["\(collection.url)e0.ics"])
            #expect(changes.removed == ["\(collection.url)e1.ics"])
            #expect(changes.syncToken != token)
            let fetched = try await client.multiget(collection, urls: changes.changed.map(\.url))
            #expect(fetched.count == 1)
            #expect(fetched.first?.calendarData?.contains("DTSTART:20270211T090000Z") == true)

            // Nothing changed since: nothing reported.
            let again = try await client.syncCollection(collection, token: changes.syncToken)
            #expect(again.changed.isEmpty && again.removed.isEmpty)

            // Without sync-collection, the entity tags tell the same story.
            let etags = try await client.etags(collection)
            #expect(etags.map(\.url).sorted() == ["\(collection.url)e0.ics", "\(collection.url)e2.ics"])
        }
    }

    @Test func aTokenTheServerNoLongerKnowsAsksForAFullFetch() async throws {
        try await withServer { server, http, client in
            try await server.makeCalendar(http, user: "tk", password: "hemmelig", name: "kal", displayName: "Trondheim kommune")
            let collection = try await client.discover(server.root, calendar: "kal")
            let error = await #expect(throws: CalDAVError.self) {
                try await client.syncCollection(collection, token: "http://radicale.org/ns/sync/0000000000000000000000000000000000000000")
            }
            #expect(error?.kind == .invalidSyncToken)
        }
    }

    @Test func conditionalWritesNeverOverwriteAnEditMadeMeanwhile() async throws {
        try await withServer { server, http, client in
            try await server.makeCalendar(http, user: "tk", password: "hemmelig", name: "pub", displayName: "Årshjul")
            let collection = try await client.discover(server.root, calendar: "pub")
            let url = "\(collection.url)styre.ics"
            let text = Self.event(uid: "styre@aarshjul", start: "20270301T090000Z", summary: "Styremøte")
            let etag = try #require(try await client.put(url, calendar: text, precondition: .absent))

            // Creating it again is refused: it exists.
            let again = await #expect(throws: CalDAVError.self) { try await client.put(url, calendar: text, precondition: .absent) }
            #expect(again?.kind == .preconditionFailed)

            // Someone edits it on the server: the update with the old tag is refused, and says so.
            try await server.request(http, .PUT, url, user: "tk", password: "hemmelig",
                                     body: Self.event(uid: "styre@aarshjul", start: "20270302T090000Z", summary: "Styremøte (flyttet)"),
                                     headers: [("Content-Type", "text/calendar")])
            let stale = await #expect(throws: CalDAVError.self) { try await client.put(url, calendar: text, precondition: .matches(etag)) }
            #expect(stale?.kind == .preconditionFailed)
            #expect(stale?.message == "\(url): someone changed this item on the server since Aarshjul last wrote it (HTTP 412); their edit is kept")
            let deleteStale = await #expect(throws: CalDAVError.self) { try await client.delete(url, etag: etag) }
            #expect(deleteStale?.kind == .preconditionFailed)

            // With the current tag both work.
            let current = try #require(try await client.etags(collection).first?.etag)
            let newTag = try await client.put(url, calendar: text, precondition: .matches(current))
            try await client.delete(url, etag: newTag)
            #expect(try await client.etags(collection).isEmpty)
        }
    }

    @Test func failuresSayWhatToCheck() async throws {
        try await withServer { server, http, _ in
            try await server.makeCalendar(http, user: "tk", password: "hemmelig", name: "kal", displayName: "Trondheim kommune")
            let wrong = CalDAVClient(http: http, username: "tk", password: "feil", limits: FetchLimits(timeoutSeconds: 10))
            let unauthorized = await #expect(throws: CalDAVError.self) { try await wrong.discover(server.root) }
            #expect(unauthorized?.kind == .unauthorized)
            #expect(unauthorized?.message == "\(server.root): the server did not accept the user name and password (HTTP 401); check username (tk) and the password in the environment variable named by password-env")

            // ntnu may not read tk's calendars.
            let other = CalDAVClient(http: http, username: "ntnu", password: "passord", limits: FetchLimits(timeoutSeconds: 10))
            let forbidden = await #expect(throws: CalDAVError.self) { try await other.discover("\(server.root)tk/kal/") }
            #expect(forbidden?.kind == .unauthorized)
            #expect(forbidden?.status == 403)

            // A server that is not there.
            let port = try Radicale.freePort()
            let client = CalDAVClient(http: http, username: "tk", password: "hemmelig", limits: FetchLimits(timeoutSeconds: 5))
            let refused = await #expect(throws: CalDAVError.self) { try await client.discover("http://127.0.0.1:\(port)/") }
            #expect(refused?.kind == .network)
            #expect(refused?.message.hasPrefix("http://127.0.0.1:\(port)/") == true)
        }
    }
}
