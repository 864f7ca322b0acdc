import Foundation
import ICalendar
import Testing
@testable import Aarshjul

/// Joint items belong to every calendar that holds them (issue 11 §1). Fixture:
/// `Fixtures/joint/joint.toml` — the steering group's meeting is in the joint calendar (`uk`,
/// SEQUENCE 0) and in NTNU's (`ntnu`, SEQUENCE 1, NTNU's own summary); NTNU's copy wins.
@Suite struct JointItemTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let meeting = "joint-sg@joint.aarshjul.test"
    static let deadline = "joint-frist@joint.aarshjul.test"

    static func configuration() throws -> AarshjulConfiguration {
        try AarshjulConfiguration.load(fileAt: packageRoot.appendingPathComponent("Fixtures/joint/joint.toml").path)
    }

    static func cycle() throws -> Cycle {
        try RulesFixture.cycle(configuration(), year: 2027)
    }

    static func report(language: Language = .nb) throws -> ConflictReport {
        try RulesFixture.report(configuration(), language: language)
    }

    // MARK: The cycle

    /// One occurrence, NTNU's copy shown, both calendars its provenance, and tagged by the
    /// `[[tag]]` written for the losing copy's source and by the losing copy's X-AARSHJUL-AREA.
    @Test func theJointMeetingIsTaggedFromTheLosingCopy() throws {
        let cycle = try Self.cycle()
        #expect(cycle.diagnostics.isEmpty, "\(cycle.diagnostics)")
        let occurrences = cycle.occurrences.filter { $0.uid == Self.meeting }
        try #require(occurrences.count == 1)
        let meeting = occurrences[0]
        #expect(meeting.summary == "Universitetskommunen: styringsgruppe", "the winning (NTNU, SEQUENCE 1) copy is shown")
        #expect(meeting.occurrence.component.property("LOCATION")?.textValue == "NTNU Gløshaugen, Hovedbygningen")
        #expect(meeting.primarySource == "ntnu")
        #expect(meeting.sources == ["ntnu", "uk"])
        // body and kind: the tag { source = "uk", summary = "Styringsgruppe*" } holds for the uk copy;
        // area: the uk copy's X-AARSHJUL-AREA; the tag { source = "ntnu", summary = "Styringsgruppe*" }
        // holds for no copy (NTNU's summary is worded otherwise), so area = "feil" is not set.
        #expect(meeting.tags == Tags(body: "styringsgruppen", kind: "decision", area: "innovasjon-omstilling"))
        // An item only one source holds is unchanged.
        let formannskapet = try #require(cycle.occurrences.first { $0.uid == "formannskapet-sep@joint.aarshjul.test" })
        #expect(formannskapet.sources == ["tk"])
        #expect(formannskapet.tags == Tags(body: "formannskapet", kind: "decision"))
    }

    /// The tagger over an item's copies gives the cycle's answer.
    @Test func taggingAMergedItemAgreesWithTheCycle() throws {
        let configuration = try Self.configuration()
        let cycle = try Self.cycle()
        let item = try #require(cycle.merge.items.first { $0.identity.uid == Self.meeting })
        #expect(item.winner.source == "ntnu")
        #expect(item.provenance == ["ntnu", "uk"])
        #expect(item.losingVersions.map(\.source) == ["uk"])
        let tags = Tagger(rules: configuration.tags).tags(for: item)
        #expect(tags == cycle.occurrences.first { $0.uid == Self.meeting }?.tags)
        // The winning copy alone is what the cycle used to see: nothing.
        #expect(Tagger(rules: configuration.tags).tags(for: item.winner.component, source: "ntnu") == Tags())
    }

    // MARK: Rules

    /// `source = X` in a rule's match holds for the item when X is any source that holds it.
    @Test func sourceInARuleMatchHoldsForEverySourceOfTheItem() throws {
        let cycle = try Self.cycle()
        let context = ConflictEngine(configuration: try Self.configuration()).context(for: cycle, language: .nb)
        func uids(_ match: Match) -> Set<String> { Set(context.select(match).map { context.occurrences[$0].uid }) }
        #expect(uids(Match(source: "uk")) == [Self.meeting, Self.deadline])
        #expect(uids(Match(source: "ntnu")) == [Self.meeting, "styret-sep@joint.aarshjul.test"])
        #expect(uids(Match(source: "tk")) == ["formannskapet-sep@joint.aarshjul.test"])
        #expect(uids(Match(source: "u?")) == [Self.meeting, Self.deadline])
        // Other keys are the shown (winning) copy's: NTNU's summary, not the joint calendar's.
        #expect(uids(Match(source: "uk", summary: "Styringsgruppe*")).isEmpty)
        #expect(uids(Match(source: "uk", summary: "Universitetskommunen: styringsgruppe")) == [Self.meeting])
    }

    /// The issue's case: a lead-time rule between the joint calendar's saksfrist and the joint
    /// meeting that NTNU's copy won must fire (an error-level conflict), and `required` finds
    /// the meeting.
    @Test func leadTimeToTheJointMeetingFires() throws {
        let report = try Self.report()
        #expect(report.conflicts.map(\.rule) == ["saksfrist-styringsgruppen"])
        let conflict = try #require(report.conflicts.first)
        #expect(conflict.type == "lead-time")
        #expect(conflict.severity == .error)
        #expect(report.hasOpen(atLeast: .error))
        #expect(conflict.occurrences.map(\.uid) == [Self.deadline, Self.meeting])
        #expect(conflict.occurrences.map(\.source) == ["uk", "ntnu"])
        #expect(conflict.occurrences.map(\.sources) == [["uk"], ["ntnu", "uk"]])
        #expect(conflict.explanation == "«Saksfrist styringsgruppen 13. september» (Universitetskommunen TK–NTNU) 6. september 2027 er bare 7 dager før «Universitetskommunen: styringsgruppe» (NTNU, Universitetskommunen TK–NTNU) 13. september 2027. Regelen «saksfrist-styringsgruppen» krever minst 10 dager.")
        #expect(!conflict.suggestions.isEmpty)
    }

    @Test func explanationsNameAllSourcesInEnglish() throws {
        let conflict = try #require(try Self.report(language: .en).conflicts.first)
        #expect(conflict.explanation == "«Saksfrist styringsgruppen 13. september» (Universitetskommunen TK–NTNU) 6 September 2027 is only 7 days before «Universitetskommunen: styringsgruppe» (NTNU, Universitetskommunen TK–NTNU) 13 September 2027. The rule «saksfrist-styringsgruppen» requires at least 10 days.")
    }

    /// `across = "sources"` compares pairs held by different sets of sources: the joint meeting
    /// (ntnu, uk) against an item only tk or only ntnu holds, but not two items both hold.
    @Test func acrossSourcesComparesDifferentSetsOfSources() throws {
        let cycle = try Self.cycle()
        let zone = ZoneRules.system("Europe/Oslo") ?? .fixed(seconds: 0)
        let meeting = try #require(cycle.occurrences.first { $0.uid == Self.meeting })
        let formannskapet = try #require(cycle.occurrences.first { $0.uid == "formannskapet-sep@joint.aarshjul.test" })
        let styret = try #require(cycle.occurrences.first { $0.uid == "styret-sep@joint.aarshjul.test" })
        // Everything on 13 September: a tk item, an ntnu item, and another joint (ntnu, uk) item.
        var twin = meeting
        twin.identity = ItemIdentity(uid: "twin@joint.aarshjul.test")
        twin.item = -1
        let occurrences = [meeting, ConflictEngine.shift(formannskapet, days: -1, zone: zone),
                           ConflictEngine.shift(styret, days: -3, zone: zone), twin].sorted { $0.startInstant < $1.startInstant }
        let context = RuleContext(occurrences: occurrences, year: cycle.year, calendar: NorwegianCalendar(), labels: Labels(.nb),
                                  sourceNames: [:], zone: zone)
        let rule = NoOverlapRule(id: "same-day", severity: .warning, match: Match(), sameDay: true, across: .sources)
        let pairs = Set(rule.evaluate(context).map { finding in
            finding.occurrences.map { context.occurrences[$0].identity.uid }.sorted().joined(separator: " + ")
        })
        #expect(pairs == [
            "formannskapet-sep@joint.aarshjul.test + joint-sg@joint.aarshjul.test",
            "formannskapet-sep@joint.aarshjul.test + twin@joint.aarshjul.test",
            "formannskapet-sep@joint.aarshjul.test + styret-sep@joint.aarshjul.test",
            "joint-sg@joint.aarshjul.test + styret-sep@joint.aarshjul.test",
            "styret-sep@joint.aarshjul.test + twin@joint.aarshjul.test",
        ], "every pair but the two joint items, which both calendars hold")
    }

    /// Conflict JSON written before `sources` existed still reads, with the one source.
    @Test func conflictOccurrencesWithoutSourcesDecode() throws {
        let old = #"{"fixed":false,"source":"tk","start":"2027-09-14T09:00:00","summary":"Formannskapet","uid":"u"}"#
        let occurrence = try JSONDecoder().decode(ConflictOccurrence.self, from: Data(old.utf8))
        #expect(occurrence.sources == ["tk"])
        #expect(occurrence.recurrenceId == nil)
        let written = try JSONEncoder().encode(occurrence)
        #expect(try JSONDecoder().decode(ConflictOccurrence.self, from: written) == occurrence)
    }

    // MARK: Feeds

    /// `source-X.ics` keeps every item X holds a copy of; the event names every source in
    /// CATEGORIES and appears once in the combined feed.
    @Test func sourceFeedsKeepTheJointItemForEachSourceHoldingIt() throws {
        let configuration = try Self.configuration()
        let cycle = try Self.cycle()
        let feeds = FeedBuilder(configuration: configuration)
            .feeds(for: cycle, conflicts: ConflictEngine(configuration: configuration, proposeDates: false).run(on: cycle, language: .nb))
        func uids(_ name: String) throws -> [String] {
            let feed = try #require(feeds.first { $0.name == name }, "\(name)")
            return feed.calendar.components.filter { $0.name == "VEVENT" }.compactMap(\.uid)
        }
        #expect(try uids("source-uk") == [Self.deadline, Self.meeting])
        #expect(try uids("source-ntnu") == [Self.meeting, "styret-sep@joint.aarshjul.test"])
        #expect(try uids("source-tk") == ["formannskapet-sep@joint.aarshjul.test"])
        #expect(try uids("combined").filter { $0 == Self.meeting }.count == 1)
        #expect(try uids("body-styringsgruppen") == [Self.deadline, Self.meeting])
        #expect(try uids("area-innovasjon-omstilling") == [Self.meeting])
        let combined = try #require(feeds.first { $0.name == "combined" })
        let event = try #require(combined.calendar.components.first { $0.uid == Self.meeting })
        #expect(event.value(of: "SUMMARY") == "Universitetskommunen: styringsgruppe", "the winning copy as its source wrote it")
        #expect(event.value(of: "SEQUENCE") == "1")
        #expect(event.properties(named: "CATEGORIES").map(\.value)
            == ["NTNU,Universitetskommunen TK–NTNU,styringsgruppen,innovasjon-omstilling"])
        // The conflict's event names the meeting by both sources.
        let conflicts = try #require(feeds.first { $0.name == "conflicts" })
        let description = conflicts.calendar.components.first { $0.name == "VEVENT" }?.property("DESCRIPTION")?.textValue ?? ""
        #expect(description.contains("– Universitetskommunen: styringsgruppe (NTNU, Universitetskommunen TK–NTNU), 13. september 2027 kl. 10:00"))
    }
}

/// The combined tags of an item's copies, field by field (`Tagger/tags(forCopies:)`).
@Suite struct CombinedTagTests {
    static func copy(_ summary: String, source: String, _ extra: [(String, String)] = []) -> (component: Component, source: String) {
        (component: Component(name: "VEVENT", properties: [Property(name: "UID", value: "u@aarshjul.test"), Property(name: "SUMMARY", value: summary)]
            + extra.map { Property(name: $0.0, value: $0.1) }), source: source)
    }

    /// The winning copy's X-AARSHJUL-* first, then the other copies' in order, then tags.
    @Test func ownPropertiesWinnerFirstThenOtherCopiesThenTags() {
        let tagger = Tagger(rules: [TagSettings(match: Match(), body: "tagged", kind: "tagged", area: "tagged")])
        let winner = Self.copy("Møte", source: "ntnu", [("X-AARSHJUL-BODY", "vinner")])
        let first = Self.copy("Møte", source: "tk", [("X-AARSHJUL-BODY", "tk"), ("X-AARSHJUL-KIND", "meeting")])
        let second = Self.copy("Møte", source: "uk", [("X-AARSHJUL-KIND", "decision"), ("X-AARSHJUL-AREA", "smart-by")])
        #expect(tagger.tags(forCopies: [winner, first, second]) == Tags(body: "vinner", kind: "meeting", area: "smart-by"))
        #expect(tagger.tags(forCopies: [winner, second, first]) == Tags(body: "vinner", kind: "decision", area: "smart-by"))
        #expect(tagger.tags(forCopies: [winner]) == Tags(body: "vinner", kind: "tagged", area: "tagged"))
    }

    /// A tag holds for a copy when all its keys hold for that one copy; the first such tag in
    /// file order over all copies sets each field.
    @Test func aTagMatchesWhenAllItsKeysHoldForOneCopy() {
        let tagger = Tagger(rules: [
            TagSettings(match: Match(source: "ntnu", summary: "Styringsgruppe*"), area: "never"),
            TagSettings(match: Match(source: "uk", summary: "Styringsgruppe*"), body: "styringsgruppen", kind: "decision"),
            TagSettings(match: Match(source: "ntnu"), kind: "meeting", area: "ntnu-area"),
        ])
        let ntnu = Self.copy("Universitetskommunen: styringsgruppe", source: "ntnu")
        let uk = Self.copy("Styringsgruppe Universitetskommunen", source: "uk")
        #expect(tagger.tags(forCopies: [ntnu, uk]) == Tags(body: "styringsgruppen", kind: "decision", area: "ntnu-area"))
        #expect(tagger.tags(forCopies: [uk, ntnu]) == Tags(body: "styringsgruppen", kind: "decision", area: "ntnu-area"),
                "which copy won does not change what the tags give")
        #expect(tagger.tags(forCopies: [ntnu]) == Tags(kind: "meeting", area: "ntnu-area"))
    }

    /// `body`, `kind` and `area` keys in a tag's match test the tags combined so far, whichever
    /// copy gave them; `fixed` is set by any copy or any matching tag.
    @Test func tagFieldsInAMatchSeeTheCombinedTags() {
        let tagger = Tagger(rules: [
            TagSettings(match: Match(source: "ntnu", body: "styringsgruppen"), area: "felles"),
            TagSettings(match: Match(source: "uk"), body: "styringsgruppen"),
            TagSettings(match: Match(source: "ntnu", body: "styringsgruppen"), kind: "decision"),
        ])
        let ntnu = Self.copy("Møte", source: "ntnu")
        let uk = Self.copy("Møte", source: "uk", [("X-AARSHJUL-FIXED", "TRUE")])
        // The first tag is tested before the uk copy's tag gives the body; the third after.
        #expect(tagger.tags(forCopies: [ntnu, uk]) == Tags(body: "styringsgruppen", kind: "decision", fixed: true))
    }
}
