import Foundation
import ICalendar
import Testing
@testable import Aarshjul

/// The feeds as calendar clients read them: the calendar's properties, events kept whole with
/// their UID and series, the added CATEGORIES and COLOR, all-day and time-zone rules, stable
/// bytes, and items of two sources that share a UID kept apart.
@Suite struct FeedTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The feeds of the bundled calendars for 2027.
    static func bundledFeeds(language: Language? = nil) throws -> (Cycle, [Feed]) {
        let configuration = try AarshjulConfiguration.load(fileAt: packageRoot.appendingPathComponent("Calendars/aarshjul.toml").path)
        let builder = CycleBuilder(configuration: configuration)
        let cycle = builder.build(year: CycleYear(year: 2027, start: configuration.cycle.start), sources: try builder.loadSources())
        let report = ConflictEngine(configuration: configuration, proposeDates: false).run(on: cycle, language: language ?? .nb)
        return (cycle, FeedBuilder(configuration: configuration, language: language).feeds(for: cycle, conflicts: report))
    }

    static func events(_ feed: Feed) -> [Component] { feed.calendar.components.filter { $0.name == "VEVENT" } }

    @Test func calendarProperties() throws {
        let (_, feeds) = try Self.bundledFeeds()
        #expect(feeds.map(\.name) == ["combined", "source-tk", "source-ntnu", "source-uk"]
            + feeds.filter { $0.kind == .area }.map(\.name) + feeds.filter { $0.kind == .body }.map(\.name) + ["conflicts"])
        let combined = try #require(feeds.first)
        let calendar = combined.calendar
        #expect(calendar.value(of: "VERSION") == "2.0")
        #expect(calendar.value(of: "CALSCALE") == "GREGORIAN")
        #expect(calendar.value(of: "METHOD") == "PUBLISH")
        #expect(calendar.value(of: "PRODID")?.hasPrefix("-//Aarshjul//Aarshjul ") == true)
        #expect(calendar.value(of: "NAME") == "Universitetskommunen Trondheim – årshjul 2027")
        #expect(calendar.value(of: "X-WR-CALNAME") == calendar.value(of: "NAME"))
        #expect(calendar.value(of: "X-WR-CALDESC") != nil)
        #expect(calendar.value(of: "X-WR-TIMEZONE") == "Europe/Oslo")
        #expect(calendar.property("REFRESH-INTERVAL")?.parameter("VALUE") == "DURATION")
        #expect(calendar.value(of: "REFRESH-INTERVAL") == calendar.value(of: "X-PUBLISHED-TTL"))
        // English titles on request.
        let (_, english) = try Self.bundledFeeds(language: .en)
        #expect(english.first?.calendar.value(of: "NAME") == "Universitetskommunen Trondheim – annual cycle 2027")
    }

    @Test func everyTZIDIsIANAWithAVTimezone() throws {
        let (_, feeds) = try Self.bundledFeeds()
        for feed in feeds {
            let zones = Set(feed.calendar.components.filter { $0.name == "VTIMEZONE" }.compactMap { $0.value(of: "TZID") })
            var used: Set<String> = []
            for event in Self.events(feed) {
                for property in event.properties {
                    if let tzid = property.parameter("TZID") { used.insert(tzid) }
                    if property.parameter("VALUE") == "DATE" { #expect(!property.value.contains("Z") && !property.value.contains("T")) }
                }
                #expect(event.property("X-LIC-ERROR") == nil)
            }
            #expect(used == zones, "\(feed.name): a VTIMEZONE for every TZID used, and no other")
            for tzid in used { #expect(ZoneRules.system(tzid) != nil, "\(tzid) is an IANA name") }
        }
        // Trondheim kommune's file uses Windows zone names: none survive into a feed.
        let tk = try #require(feeds.first { $0.name == "source-tk" })
        #expect(!String(decoding: tk.bytes, as: UTF8.self).contains("W. Europe Standard Time"))
    }

    @Test func eventsKeepIdentityAndGainCategoriesAndColor() throws {
        let (cycle, feeds) = try Self.bundledFeeds()
        let combined = try #require(feeds.first)
        let events = Self.events(combined)
        for event in events {
            let uid = try #require(event.value(of: "UID"))
            let item = try #require(cycle.merge.items.first { $0.identity.uid == uid && $0.winner.component.value(of: "RECURRENCE-ID") == event.value(of: "RECURRENCE-ID") })
            #expect(event.value(of: "SEQUENCE") == item.winner.component.value(of: "SEQUENCE"))
            #expect(event.value(of: "DTSTAMP") == item.winner.component.value(of: "DTSTAMP"))
            #expect(event.value(of: "COLOR") != nil)
            let categories = event.properties(named: "CATEGORIES").map(\.value).joined(separator: ",")
            let sourceName = cycle.sources.first { $0.id == item.winner.source }?.name ?? ""
            #expect(categories.contains(TextEscaping.escape(sourceName)), "\(uid): \(categories)")
        }
        // The NTNU leader forum stays a series: the master with its RRULE and EXDATEs, and its
        // override, not a list of instances.
        let forum = events.filter { $0.value(of: "UID") == "pignqz5sv5q7dshertmzbos51q@google.com" }
        #expect(forum.count == 2)
        #expect(forum.first?.value(of: "RRULE") == "FREQ=MONTHLY;UNTIL=20271231T225959Z;BYDAY=1WE")
        #expect(forum.first?.properties(named: "EXDATE").count == 2)
        #expect(forum.last?.value(of: "RECURRENCE-ID") == "20260401T120000")
    }

    @Test func allDayEventsEndOnTheNextDay() throws {
        let text = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//test//EN\r
            BEGIN:VEVENT\r
            UID:frist@test\r
            DTSTAMP:20260101T000000Z\r
            DTSTART;VALUE=DATE:20270301\r
            SUMMARY:Frist\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        let feeds = try Self.feeds(of: [("a", text)])
        let event = try #require(Self.events(feeds[0]).first)
        #expect(event.value(of: "DTEND") == "20270302")
        #expect(event.property("DTEND")?.parameter("VALUE") == "DATE")
    }

    @Test func itemsOfTwoSourcesSharingAUIDAreKeptApartAndReported() throws {
        func calendar(_ summary: String, _ day: String) -> String {
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:1@same\r\nDTSTAMP:20260101T000000Z\r\n"
                + "DTSTART;TZID=Europe/Oslo:\(day)T090000\r\nDTEND;TZID=Europe/Oslo:\(day)T100000\r\nSUMMARY:\(summary)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        }
        let sources = [("tk", calendar("Bystyret", "20270318")), ("ntnu", calendar("Styremøte NTNU", "20270610"))]
        let (cycle, feeds) = try Self.cycleAndFeeds(of: sources)
        let combined = Self.events(feeds[0])
        #expect(combined.count == 2)
        #expect(Set(combined.compactMap { $0.value(of: "SUMMARY") }) == ["Bystyret", "Styremøte NTNU"])
        let uids = combined.compactMap { $0.value(of: "UID") }
        #expect(Set(uids).count == 2 && uids.contains("1@same"))
        #expect(cycle.merge.collisions.count == 1)
        #expect(cycle.merge.collisions.first?.uid == "1@same")
        // Deterministic: the same input, the same bytes and the same new UID.
        let (_, again) = try Self.cycleAndFeeds(of: sources)
        #expect(again.map(\.bytes) == feeds.map(\.bytes))
    }

    @Test func theSameInputGivesTheSameBytes() throws {
        let (_, first) = try Self.bundledFeeds()
        let (_, second) = try Self.bundledFeeds()
        #expect(first.map(\.bytes) == second.map(\.bytes))
    }

    // MARK: Helpers

    static func cycleAndFeeds(of sources: [(String, String)]) throws -> (Cycle, [Feed]) {
        let settings = sources.map { SourceSettings(id: $0.0, name: $0.0, path: "/dev/null") }
        let configuration = AarshjulConfiguration(baseDirectory: "/", cycle: CycleSettings(name: "Test", timezone: "Europe/Oslo"), sources: settings)
        let calendars = try sources.map { id, text in
            SourceCalendar(id: id, name: id, document: try ICalendarReader().read(text, fileName: "\(id).ics"))
        }
        let cycle = CycleBuilder(configuration: configuration).build(year: CycleYear(year: 2027, start: .januaryFirst), sources: calendars)
        let report = ConflictEngine(configuration: configuration, proposeDates: false).run(on: cycle, language: .nb)
        return (cycle, FeedBuilder(configuration: configuration).feeds(for: cycle, conflicts: report))
    }

    static func feeds(of sources: [(String, String)]) throws -> [Feed] { try cycleAndFeeds(of: sources).1 }
}
