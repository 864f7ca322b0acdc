import Foundation
import ICalendar
import Testing
@testable import Aarshjul

// `required` (Fixtures/rules/required.toml) and `crowding` (Fixtures/rules/crowding.toml).

@Suite struct RulesRequiredTests {
    /// Two live board meetings and a cancelled one, three required: the cancelled one does
    /// not count.
    @Test func tooFewIsAConflictAndCancelledDoNotCount() throws {
        let conflicts = try RulesFixture.report("required").byRule("board")
        try #require(conflicts.count == 1)
        #expect(conflicts[0].type == "required")
        #expect(conflicts[0].severity == .error)
        #expect(conflicts[0].fixtureUIDs == ["req-board-1", "req-board-2"])
        #expect(conflicts[0].explanation == "Årshjulet 2027 har 2 hendelser som passer «{ uid = \"req-board*\" }». Regelen «board» krever minst 3.")
        #expect(conflicts[0].suggestions.isEmpty)
    }

    @Test func exactlyMinCountIsEnough() throws {
        let report = try RulesFixture.report("required")
        #expect(report.byRule("accounts").isEmpty)
        #expect(report.byRule("coordination-4").isEmpty)
    }

    /// A monthly series of four counts as four.
    @Test func seriesInstancesCount() throws {
        let conflicts = try RulesFixture.report("required").byRule("coordination-5")
        try #require(conflicts.count == 1)
        #expect(conflicts[0].occurrences.count == 4)
        #expect(conflicts[0].explanation == "Årshjulet 2027 har 4 hendelser som passer «{ uid = \"req-series*\" }». Regelen «coordination-5» krever minst 5.")
    }

    @Test func noneAtAll() throws {
        let conflicts = try RulesFixture.report("required", language: .en).byRule("annual-report")
        try #require(conflicts.count == 1)
        #expect(conflicts[0].occurrences.isEmpty)
        #expect(conflicts[0].explanation == "The 2027 cycle has 0 occurrences matching «{ uid = \"req-none*\" }». The rule «annual-report» requires at least 1.")
    }

    /// Each cycle year is its own requirement: the id of the 2027 conflict is not the 2028 one.
    @Test func eachCycleYearHasItsOwnConflict() throws {
        let this = try #require(RulesFixture.report("required", year: 2027).byRule("annual-report").first)
        let next = try #require(RulesFixture.report("required", year: 2028).byRule("annual-report").first)
        #expect(this.id != next.id)
        #expect(next.explanation.hasPrefix("Årshjulet 2028 har 0 hendelser"))
    }
}

@Suite struct RulesCrowdingTests {
    /// Hearings on 6, 8, 12 and 13 September: any seven consecutive days hold at most three.
    @Test func exactlyMaxInAnyPeriodIsNoConflict() throws {
        let conflicts = try RulesFixture.report("crowding").byRule("crunch")
        #expect(!conflicts.contains { $0.fixtureUIDs.contains { $0.hasPrefix("cr-a") } })
    }

    /// Four hearings on 4–7 October: one cluster.
    @Test func maxPlusOneIsOneCluster() throws {
        let conflicts = try RulesFixture.report("crowding").byRule("crunch").filter { $0.fixtureUIDs.contains { $0.hasPrefix("cr-b") } }
        try #require(conflicts.count == 1)
        #expect(conflicts[0].type == "crowding")
        #expect(conflicts[0].fixtureUIDs == ["cr-b1", "cr-b2", "cr-b3", "cr-b4"])
        #expect(conflicts[0].explanation == "4 hendelser som passer «{ uid = \"cr-*\" }» ligger tett 4. oktober–7. oktober 2027. Regelen «crunch» tillater høyst 3 per 7 dager.")
    }

    /// Five hearings on 1–5 November overload several overlapping windows: one cluster of five.
    @Test func overlappingOverloadedWindowsAreOneCluster() throws {
        let conflicts = try RulesFixture.report("crowding").byRule("crunch")
        #expect(conflicts.count == 2)
        let november = try #require(conflicts.first { $0.fixtureUIDs.contains("cr-c1") })
        #expect(november.fixtureUIDs == ["cr-c1", "cr-c2", "cr-c3", "cr-c4", "cr-c5"])
    }

    /// `per = "PT24H"` is real time: 27 March 12:00 → 28 March 12:30 is 23½ hours over the
    /// spring change, so three inputs are within 24 hours.
    @Test func aPeriodInHoursIsExactTime() throws {
        let conflicts = try RulesFixture.report("crowding").byRule("crunch-hours")
        #expect(conflicts.map(\.fixtureUIDs) == [["ch-1", "ch-2", "ch-3"]])
    }

    @Test func explanationInEnglish() throws {
        let conflict = try #require(RulesFixture.report("crowding", language: .en).byRule("crunch").first { $0.fixtureUIDs.contains("cr-b1") })
        #expect(conflict.explanation == "4 occurrences matching «{ uid = \"cr-*\" }» crowd together 4 October–7 October 2027. The rule «crunch» allows at most 3 per 7 days.")
    }

    /// The sliding window agrees with counting every run of seven days directly.
    @Test func clustersAgreeWithABruteForceCount() throws {
        let configuration = try RulesFixture.configuration("crowding")
        let cycle = try RulesFixture.cycle(configuration, year: 2027)
        let dates = cycle.occurrences.filter { $0.uid.hasPrefix("cr-") }.map(\.startDate)
        var overloaded: Set<LocalDate> = []
        var day = LocalDate(year: 2027, month: 1, day: 1)
        while day.year == 2027 {
            let inside = dates.filter { $0 >= day && $0.daysSinceEpoch < day.daysSinceEpoch + 7 }
            if inside.count > 3 { overloaded.formUnion(inside) }
            day = day.adding(days: 1)
        }
        let conflicts = try RulesFixture.report(configuration).byRule("crunch")
        let flagged = Set(conflicts.flatMap(\.occurrences).compactMap { LocalDate(iso: $0.start) })
        #expect(flagged == overloaded)
    }
}
