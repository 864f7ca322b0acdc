import Foundation
import Testing
@testable import ICalendar

/// Minimal reproducers from fuzzing the reader and expander (Fixtures/robustness): each once
/// crashed, hung or lost data; each must now be read and expanded with the stated outcome.
@Suite struct RobustnessTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/robustness")

    func read(_ name: String) throws -> ICalendarDocument {
        try ICalendarReader().read(fileAt: Self.folder.appendingPathComponent(name).path)
    }

    func starts(_ name: String, from: LocalDate = LocalDate(year: 2000, month: 1, day: 1),
                to: LocalDate = LocalDate(year: 2030, month: 1, day: 1)) throws -> [String] {
        Expander().expand(try read(name), from: from, to: to).occurrences.map(\.normalizedStart)
    }

    @Test func deepNestingIsOneClearErrorNotAStackOverflow() {
        let error = #expect(throws: ICalendarError.self) { try read("deep-nesting-stack-overflow.ics") }
        #expect(error?.message.hasPrefix("components are nested more than 64 deep") == true)
    }

    @Test(arguments: [
        "secondly-bysecond-60-never-matches-hang.ics", "secondly-bysecond-60-no-day-filter-hang.ics",
        "secondly-interval-misaligned-bysecond-hang.ics", "vtimezone-subdaily-rule-never-matches-hang.ics",
    ])
    func rulesThatNeverMatchGiveOnlyDTSTART(name: String) throws {
        #expect(try starts(name).count == 1)
    }

    /// Once refused (libical hung on it); the Swift iterator expands it promptly, as the
    /// oracle does: DTSTART, then the first five seconds of 1 December (day -31).
    @Test func secondlyRuleWithBYSETPOSIsExpandedAsTheOracleDoes() throws {
        #expect(try starts("secondly-bysetpos-bymonthday-hang.ics") == [
            "2027-10-31T00:00:00Z", "2027-12-01T00:00:00Z", "2027-12-01T00:00:01Z", "2027-12-01T00:00:02Z",
            "2027-12-01T00:00:03Z", "2027-12-01T00:00:04Z",
        ])
    }

    @Test(arguments: ["date-start-minutely-byminute-hang.ics"])
    func unsupportedSubDailyRulesAreReportedNotExpanded(name: String) throws {
        let expansion = Expander().expand(try read(name), from: LocalDate(year: 2000, month: 1, day: 1), to: LocalDate(year: 2030, month: 1, day: 1))
        #expect(expansion.diagnostics.contains { $0.severity == .error && $0.message.contains("is not supported") })
    }

    @Test func minuteFiltersWorkBefore1970() throws {
        let found = try starts("subdaily-byminute-before-1970-wrong-instances.ics",
                               from: LocalDate(year: 1969, month: 1, day: 1), to: LocalDate(year: 1971, month: 1, day: 1))
        #expect(Array(found.prefix(4)) == ["1969-12-29T09:00:00Z", "1969-12-29T09:30:00Z", "1969-12-29T10:30:00Z", "1969-12-29T11:30:00Z"])
    }

    @Test func aBareCarriageReturnInAValueIsReported() throws {
        let document = try read("writer-drops-bare-cr-in-values.ics")
        #expect(document.diagnostics.contains { $0.property == "UID" && $0.message.hasPrefix("a bare carriage return") })
    }
}
