import Foundation
import ICalendar
import Testing
@testable import Aarshjul

// `no-overlap` over Fixtures/rules/no-overlap.toml (two sources, tk and ntnu).

@Suite struct RulesNoOverlapTests {
    @Test func overlappingMeetingsAreAConflict() throws {
        let conflicts = try RulesFixture.report("no-overlap").byRule("rooms")
        try #require(conflicts.count == 1)
        #expect(conflicts[0].type == "no-overlap")
        #expect(conflicts[0].fixtureUIDs == ["ov-a", "ov-b"])
        #expect(conflicts[0].explanation == "«Styringsgruppemøte» (Trondheim kommune) 13. april 2027 kl. 10:00 og «Utvalg for FoI» (NTNU) 13. april 2027 kl. 11:00 overlapper. Regelen «rooms» tillater ikke overlapp.")
    }

    @Test func explanationInEnglish() throws {
        let conflict = try #require(RulesFixture.report("no-overlap", language: .en).byRule("rooms").first)
        #expect(conflict.explanation == "«Styringsgruppemøte» (Trondheim kommune) 13 April 2027 at 10:00 and «Utvalg for FoI» (NTNU) 13 April 2027 at 11:00 overlap. The rule «rooms» does not allow overlaps.")
    }

    /// 10:00–12:00 and 12:00–13:00 share only the instant 12:00: intervals are half-open.
    @Test func backToBackIsNotAnOverlap() throws {
        let conflicts = try RulesFixture.report("no-overlap").byRule("rooms")
        #expect(!conflicts.contains { $0.fixtureUIDs.contains("ov-c") || $0.fixtureUIDs.contains("ov-d") })
    }

    /// On 28 March 2027 (the spring change) 08:00Z–09:00Z is 10:00–11:00 in Oslo and overlaps
    /// 10:30–11:30 Europe/Oslo; on 29 March 08:00Z–09:00Z and 09:00–10:00 Europe/Oslo are back to
    /// back; on 31 October (the autumn change) 09:00Z–10:00Z is 10:00–11:00 and 11:00–12:00 Europe/Oslo
    /// follows it.
    @Test func utcWrittenAgainstZonedItemsAroundTheClockChanges() throws {
        let conflicts = try RulesFixture.report("no-overlap").byRule("utc-vs-zoned")
        #expect(conflicts.map(\.fixtureUIDs) == [["utc-a", "utc-b"]])
        #expect(conflicts.first?.occurrences.map(\.start) == ["2027-03-28T10:00:00", "2027-03-28T10:30:00"])
    }

    /// An all-day item covers its day from midnight to midnight, so it overlaps a meeting at
    /// 14:00 that day, but not one at 00:00 the day after nor one that ends at its midnight.
    @Test func allDayOverlapsTimedTheSameDay() throws {
        let conflicts = try RulesFixture.report("no-overlap").byRule("all-day")
        #expect(conflicts.map(\.fixtureUIDs) == [["ad-a", "ad-b"]])
        #expect(conflicts.first?.explanation == "«Samling for prosjektlederne» (NTNU) 10. juni 2027 og «Møte i helse og velferd» (Trondheim kommune) 10. juni 2027 kl. 14:00 overlapper. Regelen «all-day» tillater ikke overlapp.")
    }

    /// `same-day = true, across = "sources"`: 09:00 and 15:00 the same day from two sources
    /// clash; two from one source do not; 23:00 and 00:00 the next day do not; a three-day
    /// all-day item clashes with a meeting on its last day; a UTC time (22:30Z on 30 October)
    /// is compared by its Oslo day (00:30 on 31 October).
    @Test func sameDayAcrossSources() throws {
        let conflicts = try RulesFixture.report("no-overlap").byRule("same-day")
        #expect(Set(conflicts.map(\.fixtureUIDs)) == [["sd-a", "sd-b"], ["sd-g", "sd-h"], ["sd-i", "sd-j"]])
        let first = try #require(conflicts.first { $0.fixtureUIDs == ["sd-a", "sd-b"] })
        #expect(first.explanation == "«Formannskapet» (Trondheim kommune) 14. september 2027 kl. 09:00 og «Styret» (NTNU) 14. september 2027 kl. 15:00 er samme dag. Regelen «same-day» tillater ikke to slike på én dag.")
    }

    @Test func sameDayExplanationInEnglish() throws {
        let conflict = try #require(RulesFixture.report("no-overlap", language: .en).byRule("same-day").first { $0.fixtureUIDs == ["sd-a", "sd-b"] })
        #expect(conflict.explanation == "«Formannskapet» (Trondheim kommune) 14 September 2027 at 09:00 and «Styret» (NTNU) 14 September 2027 at 15:00 fall on the same day. The rule «same-day» allows only one such item a day.")
    }

    /// `across = "bodies"`: two bystyret items overlapping each other are fine; each of them
    /// against the formannskapet item is not.
    @Test func acrossBodies() throws {
        let conflicts = try RulesFixture.report("no-overlap").byRule("bodies")
        #expect(Set(conflicts.map(\.fixtureUIDs)) == [["bd-a", "bd-c"], ["bd-b", "bd-c"]])
    }

    /// A weekly series does not clash with itself; its second instance clashes with a one-off.
    @Test func seriesInstances() throws {
        let conflicts = try RulesFixture.report("no-overlap").byRule("series")
        #expect(conflicts.map(\.fixtureUIDs) == [["ser-a", "ser-b"]])
        #expect(conflicts.first?.occurrences.first?.start == "2027-01-19T09:00:00")
    }

    /// A cancelled item (STATUS:CANCELLED) clashes with nothing.
    @Test func cancelledOccurrencesAreIgnored() throws {
        #expect(try RulesFixture.report("no-overlap").byRule("cancelled").isEmpty)
        let configuration = try RulesFixture.configuration("no-overlap")
        let cycle = try RulesFixture.cycle(configuration, year: 2027)
        #expect(cycle.fixtureUIDs.contains("cx-b"))
        let context = ConflictEngine(configuration: configuration).context(for: cycle, language: .nb)
        #expect(!context.occurrences.contains { $0.uid.hasPrefix("cx-b") })
    }

    /// The sweep finds the same pairs as comparing every pair (on the fixture's items).
    @Test func sweepFindsEveryOverlappingPair() throws {
        let configuration = try RulesFixture.configuration("no-overlap")
        let cycle = try RulesFixture.cycle(configuration, year: 2027)
        let context = ConflictEngine(configuration: configuration).context(for: cycle, language: .nb)
        let rule = NoOverlapRule(id: "all", severity: .warning, match: Match(), sameDay: false, across: nil)
        let found = Set(rule.evaluate(context).map { Set($0.occurrences) })
        var expected: Set<Set<Int>> = []
        let occurrences = context.occurrences
        for a in occurrences.indices {
            for b in occurrences.indices where a < b {
                let x = occurrences[a], y = occurrences[b]
                let xEnd = max(x.endInstant, x.startInstant + 1), yEnd = max(y.endInstant, y.startInstant + 1)
                if x.startInstant < yEnd && y.startInstant < xEnd && x.occurrence != y.occurrence { expected.insert([a, b]) }
            }
        }
        #expect(found == expected)
        #expect(found.count > 5)
    }
}
