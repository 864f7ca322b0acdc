import Foundation
import ICalendar
import Testing
@testable import Aarshjul

// The engine around the rules: built-in checks, the zero-configuration default, ids,
// acceptances, fixed items and proposed dates. Fixtures: Fixtures/rules/zero-config.toml,
// with-a-rule.toml, engine*.toml.

@Suite struct ConflictEngineTests {
    // MARK: Zero configuration and built-in checks

    /// No [[rule]]: decision items of different sources on the same day are flagged; two of one
    /// source on one day, or of two sources on consecutive days, are not.
    @Test func zeroConfigurationFlagsDecisionsOfDifferentSourcesOnTheSameDay() throws {
        let conflicts = try RulesFixture.report("zero-config").byRule("decisions-same-day")
        try #require(conflicts.count == 1)
        #expect(conflicts[0].type == "decisions-same-day")
        #expect(conflicts[0].severity == .warning)
        #expect(conflicts[0].fixtureUIDs == ["dec-ntnu-1", "dec-tk-1"])
        #expect(conflicts[0].explanation == "«Styret: budsjettfordeling» (NTNU) 16. desember 2027 kl. 09:00 og «Bystyret: budsjett 2028» (Trondheim kommune) 16. desember 2027 kl. 10:00 er samme dag. Regelen «decisions-same-day» tillater ikke to slike på én dag.")
    }

    /// With a rule configured the zero-configuration check is gone, but the built-in checks stay.
    @Test func builtInChecksRunWithAndWithoutRules() throws {
        for name in ["zero-config", "with-a-rule"] {
            let report = try RulesFixture.report(name)
            #expect(Set(report.byRule("sync-mismatch").map(\.fixtureUIDs)) == [["joint-1", "joint-1"], ["joint-2", "joint-2"]], "\(name)")
            #expect(report.byRule("likely-duplicate").map(\.fixtureUIDs) == [["dup-ntnu", "dup-tk"]], "\(name)")
        }
        #expect(try RulesFixture.report("with-a-rule").byRule("decisions-same-day").isEmpty)
    }

    /// One UID, two sources, two times.
    @Test func syncMismatch() throws {
        let report = try RulesFixture.report("zero-config")
        let conflict = try #require(report.byRule("sync-mismatch").first { $0.occurrences.first?.uid.hasPrefix("joint-1") == true })
        #expect(conflict.type == "sync-mismatch")
        #expect(conflict.occurrences.map(\.source) == ["tk", "ntnu"])
        #expect(conflict.occurrences.map(\.start) == ["2027-09-20T10:00:00", "2027-09-21T10:00:00"])
        #expect(conflict.explanation == "«Felles dialogmøte» står med ulike tider i kildene (Trondheim kommune: 20. september 2027 kl. 10:00; NTNU: 21. september 2027 kl. 10:00). Den nyeste versjonen er fra Trondheim kommune; avklar at den gjelder, og rett kalenderen til NTNU.")
        #expect(conflict.suggestions.isEmpty)
        // The same item at the same time in both sources is one item, no conflict.
        #expect(!report.conflicts.contains { $0.fixtureUIDs.contains("joint-3") })
    }

    @Test func syncMismatchInEnglish() throws {
        let conflict = try #require(RulesFixture.report("zero-config", language: .en).byRule("sync-mismatch").first { $0.occurrences.first?.uid.hasPrefix("joint-1") == true })
        #expect(conflict.explanation == "«Felles dialogmøte» has different times in the sources (Trondheim kommune: 20 September 2027 at 10:00; NTNU: 21 September 2027 at 10:00). The newest version is from Trondheim kommune; agree that it holds and correct the calendar of NTNU.")
    }

    /// An all-day item on two dates: the explanation should name the dates as running text,
    /// like every other explanation, not as ISO dates.
    @Test func syncMismatchOfAllDayItemsNamesTheDatesInWords() throws {
        let conflict = try #require(RulesFixture.report("zero-config").byRule("sync-mismatch").first { $0.occurrences.first?.uid.hasPrefix("joint-2") == true })
        #expect(conflict.explanation == "«Felles frist for innspill» står med ulike tider i kildene (Trondheim kommune: 10. november 2027; NTNU: 11. november 2027). Den nyeste versjonen er fra Trondheim kommune; avklar at den gjelder, og rett kalenderen til NTNU.")
    }

    /// Two UIDs, one meeting: the same summary (case and spacing aside) at the same start. The
    /// same summary an hour apart is not a duplicate.
    @Test func likelyDuplicate() throws {
        let report = try RulesFixture.report("zero-config")
        let conflicts = report.byRule("likely-duplicate")
        try #require(conflicts.count == 1)
        #expect(conflicts[0].type == "likely-duplicate")
        #expect(conflicts[0].severity == .info)
        #expect(conflicts[0].suggestions.isEmpty)
        #expect(conflicts[0].explanation == "«Felles  Styringsgruppemøte» (NTNU) 12. oktober 2027 kl. 12:00 og «Felles styringsgruppemøte» (Trondheim kommune) 12. oktober 2027 kl. 12:00 ser ut til å være samme møte registrert to ganger (ulik UID). Slett den ene kopien, eller gi dem samme UID.")
        #expect(!report.conflicts.contains { $0.fixtureUIDs.contains("near-dup-tk") })
    }

    // MARK: Ids

    @Test func idsAreStableAcrossRuns() throws {
        let first = try RulesFixture.report("engine").conflicts.map(\.id)
        let second = try RulesFixture.report("engine").conflicts.map(\.id)
        #expect(first == second)
        #expect(first.count == 6)
        #expect(Set(first).count == first.count)
        for id in first {
            #expect(id.hasPrefix("c-") && id.count == 14 && id.dropFirst(2).allSatisfy(\.isHexDigit), "\(id)")
        }
    }

    /// Moving an unrelated event (and writing the files in another order) keeps every id.
    @Test func editingAnUnrelatedEventKeepsTheIds() throws {
        let before = try RulesFixture.report("engine")
        let after = try RulesFixture.report("engine-edited")
        #expect(Set(before.conflicts.map(\.id)) == Set(after.conflicts.map(\.id)))
        #expect(before.conflicts.map(\.explanation) == after.conflicts.map(\.explanation))
    }

    /// Moving an involved event by a day, so that the clash remains, keeps its id: ids hash the
    /// rule and the items, not their dates.
    @Test func movingAnInvolvedEventKeepsItsConflictsId() throws {
        let before = try #require(RulesFixture.report("engine").byRule("budget-hop").first)
        let after = try #require(RulesFixture.report("engine-moved").byRule("budget-hop").first)
        #expect(before.id == after.id)
        #expect(after.explanation.contains("er bare 7 dager før"))
    }

    /// The ids in Fixtures/rules/engine-accept.toml were written by hand from the documented
    /// scheme: `c-` and the first 12 hex digits of the 64-bit FNV-1a of the rule id, the key and
    /// the sorted `UID@RECURRENCE-ID`s, joined by newlines.
    @Test func idsFollowTheDocumentedScheme() throws {
        let report = try RulesFixture.report("engine")
        #expect(report.byRule("meetings").contains { $0.id == "c-9e4a1d3daa09" && $0.fixtureUIDs == ["eng-seminar", "eng-meeting"] })
        #expect(report.byRule("budget-hop").first?.id == "c-eb4a456dc129")
        func fnv(_ text: String) -> String {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            let digits = String(hash, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        #expect("c-" + fnv("budget-hop\n\neng-first@rules.aarshjul.test@\neng-then@rules.aarshjul.test@").prefix(12) == "c-eb4a456dc129")
    }

    // MARK: Acceptances

    @Test func acceptanceSuppressesItsConflict() throws {
        let report = try RulesFixture.report("engine-accept")
        let accepted = try #require(report.conflicts.first { $0.id == "c-9e4a1d3daa09" })
        #expect(accepted.isAccepted)
        #expect(accepted.acceptedBecause == "Avklart i styringsgruppen 2027-03-02: seminaret flyttes ikke")
        #expect(accepted.suggestions.isEmpty)
        #expect(!report.open.contains { $0.id == "c-9e4a1d3daa09" })
        #expect(report.accepted.map(\.id) == ["c-9e4a1d3daa09"])
        #expect(report.open.count == report.conflicts.count - 1)
    }

    @Test func staleAcceptancesAreReported() throws {
        let report = try RulesFixture.report("engine-accept")
        #expect(report.staleAcceptances.map(\.conflict) == ["c-000000000000"])
        #expect(report.staleAcceptances.first?.reason == "Gammel avklaring")
        #expect(try RulesFixture.report("engine").staleAcceptances.isEmpty)
    }

    @Test func hasOpenCountsOnlyUnacceptedConflicts() throws {
        let report = try RulesFixture.report("engine-accept")
        #expect(report.hasOpen(atLeast: .error))
        #expect(report.conflicts.first?.severity == .error)
        #expect(report.conflicts.first?.rule == "budget-hop")
    }

    // MARK: Fixed items and proposed dates

    /// Bystyret's dates are fixed (a [[tag]] with fixed = true): only the NTNU board's date
    /// moves, and as a meeting it keeps its weekday (whole weeks, as the planner moves it).
    @Test func fixedItemsAreNotMoved() throws {
        let conflict = try #require(RulesFixture.report("engine").byRule("budget-hop").first)
        #expect(conflict.occurrences.map(\.fixed) == [false, true])
        #expect(conflict.suggestions == [
            Suggestion(occurrence: 0, date: "2027-11-26", days: -14),
            Suggestion(occurrence: 0, date: "2027-11-19", days: -21),
            Suggestion(occurrence: 0, date: "2027-11-12", days: -28),
        ])
    }

    /// Two items marked X-AARSHJUL-FIXED:TRUE, and a rule marked `fixed = true`: no proposals.
    @Test func fixedConflictsGetNoSuggestions() throws {
        let report = try RulesFixture.report("engine")
        let both = try #require(report.byRule("meetings").first { $0.fixtureUIDs == ["eng-fixed-a", "eng-fixed-b"] })
        #expect(both.occurrences.allSatisfy { $0.fixed })
        #expect(both.suggestions.isEmpty)
        let rule = try #require(report.byRule("seminar-after-june").first)
        #expect(rule.suggestions.isEmpty)
    }

    /// A deadline on Saturday 11 September: Friday, then Monday, then Thursday.
    @Test func suggestionsAreTheNearestWorkingDays() throws {
        let conflict = try #require(RulesFixture.report("engine").byRule("workdays").first)
        #expect(conflict.suggestions == [
            Suggestion(occurrence: 0, date: "2027-09-10", days: -1),
            Suggestion(occurrence: 0, date: "2027-09-13", days: 2),
            Suggestion(occurrence: 0, date: "2027-09-09", days: -2),
        ])
    }

    @Test func noSuggestionsWhenProposingIsOff() throws {
        let report = try RulesFixture.report("engine", proposeDates: false)
        #expect(report.conflicts.count == 6)
        #expect(report.conflicts.allSatisfy { $0.suggestions.isEmpty })
    }

    /// Every proposed date in every fixture is a working day (not a weekend, holiday, or in
    /// fellesferie, Christmas or Easter) in the cycle year, with `days` matching the move.
    @Test(arguments: RulesFixture.all)
    func suggestionsAreWorkingDaysInTheCycleYear(_ name: String) throws {
        let configuration = try RulesFixture.configuration(name)
        let report = try RulesFixture.report(configuration)
        let calendar = ConflictEngine(configuration: configuration).calendar
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "UTC")!
        for conflict in report.conflicts {
            #expect(conflict.suggestions.count <= 3)
            for suggestion in conflict.suggestions {
                let date = try #require(LocalDate(iso: suggestion.date))
                let components = DateComponents(year: date.year, month: date.month, day: date.day)
                let weekday = gregorian.component(.weekday, from: try #require(gregorian.date(from: components)))
                #expect(weekday != 1 && weekday != 7, "\(conflict.rule): \(suggestion.date) is a weekend")
                #expect(calendar.holiday(on: date) == nil, "\(conflict.rule): \(suggestion.date) is a holiday")
                #expect(calendar.closedPeriod(on: date, among: ClosedPeriod.builtInNames) == nil, "\(conflict.rule): \(suggestion.date) is closed")
                #expect(report.year.contains(date))
                let from = try #require(LocalDate(iso: String(conflict.occurrences[suggestion.occurrence].start.prefix(10))))
                #expect(date.daysSinceEpoch - from.daysSinceEpoch == suggestion.days)
                #expect(!conflict.occurrences[suggestion.occurrence].fixed)
            }
        }
    }

    /// The nearest free day before the meeting (one day earlier) would clear the overlap but
    /// break the papers' lead time, an error: the proposals (from the planner's solver) skip
    /// it and every date that would, and applying any of them adds no conflict.
    @Test func aProposalNeverCreatesANewError() throws {
        let configuration = try RulesFixture.configuration("proposals")
        let before = try RulesFixture.report(configuration)
        #expect(before.conflicts.map(\.rule) == ["room"])
        // The naive proposal does create an error.
        let naive = try #require(try RulesFixture.moving("proposals", configuration: configuration, uid: "prop-council@test", days: -1))
        #expect(try RulesFixture.report(naive).conflicts.contains { $0.rule == "papers" && $0.severity == .error })
        let room = try #require(before.conflicts.first)
        let council = try #require(room.occurrences.firstIndex { $0.uid == "prop-council@test" })
        #expect(room.suggestions == [
            Suggestion(occurrence: council, date: "2027-03-11", days: 1),
            Suggestion(occurrence: council, date: "2027-03-12", days: 2),
            Suggestion(occurrence: council, date: "2027-03-15", days: 5),
        ])
        for suggestion in room.suggestions {
            let moved = try #require(try RulesFixture.moving("proposals", configuration: configuration, uid: "prop-council@test", days: suggestion.days))
            let after = try RulesFixture.report(moved)
            #expect(after.conflicts.isEmpty, "moving the meeting to \(suggestion.date) leaves \(after.conflicts.map(\.explanation))")
        }
    }

    /// Applying a proposal to the calendar file and running again removes the conflict and
    /// creates no new one.
    @Test(arguments: ["engine", "precedes", "lead-time", "no-overlap", "working-day", "within", "crowding"])
    func applyingASuggestionSolvesTheConflictWithoutNewOnes(_ name: String) throws {
        let configuration = try RulesFixture.configuration(name)
        let before = try RulesFixture.report(configuration)
        let ids = Set(before.conflicts.map(\.id))
        var applied = 0
        for conflict in before.conflicts {
            for suggestion in conflict.suggestions.prefix(name == "engine" ? 3 : 1) {
                let occurrence = conflict.occurrences[suggestion.occurrence]
                guard occurrence.recurrenceId == nil,
                      let moved = try RulesFixture.moving(name, configuration: configuration, uid: occurrence.uid, days: suggestion.days)
                else { continue }
                let after = try RulesFixture.report(moved)
                let now = Set(after.conflicts.map(\.id))
                #expect(!now.contains(conflict.id), "\(name): moving \(occurrence.uid) to \(suggestion.date) leaves \(conflict.rule)")
                #expect(now.isSubset(of: ids), "\(name): moving \(occurrence.uid) to \(suggestion.date) adds \(after.conflicts.filter { !ids.contains($0.id) }.map(\.explanation))")
                applied += 1
            }
        }
        #expect(applied >= 2)
    }
}

extension RulesFixture {
    /// A copy of the fixture `name` in a new directory with the item `uid` moved by `days`
    /// (its DTSTART and DTEND dates), or nil when the item is written in UTC (moving its UTC
    /// date is not moving its Oslo date across a clock change).
    static func moving(_ name: String, configuration: AarshjulConfiguration, uid: String, days: Int) throws -> AarshjulConfiguration? {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("aarshjul-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        var found = false
        for source in configuration.sources {
            guard let path = source.path else { continue }
            let text = try String(contentsOfFile: path, encoding: .utf8)
            var lines = text.components(separatedBy: "\r\n")
            var start: Int?
            for index in lines.indices {
                if lines[index] == "BEGIN:VEVENT" { start = index }
                if lines[index] == "END:VEVENT", let first = start {
                    if lines[first...index].contains("UID:" + uid) {
                        for line in first...index where lines[line].hasPrefix("DTSTART") || lines[line].hasPrefix("DTEND") {
                            guard !lines[line].hasSuffix("Z") else { return nil }
                            let colon = try #require(lines[line].lastIndex(of: ":"))
                            let value = lines[line][lines[line].index(after: colon)...]
                            let digits = Array(value.prefix(8))
                            let date = LocalDate(year: Int(String(digits[0..<4]))!, month: Int(String(digits[4..<6]))!, day: Int(String(digits[6..<8]))!)
                            lines[line] = lines[line][...colon] + date.adding(days: days).icalendarText + value.dropFirst(8)
                        }
                        found = true
                    }
                    start = nil
                }
            }
            try lines.joined(separator: "\r\n").write(to: target.appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent),
                                                      atomically: true, encoding: .utf8)
        }
        try #require(found, "no item \(uid) in \(name)")
        let toml = try String(contentsOfFile: directory + "/" + name + ".toml", encoding: .utf8)
        let file = target.appendingPathComponent(name + ".toml")
        try toml.write(to: file, atomically: true, encoding: .utf8)
        return try AarshjulConfiguration.load(fileAt: file.path)
    }
}
