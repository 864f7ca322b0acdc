import Foundation
import ICalendar
import Testing
@testable import Aarshjul

// `working-day` (Fixtures/rules/working-day.toml) and `within` (Fixtures/rules/within.toml).

@Suite struct RulesWorkingDayTests {
    /// Rule "workdays": closed = fellesferie, christmas, easter and the [[closed]] "eksamen"
    /// (1–20 December); a [[holiday]] on 18 May 2027.
    @Test func flagsExactlyTheNonWorkingDays() throws {
        let conflicts = try RulesFixture.report("working-day").byRule("workdays")
        #expect(Set(conflicts.flatMap(\.fixtureUIDs)) == [
            "wd-sat", "wd-sun", "wd-17mai", "wd-ascension", "wd-ff-first", "wd-ff-last", "wd-xmas-eve", "wd-nye",
            "wd-newyear", "wd-maundy", "wd-extra", "wd-exam-first", "wd-exam-last", "wd-utc",
        ])
        #expect(conflicts.allSatisfy { $0.type == "working-day" && $0.occurrences.count == 1 })
    }

    /// The day before and after each period is a working day: Fri 9 Jul (week 27), Mon 2 Aug
    /// (week 31), 23 Dec, Mon 4 Jan, Wed 24 Mar (before Maundy Thursday), 30 Nov and 21 Dec
    /// around "eksamen", and an ordinary Friday.
    @Test func nearMissesAreWorkingDays() throws {
        let flagged = Set(try RulesFixture.report("working-day").byRule("workdays").flatMap(\.fixtureUIDs))
        for item in ["wd-fri", "wd-ff-before", "wd-ff-after", "wd-xmas-before", "wd-jan4", "wd-easter-wed", "wd-exam-before", "wd-exam-after"] {
            #expect(!flagged.contains(item), "\(item)")
        }
    }

    @Test(arguments: [
        ("wd-sat", "«Frist lørdag» (Trondheim kommune) 11. september 2027 er en lørdag. Regelen «workdays» krever en arbeidsdag."),
        ("wd-sun", "«Frist søndag i uke 27» (Trondheim kommune) 11. juli 2027 er en søndag. Regelen «workdays» krever en arbeidsdag."),
        ("wd-17mai", "«Frist grunnlovsdagen» (Trondheim kommune) 17. mai 2027 er en helligdag (Grunnlovsdagen / 2. pinsedag). Regelen «workdays» krever en arbeidsdag."),
        ("wd-extra", "«Frist inneklemt dag» (Trondheim kommune) 18. mai 2027 er en helligdag (Inneklemt dag). Regelen «workdays» krever en arbeidsdag."),
        ("wd-ff-first", "«Møte første dag i fellesferien» (Trondheim kommune) 12. juli 2027 er i fellesferien. Regelen «workdays» krever en arbeidsdag."),
        ("wd-xmas-eve", "«Frist julaften» (Trondheim kommune) 24. desember 2027 er i julen. Regelen «workdays» krever en arbeidsdag."),
        ("wd-exam-first", "«Frist første eksamensdag» (Trondheim kommune) 1. desember 2027 er i den stengte perioden «eksamen». Regelen «workdays» krever en arbeidsdag."),
    ])
    func explanations(_ item: String, _ text: String) throws {
        let conflict = try #require(RulesFixture.report("working-day").byRule("workdays").first { $0.fixtureUIDs == [item] })
        #expect(conflict.explanation == text)
    }

    @Test func explanationInEnglish() throws {
        let conflict = try #require(RulesFixture.report("working-day", language: .en).byRule("workdays").first { $0.fixtureUIDs == ["wd-ff-last"] })
        #expect(conflict.explanation == "«Frist siste fredag i fellesferien» (Trondheim kommune) 30 July 2027 falls in the common summer holiday (fellesferie). The rule «workdays» requires a working day.")
    }

    /// 23:00Z on Friday 10 September is 01:00 on Saturday 11 September in Oslo.
    @Test func theDayIsTheStartsDateInTheCycleZone() throws {
        let conflict = try #require(RulesFixture.report("working-day").byRule("workdays").first { $0.fixtureUIDs == ["wd-utc"] })
        #expect(conflict.occurrences[0].start == "2027-09-11T01:00:00")
        #expect(conflict.explanation.contains("er en lørdag"))
    }

    /// Without `closed`, a Wednesday in fellesferie and a Monday in romjul are working days.
    @Test func closedPeriodsOnlyCountWhenListed() throws {
        #expect(try RulesFixture.report("working-day").byRule("workdays-plain").isEmpty)
    }
}

@Suite struct RulesWithinTests {
    /// `after = "03-01"` (inclusive), `before = "06-01"` (exclusive).
    @Test func afterIsInclusiveAndBeforeIsExclusive() throws {
        let conflicts = try RulesFixture.report("within").byRule("spring")
        #expect(Set(conflicts.flatMap(\.fixtureUIDs)) == ["win-feb28", "win-jun1", "win-utc-out"])
        let june = try #require(conflicts.first { $0.fixtureUIDs == ["win-jun1"] })
        #expect(june.type == "within")
        #expect(june.explanation == "«Høringsfrist juni» (Trondheim kommune) 1. juni 2027 er utenfor vinduet. Regelen «spring» krever at det ligger mellom 1. mars og 1. juni (til, ikke med, sluttdatoen).")
    }

    @Test func explanationInEnglish() throws {
        let conflict = try #require(RulesFixture.report("within", language: .en).byRule("spring").first { $0.fixtureUIDs == ["win-feb28"] })
        #expect(conflict.explanation == "«Høringsfrist februar» (Trondheim kommune) 28 February 2027 is outside its window. The rule «spring» requires it between 1 March and 1 June (the end date excluded).")
    }

    /// 21:30Z on 31 May is 23:30 in Oslo (inside); 22:30Z is 00:30 on 1 June (outside).
    @Test func theDateIsTakenInTheCycleZone() throws {
        let items = Set(try RulesFixture.report("within").byRule("spring").flatMap(\.fixtureUIDs))
        #expect(!items.contains("win-utc-in"))
        #expect(items.contains("win-utc-out"))
    }

    /// Only `before`: from the first day of the cycle; only `after`: to its last day.
    @Test func oneSidedWindows() throws {
        let report = try RulesFixture.report("within")
        #expect(report.byRule("before-only").map(\.fixtureUIDs) == [["bo-feb1"]])
        #expect(report.byRule("after-only").map(\.fixtureUIDs) == [["ao-nov14"]])
    }

    /// `before = "01-01"` in a calendar-year cycle reads naturally as "by the end of the year"
    /// (kommuneloven: the budget is adopted before 1 January), but it is read as 1 January of
    /// the cycle year itself, an empty window, so the budget meeting on 16 December is flagged.
    @Test func beforeTheCycleStartMeansTheEndOfTheCycleYear() throws {
        let conflicts = try RulesFixture.report("within").byRule("by-year-end")
        #expect(conflicts.isEmpty, "\(conflicts.map(\.explanation))")
    }
}
