import Foundation
import Testing
@testable import ICalendar

/// One test per expansion fixture, each asserting the exact occurrences RFC 5545 gives.
/// Times in comments are Europe/Oslo wall times: CET (+01:00) until 2027-03-28 02:00,
/// CEST (+02:00) until 2027-10-31 03:00, CET again after.
@Suite("Expansion of the fixtures")
struct ExpansionFixtureTests {

    // MARK: DST

    @Test("DST gap: 02:30 on 2027-03-28 does not exist in Oslo; it is read with the offset before the gap")
    func dstGapOslo() throws {
        let expansion = try expandFixture("dst-gap-oslo.ics")
        // RFC 5545 §3.3.5: a nonexistent local time is read with the UTC offset before the gap:
        // 02:30+01:00 = 01:30Z. DTEND − DTSTART is an exact hour (§3.8.5.3), so it ends 02:30Z.
        #expect(expansion.spans(uid: "dst-gap-oslo@aarshjul.test") == [
            "2027-03-26T01:30:00Z/2027-03-26T02:30:00Z",
            "2027-03-27T01:30:00Z/2027-03-27T02:30:00Z",
            "2027-03-28T01:30:00Z/2027-03-28T02:30:00Z",
            "2027-03-29T00:30:00Z/2027-03-29T01:30:00Z",
        ])
        #expect(expansion.diagnostics.isEmpty)
        let gap = try #require(expansion.occurrences.first { $0.start.date == day("2027-03-28") })
        #expect(gap.recurrenceID == .zoned(LocalDateTime(year: 2027, month: 3, day: 28, hour: 2, minute: 30), tzid: "Europe/Oslo"))
        #expect(gap.startUTC == LocalDateTime(year: 2027, month: 3, day: 28, hour: 1, minute: 30).secondsSinceEpoch)
        #expect(gap.endUTC.map { $0 - gap.startUTC! } == 3_600)
    }

    @Test("DST gap: the window [2027-03-28, 2027-03-29) holds only the instance of that night")
    func dstGapWindow() throws {
        let expansion = try expandFixture("dst-gap-oslo.ics", from: "2027-03-28", to: "2027-03-29")
        #expect(expansion.spans == ["2027-03-28T01:30:00Z/2027-03-28T02:30:00Z"])
    }

    @Test("DST fold: 02:30 on 2027-10-31 happens twice in Oslo; the first one (CEST, 00:30Z) is meant")
    func dstFoldOslo() throws {
        let expansion = try expandFixture("dst-fold-oslo.ics")
        // The instance lasts the exact hour DTEND − DTSTART gives (RFC 5545 §3.8.5.3).
        #expect(expansion.spans(uid: "dst-fold-oslo@aarshjul.test") == [
            "2027-10-30T00:30:00Z/2027-10-30T01:30:00Z",
            "2027-10-31T00:30:00Z/2027-10-31T01:30:00Z",
            "2027-11-01T01:30:00Z/2027-11-01T02:30:00Z",
        ])
        #expect(expansion.diagnostics.isEmpty)
    }

    @Test("DST gap: EXDATE and RECURRENCE-ID naming the nonexistent 02:30 match the instance in the gap")
    func dstGapExdateAndOverride() throws {
        let expansion = try expandFixture("dst-gap-exdate-and-override-oslo.ics")
        // EXDATE;TZID=Europe/Oslo:20270328T023000 is the same instant (01:30Z) as the instance
        // the rule generates for that night: it is excluded (RFC 5545 §3.8.5.1).
        #expect(expansion.spans(uid: "dst-gap-exdate-oslo@aarshjul.test") == [
            "2027-03-26T01:30:00Z/2027-03-26T02:30:00Z",
            "2027-03-27T01:30:00Z/2027-03-27T02:30:00Z",
            "2027-03-29T00:30:00Z/2027-03-29T01:30:00Z",
        ])
        // The override with RECURRENCE-ID 02:30 replaces that night's instance (§3.8.4.4):
        // moved to 04:00 CEST = 02:00Z; the original instance is gone.
        #expect(expansion.spans(uid: "dst-gap-override-oslo@aarshjul.test") == [
            "2027-03-26T01:30:00Z/2027-03-26T02:30:00Z",
            "2027-03-27T01:30:00Z/2027-03-27T02:30:00Z",
            "2027-03-28T02:00:00Z/2027-03-28T03:00:00Z",
            "2027-03-29T00:30:00Z/2027-03-29T01:30:00Z",
        ])
        let moved = expansion.occurrences(uid: "dst-gap-override-oslo@aarshjul.test").map(\.summary)
        #expect(moved == ["Nattlig vedlikehold", "Nattlig vedlikehold", "Nattlig vedlikehold (flyttet til 04:00)", "Nattlig vedlikehold"])
    }

    @Test("DST fold: an EXDATE at the second 02:30 (01:30Z) does not remove the instance at the first (00:30Z)")
    func dstFoldExdate() throws {
        let expansion = try expandFixture("dst-fold-exdate-oslo.ics")
        // EXDATE compares instants (RFC 5545 §3.8.5.1): 01:30Z is not an instance of the set.
        #expect(expansion.spans(uid: "dst-fold-exdate-oslo@aarshjul.test") == [
            "2027-10-30T00:30:00Z/2027-10-30T01:30:00Z",
            "2027-10-31T00:30:00Z/2027-10-31T01:30:00Z",
            "2027-11-01T01:30:00Z/2027-11-01T02:30:00Z",
        ])
        // 00:30Z is the instance: it goes.
        #expect(expansion.spans(uid: "dst-fold-exdate-first-oslo@aarshjul.test") == [
            "2027-10-30T00:30:00Z/2027-10-30T01:30:00Z",
            "2027-11-01T01:30:00Z/2027-11-01T02:30:00Z",
        ])
    }

    // MARK: All-day events

    @Test("All-day single events: DTEND is exclusive; no DTEND means one day")
    func allDaySingle() throws {
        let expansion = try expandFixture("all-day-single.ics")
        #expect(expansion.spans(uid: "fagdag-2027@aarshjul.test") == ["2027-06-09/2027-06-10"])
        #expect(expansion.spans(uid: "budsjettseminar-2027@aarshjul.test") == ["2027-09-15/2027-09-17"])
        #expect(expansion.spans(uid: "frist-innspill-2027@aarshjul.test") == ["2027-03-01/2027-03-02"])
        #expect(expansion.occurrences.count == 3)
        for occurrence in expansion.occurrences {
            #expect(occurrence.start.isDate && occurrence.end.isDate)
            #expect(occurrence.startUTC == nil && occurrence.endUTC == nil)
        }
        // Sorted by start.
        #expect(expansion.occurrences.map(\.uid) == ["frist-innspill-2027@aarshjul.test", "fagdag-2027@aarshjul.test",
                                                      "budsjettseminar-2027@aarshjul.test"])
    }

    @Test("All-day events and the window: overlapping the start counts, ending at the start does not")
    func allDayWindowEdges() throws {
        // The seminar (15–16 Sep) overlaps a window from the 16th; the 'fagdag' ends as the window begins.
        #expect(try expandFixture("all-day-single.ics", from: "2027-09-16", to: "2027-09-17").spans == ["2027-09-15/2027-09-17"])
        #expect(try expandFixture("all-day-single.ics", from: "2027-06-10", to: "2027-06-11").spans.isEmpty)
        #expect(try expandFixture("all-day-single.ics", from: "2027-06-08", to: "2027-06-09").spans.isEmpty)
    }

    @Test("All-day recurring events: weekly with DTEND, monthly without")
    func allDayRecurring() throws {
        let expansion = try expandFixture("all-day-recurring.ics")
        #expect(expansion.spans(uid: "hjemmekontor-fredag@aarshjul.test") == [
            "2027-01-08/2027-01-09", "2027-01-15/2027-01-16", "2027-01-22/2027-01-23",
        ])
        #expect(expansion.spans(uid: "saksliste-publiseres@aarshjul.test") == ["2027-02-01/2027-02-02", "2027-03-01/2027-03-02"])
        #expect(expansion.occurrences(uid: "saksliste-publiseres@aarshjul.test").map(\.recurrenceID) == [
            .date(day("2027-02-01")), .date(day("2027-03-01")),
        ])
    }

    // MARK: Overrides, RDATE, EXDATE

    @Test("RECURRENCE-ID with TZID moves one instance of a zoned weekly series; a UTC RECURRENCE-ID naming the same instant does too")
    func recurrenceIDWithTZID() throws {
        let expansion = try expandFixture("recurrence-id-tzid.ics")
        let uid = "formannskapet-2027@aarshjul.test"
        #expect(expansion.spans(uid: uid) == [
            "2027-01-05T09:00:00Z/2027-01-05T12:00:00Z",
            "2027-01-12T09:00:00Z/2027-01-12T12:00:00Z",
            "2027-01-20T13:00:00Z/2027-01-20T15:00:00Z", // moved to Wednesday 14–16
            "2027-01-26T10:00:00Z/2027-01-26T13:00:00Z", // starts at 11 (RECURRENCE-ID 09:00Z = 10:00 Oslo)
        ])
        let occurrences = expansion.occurrences(uid: uid)
        #expect(occurrences.map(\.summary) == ["Formannskapet", "Formannskapet", "Formannskapet (flyttet til onsdag)",
                                               "Formannskapet (starter kl. 11)"])
        #expect(occurrences[2].recurrenceID == .zoned(LocalDateTime(year: 2027, month: 1, day: 19, hour: 10), tzid: "Europe/Oslo"))
        #expect(occurrences[2].start == .zoned(LocalDateTime(year: 2027, month: 1, day: 20, hour: 14), tzid: "Europe/Oslo"))
        #expect(occurrences[3].recurrenceID?.local == LocalDateTime(year: 2027, month: 1, day: 26, hour: 10))
        #expect(expansion.diagnostics.isEmpty)
    }

    @Test("An override belongs to the window it was moved into, not the one it was moved from")
    func overrideAndWindow() throws {
        // The 19 January instance was moved to Wednesday the 20th.
        #expect(try expandFixture("recurrence-id-tzid.ics", from: "2027-01-19", to: "2027-01-20").spans.isEmpty)
        let moved = try expandFixture("recurrence-id-tzid.ics", from: "2027-01-20", to: "2027-01-21")
        #expect(moved.spans == ["2027-01-20T13:00:00Z/2027-01-20T15:00:00Z"])
        #expect(moved.occurrences.first?.component.value(of: "SEQUENCE") == "1")
    }

    @Test("RDATE with a TZID of another zone than DTSTART (libical 3.0.16 drops that TZID)")
    func rdateInOtherZone() throws {
        let expansion = try expandFixture("rdate-tzid-other-zone.ics")
        // RDATE;TZID=America/New_York:20270315T080000 is 08:00 EDT (the US changed on 14 March)
        // = 12:00Z = 13:00 in Oslo; it lasts DTSTART's hour.
        #expect(expansion.spans(uid: "partnermote@aarshjul.test") == [
            "2027-03-01T08:00:00Z/2027-03-01T09:00:00Z",
            "2027-03-15T12:00:00Z/2027-03-15T13:00:00Z",
            "2027-04-01T07:00:00Z/2027-04-01T08:00:00Z",
        ])
        #expect(expansion.diagnostics.isEmpty)
    }

    @Test("RDATE as PERIOD: each period keeps its own end or duration")
    func rdatePeriod() throws {
        let expansion = try expandFixture("rdate-period.ics")
        #expect(expansion.spans(uid: "arbeidsmote-budsjett@aarshjul.test") == [
            "2027-04-05T07:00:00Z/2027-04-05T08:00:00Z", // DTSTART, one hour
            "2027-04-12T11:00:00Z/2027-04-12T14:00:00Z", // 13:00–16:00 Oslo
            "2027-04-19T06:00:00Z/2027-04-19T08:30:00Z", // 08:00 + PT2H30M
            "2027-04-26T07:00:00Z/2027-04-26T08:00:00Z", // UTC start + PT1H
        ])
    }

    @Test("RANGE=THISANDFUTURE moves and renames the overridden instance and every later one")
    func rangeThisAndFuture() throws {
        let expansion = try expandFixture("range-thisandfuture.ics")
        let uid = "bystyret-var-2027@aarshjul.test"
        #expect(expansion.spans(uid: uid) == [
            "2027-02-04T15:00:00Z/2027-02-04T19:00:00Z",
            "2027-02-11T15:00:00Z/2027-02-11T19:00:00Z",
            "2027-02-18T16:00:00Z/2027-02-18T19:00:00Z",
            "2027-02-25T16:00:00Z/2027-02-25T19:00:00Z",
            "2027-03-04T16:00:00Z/2027-03-04T19:00:00Z",
            "2027-03-11T16:00:00Z/2027-03-11T19:00:00Z",
        ])
        #expect(expansion.occurrences(uid: uid).map(\.summary) == [
            "Bystyret", "Bystyret", "Bystyret (nytt møtetidspunkt)", "Bystyret (nytt møtetidspunkt)",
            "Bystyret (nytt møtetidspunkt)", "Bystyret (nytt møtetidspunkt)",
        ])
        // Each keeps its own RECURRENCE-ID (the original 16:00 start).
        #expect(expansion.occurrences(uid: uid).map { $0.recurrenceID?.local.hour } == [16, 16, 16, 16, 16, 16])
    }

    @Test("RANGE=THISANDFUTURE applies in a window that starts after the override")
    func rangeThisAndFutureLaterWindow() throws {
        let expansion = try expandFixture("range-thisandfuture.ics", from: "2027-03-01", to: "2027-04-01")
        #expect(expansion.spans == ["2027-03-04T16:00:00Z/2027-03-04T19:00:00Z", "2027-03-11T16:00:00Z/2027-03-11T19:00:00Z"])
        #expect(expansion.occurrences.map(\.summary) == ["Bystyret (nytt møtetidspunkt)", "Bystyret (nytt møtetidspunkt)"])
    }

    @Test("EXDATE in UTC and in America/New_York removes the Oslo instances at the same instant, and only those")
    func exdateInOtherZones() throws {
        let expansion = try expandFixture("exdate-other-zone.ics")
        // 20270111T070000Z = 08:00 Oslo and 20270125T020000 New York (EST) = 07:00Z = 08:00 Oslo
        // are instances; 20270118T080000Z is 09:00 Oslo, no instance, so 18 January stays.
        #expect(expansion.spans(uid: "ledermote-mandag@aarshjul.test") == [
            "2027-01-04T07:00:00Z/2027-01-04T07:30:00Z",
            "2027-01-18T07:00:00Z/2027-01-18T07:30:00Z",
            "2027-02-01T07:00:00Z/2027-02-01T07:30:00Z",
        ])
    }

    // MARK: Zones

    @Test("Windows TZID with Outlook's VTIMEZONE")
    func windowsTZIDWithVTimezone() throws {
        let expansion = try expandFixture("windows-tzid-with-vtimezone.ics")
        #expect(expansion.spans == [
            "2027-03-16T09:00:00Z/2027-03-16T10:00:00Z",
            "2027-03-23T09:00:00Z/2027-03-23T10:00:00Z",
            "2027-03-30T08:00:00Z/2027-03-30T09:00:00Z", // summer time from 28 March
        ])
        #expect(expansion.diagnostics.isEmpty)
        #expect(expansion.occurrences.first?.start.tzid == "W. Europe Standard Time")
    }

    @Test("Windows TZID without a VTIMEZONE is mapped to the IANA zone")
    func windowsTZIDWithoutVTimezone() throws {
        let expansion = try expandFixture("windows-tzid-without-vtimezone.ics")
        #expect(expansion.spans == [
            "2027-03-16T09:00:00Z/2027-03-16T10:00:00Z",
            "2027-03-23T09:00:00Z/2027-03-23T10:00:00Z",
            "2027-03-30T08:00:00Z/2027-03-30T09:00:00Z",
        ])
        #expect(expansion.diagnostics.isEmpty)
        #expect(ZoneResolver.ianaName(for: "W. Europe Standard Time") == "Europe/Berlin")
    }

    @Test("X-WR-TIMEZONE: Google's floating times are read in the calendar's zone; UTC times stay UTC")
    func xWRTimezone() throws {
        let expansion = try expandFixture("x-wr-timezone-google.ics")
        #expect(expansion.spans(uid: "3k7q2m9x1c0v5b8n4z6l@google.com") == [
            "2027-03-17T09:00:00Z/2027-03-17T11:00:00Z",
            "2027-03-24T09:00:00Z/2027-03-24T11:00:00Z",
            "2027-03-31T08:00:00Z/2027-03-31T10:00:00Z",
        ])
        #expect(expansion.spans(uid: "9d1f0s8a7g6h5j4k3l2p@google.com") == ["2027-03-18T12:00:00Z/2027-03-18T13:00:00Z"])
        #expect(expansion.diagnostics.isEmpty)
        // Without X-WR-TIMEZONE the same times are floating.
        var document = try readFixture("x-wr-timezone-google.ics")
        document.calendars[0].removeProperties(named: "X-WR-TIMEZONE")
        let floating = Expander().expand(document, from: day("2027-01-01"), to: day("2028-01-01"))
        #expect(floating.spans(uid: "3k7q2m9x1c0v5b8n4z6l@google.com") == [
            "2027-03-17T10:00:00/2027-03-17T12:00:00",
            "2027-03-24T10:00:00/2027-03-24T12:00:00",
            "2027-03-31T10:00:00/2027-03-31T12:00:00",
        ])
        #expect(floating.spans(uid: "9d1f0s8a7g6h5j4k3l2p@google.com") == ["2027-03-18T12:00:00Z/2027-03-18T13:00:00Z"])
    }

    @Test("An unknown TZID is an error diagnostic and the time is read as floating")
    func unknownTZID() throws {
        let expansion = try expandFixture("unknown-tzid.ics")
        #expect(expansion.spans == ["2027-05-10T09:00:00/2027-05-10T10:00:00"])
        let occurrence = try #require(expansion.occurrences.first)
        #expect(!occurrence.normalizedStart.hasSuffix("Z"))
        #expect(occurrence.startUTC == nil)
        #expect(expansion.diagnostics.count == 1)
        let diagnostic = try #require(expansion.diagnostics.first)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.property == "DTSTART")
        #expect(diagnostic.line == 9)
        #expect(diagnostic.message.contains("unknown time zone \"Mars/Olympus_Mons\""))
        #expect(diagnostic.message.contains("floating"))
    }

    // MARK: Rules

    @Test("UNTIL in UTC with a zoned DTSTART: an instance exactly at UNTIL is included, one second later is not")
    func untilUTCWithZonedStart() throws {
        let expansion = try expandFixture("until-utc-zoned-dtstart.ics")
        // UNTIL=20271104T090000Z is 10:00 CET on 4 November: the last instance, included.
        #expect(expansion.spans(uid: "kontrollutvalget-host-2027@aarshjul.test") == [
            "2027-10-21T08:00:00Z/2027-10-21T09:30:00Z",
            "2027-10-28T08:00:00Z/2027-10-28T09:30:00Z",
            "2027-11-04T09:00:00Z/2027-11-04T10:30:00Z",
        ])
        #expect(expansion.spans(uid: "kontrollutvalget-host-2027-ett-sekund-for@aarshjul.test") == [
            "2027-10-21T08:00:00Z/2027-10-21T09:30:00Z",
            "2027-10-28T08:00:00Z/2027-10-28T09:30:00Z",
        ])
    }

    @Test("COUNT with INTERVAL=2: five instances, DTSTART the first")
    func count() throws {
        let expansion = try expandFixture("count.ics")
        #expect(expansion.spans(uid: "eldreradet-2027@aarshjul.test") == [
            "2027-01-12T08:00:00Z/2027-01-12T10:30:00Z",
            "2027-01-26T08:00:00Z/2027-01-26T10:30:00Z",
            "2027-02-09T08:00:00Z/2027-02-09T10:30:00Z",
            "2027-02-23T08:00:00Z/2027-02-23T10:30:00Z",
            "2027-03-09T08:00:00Z/2027-03-09T10:30:00Z",
        ])
        // COUNT is counted from DTSTART even when the window starts later.
        #expect(try expandFixture("count.ics", from: "2027-02-01", to: "2027-12-31").spans == [
            "2027-02-09T08:00:00Z/2027-02-09T10:30:00Z",
            "2027-02-23T08:00:00Z/2027-02-23T10:30:00Z",
            "2027-03-09T08:00:00Z/2027-03-09T10:30:00Z",
        ])
    }

    @Test("BYSETPOS=-1 over weekdays: the last workday of each month")
    func bysetposLastWorkday() throws {
        let expansion = try expandFixture("bysetpos-last-workday.ics")
        #expect(expansion.occurrences.map { $0.start.date.description } == [
            "2027-01-29", "2027-02-26", "2027-03-31", "2027-04-30", "2027-05-31", "2027-06-30",
        ])
        #expect(expansion.spans == [
            "2027-01-29T13:00:00Z/2027-01-29T13:30:00Z",
            "2027-02-26T13:00:00Z/2027-02-26T13:30:00Z",
            "2027-03-31T12:00:00Z/2027-03-31T12:30:00Z",
            "2027-04-30T12:00:00Z/2027-04-30T12:30:00Z",
            "2027-05-31T12:00:00Z/2027-05-31T12:30:00Z",
            "2027-06-30T12:00:00Z/2027-06-30T12:30:00Z",
        ])
        for occurrence in expansion.occurrences { #expect(occurrence.start.date.weekday <= 5) }
    }

    @Test("Negative BYDAY: the last Sunday (-1SU) and the second-last Thursday (-2TH) of the month")
    func negativeByday() throws {
        let expansion = try expandFixture("negative-byday.ics")
        #expect(expansion.spans(uid: "siste-sondag@aarshjul.test") == [
            "2027-01-31T17:00:00Z/2027-01-31T17:30:00Z",
            "2027-02-28T17:00:00Z/2027-02-28T17:30:00Z",
            "2027-03-28T16:00:00Z/2027-03-28T16:30:00Z", // the DST day itself: 18:00 CEST
            "2027-04-25T16:00:00Z/2027-04-25T16:30:00Z",
        ])
        #expect(expansion.spans(uid: "nest-siste-torsdag@aarshjul.test") == [
            "2027-01-21T07:30:00Z/2027-01-21T08:30:00Z",
            "2027-02-18T07:30:00Z/2027-02-18T08:30:00Z",
            "2027-03-18T07:30:00Z/2027-03-18T08:30:00Z",
        ])
    }

    @Test("A rule that never ends (FREQ=SECONDLY) is cut at the cap with a warning, promptly")
    func secondlyRuleIsCut() throws {
        let clock = ContinuousClock()
        var expansion: Expansion?
        let elapsed = try clock.measure {
            expansion = try expandFixture("secondly-without-end.ics", options: ExpansionOptions(maxOccurrencesPerEvent: 500))
        }
        let result = try #require(expansion)
        #expect(elapsed < .seconds(5))
        #expect(result.occurrences.count == 500)
        #expect(result.occurrences.first?.normalizedStart == "2027-01-01T00:00:00Z")
        #expect(result.occurrences.last?.normalizedStart == "2027-01-01T00:08:19Z")
        let warnings = result.diagnostics.filter { $0.severity == .warning && $0.property == "RRULE" }
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains("more than 500 occurrences") == true)
        #expect(warnings.first?.line == 10)
    }

    @Test("A never-ending rule in a window long after DTSTART: the cap keeps the first occurrences in the window")
    func secondlyRuleCutInLaterWindow() throws {
        let expansion = try expandFixture("secondly-without-end.ics", from: "2027-06-01", to: "2027-06-02",
                                          options: ExpansionOptions(maxOccurrencesPerEvent: 500))
        #expect(expansion.occurrences.count == 500)
        #expect(expansion.occurrences.first?.normalizedStart == "2027-06-01T00:00:00Z")
        #expect(expansion.occurrences.last?.normalizedStart == "2027-06-01T00:08:19Z")
        #expect(expansion.diagnostics.contains { $0.severity == .warning && $0.property == "RRULE" })
    }

    // MARK: Fixtures read mainly for other reasons: their occurrences too

    @Test("The long Norwegian meeting expands to its one occurrence, in either folding")
    func norwegianTextOccurrence() throws {
        for name in ["norwegian-text-folding.ics", "norwegian-text-folded-inside-characters.ics"] {
            let expansion = try expandFixture(name)
            #expect(expansion.spans == ["2027-12-09T09:00:00Z/2027-12-09T17:00:00Z"], "\(name)")
        }
        // (The text of the octet-folded file is checked in ReaderTests.)
        #expect(try expandFixture("norwegian-text-folding.ics").occurrences.first?.summary.hasPrefix("Bystyret 2027: økonomiplan") == true)
    }

    @Test("Unknown components inside an event do not disturb its expansion")
    func unknownComponentsOccurrence() throws {
        let expansion = try expandFixture("unknown-components-and-properties.ics")
        #expect(expansion.spans == ["2027-01-07T15:00:00Z/2027-01-07T19:00:00Z"])
        #expect(expansion.diagnostics.isEmpty)
    }
}
