import Foundation
import Testing
@testable import ICalendar

/// Rules that made libical 3.0.16 spin (it steps a SECONDLY rule second by second through
/// day filters that never match) or that run without end: each must return promptly with the
/// oracle's occurrences (checked against recurring-ical-events when the fixtures were made).
@Suite struct PathologicalRuleTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/pathological")

    func expand(_ name: String, cap: Int = 10_000) throws -> Expansion {
        let document = try ICalendarReader().read(fileAt: Self.fixtures.appendingPathComponent(name).path)
        return Expander(options: ExpansionOptions(maxOccurrencesPerEvent: cap))
            .expand(document, from: LocalDate(year: 2000, month: 1, day: 1), to: LocalDate(year: 2030, month: 1, day: 1))
    }

    @Test(arguments: ["never-secondly-feb-30.ics", "never-minutely-feb-31.ics", "never-secondly-yearday-366-january.ics"])
    func impossibleDayFiltersGiveOnlyDTSTART(name: String) throws {
        let expansion = try expand(name)
        #expect(expansion.occurrences.map(\.normalizedStart) == ["2020-01-01T00:00:00Z"])
    }

    @Test func secondlyRuleOnLeapDaysTakesItsDaysFromADailyRule() throws {
        let expansion = try expand("secondly-leap-day-nine.ics")
        #expect(expansion.occurrences.map(\.normalizedStart) == [
            "2020-01-01T00:00:00Z", "2020-02-29T09:00:00Z", "2024-02-29T09:00:00Z", "2028-02-29T09:00:00Z",
        ])
    }

    @Test func hourlyIntervalKeepsItsPhaseAcrossDaysAndCountsCOUNT() throws {
        let starts = try expand("hourly-every-5-on-mondays.ics").occurrences.map(\.normalizedStart)
        // Every 5 hours from Wednesday 2020-01-01 00:00, kept on Mondays: 10 instances + DTSTART.
        #expect(starts == [
            "2020-01-01T00:00:00Z", "2020-01-06T00:00:00Z", "2020-01-06T05:00:00Z", "2020-01-06T10:00:00Z",
            "2020-01-06T15:00:00Z", "2020-01-06T20:00:00Z", "2020-01-13T02:00:00Z", "2020-01-13T07:00:00Z",
            "2020-01-13T12:00:00Z", "2020-01-13T17:00:00Z", "2020-01-13T22:00:00Z",
        ])
    }

    @Test func anUnboundedSecondlyRuleIsCutAtTheCapWithAWarning() throws {
        let expansion = try expand("secondly-unbounded.ics", cap: 500)
        #expect(expansion.occurrences.count == 500)
        #expect(expansion.diagnostics.count == 1)
        #expect(expansion.diagnostics.first?.severity == .warning)
        #expect(expansion.diagnostics.first?.message.contains("more than 500 occurrences") == true)
    }

    /// Fuzz finding (Fixtures/fuzz/expand-millennium-long-daily.ics): a DAILY item lasting a
    /// thousand years has some 370,000 instances that start before the window and reach into
    /// it; they were not counted against the cap, so expanding it took seconds. They are now.
    @Test func instancesReachingIntoTheWindowCountAgainstTheCap() throws {
        let url = Self.fixtures.deletingLastPathComponent().appendingPathComponent("fuzz/expand-millennium-long-daily.ics")
        let document = try ICalendarReader().read(fileAt: url.path)
        let expansion = Expander(options: ExpansionOptions(maxOccurrencesPerEvent: 200))
            .expand(document, from: LocalDate(year: 2026, month: 1, day: 1), to: LocalDate(year: 2028, month: 1, day: 1))
        #expect(expansion.occurrences.count <= 200)
        #expect(expansion.diagnostics.contains { $0.severity == .warning && $0.message.contains("more than 200 occurrences") })
    }
}
