import Foundation
import Testing
@testable import ICalendar

/// What real producers write (issue 11 §3): bare components, a misspelt outermost END, a
/// double quote in an unquoted parameter value, spaces in a rule list, and durations and
/// ends beyond the years iCalendar can write. Each is read with a diagnostic naming the file,
/// line and what is wrong.
@Suite("Reading what real producers write")
struct ProducerQuirkTests {

    // MARK: Bare components

    @Test("A file of bare VEVENTs is read as one calendar, with a warning at the first BEGIN")
    func bareComponents() throws {
        let document = try readFixture("bare-vevents-without-vcalendar.ics")
        #expect(document.calendars.map(\.name) == ["VCALENDAR"])
        let calendar = try #require(document.calendars.first)
        #expect(calendar.properties.isEmpty, "the calendar the reader adds has no properties of its own")
        #expect(calendar.components.map(\.uid) == ["bare-1@aarshjul.test", "bare-2@aarshjul.test"])
        #expect(document.diagnostics.map(\.description) == [
            Paths.fixture("bare-vevents-without-vcalendar.ics").path
                + ":1: BEGIN: warning: BEGIN:VEVENT outside any VCALENDAR; it and the components after it are read as one calendar, wrapped in a VCALENDAR added by the reader (RFC 5545 §3.4)",
        ])
        #expect(!document.hasErrors)
        let expansion = Expander().expand(document, from: day("2027-01-01"), to: day("2028-01-01"))
        #expect(expansion.spans == ["2027-01-05T09:00:00Z/2027-01-05T12:00:00Z", "2027-01-07T15:00:00Z/2027-01-07T19:00:00Z"])
    }

    @Test("Bare components after a real calendar make a second calendar; a real calendar after them ends the run")
    func bareComponentsBetweenCalendars() throws {
        let event = "BEGIN:VEVENT\r\nUID:e\r\nDTSTART:20270105T100000Z\r\nEND:VEVENT\r\n"
        let calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + event + "END:VCALENDAR\r\n"
        let document = try ICalendarReader().read(calendar + event + event + calendar + event)
        #expect(document.calendars.map(\.name) == ["VCALENDAR", "VCALENDAR", "VCALENDAR", "VCALENDAR"])
        #expect(document.calendars.map(\.components.count) == [1, 2, 1, 1])
        #expect(document.diagnostics.filter { $0.property == "BEGIN" }.map(\.line) == [8, 23])
        #expect(document.diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test("Bare components cut off inside an event are still a truncated file, named by the event")
    func bareComponentsTruncated() {
        #expect {
            try ICalendarReader().read("BEGIN:VEVENT\r\nUID:e\r\nDTSTART:20270105T100000Z\r\n")
        } throws: { error in
            (error as? ICalendarError)?.description
                == "<input>:1: error: the file ends before END:VEVENT (BEGIN:VEVENT at line 1 is still open): it looks truncated"
        }
    }

    @Test("Only calendar components are wrapped: a file starting with VCARD or VALARM is still refused")
    func otherComponentsRefused() {
        #expect(throws: ICalendarError.self) { try ICalendarReader().read("BEGIN:VCARD\r\nFN:Ola Nordmann\r\nEND:VCARD\r\n") }
        #expect(throws: ICalendarError.self) { try ICalendarReader().read("BEGIN:VALARM\r\nACTION:DISPLAY\r\nEND:VALARM\r\n") }
    }

    // MARK: A misspelt END of the outermost component

    @Test("END:VCALENDARX ends the calendar, reported at its own line; both events are kept")
    func misspeltOutermostEnd() throws {
        let document = try readFixture("misspelt-end-vcalendar.ics")
        #expect(document.diagnostics.map(\.description) == [
            Paths.fixture("misspelt-end-vcalendar.ics").path
                + ":19: END: error: END:VCALENDARX does not match BEGIN:VCALENDAR at line 1; read as its end",
        ])
        #expect(document.calendars.count == 1)
        #expect(document.calendars[0].components.map(\.uid) == ["feilstavet-kalender-1@aarshjul.test", "feilstavet-kalender-2@aarshjul.test"])
        let expansion = Expander().expand(document, from: day("2027-01-01"), to: day("2028-01-01"))
        #expect(expansion.occurrences.count == 2)
    }

    @Test("An END that is no misspelling of the open component is stray and skipped, at any depth")
    func strayEndIsSkipped() throws {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nEND:VEVENT\r\nEND:VEVENT\r\n"
            + "BEGIN:VEVENT\r\nUID:b\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let document = try ICalendarReader().read(text)
        #expect(document.calendars.count == 1)
        #expect(document.calendars[0].components.map(\.uid) == ["a", "b"])
        #expect(document.diagnostics.filter { $0.property == "END" }.map(\.description) == [
            "<input>:5: END: error: END:VEVENT has no matching BEGIN:VEVENT; the line is skipped",
            "<input>:8: END: error: END:VALARM has no matching BEGIN:VALARM; the line is skipped",
        ])
    }

    @Test("Misspellings: two letters inserted, dropped, changed or swapped", arguments: [
        ("VCALENDARX", "VCALENDAR", true), ("VEVNT", "VEVENT", true), ("VTOOD", "VTODO", true),
        ("VEVEN", "VEVENT", true), ("VCALENDER", "VCALENDAR", true), ("VEVENT", "VTODO", false),
        ("VALARM", "VEVENT", false), ("", "VEVENT", false), ("VCAL", "VCALENDAR", false),
    ])
    func misspellings(written: String, open: String, expected: Bool) {
        #expect(TreeBuilder.couldBeMisspelt(written, for: open) == expected)
    }

    // MARK: Parameter values

    @Test("A double quote inside an unquoted parameter value is an error at its line; the value is kept as written")
    func doubleQuoteInUnquotedParameter() throws {
        let document = try readFixture("unquoted-parameter-with-dquote.ics")
        #expect(document.diagnostics.map(\.description) == [
            Paths.fixture("unquoted-parameter-with-dquote.ics").path
                + ":9: ORGANIZER: error: parameter CN=Ola \"Sjefen\" Nordmann: an unquoted parameter value may not contain a double quote (RFC 5545 §3.1 paramtext); quote the whole value and write ^' for a quote inside it (RFC 6868); the value is read as written",
        ])
        let event = try #require(document.calendars.first?.components.first)
        #expect(event.property("ORGANIZER")?.parameter("CN") == "Ola \"Sjefen\" Nordmann")
        #expect(event.property("ORGANIZER")?.value == "mailto:ola@aarshjul.test")
        #expect(event.property("ATTENDEE")?.parameter("CN") == "Kari \"Sekretær\" Nordmann", "the quoted, RFC 6868 form is clean")
    }

    @Test("The issue's example and a control character: paramtext is SAFE-CHAR, which excludes both")
    func paramTextGrammar() throws {
        let quote = try ICalendarReader().read("BEGIN:VCALENDAR\r\nNAME;P=ab\"c\":v\r\nEND:VCALENDAR\r\n")
        #expect(quote.diagnostics.map(\.description) == [
            "<input>:2: NAME: error: parameter P=ab\"c\": an unquoted parameter value may not contain a double quote (RFC 5545 §3.1 paramtext); quote the whole value and write ^' for a quote inside it (RFC 6868); the value is read as written",
        ])
        #expect(quote.calendars.first?.property("NAME")?.parameter("P") == "ab\"c\"")
        let control = try ICalendarReader().read("BEGIN:VCALENDAR\r\nNAME;P=a\u{1B}b;Q=\"x\ty\";R=c\td:v\r\nEND:VCALENDAR\r\n")
        #expect(control.diagnostics.map(\.description) == [
            "<input>:2: NAME: error: parameter P=a\\u{1B}b: an unquoted parameter value may not contain the control character U+001B (RFC 5545 §3.1 paramtext); the value is read as written",
        ])
    }

    // MARK: Spaces in a rule

    @Test("Spaces in an RRULE list are read without them, with a warning naming the rule part and the line")
    func ruleListSpaces() throws {
        let document = try readFixture("rrule-list-with-spaces.ics")
        #expect(document.diagnostics.map(\.description) == [
            Paths.fixture("rrule-list-with-spaces.ics").path
                + ":11: RRULE: warning: the rule \"FREQ=WEEKLY;BYDAY=MO, TU;COUNT=4\" has white space inside \"BYDAY=MO, TU\" (RFC 5545 §3.3.10 allows none); it is read without it",
        ])
        let expansion = Expander().expand(document, from: day("2027-01-01"), to: day("2028-01-01"))
        #expect(expansion.diagnostics.isEmpty)
        #expect(expansion.spans == [
            "2027-01-04T08:00:00Z/2027-01-04T09:00:00Z", "2027-01-05T08:00:00Z/2027-01-05T09:00:00Z",
            "2027-01-11T08:00:00Z/2027-01-11T09:00:00Z", "2027-01-12T08:00:00Z/2027-01-12T09:00:00Z",
        ])
    }

    @Test("Every part with white space is named; a rule without any gets no warning")
    func ruleSpacedParts() {
        #expect(RuleListSpaces.spacedParts(of: " FREQ=DAILY; BYHOUR=9,\t10;BYMINUTE=0 ") == ["BYHOUR=9,\t10"])
        #expect(RuleListSpaces.spacedParts(of: "FREQ=WEEKLY ;BYDAY=MO,TU") == ["FREQ=WEEKLY"])
        #expect(RuleListSpaces.spacedParts(of: "FREQ=WEEKLY;BYDAY=MO,TU").isEmpty)
    }

    // MARK: Durations and dates beyond year 9999

    @Test("A DURATION that fits the grammar but not the range is out of range, not \"not a DURATION\"; an end past 9999 is an error")
    func durationOutOfRange() throws {
        let path = Paths.fixture("duration-out-of-range.ics").path
        let document = try readFixture("duration-out-of-range.ics")
        #expect(document.diagnostics.map(\.description) == [
            path + ":10: DURATION: error: \"P999999999999999999W\" is out of range: a DURATION can be no longer than the 10,000 years from 0000-01-01 to 9999-12-31",
            path + ":17: DURATION: error: DTSTART 9999-12-30T10:00:00Z plus P2D ends after 9999-12-31T23:59:59, out of the range of iCalendar dates; the item is left out of expansion",
        ])
    }

    @Test("An RDATE period with a duration out of range says so, not \"not a list of PERIODs\"")
    func periodDurationOutOfRange() throws {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:p\r\nDTSTART:20270105T100000Z\r\n"
            + "RDATE;VALUE=PERIOD:20270106T100000Z/PT1H,20270107T100000Z/P600000W\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let document = try ICalendarReader().read(text)
        #expect(document.diagnostics.map(\.description) == [
            "<input>:5: RDATE: error: \"P600000W\" in \"20270106T100000Z/PT1H,20270107T100000Z/P600000W\" is out of range: a DURATION can be no longer than the 10,000 years from 0000-01-01 to 9999-12-31",
        ])
    }

    @Test("No occurrence reaching past 9999-12-31 is produced: it is left out with an error naming its DTSTART line")
    func noYearBeyond9999() throws {
        let path = Paths.fixture("duration-out-of-range.ics").path
        let expansion = try expandFixture("duration-out-of-range.ics", from: "9999-12-01", to: "9999-12-31")
        #expect(expansion.occurrences.map(\.uid) == ["siste-dag@aarshjul.test"])
        #expect(expansion.spans == ["9999-12-29T10:00:00Z/9999-12-29T12:00:00Z"])
        #expect(expansion.diagnostics.map(\.description) == [
            path + ":16: DTSTART: error: \"Etter år 9999\": an occurrence starting 9999-12-30T10:00:00Z reaches past 9999-12-31T23:59:59 (or before year 0000), out of the range of iCalendar dates; it is left out",
        ])
        // The DURATION out of range is not used: the event lasts no time, as without one.
        let early = try expandFixture("duration-out-of-range.ics")
        #expect(early.spans(uid: "uendelig-lang@aarshjul.test") == ["2027-01-05T10:00:00Z/2027-01-05T10:00:00Z"])
    }

    @Test("A zoned time late on 9999-12-31 whose instant is in year 10000 is left out too")
    func instantBeyond9999() throws {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:z\r\nSUMMARY:Sent\r\n"
            + "DTSTART;TZID=America/New_York:99991231T220000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let document = try ICalendarReader().read(text)
        let calendar = try #require(document.calendars.first)
        let far = LocalDate(year: 10_000, month: 1, day: 2)
        let expansion = Expander().expand(calendar: calendar, from: day("9999-12-01"), to: far)
        #expect(expansion.occurrences.isEmpty)
        #expect(expansion.diagnostics.map(\.description) == [
            "<input>:5: DTSTART: error: \"Sent\": an occurrence starting 9999-12-31T22:00:00 [America/New_York] reaches past 9999-12-31T23:59:59 (or before year 0000), out of the range of iCalendar dates; it is left out",
        ])
    }
}
