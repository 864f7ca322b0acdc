import Foundation
import ICalendar
import Testing
@testable import Aarshjul

// Norwegian public holidays and closed periods (NorwegianCalendar), checked against known
// dates. The Easter table was computed independently with python-dateutil
// (`dateutil.easter.easter(year)`, the Gregorian method) in .venv-oracle.

@Suite struct HolidayTests {
    let calendar = NorwegianCalendar()

    static let easterFromDateutil: [(Int, Int, Int)] = [
        (1900, 4, 15), (1911, 4, 16), (1922, 4, 16), (1933, 4, 16), (1944, 4, 9), (1946, 4, 21), (1947, 4, 6), (1955, 4, 10),
        (1966, 4, 10), (1977, 4, 10), (1988, 4, 3), (1999, 4, 4), (2007, 4, 8), (2008, 3, 23), (2010, 4, 4), (2021, 4, 4),
        (2025, 4, 20), (2026, 4, 5), (2027, 3, 28), (2028, 4, 16), (2032, 3, 28), (2038, 4, 25), (2043, 3, 29), (2054, 3, 29),
        (2065, 3, 29), (2076, 4, 19), (2087, 4, 20), (2098, 4, 20), (2099, 4, 12), (2100, 3, 28), (2109, 4, 21), (2120, 4, 14),
        (2131, 4, 15), (2142, 4, 15), (2153, 4, 15), (2164, 4, 8), (2175, 4, 9), (2186, 4, 9), (2197, 4, 9), (2199, 4, 14),
        (2200, 4, 6),
    ]

    static func day(_ year: Int, _ month: Int, _ day: Int) -> LocalDate { LocalDate(year: year, month: month, day: day) }

    @Test func easterSundayMatchesDateutil() {
        for (year, month, day) in Self.easterFromDateutil {
            #expect(calendar.easterSunday(year) == Self.day(year, month, day), "\(year)")
        }
    }

    @Test func knownEasterSundays() {
        #expect(calendar.easterSunday(2025) == Self.day(2025, 4, 20))
        #expect(calendar.easterSunday(2026) == Self.day(2026, 4, 5))
        #expect(calendar.easterSunday(2027) == Self.day(2027, 3, 28))
        #expect(calendar.holiday(on: Self.day(2025, 4, 20)) == "1. påskedag")
    }

    @Test func ascension2026() {
        #expect(calendar.holiday(on: Self.day(2026, 5, 14)) == "Kristi himmelfartsdag")
        #expect(calendar.holiday(on: Self.day(2026, 5, 13)) == nil)
    }

    /// Whit Monday 2027 is Constitution Day: the name says both.
    @Test func whitMondayOnConstitutionDay2027() throws {
        let name = try #require(calendar.holiday(on: Self.day(2027, 5, 17)))
        #expect(name.contains("Grunnlovsdagen"))
        #expect(name.contains("2. pinsedag"))
        #expect(name == "Grunnlovsdagen / 2. pinsedag")
        #expect(calendar.holiday(on: Self.day(2027, 5, 16)) == "1. pinsedag")
    }

    /// Ascension on 17 May (2007) and on 1 May (2008).
    @Test func otherCoincidences() {
        #expect(calendar.holiday(on: Self.day(2007, 5, 17)) == "Grunnlovsdagen / Kristi himmelfartsdag")
        #expect(calendar.holiday(on: Self.day(2008, 5, 1)) == "Arbeidernes dag / Kristi himmelfartsdag")
    }

    @Test func everyHolidayOf2027() {
        #expect(calendar.holidays(2027) == [
            Self.day(2027, 1, 1): "1. nyttårsdag",
            Self.day(2027, 3, 25): "Skjærtorsdag",
            Self.day(2027, 3, 26): "Langfredag",
            Self.day(2027, 3, 28): "1. påskedag",
            Self.day(2027, 3, 29): "2. påskedag",
            Self.day(2027, 5, 1): "Arbeidernes dag",
            Self.day(2027, 5, 6): "Kristi himmelfartsdag",
            Self.day(2027, 5, 16): "1. pinsedag",
            Self.day(2027, 5, 17): "Grunnlovsdagen / 2. pinsedag",
            Self.day(2027, 12, 25): "1. juledag",
            Self.day(2027, 12, 26): "2. juledag",
        ])
    }

    /// 1 and 17 May became holidays by the 1947 law.
    @Test func mayHolidaysFrom1947() {
        #expect(calendar.holiday(on: Self.day(1946, 5, 1)) == nil)
        #expect(calendar.holiday(on: Self.day(1946, 5, 17)) == nil)
        #expect(calendar.holiday(on: Self.day(1947, 5, 1)) == "Arbeidernes dag")
        #expect(calendar.holiday(on: Self.day(1947, 5, 17)) == "Grunnlovsdagen")
        #expect(calendar.holidays(1946).count == 10)
    }

    @Test func year1900() {
        let holidays = calendar.holidays(1900)
        #expect(holidays.count == 10)
        #expect(holidays[Self.day(1900, 4, 15)] == "1. påskedag")
        #expect(holidays[Self.day(1900, 4, 12)] == "Skjærtorsdag")
        #expect(holidays[Self.day(1900, 5, 24)] == "Kristi himmelfartsdag")
        #expect(holidays[Self.day(1900, 6, 4)] == "2. pinsedag")
        #expect(holidays[Self.day(1900, 5, 1)] == nil)
    }

    @Test func year2200() {
        let holidays = calendar.holidays(2200)
        #expect(holidays.count == 12)
        #expect(holidays[Self.day(2200, 4, 6)] == "1. påskedag")
        #expect(holidays[Self.day(2200, 4, 4)] == "Langfredag")
        #expect(holidays[Self.day(2200, 5, 15)] == "Kristi himmelfartsdag")
        #expect(holidays[Self.day(2200, 5, 26)] == "2. pinsedag")
        #expect(holidays[Self.day(2200, 5, 17)] == "Grunnlovsdagen")
    }

    // MARK: Closed periods

    @Test func isoWeeks() {
        #expect(NorwegianCalendar.isoWeek(Self.day(2027, 7, 12)) == 28)
        #expect(NorwegianCalendar.isoWeek(Self.day(2027, 7, 11)) == 27)
        #expect(NorwegianCalendar.isoWeek(Self.day(2027, 8, 1)) == 30)
        #expect(NorwegianCalendar.isoWeek(Self.day(2027, 8, 2)) == 31)
        #expect(NorwegianCalendar.isoWeek(Self.day(2027, 1, 1)) == 53)
        #expect(NorwegianCalendar.isoWeek(Self.day(2021, 1, 3)) == 53)
        #expect(NorwegianCalendar.isoWeek(Self.day(2027, 1, 4)) == 1)
    }

    /// Fellesferie is ISO weeks 28–30: 12 July – 1 August 2027, 6–26 July 2026, 10–30 July 2028.
    @Test(arguments: [(2026, 7, 6, 7, 26), (2027, 7, 12, 8, 1), (2028, 7, 10, 7, 30)])
    func fellesferieIsWeeks28To30(_ year: Int, _ fromMonth: Int, _ fromDay: Int, _ toMonth: Int, _ toDay: Int) {
        let first = Self.day(year, fromMonth, fromDay), last = Self.day(year, toMonth, toDay)
        #expect(calendar.closedPeriod(on: first, among: ["fellesferie"]) == "fellesferie")
        #expect(calendar.closedPeriod(on: last, among: ["fellesferie"]) == "fellesferie")
        #expect(calendar.closedPeriod(on: first.adding(days: -1), among: ["fellesferie"]) == nil)
        #expect(calendar.closedPeriod(on: last.adding(days: 1), among: ["fellesferie"]) == nil)
        #expect(last.daysSinceEpoch - first.daysSinceEpoch == 20)
    }

    @Test func christmasIs24DecemberTo1January() {
        #expect(calendar.closedPeriod(on: Self.day(2027, 12, 23), among: ["christmas"]) == nil)
        #expect(calendar.closedPeriod(on: Self.day(2027, 12, 24), among: ["christmas"]) == "christmas")
        #expect(calendar.closedPeriod(on: Self.day(2027, 12, 31), among: ["christmas"]) == "christmas")
        #expect(calendar.closedPeriod(on: Self.day(2028, 1, 1), among: ["christmas"]) == "christmas")
        #expect(calendar.closedPeriod(on: Self.day(2028, 1, 2), among: ["christmas"]) == nil)
    }

    @Test func easterIsMaundyThursdayToEasterMonday() {
        #expect(calendar.closedPeriod(on: Self.day(2027, 3, 24), among: ["easter"]) == nil)
        for day in 25...29 {
            #expect(calendar.closedPeriod(on: Self.day(2027, 3, day), among: ["easter"]) == "easter", "\(day)")
        }
        #expect(calendar.closedPeriod(on: Self.day(2027, 3, 30), among: ["easter"]) == nil)
        #expect(calendar.closedPeriod(on: Self.day(2026, 4, 2), among: ["easter"]) == "easter")
        #expect(calendar.closedPeriod(on: Self.day(2026, 4, 6), among: ["easter"]) == "easter")
        #expect(calendar.closedPeriod(on: Self.day(2026, 4, 7), among: ["easter"]) == nil)
    }

    @Test func closedPeriodsApplyOnlyWhenNamed() {
        #expect(calendar.isWorkingDay(Self.day(2027, 7, 14)))
        #expect(!calendar.isWorkingDay(Self.day(2027, 7, 14), closed: ["fellesferie"]))
        #expect(calendar.isWorkingDay(Self.day(2027, 12, 27)))
        #expect(!calendar.isWorkingDay(Self.day(2027, 12, 27), closed: ["christmas"]))
    }

    /// Working days after one date up to and including another.
    @Test func countingWorkingDays() {
        // Fri 3 Sep → Mon 6 Sep 2027: Monday.
        #expect(calendar.workingDays(after: Self.day(2027, 9, 3), through: Self.day(2027, 9, 6)) == 1)
        // Wed 24 Mar → Wed 31 Mar 2027 over Easter: 30 and 31 March.
        #expect(calendar.workingDays(after: Self.day(2027, 3, 24), through: Self.day(2027, 3, 31)) == 2)
        // Fri 17 Dec → Thu 30 Dec 2027: 9, or 4 with Christmas closed.
        #expect(calendar.workingDays(after: Self.day(2027, 12, 17), through: Self.day(2027, 12, 30)) == 9)
        #expect(calendar.workingDays(after: Self.day(2027, 12, 17), through: Self.day(2027, 12, 30), closed: ["christmas"]) == 4)
        // Not after: 0.
        #expect(calendar.workingDays(after: Self.day(2027, 9, 6), through: Self.day(2027, 9, 6)) == 0)
        #expect(calendar.workingDays(after: Self.day(2027, 9, 7), through: Self.day(2027, 9, 6)) == 0)
    }

    // MARK: From the configuration

    /// Fixtures/rules/working-day.toml: [[holiday]] 2027-05-18 "Inneklemt dag", [[closed]]
    /// "eksamen" 12-01…12-20 and "romjul" 12-27…01-02 (over New Year).
    @Test func extraHolidaysAndClosedPeriodsFromTheConfiguration() throws {
        let calendar = ConflictEngine(configuration: try RulesFixture.configuration("working-day")).calendar
        #expect(calendar.holiday(on: Self.day(2027, 5, 18)) == "Inneklemt dag")
        #expect(calendar.holiday(on: Self.day(2028, 5, 18)) == nil)
        #expect(!calendar.isWorkingDay(Self.day(2027, 5, 18)))
        #expect(calendar.closedPeriod(on: Self.day(2027, 11, 30), among: ["eksamen"]) == nil)
        #expect(calendar.closedPeriod(on: Self.day(2027, 12, 1), among: ["eksamen"]) == "eksamen")
        #expect(calendar.closedPeriod(on: Self.day(2027, 12, 20), among: ["eksamen"]) == "eksamen")
        #expect(calendar.closedPeriod(on: Self.day(2027, 12, 21), among: ["eksamen"]) == nil)
        #expect(calendar.closedPeriod(on: Self.day(2027, 12, 26), among: ["romjul"]) == nil)
        #expect(calendar.closedPeriod(on: Self.day(2027, 12, 27), among: ["romjul"]) == "romjul")
        #expect(calendar.closedPeriod(on: Self.day(2028, 1, 2), among: ["romjul"]) == "romjul")
        #expect(calendar.closedPeriod(on: Self.day(2028, 1, 3), among: ["romjul"]) == nil)
    }

    /// A configured holiday on a public holiday keeps both names.
    @Test func extraHolidayOnAPublicHoliday() {
        let calendar = NorwegianCalendar(extraHolidays: [Self.day(2027, 5, 17): "Byjubileum"])
        #expect(calendar.holiday(on: Self.day(2027, 5, 17)) == "Grunnlovsdagen / 2. pinsedag / Byjubileum")
    }
}
