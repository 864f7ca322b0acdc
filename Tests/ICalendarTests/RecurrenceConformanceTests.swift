import Foundation
import Testing
@testable import ICalendar

/// One test per class of rule the differential probe (`Scripts/rrule-differential`) found
/// wrong under libical's iterator (issue 11 §2), each with the occurrences RFC 5545 §3.3.10
/// gives; the Gregorian ones were checked against the oracle (recurring-ical-events) when the
/// fixtures were made. RSCALE rules (RFC 7529), which the oracle cannot expand, are checked
/// against Foundation's Hebrew and Chinese calendars.
@Suite("Recurrence rules as RFC 5545 and RFC 7529 say")
struct RecurrenceConformanceTests {
    /// Each UID's starts (normalised as the CLI prints them) in a fixture of
    /// Fixtures/recurrence, over 2020–2040.
    func starts(_ name: String, to: Int = 2040) throws -> [String: [String]] {
        let document = try readFixture("recurrence/\(name)")
        let expansion = Expander().expand(document, from: LocalDate(year: 2020, month: 1, day: 1), to: LocalDate(year: to, month: 1, day: 1))
        #expect(expansion.diagnostics.isEmpty)
        var byUID: [String: [String]] = [:]
        for occurrence in expansion.occurrences { byUID[occurrence.uid, default: []].append(occurrence.normalizedStart) }
        return byUID
    }

    func uid(_ name: String, _ number: Int) -> String { "\(name)-\(number)@aarshjul.test" }

    @Test("BYMONTHDAY limits under DAILY and WEEKLY: -1 is the last day of each month, positive and negative mixed")
    func byMonthDayLimitsDailyAndWeekly() throws {
        let name = "daily-weekly-bymonthday-limits"
        let found = try starts("\(name).ics")
        // Europe/Oslo: 09:00 CET is 08:00Z, 09:00 CEST 07:00Z; 10:00 likewise.
        #expect(found[uid(name, 1)] == ["2027-01-15", "2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31"])
        #expect(found[uid(name, 2)] == [
            "2027-01-04T08:00:00Z", "2027-01-31T08:00:00Z", "2027-02-01T08:00:00Z", "2027-02-28T08:00:00Z",
            "2027-03-01T08:00:00Z", "2027-03-31T07:00:00Z", "2027-04-01T07:00:00Z",
        ])
        #expect(found[uid(name, 3)] == [
            "2027-01-05T09:00:00Z", "2027-01-15T09:00:00Z", "2027-01-30T09:00:00Z", "2027-02-02T09:00:00Z",
            "2027-02-15T09:00:00Z", "2027-02-27T09:00:00Z", "2027-03-02T09:00:00Z", "2027-03-15T09:00:00Z",
            "2027-03-30T08:00:00Z",
        ])
    }

    @Test("FREQ=DAILY;BYMONTHDAY=30,-1 keeps the -1 days (28 February, and the 31sts)")
    func dailyPositiveAndNegativeMonthDays() throws {
        let name = "daily-bymonthday-positive-and-negative"
        let found = try starts("\(name).ics")
        #expect(found[uid(name, 1)] == [
            "2027-01-01", "2027-01-30", "2027-01-31", "2027-02-28", "2027-03-30", "2027-03-31", "2027-04-30",
            "2027-05-30", "2027-05-31",
        ])
    }

    @Test("FREQ=YEARLY;BYMONTHDAY without BYMONTH expands to every month, with BYDAY too (Friday the 13th)")
    func yearlyMonthDayWithoutMonth() throws {
        let name = "yearly-bymonthday-without-bymonth"
        let found = try starts("\(name).ics")
        #expect(found[uid(name, 1)] == ["2027-01-10", "2027-01-13", "2027-02-13", "2027-03-13", "2027-04-13", "2027-05-13", "2027-06-13"])
        #expect(found[uid(name, 2)] == [
            "2027-01-01T07:00:00Z", "2027-08-13T06:00:00Z", "2028-10-13T06:00:00Z", "2029-04-13T06:00:00Z", "2029-07-13T06:00:00Z",
        ])
    }

    @Test("FREQ=YEARLY;BYWEEKNO without BYDAY is every day of that ISO week, counted with WKST")
    func yearlyWeekNumberWithoutDay() throws {
        let name = "yearly-byweekno-without-byday"
        let found = try starts("\(name).ics")
        // Week 20 of 2027 is Monday 17 May … Sunday 23 May; of 2028, 15 … 21 May.
        #expect(found[uid(name, 1)] == [
            "2027-01-01", "2027-05-17", "2027-05-18", "2027-05-19", "2027-05-20", "2027-05-21", "2027-05-22",
            "2027-05-23", "2028-05-15", "2028-05-16", "2028-05-17",
        ])
        // WKST=SU: the week of 1 January 2027 (a Friday) starts Sunday 27 December with only two
        // days of 2027, so week 1 is 3 … 9 January; week 1 of 2028 starts Sunday 2 January.
        #expect(found[uid(name, 2)] == [
            "2027-01-01", "2027-01-03", "2027-01-04", "2027-01-05", "2027-01-06", "2027-01-07", "2027-01-08",
            "2027-01-09", "2028-01-02",
        ])
        // The last week's Monday (BYWEEKNO=-1), 28 December 2026 …
        #expect(found[uid(name, 3)] == ["2026-01-01T11:00:00Z", "2026-12-28T11:00:00Z", "2027-12-27T11:00:00Z", "2028-12-25T11:00:00Z"])
    }

    @Test("BYSETPOS picks from each period's set under WEEKLY, DAILY, HOURLY and MINUTELY")
    func setPositionsUnderEveryFrequency() throws {
        let name = "bysetpos-weekly-daily-subdaily"
        let found = try starts("\(name).ics")
        // The last workday of each week at 16:00 Oslo.
        #expect(found[uid(name, 1)] == [
            "2027-01-04T15:00:00Z", "2027-01-08T15:00:00Z", "2027-01-15T15:00:00Z", "2027-01-22T15:00:00Z", "2027-01-29T15:00:00Z",
        ])
        // The 2nd and last of 09, 12, 17 each day.
        #expect(found[uid(name, 2)] == [
            "2027-01-04T07:00:00Z", "2027-01-04T11:00:00Z", "2027-01-04T16:00:00Z", "2027-01-05T11:00:00Z",
            "2027-01-05T16:00:00Z", "2027-01-06T11:00:00Z", "2027-01-06T16:00:00Z",
        ])
        // The last of :00, :20, :40 in each hour 08 and 09 (Oslo).
        #expect(found[uid(name, 3)] == [
            "2027-01-04T07:00:00Z", "2027-01-04T07:40:00Z", "2027-01-04T08:40:00Z", "2027-01-05T07:40:00Z", "2027-01-05T08:40:00Z",
        ])
        // Every 30 minutes, the 1st and 3rd of the seconds 0, 10, 50.
        #expect(found[uid(name, 4)] == [
            "2027-01-04T08:00:00Z", "2027-01-04T08:00:50Z", "2027-01-04T08:30:00Z", "2027-01-04T08:30:50Z",
            "2027-01-04T09:00:00Z", "2027-01-04T09:00:50Z",
        ])
    }

    // MARK: RSCALE (RFC 7529), against Foundation's calendars

    enum Skip { case omit, forward, backward }

    /// The days a `FREQ=YEARLY;BYMONTH=<month>[L];BYMONTHDAY=<day>` rule in another calendar
    /// names between two Gregorian dates, found by walking the days with Foundation's calendar
    /// (ICU): once a year, the day in the leap month, or when the year has none, per SKIP
    /// (RFC 7529 §3.1.1: FORWARD takes the month after, BACKWARD the month before).
    func reference(_ identifier: Calendar.Identifier, month: Int, leap: Bool, day: Int, skip: Skip,
                   from: LocalDate, count: Int) -> [String] {
        var calendar = Calendar(identifier: identifier)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = calendar.timeZone
        var found: [String] = []
        var yearKey: [Int] = []
        var yearDays: [[Int]: LocalDate] = [:]
        func closeYear() {
            let pick = yearDays[[month, leap ? 1 : 0, day]]
                ?? (leap && skip == .forward ? yearDays[[month + 1, 0, day]] : nil)
                ?? (leap && skip == .backward ? yearDays[[month, 0, day]] : nil)
            if let pick, pick >= from { found.append(pick.description) }
            yearDays = [:]
        }
        var date = from
        while found.count < count && date.year < from.year + 60 {
            let instant = gregorian.date(from: DateComponents(year: date.year, month: date.month, day: date.day))!
            let parts = calendar.dateComponents([.era, .year, .month, .day], from: instant)
            var rfcMonth = parts.month!
            var isLeap = parts.isLeapMonth ?? false
            if identifier == .hebrew {
                // ICU numbers Adar I as month 6 (leap years only) and the months after it 7…13;
                // RFC 7529 calls Adar I "5L" and numbers the rest 6…12.
                isLeap = rfcMonth == 6
                rfcMonth = rfcMonth >= 6 ? rfcMonth - 1 : rfcMonth
            }
            let key = [parts.era!, parts.year!]
            if key != yearKey {
                if !yearKey.isEmpty { closeYear() }
                yearKey = key
            }
            yearDays[[rfcMonth, isLeap ? 1 : 0, parts.day!]] = date
            date = date.adding(days: 1)
        }
        return Array(found.prefix(count))
    }

    @Test("RSCALE=HEBREW;BYMONTH=5L: 8 Adar I in leap years; with SKIP=FORWARD 8 Adar in the others")
    func hebrewLeapMonth() throws {
        let name = "rscale-hebrew-leap-month"
        let found = try starts("\(name).ics", to: 2060)
        let start = LocalDate(year: 2024, month: 1, day: 1)
        let forward = reference(.hebrew, month: 5, leap: true, day: 8, skip: .forward, from: start, count: 8)
        let omit = reference(.hebrew, month: 5, leap: true, day: 8, skip: .omit, from: start, count: 4)
        #expect(forward.first == "2024-02-17")
        #expect(found[uid(name, 1)] == ["2024-01-01"] + forward)
        #expect(found[uid(name, 2)] == ["2024-01-01"] + omit)
    }

    @Test("RSCALE=CHINESE leap months: 9L forward to the 10th month, 6L only in 2025, 4L back to the 4th")
    func chineseLeapMonth() throws {
        let name = "rscale-chinese-leap-month"
        let found = try starts("\(name).ics", to: 2060)
        let forward = reference(.chinese, month: 9, leap: true, day: 8, skip: .forward,
                                from: LocalDate(year: 2024, month: 1, day: 1), count: 6)
        let omit = reference(.chinese, month: 6, leap: true, day: 1, skip: .omit, from: LocalDate(year: 2020, month: 1, day: 1), count: 1)
        let backward = reference(.chinese, month: 4, leap: true, day: 15, skip: .backward,
                                 from: LocalDate(year: 2020, month: 1, day: 1), count: 5)
        #expect(omit == ["2025-07-25"])
        #expect(found[uid(name, 2)] == ["2020-01-01"] + omit)
        // In years without any leap month libical 3.0.16 skips right: 9L → 8th of the 10th month.
        let plainYears: Set<Int> = [2024, 2026, 2027, 2029]
        #expect(found[uid(name, 1)]?.dropFirst().filter { plainYears.contains(Int($0.prefix(4))!) } == forward.filter { plainYears.contains(Int($0.prefix(4))!) })
        // In a year whose leap month is another one (2025: 6L, 2028: 5L; 2023: 2L), libical
        // skips to the wrong month (it counts months by ordinal, so the month after the leap
        // month shifts by one): 2025-10-28 (9/8) instead of 2025-11-27 (10/8), 2023-05-04
        // (3/15) instead of 2023-06-02 (4/15). A fault of libical's RSCALE code, left open (see
        // Fixtures/conformance-differences.md); this fails when it is fixed.
        withKnownIssue("libical 3.0.16 applies SKIP to the wrong month in a Chinese year with another leap month") {
            #expect(found[uid(name, 1)] == ["2024-01-01"] + forward)
            #expect(found[uid(name, 3)] == ["2020-01-01"] + backward)
        }
    }
}
