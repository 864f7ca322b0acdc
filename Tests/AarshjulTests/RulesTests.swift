import Foundation
import ICalendar
import Testing
@testable import Aarshjul

// Tests of the rules over the fixtures in Fixtures/rules: each `.toml` there reads one or two
// small calendars, and each of its rules looks at its own items (selected by UID), so one file
// holds a hit, the near misses at the boundary, and the DST and cycle-year cases of a rule.
//
// This file holds the shared support, `precedes`, `lead-time` and the cycle-year boundaries.

/// Loads the fixtures of `Fixtures/rules` and runs the engine over them.
enum RulesFixture {
    /// `Fixtures/rules`, found from this file.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/rules").path

    /// The configuration `Fixtures/rules/NAME.toml`.
    static func configuration(_ name: String) throws -> AarshjulConfiguration {
        try AarshjulConfiguration.load(fileAt: directory + "/" + name + ".toml")
    }

    /// The cycle year `year` of a configuration, built from its source files.
    static func cycle(_ configuration: AarshjulConfiguration, year: Int) throws -> Cycle {
        let builder = CycleBuilder(configuration: configuration)
        return builder.build(year: CycleYear(year: year, start: configuration.cycle.start), sources: try builder.loadSources())
    }

    /// The cycle year `year` of `Fixtures/rules/NAME.toml`.
    static func cycle(_ name: String, year: Int = 2027) throws -> Cycle {
        try cycle(configuration(name), year: year)
    }

    /// The conflicts of a configuration in a cycle year.
    static func report(_ configuration: AarshjulConfiguration, year: Int = 2027, language: Language = .nb,
                       proposeDates: Bool = true) throws -> ConflictReport {
        ConflictEngine(configuration: configuration, proposeDates: proposeDates)
            .run(on: try cycle(configuration, year: year), language: language)
    }

    /// The conflicts of `Fixtures/rules/NAME.toml` in a cycle year.
    static func report(_ name: String, year: Int = 2027, language: Language = .nb, proposeDates: Bool = true) throws -> ConflictReport {
        try report(configuration(name), year: year, language: language, proposeDates: proposeDates)
    }

    /// Every fixture configuration.
    static let all = ["precedes", "academic", "boundary", "lead-time", "no-overlap", "working-day", "within", "required",
                      "crowding", "zero-config", "with-a-rule", "engine", "engine-edited", "engine-moved", "engine-accept", "proposals"]
}

extension ConflictReport {
    /// The conflicts a rule found.
    func byRule(_ rule: String) -> [Conflict] { conflicts.filter { $0.rule == rule } }
}

extension Conflict {
    /// The UIDs of the occurrences without the fixtures' domain: `["hit-first", "hit-then"]`.
    var fixtureUIDs: [String] { occurrences.map { String($0.uid.prefix { $0 != "@" }) } }
}

extension Cycle {
    /// The UIDs in the cycle without the fixtures' domain.
    var fixtureUIDs: [String] { occurrences.map { String($0.uid.prefix { $0 != "@" }) } }
}

@Suite struct RulesFixtureTests {
    @Test(arguments: RulesFixture.all)
    func fixtureReadsWithoutDiagnostics(_ name: String) throws {
        let cycle = try RulesFixture.cycle(name)
        #expect(cycle.diagnostics.isEmpty, "\(name): \(cycle.diagnostics)")
        #expect(!cycle.occurrences.isEmpty)
    }
}

// MARK: - precedes

@Suite struct RulesPrecedesTests {
    @Test func firstTooCloseBeforeThenIsAConflict() throws {
        let conflicts = try RulesFixture.report("precedes").byRule("hop-hit")
        try #require(conflicts.count == 1)
        let conflict = conflicts[0]
        #expect(conflict.type == "precedes")
        #expect(conflict.severity == .error)
        #expect(conflict.fixtureUIDs == ["hit-first", "hit-then"])
        #expect(conflict.explanation == "«Styret: budsjettfordeling 2028» (NTNU) 10. desember 2027 er bare 6 dager før «Bystyret: handlings- og økonomiplan» (Trondheim kommune) 16. desember 2027. Regelen «hop-hit» krever minst 14 dager.")
    }

    @Test func explanationInEnglish() throws {
        let conflict = try #require(RulesFixture.report("precedes", language: .en).byRule("hop-hit").first)
        #expect(conflict.explanation == "«Styret: budsjettfordeling 2028» (NTNU) 10 December 2027 is only 6 days before «Bystyret: handlings- og økonomiplan» (Trondheim kommune) 16 December 2027. The rule «hop-hit» requires at least 14 days.")
    }

    /// 1 March 15:00 → 15 March 09:00 is 14 dates apart (13 days 18 hours): a gap in days
    /// compares dates, so exactly `min-gap` is enough.
    @Test func exactlyTheMinGapIsEnough() throws {
        #expect(try RulesFixture.report("precedes").byRule("hop-exact").isEmpty)
    }

    /// 2 March → 15 March is 13 days; `P2W` is 14.
    @Test func oneDayShortIsAConflict() throws {
        let conflicts = try RulesFixture.report("precedes").byRule("hop-short")
        try #require(conflicts.count == 1)
        #expect(conflicts[0].fixtureUIDs == ["short-first", "short-then"])
        #expect(conflicts[0].explanation == "«Styret: strategiseminar» (NTNU) 2. mars 2027 er bare 13 dager før «Formannskapet: strategi» (Trondheim kommune) 15. mars 2027. Regelen «hop-short» krever minst 14 dager.")
    }

    /// 20 March 10:00 → 3 April 10:00 spans the spring change (28 March): 14 days although
    /// only 335 hours pass.
    @Test func aGapInDaysIsNotShortenedByTheLostHour() throws {
        #expect(try RulesFixture.report("precedes").byRule("hop-dst-days").isEmpty)
    }

    /// The same pair against `min-gap = "PT336H"`: a gap with hours is exact time.
    @Test func aGapInHoursIsExactTimeAcrossTheSpringChange() throws {
        let conflicts = try RulesFixture.report("precedes").byRule("hop-dst-hours")
        try #require(conflicts.count == 1)
        #expect(conflicts[0].fixtureUIDs == ["dst-first", "dst-then"])
    }

    /// The explanation of an exact-time gap should give the actual gap in hours, as
    /// `lead-time` does ("bare 167 timer"): "only 14 days before … requires at least 336
    /// hours" reads as if the rule were satisfied.
    @Test func explanationOfAGapInHoursGivesHours() throws {
        let conflict = try #require(RulesFixture.report("precedes").byRule("hop-dst-hours").first)
        #expect(conflict.explanation == "«Budsjettkonferanse NTNU» (NTNU) 20. mars 2027 er bare 335 timer før «Formannskapet: budsjettramme» (Trondheim kommune) 3. april 2027. Regelen «hop-dst-hours» krever minst 336 timer.")
    }

    /// 24 October → 7 November spans the autumn change: 337 hours ≥ 336.
    @Test func theAutumnChangeAddsAnHour() throws {
        #expect(try RulesFixture.report("precedes").byRule("hop-dst-autumn").isEmpty)
    }

    @Test func wrongOrderIsAConflict() throws {
        let conflicts = try RulesFixture.report("precedes").byRule("hop-order")
        try #require(conflicts.count == 1)
        #expect(conflicts[0].fixtureUIDs == ["order-first", "order-then"])
        #expect(conflicts[0].explanation == "«Styret: opptaksrammer» (NTNU) 10. mai 2027 kommer 7 dager etter «Bystyret: opptaksrammer» (Trondheim kommune) 3. mai 2027, men skal komme før. Regelen «hop-order» krever minst 7 dager.")
    }

    @Test func missingFirstIsAConflict() throws {
        let conflicts = try RulesFixture.report("precedes").byRule("hop-missing")
        try #require(conflicts.count == 1)
        #expect(conflicts[0].fixtureUIDs == ["missing-then"])
        #expect(conflicts[0].explanation == "«Bystyret: juni» (Trondheim kommune) 7. juni 2027 har ikke noe forutgående «{ uid = \"missing-first*\" }» i årshjulet 2027. Regelen «hop-missing» krever minst 7 dager.")
    }

    /// Without `min-gap` the first must only start earlier: 09:00 before 13:00 the same day.
    @Test func withoutMinGapStartingEarlierTheSameDayIsEnough() throws {
        #expect(try RulesFixture.report("precedes").byRule("hop-order-only").isEmpty)
    }

    /// A first on 14 December 2026 does not satisfy a then on 11 January 2027 in the 2027
    /// cycle; in the 2026 cycle the then is not there, so nothing is flagged.
    @Test func aFirstInThePreviousCycleYearDoesNotCount() throws {
        let conflicts = try RulesFixture.report("precedes").byRule("hop-prev-year")
        try #require(conflicts.count == 1)
        #expect(conflicts[0].fixtureUIDs == ["prev-then"])
        #expect(conflicts[0].explanation == "«Formannskapet: fordeling av tildelingen» (Trondheim kommune) 11. januar 2027 har ikke noe forutgående «{ uid = \"prev-first*\" }» i årshjulet 2027. Regelen «hop-prev-year» krever at dette skjer før.")
        let previous = try RulesFixture.report("precedes", year: 2026)
        #expect(previous.byRule("hop-prev-year").isEmpty)
        #expect(try RulesFixture.cycle("precedes", year: 2026).fixtureUIDs.contains("prev-first"))
    }

    /// A first that starts on 30 December 2026 and runs into 2 January 2027 belongs to the
    /// 2026 cycle ("a budget step in last year's cycle does not satisfy this year's"), so the
    /// then on 20 January 2027 has no first in its own cycle year.
    @Test func aFirstThatStartsInThePreviousCycleYearDoesNotCount() throws {
        let conflicts = try RulesFixture.report("precedes").byRule("hop-spanning")
        #expect(conflicts.count == 1)
        #expect(conflicts.first?.fixtureUIDs == ["span-then"])
    }

    /// A monthly series (10 Jan, 10 Feb, 10 Mar, 10 Apr) after a first on 1 February: only
    /// the January instance lacks its first.
    @Test func eachInstanceOfASeriesIsChecked() throws {
        let conflicts = try RulesFixture.report("precedes").byRule("hop-series")
        try #require(conflicts.count == 1)
        #expect(conflicts[0].fixtureUIDs == ["series-first", "series-then"])
        #expect(conflicts[0].occurrences[1].start == "2027-01-10T10:00:00")
        #expect(conflicts[0].occurrences[1].recurrenceId != nil)
    }
}

// MARK: - lead-time

@Suite struct RulesLeadTimeTests {
    @Test func deadlineTooCloseToTheMeetingIsAConflict() throws {
        let conflicts = try RulesFixture.report("lead-time").byRule("saksfrist-hit")
        try #require(conflicts.count == 1)
        #expect(conflicts[0].type == "lead-time")
        #expect(conflicts[0].severity == .error)
        #expect(conflicts[0].fixtureUIDs == ["lt-hit-deadline", "lt-hit-meeting"])
        #expect(conflicts[0].explanation == "«Saksfrist formannskapet» (Trondheim kommune) 25. november 2027 er bare 12 dager før «Formannskapet: budsjettinnstilling» (Trondheim kommune) 7. desember 2027. Regelen «saksfrist-hit» krever minst 14 dager.")
    }

    /// 1 Feb → 15 Feb is exactly 14 days; 2 Feb → 15 Feb is 13.
    @Test func exactlyMinIsEnoughAndOneDayLessIsNot() throws {
        let report = try RulesFixture.report("lead-time")
        #expect(report.byRule("lt-exact").isEmpty)
        let short = report.byRule("lt-short")
        try #require(short.count == 1)
        #expect(short[0].fixtureUIDs == ["lt-short-deadline", "lt-b-meeting"])
        #expect(short[0].explanation.contains("er bare 13 dager før"))
    }

    /// Wed 24 March → Wed 31 March 2027: Maundy Thursday, Good Friday, the weekend and Easter
    /// Monday are not working days, so 30 and 31 March are the only two.
    @Test func workingDaysSkipTheEasterHolidays() throws {
        let report = try RulesFixture.report("lead-time")
        #expect(report.byRule("lt-wd-easter-ok").isEmpty)
        let short = report.byRule("lt-wd-easter-short")
        try #require(short.count == 1)
        #expect(short[0].explanation == "«Saksfrist før påske» (Trondheim kommune) 24. mars 2027 er bare 2 arbeidsdager før «Formannskapet etter påske» (Trondheim kommune) 31. mars 2027. Regelen «lt-wd-easter-short» krever minst 3 arbeidsdager.")
    }

    /// Friday → Monday is one working day (Monday, the meeting day, counts), Friday →
    /// Tuesday two.
    @Test func workingDaysSkipTheWeekend() throws {
        let report = try RulesFixture.report("lead-time")
        #expect(report.byRule("lt-wd-weekend-ok").isEmpty)
        let monday = report.byRule("lt-wd-weekend")
        try #require(monday.count == 1)
        #expect(monday[0].fixtureUIDs == ["lt-wd-weekend-deadline", "lt-wd-monday-meeting"])
        #expect(monday[0].explanation.contains("er bare 1 arbeidsdag før"))
        #expect(monday[0].explanation.hasSuffix("krever minst 2 arbeidsdager."))
    }

    /// A `[[holiday]]` is not a working day either: Thu 11 Nov → Mon 15 Nov with a holiday on
    /// Friday 12 Nov is one working day.
    @Test func workingDaysSkipConfiguredHolidays() throws {
        let conflicts = try RulesFixture.report("lead-time").byRule("lt-wd-extra-holiday")
        try #require(conflicts.count == 1)
        #expect(conflicts[0].explanation.contains("er bare 1 arbeidsdag før"))
    }

    /// 24 March 12:00 → 31 March 12:00 spans the spring change: 7 days by the calendar, but
    /// only 167 hours.
    @Test func aGapInDaysIsNotShortenedByTheLostHour() throws {
        let report = try RulesFixture.report("lead-time")
        #expect(report.byRule("lt-dst-days").isEmpty)
        let hours = report.byRule("lt-dst-hours")
        try #require(hours.count == 1)
        #expect(hours[0].explanation == "«Innspillsfrist vår» (Trondheim kommune) 24. mars 2027 er bare 167 timer før «Innspillsmøte vår» (Trondheim kommune) 31. mars 2027. Regelen «lt-dst-hours» krever minst 168 timer.")
        #expect(report.byRule("lt-dst-autumn").isEmpty)
    }

    @Test func explanationInEnglish() throws {
        let conflict = try #require(RulesFixture.report("lead-time", language: .en).byRule("lt-wd-easter-short").first)
        #expect(conflict.explanation == "«Saksfrist før påske» (Trondheim kommune) 24 March 2027 is only 2 working days before «Formannskapet etter påske» (Trondheim kommune) 31 March 2027. The rule «lt-wd-easter-short» requires at least 3 working days.")
    }

    /// A deadline after the last meeting feeds nothing (that is `required`'s job).
    @Test func aDeadlineWithNoLaterMeetingIsNotFlagged() throws {
        #expect(try RulesFixture.report("lead-time").byRule("lt-orphan").isEmpty)
    }

    /// The engine counts a rule's closed periods as non-working: with Christmas closed, Fri
    /// 17 Dec → Thu 30 Dec 2027 has 4 working days (20–23 Dec), not 9.
    @Test func closedPeriodsAreNotWorkingDaysInTheEngine() throws {
        var configuration = try RulesFixture.configuration("lead-time")
        let closed = try AarshjulConfiguration.parse(
            """
            [cycle]
            name = "Regeltest"
            timezone = "Europe/Oslo"

            [[source]]
            id = "tk"
            name = "Trondheim kommune"
            path = "lead-time-closed.ics"
            """, fileName: "inline.toml", baseDirectory: RulesFixture.directory)
        configuration.sources = closed.sources
        configuration.rules = [RuleSettings(id: "saksfrist-jul", type: .leadTime, deadline: Match(uid: "ltc-deadline*"),
                                            meeting: Match(uid: "ltc-meeting*"), min: ICalDuration(days: 5), workingDays: true,
                                            closed: ["christmas"])]
        let conflicts = try RulesFixture.report(configuration).byRule("saksfrist-jul")
        try #require(conflicts.count == 1)
        #expect(conflicts[0].explanation.contains("er bare 4 arbeidsdager før"))
    }

    /// `LeadTimeRule` documents that "the rule's `closed` periods do not count", but a
    /// `lead-time` rule in a configuration cannot give `closed` (Fixtures/rules/lead-time-closed.toml).
    @Test func closedPeriodsCanBeConfiguredForLeadTime() throws {
        let configuration = try RulesFixture.configuration("lead-time-closed")
        let conflicts = try RulesFixture.report(configuration).byRule("saksfrist-jul")
        try #require(conflicts.count == 1)
        #expect(conflicts[0].explanation.contains("er bare 4 arbeidsdager før"))
    }
}

// MARK: - Cycle years

@Suite struct RulesCycleYearTests {
    /// 31 December 2027 is in the 2027 cycle, 1 January 2028 in the 2028 one, so a crowding
    /// rule of one per week sees one of them in each.
    @Test func calendarYearBoundary() throws {
        let cycle2027 = try RulesFixture.cycle("boundary", year: 2027)
        let cycle2028 = try RulesFixture.cycle("boundary", year: 2028)
        #expect(cycle2027.fixtureUIDs.contains("nye"))
        #expect(!cycle2027.fixtureUIDs.contains("newyear"))
        #expect(cycle2028.fixtureUIDs.contains("newyear"))
        #expect(!cycle2028.fixtureUIDs.contains("nye"))
        #expect(try RulesFixture.report("boundary", year: 2027).byRule("one-deadline-a-week").isEmpty)
        #expect(try RulesFixture.report("boundary", year: 2028).byRule("one-deadline-a-week").isEmpty)
    }

    /// 31 December 23:30 UTC is 1 January 00:30 in Oslo: it belongs to the 2028 cycle.
    @Test func cycleMembershipIsByTheCycleTimeZone() throws {
        let cycle2027 = try RulesFixture.cycle("boundary", year: 2027)
        let cycle2028 = try RulesFixture.cycle("boundary", year: 2028)
        #expect(!cycle2027.fixtureUIDs.contains("late-utc"))
        let late = try #require(cycle2028.occurrences.first { $0.uid.hasPrefix("late-utc") })
        #expect(late.startDate == LocalDate(year: 2028, month: 1, day: 1))
        #expect(late.startLocal == LocalDateTime(year: 2028, month: 1, day: 1, hour: 0, minute: 30))
    }

    /// The academic year 2027–28 runs from 1 August 2027 to 31 July 2028.
    @Test func academicCycleRunsFromAugustToJuly() throws {
        let cycle = try RulesFixture.cycle("academic", year: 2027)
        #expect(cycle.year.description == "2027–28")
        #expect(cycle.fixtureUIDs.contains("first-day"))
        #expect(cycle.fixtureUIDs.contains("last-day"))
        #expect(!cycle.fixtureUIDs.contains("acad-first"))
        #expect(try RulesFixture.cycle("academic", year: 2026).fixtureUIDs == ["acad-first"])
    }

    /// A first on 30 July 2027 belongs to 2026–27; the then on 16 August 2027 (2027–28) has none.
    @Test func academicPrecedesDoesNotCountThePreviousAcademicYear() throws {
        let conflicts = try RulesFixture.report("academic", language: .en).byRule("plans-before-start")
        try #require(conflicts.count == 1)
        #expect(conflicts[0].fixtureUIDs == ["acad-then"])
        #expect(conflicts[0].explanation == "«Semesterstart høst» (NTNU) 16 August 2027 has no preceding «{ uid = \"acad-first*\" }» in the 2027–28 cycle. The rule «plans-before-start» requires at least 7 days.")
        #expect(try RulesFixture.report("academic", year: 2026).byRule("plans-before-start").isEmpty)
    }

    /// December 2027 → January 2028 is one academic year.
    @Test func academicPrecedesAcrossNewYear() throws {
        #expect(try RulesFixture.report("academic").byRule("allocation-before-letter").isEmpty)
    }

    /// `after = "12-01"`, `before = "02-01"` in an academic cycle is 1 December 2027 up to (not
    /// including) 1 February 2028.
    @Test func academicWindowAcrossNewYear() throws {
        let conflicts = try RulesFixture.report("academic", language: .en).byRule("exam-window")
        #expect(conflicts.map(\.fixtureUIDs) == [["win-nov30"], ["win-feb1"]])
        #expect(conflicts.first?.explanation == "«Eksamensplan publisert» (NTNU) 30 November 2027 is outside its window. The rule «exam-window» requires it between 1 December and 1 February (the end date excluded).")
    }
}
