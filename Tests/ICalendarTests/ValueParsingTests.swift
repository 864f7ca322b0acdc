import Foundation
import Testing
@testable import ICalendar

@Suite("Values")
struct ValueParsingTests {

    // MARK: DATE and DATE-TIME

    @Test("DateTimeValue.parse reads the three forms of DATE-TIME and DATE")
    func dateTimeForms() {
        let time = LocalDateTime(year: 2027, month: 3, day: 28, hour: 2, minute: 30)
        #expect(DateTimeValue.parse("20270328") == .date(LocalDate(year: 2027, month: 3, day: 28)))
        #expect(DateTimeValue.parse("20270328T023000") == .floating(time))
        #expect(DateTimeValue.parse("20270328T023000Z") == .utc(time))
        #expect(DateTimeValue.parse("20270328T023000", tzid: "Europe/Oslo") == .zoned(time, tzid: "Europe/Oslo"))
        // A TZID on a UTC or DATE value is ignored (RFC 5545 §3.2.19).
        #expect(DateTimeValue.parse("20270328T023000Z", tzid: "Europe/Oslo") == .utc(time))
        #expect(DateTimeValue.parse("20270328", tzid: "Europe/Oslo") == .date(LocalDate(year: 2027, month: 3, day: 28)))
        #expect(DateTimeValue.parse("20270328T023000", tzid: "") == .floating(time))
        #expect(DateTimeValue.parse("20271231T235960Z") == .utc(LocalDateTime(year: 2027, month: 12, day: 31, hour: 23, minute: 59, second: 60)))
    }

    @Test("DateTimeValue.parse refuses what is not exactly a DATE or DATE-TIME", arguments: [
        "", "2027", "2027032", "2027-03-28", "20271301", "20270230", "20270229", "20270328T", "20270328T0230",
        "20270328T240000", "20270328T026000", "20270328 023000", "20270328T023000ZZ", "20270328T023000+01", "T023000",
        "2027032aT023000",
    ])
    func dateTimeRefusals(text: String) {
        #expect(DateTimeValue.parse(text) == nil)
    }

    @Test("DateTimeValue's views: isDate, local, tzid, icalendarText, description, with(local:)")
    func dateTimeViews() {
        let time = LocalDateTime(year: 2027, month: 10, day: 31, hour: 2, minute: 30)
        let zoned = DateTimeValue.zoned(time, tzid: "Europe/Oslo")
        #expect(zoned.tzid == "Europe/Oslo" && !zoned.isDate)
        #expect(zoned.icalendarText == "20271031T023000")
        #expect(zoned.description == "2027-10-31T02:30:00 [Europe/Oslo]")
        #expect(DateTimeValue.utc(time).icalendarText == "20271031T023000Z")
        #expect(DateTimeValue.date(time.date).icalendarText == "20271031")
        #expect(DateTimeValue.date(time.date).local == LocalDateTime(year: 2027, month: 10, day: 31))
        #expect(DateTimeValue.date(time.date).isDate)
        #expect(zoned.with(local: LocalDateTime(year: 2027, month: 11, day: 1, hour: 9)) == .zoned(LocalDateTime(year: 2027, month: 11, day: 1, hour: 9), tzid: "Europe/Oslo"))
        #expect(DateTimeValue.utc(time).tzid == nil)
    }

    @Test("EXDATE and RDATE lists: every element parses, with the property's TZID")
    func dateTimeLists() {
        let property = Property(name: "EXDATE", parameters: [Parameter("TZID", "Europe/Oslo")], value: "20270105T100000,20270112T100000")
        #expect(property.dateTimeValues == [
            .zoned(LocalDateTime(year: 2027, month: 1, day: 5, hour: 10), tzid: "Europe/Oslo"),
            .zoned(LocalDateTime(year: 2027, month: 1, day: 12, hour: 10), tzid: "Europe/Oslo"),
        ])
        #expect(Property(name: "EXDATE", value: "20270105T100000,bad").dateTimeValues == nil)
        #expect(Property(name: "EXDATE", value: "").dateTimeValues == nil)
    }

    // MARK: DURATION

    @Test("ICalDuration.parse reads weeks, days and times, with a sign", arguments: [
        ("P1W", ICalDuration(weeks: 1)),
        ("P15DT5H0M20S", ICalDuration(days: 15, hours: 5, seconds: 20)),
        ("PT1H30M", ICalDuration(hours: 1, minutes: 30)),
        ("-PT15M", ICalDuration(isNegative: true, minutes: 15)),
        ("+P1D", ICalDuration(days: 1)),
        ("PT0S", ICalDuration()),
        ("p1dt2h", ICalDuration(days: 1, hours: 2)),
    ])
    func durations(text: String, expected: ICalDuration) {
        #expect(ICalDuration.parse(text) == expected)
    }

    @Test("ICalDuration.parse refuses malformed durations", arguments: [
        "", "P", "PT", "1D", "P1H", "PT1D", "P1.5D", "P-1D", "PT1H2", "PTH", "P1D1D2", "PT1HT2M", "P 1D",
    ])
    func badDurations(text: String) {
        #expect(ICalDuration.parse(text) == nil)
    }

    @Test("A duration with a T and no time after it is refused, as PT is (RFC 5545 §3.3.6: dur-time needs an H, M or S)")
    func durationWithEmptyTime() {
        #expect(ICalDuration.parse("PT") == nil)
        #expect(ICalDuration.parse("P1DT") == nil)
        #expect(ICalDuration.parse("P2WT") == nil)
    }

    @Test("ICalDuration.read tells a duration out of range from text that is not one", arguments: [
        ("P999999999999999999W", ICalDuration.ParseError.outOfRange),
        ("-P99999999999999999999999999999999D", .outOfRange),
        ("P521775W", .outOfRange),                    // exactly 10,000 years: one second too long
        ("PT315569520000S", .outOfRange),
        ("P999999999999999999X", .notADuration),      // the grammar is checked first
        ("P1D1", .notADuration),
    ])
    func durationsOutOfRange(text: String, expected: ICalDuration.ParseError) {
        #expect(ICalDuration.read(text) == .failure(expected))
        #expect(ICalDuration.parse(text) == nil)
    }

    @Test("The longest duration in range spans 0000-01-01T00:00:00 to 9999-12-31T23:59:59")
    func longestDuration() throws {
        let longest = try ICalDuration.read("P521774W6DT23H59M59S").get()
        #expect(longest.totalSeconds == ICalDuration.maximumSeconds)
        #expect(ICalDuration.read("PT315569519999S") == .success(ICalDuration(seconds: 315_569_519_999)))
        #expect(CalendarRange.end(of: CalendarRange.first, plus: longest) == CalendarRange.last)
        #expect(CalendarRange.end(of: CalendarRange.first.adding(seconds: 1), plus: longest) == nil)
        #expect(CalendarRange.end(of: CalendarRange.last, plus: ICalDuration(isNegative: true, weeks: 521_774, days: 6, hours: 23, minutes: 59, seconds: 59)) == CalendarRange.first)
        #expect(CalendarRange.end(of: LocalDateTime(year: 9999, month: 12, day: 31, hour: 10), plus: ICalDuration(hours: 13, minutes: 59, seconds: 59)) == CalendarRange.last)
        #expect(CalendarRange.end(of: LocalDateTime(year: 9999, month: 12, day: 31, hour: 10), plus: ICalDuration(hours: 14)) == nil)
        #expect(CalendarRange.end(of: CalendarRange.first, plus: ICalDuration(weeks: Int.max)) == nil, "no overflow")
    }

    @Test("ICalDuration: description is canonical; nominal days and exact seconds are apart")
    func durationDescription() {
        #expect(ICalDuration(days: 1).description == "P1D")
        #expect(ICalDuration(hours: 1, minutes: 30).description == "PT1H30M")
        #expect(ICalDuration(isNegative: true, weeks: 1).description == "-P1W")
        #expect(ICalDuration().description == "PT0S")
        #expect(ICalDuration(days: 2, seconds: 5).description == "P2DT5S")
        for text in ["P1W", "P15DT5H20S", "-PT15M", "PT0S", "P1DT12H"] {
            #expect(ICalDuration.parse(text)?.description == text)
        }
        let duration = ICalDuration(isNegative: true, weeks: 1, days: 2, hours: 3, minutes: 4, seconds: 5)
        #expect(duration.nominalDays == -9)
        #expect(duration.exactSeconds == -(3 * 3_600 + 4 * 60 + 5))
        #expect(duration.totalSeconds == -(9 * 86_400 + 3 * 3_600 + 4 * 60 + 5))
    }

    // MARK: PERIOD

    @Test("Period.parse: start/end and start/duration, with the TZID on both times")
    func periods() {
        let start = LocalDateTime(year: 2027, month: 4, day: 12, hour: 13)
        #expect(Period.parse("20270412T130000/20270412T160000", tzid: "Europe/Oslo") ==
                Period(start: .zoned(start, tzid: "Europe/Oslo"), end: .date(.zoned(LocalDateTime(year: 2027, month: 4, day: 12, hour: 16), tzid: "Europe/Oslo"))))
        #expect(Period.parse("20270412T130000Z/PT2H30M") == Period(start: .utc(start), end: .duration(ICalDuration(hours: 2, minutes: 30))))
        #expect(Period.parse("20270412T130000/P1D") == Period(start: .floating(start), end: .duration(ICalDuration(days: 1))))
    }

    @Test("Period.parse refuses dates, negative durations and other shapes", arguments: [
        "20270412/20270413", "20270412/P1D", "20270412T130000/-PT1H", "20270412T130000", "20270412T130000/",
        "/PT1H", "20270412T130000/PT1H/PT1H", "20270412T130000/20270413",
    ])
    func badPeriods(text: String) {
        #expect(Period.parse(text) == nil)
    }

    @Test("A PERIOD list on RDATE")
    func periodList() {
        let property = Property(name: "RDATE", parameters: [Parameter("VALUE", "PERIOD")],
                                value: "20270412T110000Z/20270412T140000Z,20270419T060000Z/PT2H30M")
        #expect(property.periodValues?.count == 2)
        #expect(Property(name: "RDATE", value: "20270412T110000Z/x").periodValues == nil)
    }

    // MARK: UTC-OFFSET

    @Test("UTCOffset.parse reads ±HHMM and ±HHMMSS", arguments: [
        ("+0100", 3_600), ("+0200", 7_200), ("-0500", -18_000), ("-0330", -12_600), ("+013045", 5_445), ("+0000", 0), (" +0100 ", 3_600),
    ])
    func offsets(text: String, seconds: Int) {
        #expect(UTCOffset.parse(text) == UTCOffset(seconds: seconds))
    }

    @Test("UTCOffset.parse refuses malformed offsets", arguments: ["", "0100", "+1", "+100", "+01000", "+2400", "+0160", "+010060", "+01:00", "++0100", "+01a0"])
    func badOffsets(text: String) {
        #expect(UTCOffset.parse(text) == nil)
    }

    @Test("UTCOffset.description")
    func offsetDescription() {
        #expect(UTCOffset(seconds: 3_600).description == "+0100")
        #expect(UTCOffset(seconds: -18_000).description == "-0500")
        #expect(UTCOffset(seconds: 5_445).description == "+013045")
        #expect(UTCOffset(seconds: -1_800).description == "-0030")
        #expect(UTCOffset(seconds: 0).description == "+0000")
    }

    // MARK: RECUR

    @Test("RecurrenceRule.parse reads the fields the expander needs")
    func rules() throws {
        let rule = try RecurrenceRule.parse("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20271104T090000Z").get()
        #expect(rule.frequency == .weekly)
        #expect(rule.interval == 2)
        #expect(rule.count == nil)
        #expect(rule.until == .utc(LocalDateTime(year: 2027, month: 11, day: 4, hour: 9)))
        #expect(rule.textWithoutUntil == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU")
        let counted = try RecurrenceRule.parse("freq=monthly;byday=MO,TU,WE,TH,FR;bysetpos=-1;count=6").get()
        #expect(counted.frequency == .monthly)
        #expect(counted.count == 6)
        #expect(counted.interval == 1)
        #expect(try RecurrenceRule.parse("FREQ=YEARLY;UNTIL=20271231").get().until == .date(LocalDate(year: 2027, month: 12, day: 31)))
    }

    @Test("RecurrenceRule.parse errors say what is wrong", arguments: [
        ("", "FREQ is missing"),
        ("BYDAY=MO", "FREQ is missing"),
        ("FREQ=FORTNIGHTLY", "FREQ=FORTNIGHTLY is not a frequency"),
        ("FREQ=DAILY;COUNT=3;UNTIL=20270101", "COUNT and UNTIL must not both be given"),
        ("FREQ=DAILY;COUNT=tre", "COUNT=tre is not a whole number"),
        ("FREQ=DAILY;COUNT=-1", "COUNT=-1 is not a whole number"),
        ("FREQ=DAILY;UNTIL=2027-12-31", "UNTIL=2027-12-31 is not a DATE or DATE-TIME"),
        ("FREQ=DAILY;INTERVAL=0", "INTERVAL=0 is not a positive whole number"),
        ("FREQ=DAILY;FREQ=WEEKLY", "FREQ is given twice"),
        ("FREQ=DAILY;BYDAY", "\"BYDAY\" is not NAME=VALUE"),
    ])
    func ruleErrors(text: String, reason: String) {
        switch RecurrenceRule.parse(text) {
        case .success(let rule): Issue.record("\(text) was accepted as \(rule)")
        case .failure(let error): #expect(error.description.contains(reason), "\(error.description)")
        }
    }

    @Test("Lenient parsing drops a negative COUNT beside UNTIL, as some CalDAV servers write")
    func lenientCount() throws {
        let rule = try RecurrenceRule.parse("FREQ=WEEKLY;COUNT=-1;UNTIL=20271231T230000Z", lenient: true).get()
        #expect(rule.count == nil)
        #expect(rule.until != nil)
        #expect((try? RecurrenceRule.parse("FREQ=WEEKLY;COUNT=-1;UNTIL=20271231T230000Z").get()) == nil)
    }

    @Test("A broken RRULE is a diagnostic from the reader, and the series is left out of expansion with an error")
    func brokenRuleDiagnostics() throws {
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:r@x\r\nSUMMARY:Formannskapet\r\n"
            + "DTSTART;TZID=Europe/Oslo:20270105T100000\r\nRRULE:FREQ=FORTNIGHTLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let document = try ICalendarReader().read(text)
        #expect(document.diagnostics.map(\.line) == [7])
        #expect(document.diagnostics.first?.property == "RRULE")
        let expansion = Expander().expand(document, from: day("2027-01-01"), to: day("2028-01-01"))
        #expect(expansion.occurrences.isEmpty)
        #expect(expansion.diagnostics.contains { $0.severity == .error && $0.property == "RRULE" && $0.message.contains("Formannskapet") })
    }

    // MARK: LocalDate and LocalDateTime

    @Test("LocalDate: days since the epoch, both ways, across leap years and before 1970")
    func dayArithmetic() {
        #expect(LocalDate(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
        #expect(LocalDate(year: 1969, month: 12, day: 31).daysSinceEpoch == -1)
        #expect(LocalDate(year: 2000, month: 3, day: 1).daysSinceEpoch == 11_017)
        #expect(LocalDate(year: 2027, month: 3, day: 28).daysSinceEpoch == 20_905)
        #expect(LocalDate(daysSinceEpoch: 20_905) == LocalDate(year: 2027, month: 3, day: 28))
        #expect(LocalDate(daysSinceEpoch: -1) == LocalDate(year: 1969, month: 12, day: 31))
        #expect(LocalDate(year: 2027, month: 12, day: 31).adding(days: 1) == LocalDate(year: 2028, month: 1, day: 1))
        #expect(LocalDate(year: 2028, month: 2, day: 28).adding(days: 1) == LocalDate(year: 2028, month: 2, day: 29))
        #expect(LocalDate(year: 2027, month: 2, day: 28).adding(days: 1) == LocalDate(year: 2027, month: 3, day: 1))
        #expect(LocalDate(year: 2027, month: 3, day: 1).adding(days: -1) == LocalDate(year: 2027, month: 2, day: 28))
        #expect(LocalDate(year: 2027, month: 1, day: 1).adding(days: 365) == LocalDate(year: 2028, month: 1, day: 1))
        #expect(LocalDate(year: 2028, month: 1, day: 1).adding(days: 366) == LocalDate(year: 2029, month: 1, day: 1))
        // Every day from 1900 to 2100 round-trips, in order.
        var previous = LocalDate(year: 1899, month: 12, day: 31)
        var firstWrong: LocalDate?
        for days in LocalDate(year: 1900, month: 1, day: 1).daysSinceEpoch...LocalDate(year: 2100, month: 12, day: 31).daysSinceEpoch {
            let date = LocalDate(daysSinceEpoch: days)
            if !(date.isValid && date.daysSinceEpoch == days && previous < date && previous.adding(days: 1) == date) {
                firstWrong = date
                break
            }
            previous = date
        }
        #expect(firstWrong == nil)
        #expect(previous == LocalDate(year: 2100, month: 12, day: 31))
    }

    @Test("LocalDate: validity, leap years and the weekday (1 = Monday … 7 = Sunday)")
    func weekdaysAndValidity() {
        #expect(LocalDate(year: 2027, month: 3, day: 28).weekday == 7)
        #expect(LocalDate(year: 2027, month: 10, day: 31).weekday == 7)
        #expect(LocalDate(year: 2027, month: 1, day: 1).weekday == 5)
        #expect(LocalDate(year: 1970, month: 1, day: 1).weekday == 4)
        #expect(LocalDate(year: 1969, month: 12, day: 29).weekday == 1)
        #expect(LocalDate(year: 2027, month: 12, day: 9).weekday == 4)
        #expect(LocalDate(year: 2000, month: 2, day: 29).isValid)
        #expect(!LocalDate(year: 1900, month: 2, day: 29).isValid)
        #expect(!LocalDate(year: 2100, month: 2, day: 29).isValid)
        #expect(LocalDate(year: 2028, month: 2, day: 29).isValid)
        #expect(!LocalDate(year: 2027, month: 4, day: 31).isValid)
        #expect(!LocalDate(year: 2027, month: 0, day: 1).isValid)
        #expect(!LocalDate(year: 2027, month: 13, day: 1).isValid)
        #expect(LocalDate.daysIn(month: 2, year: 2027) == 28)
        #expect(LocalDate(year: 2027, month: 3, day: 8).description == "2027-03-08")
        #expect(LocalDate(year: 2027, month: 3, day: 8).icalendarText == "20270308")
    }

    @Test("LocalDate(iso:) reads YYYY-MM-DD and YYYYMMDD only")
    func isoDates() {
        #expect(LocalDate(iso: "2027-03-28") == LocalDate(year: 2027, month: 3, day: 28))
        #expect(LocalDate(iso: "20270328") == LocalDate(year: 2027, month: 3, day: 28))
        for bad in ["2027-3-28", "2027-02-30", "27-03-28", "2027/03/28", "", "2027-03-280", "202703-28"] {
            #expect(LocalDate(iso: bad) == nil, "\(bad)")
        }
    }

    @Test("LocalDateTime: seconds since the epoch both ways, ordering and text")
    func localDateTime() {
        let time = LocalDateTime(year: 2027, month: 3, day: 28, hour: 1, minute: 30)
        #expect(time.secondsSinceEpoch == 20_905 * 86_400 + 5_400)
        #expect(LocalDateTime(secondsSinceEpoch: time.secondsSinceEpoch) == time)
        #expect(LocalDateTime(secondsSinceEpoch: -1) == LocalDateTime(year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59))
        #expect(time.adding(seconds: 23 * 3_600) == LocalDateTime(year: 2027, month: 3, day: 29, hour: 0, minute: 30))
        #expect(time < time.adding(seconds: 1))
        #expect(time.description == "2027-03-28T01:30:00")
        #expect(time.icalendarText == "20270328T013000")
    }

    // MARK: Zones

    @Test("ZoneRules: the gap is read with the offset before it, the fold as its first time")
    func zoneRulesGapAndFold() throws {
        let oslo = try #require(ZoneRules.system("Europe/Oslo"))
        let utc = { (local: LocalDateTime) in LocalDateTime(secondsSinceEpoch: oslo.utc(for: local)).description }
        #expect(utc(LocalDateTime(year: 2027, month: 3, day: 28, hour: 1, minute: 59)) == "2027-03-28T00:59:00")
        #expect(utc(LocalDateTime(year: 2027, month: 3, day: 28, hour: 2, minute: 30)) == "2027-03-28T01:30:00")
        #expect(utc(LocalDateTime(year: 2027, month: 3, day: 28, hour: 3, minute: 0)) == "2027-03-28T01:00:00")
        #expect(utc(LocalDateTime(year: 2027, month: 10, day: 31, hour: 2, minute: 30)) == "2027-10-31T00:30:00")
        #expect(utc(LocalDateTime(year: 2027, month: 10, day: 31, hour: 3, minute: 0)) == "2027-10-31T02:00:00")
        #expect(oslo.local(forUTC: LocalDateTime(year: 2027, month: 10, day: 31, hour: 1, minute: 30).secondsSinceEpoch)
                == LocalDateTime(year: 2027, month: 10, day: 31, hour: 2, minute: 30))
        #expect(ZoneRules.system("Mars/Olympus_Mons") == nil)
    }

    @Test("ZoneResolver: IANA names, prefixed names and Windows names")
    func zoneNames() {
        #expect(ZoneResolver.ianaName(for: "Europe/Oslo") == "Europe/Oslo")
        #expect(ZoneResolver.ianaName(for: "/freeassociation.sourceforge.net/Europe/Oslo") == "Europe/Oslo")
        #expect(ZoneResolver.ianaName(for: "W. Europe Standard Time") == "Europe/Berlin")
        #expect(ZoneResolver.ianaName(for: "Romance Standard Time") == "Europe/Paris")
        #expect(ZoneResolver.ianaName(for: "Mars/Olympus_Mons") == nil)
    }
}
