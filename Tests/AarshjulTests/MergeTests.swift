import Foundation
import ICalendar
import Testing
@testable import Aarshjul

/// Paths and loaders for the fixtures under `Fixtures/merge` and `Fixtures/cycle`, shared by
/// the merge, cycle and tagging tests.
enum MergeCycleFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The absolute path of `Fixtures/RELATIVE`.
    static func path(_ relative: String) -> String {
        packageRoot.appendingPathComponent("Fixtures/\(relative)").standardized.path
    }

    /// `Fixtures/merge/NAME.ics` read as the source `id`.
    static func source(_ name: String, id: String) throws -> SourceCalendar {
        try SourceCalendar.read(fileAt: path("merge/\(name).ics"), id: id, name: id)
    }

    /// `Fixtures/cycle/NAME.toml`, parsed as if read from that directory.
    static func configuration(_ name: String) throws -> AarshjulConfiguration {
        let directory = path("cycle")
        let text = try String(contentsOfFile: "\(directory)/\(name).toml", encoding: .utf8)
        return try AarshjulConfiguration.parse(text, fileName: "\(name).toml", baseDirectory: directory)
    }

    /// The first `VEVENT` with this UID (and RECURRENCE-ID text, if given) in a source as read.
    static func input(_ source: SourceCalendar, uid: String, recurrenceID: String? = nil) -> Component? {
        source.document.calendars.flatMap(\.components).first {
            $0.name == "VEVENT" && $0.uid == uid && $0.property("RECURRENCE-ID")?.value == recurrenceID
        }
    }

    /// Seconds since the epoch of a UTC wall time.
    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Int {
        LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second).secondsSinceEpoch
    }
}

/// One row of the precedence table: which source's version wins when the sources are given
/// as [first, second], and when they are given as [second, first].
struct PrecedenceCase: Sendable, CustomTestStringConvertible {
    var uid: String
    var winner: String
    var winnerReversed: String
    var testDescription: String { uid }
}

/// DESIGN.md §Data flow 3: identity, precedence, provenance, sync mismatches, likely
/// duplicates, made-up UIDs and the merged calendar.
@Suite struct MergeTests {
    typealias F = MergeCycleFixtures

    // MARK: Precedence

    static let precedence: [PrecedenceCase] = [
        // SEQUENCE: higher wins, whatever LAST-MODIFIED and DTSTAMP say.
        PrecedenceCase(uid: "seq-higher-second@aarshjul.test", winner: "second", winnerReversed: "second"),
        PrecedenceCase(uid: "seq-higher-first@aarshjul.test", winner: "first", winnerReversed: "first"),
        // An absent SEQUENCE is 0.
        PrecedenceCase(uid: "seq-absent@aarshjul.test", winner: "second", winnerReversed: "second"),
        // Equal SEQUENCE: the later LAST-MODIFIED wins, whatever DTSTAMP says.
        PrecedenceCase(uid: "lastmod-later-second@aarshjul.test", winner: "second", winnerReversed: "second"),
        PrecedenceCase(uid: "lastmod-later-first@aarshjul.test", winner: "first", winnerReversed: "first"),
        // Equal SEQUENCE and LAST-MODIFIED: the later DTSTAMP wins.
        PrecedenceCase(uid: "stamp-equal-lastmod@aarshjul.test", winner: "second", winnerReversed: "second"),
        // Equal SEQUENCE, LAST-MODIFIED absent in both: the later DTSTAMP wins.
        PrecedenceCase(uid: "stamp-absent-lastmod-second@aarshjul.test", winner: "second", winnerReversed: "second"),
        PrecedenceCase(uid: "stamp-absent-lastmod-first@aarshjul.test", winner: "first", winnerReversed: "first"),
        // All equal: the source listed first wins.
        PrecedenceCase(uid: "all-equal@aarshjul.test", winner: "first", winnerReversed: "second"),
        PrecedenceCase(uid: "all-absent@aarshjul.test", winner: "first", winnerReversed: "second"),
        // Equal SEQUENCE: a version with LAST-MODIFIED beats one without, even with an older DTSTAMP.
        PrecedenceCase(uid: "lastmod-present-second@aarshjul.test", winner: "second", winnerReversed: "second"),
        PrecedenceCase(uid: "lastmod-present-first@aarshjul.test", winner: "first", winnerReversed: "first"),
    ]

    static func precedenceMerge(reversed: Bool) throws -> MergeResult {
        let first = try F.source("precedence-first", id: "first")
        let second = try F.source("precedence-second", id: "second")
        return Merger().merge(reversed ? [second, first] : [first, second])
    }

    @Test(arguments: precedence)
    func precedenceTable(_ row: PrecedenceCase) throws {
        for reversed in [false, true] {
            let result = try Self.precedenceMerge(reversed: reversed)
            let item = try #require(result.items.first { $0.identity == ItemIdentity(uid: row.uid) })
            let expected = reversed ? row.winnerReversed : row.winner
            #expect(item.winner.source == expected, "reversed: \(reversed)")
            #expect(item.winner.component.property("LOCATION")?.textValue == (expected == "first" ? "Rom første" : "Rom andre"))
            #expect(item.versions.map(\.source) == (reversed ? ["second", "first"] : ["first", "second"]))
            #expect(item.sources == (reversed ? ["second", "first"] : ["first", "second"]))
            #expect(item.versions.filter { $0 == item.winner }.count == 1)
            #expect(item.uidWasDerived == false)
            // The loser only differs in LOCATION (and the version properties, which are ignored).
            let loser = try #require(item.versions.first { $0.source != expected })
            #expect(item.differences(of: loser) == ["LOCATION"])
        }
    }

    @Test func precedenceFixtureHasNoOtherFindings() throws {
        let result = try Self.precedenceMerge(reversed: false)
        #expect(result.items.map(\.identity.uid) == Self.precedence.map(\.uid).sorted())
        #expect(result.mismatches.isEmpty)
        #expect(result.duplicates.isEmpty)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func versionsCarryTheirPrecedenceValues() throws {
        let result = try Self.precedenceMerge(reversed: false)
        let item = try #require(result.items.first { $0.identity.uid == "lastmod-later-second@aarshjul.test" })
        #expect(item.versions.map(\.sequence) == [1, 1])
        #expect(item.versions.map(\.lastModified) == [F.utc(2026, 1, 10, 8), F.utc(2026, 2, 20, 8)])
        #expect(item.versions.map(\.stamp) == [F.utc(2026, 3, 1, 12), F.utc(2026, 1, 1, 12)])
        let absent = try #require(result.items.first { $0.identity.uid == "all-absent@aarshjul.test" })
        #expect(absent.versions.map(\.sequence) == [0, 0])
        #expect(absent.versions.map(\.lastModified) == [nil, nil])
        #expect(absent.versions.map(\.stamp) == [nil, nil])
    }

    @Test func isNewerDirectly() {
        func version(_ source: String, sequence: Int = 0, modified: Int? = nil, stamp: Int? = nil) -> ItemVersion {
            ItemVersion(source: source, component: Component(name: "VEVENT"), start: nil, end: nil,
                        sequence: sequence, lastModified: modified, stamp: stamp)
        }
        #expect(Merger.isNewer(version("b", sequence: 2, modified: 1, stamp: 1), than: version("a", sequence: 1, modified: 9, stamp: 9)))
        #expect(!Merger.isNewer(version("b", sequence: 1, modified: 9, stamp: 9), than: version("a", sequence: 2, modified: 1, stamp: 1)))
        #expect(Merger.isNewer(version("b", modified: 5, stamp: 1), than: version("a", modified: 4, stamp: 9)))
        #expect(Merger.isNewer(version("b", modified: 5, stamp: 2), than: version("a", modified: 5, stamp: 1)))
        #expect(Merger.isNewer(version("b", stamp: 2), than: version("a", stamp: 1)))
        #expect(Merger.isNewer(version("b", modified: 1, stamp: 1), than: version("a", stamp: 9)))
        #expect(!Merger.isNewer(version("b", stamp: 9), than: version("a", modified: 1, stamp: 1)))
        #expect(!Merger.isNewer(version("b", modified: 5, stamp: 5), than: version("a", modified: 5, stamp: 5)))
        #expect(!Merger.isNewer(version("b"), than: version("a")))
    }

    // MARK: Provenance

    static func provenanceSources() throws -> [SourceCalendar] {
        [try F.source("provenance-tk", id: "tk"), try F.source("provenance-ntnu", id: "ntnu"), try F.source("provenance-uk", id: "uk")]
    }

    @Test func provenanceOfAnItemInThreeSources() throws {
        let sources = try Self.provenanceSources()
        let result = Merger().merge(sources)
        #expect(result.items.count == 1)
        let item = try #require(result.items.first)
        #expect(item.identity == ItemIdentity(uid: "prov-styringsgruppe@aarshjul.test"))
        #expect(item.sources == ["tk", "ntnu", "uk"])
        #expect(item.versions.map(\.source) == ["tk", "ntnu", "uk"])
        #expect(item.versions.map(\.sequence) == [1, 2, 2])
        // uk and ntnu share SEQUENCE 2; ntnu's LAST-MODIFIED is later.
        #expect(item.winner.source == "ntnu")
        #expect(item.winner == item.versions[1])
        #expect(item.winner.lastModified == F.utc(2025, 12, 10, 8, 14, 55))
        #expect(item.winner.stamp == F.utc(2025, 12, 14, 20, 15, 33))
        // Three notations (W. Europe Standard Time, floating + X-WR-TIMEZONE, Europe/Oslo) of one instant.
        #expect(item.versions.map(\.start) == Array(repeating: "2027-03-01T09:00:00Z", count: 3))
        #expect(item.versions.map(\.end) == Array(repeating: "2027-03-01T11:30:00Z", count: 3))
        #expect(result.mismatches.isEmpty)
        #expect(result.duplicates.isEmpty)
        #expect(result.diagnostics.isEmpty)

        #expect(item.differences(of: item.versions[0]) == [
            "ATTENDEE", "DESCRIPTION", "DTEND", "DTSTART", "LOCATION", "STATUS", "SUMMARY", "TRANSP",
            "X-GOOGLE-CONFERENCE", "X-MICROSOFT-CDO-BUSYSTATUS",
        ])
        #expect(item.differences(of: item.versions[2]) == [
            "ATTENDEE", "CATEGORIES", "DESCRIPTION", "LOCATION", "TRANSP", "X-AARSHJUL-BODY",
            "X-GOOGLE-CONFERENCE", "X-MOZ-GENERATION",
        ])
        #expect(item.differences(of: item.winner) == [])
    }

    @Test func nothingOfTheWinningVersionIsLost() throws {
        let sources = try Self.provenanceSources()
        let result = Merger().merge(sources)
        let item = try #require(result.items.first)
        let uid = "prov-styringsgruppe@aarshjul.test"
        let ntnu = try #require(F.input(sources[1], uid: uid))

        // The only change: the floating DTSTART/DTEND of the X-WR-TIMEZONE calendar get its TZID.
        var anchored = ntnu
        for index in anchored.properties.indices where ["DTSTART", "DTEND"].contains(anchored.properties[index].name) {
            anchored.properties[index].setParameter("TZID", "Europe/Oslo")
        }
        #expect(item.winner.component == anchored)
        #expect(item.winner.component.properties.map(\.name) == ntnu.properties.map(\.name))
        #expect(item.winner.component.property("DTSTART")?.parameters == [Parameter("TZID", "Europe/Oslo")])
        #expect(item.winner.component.property("DTSTART")?.value == "20270301T100000")
        #expect(item.winner.component.property("ATTENDEE")?.parameter("CN") == "Kari Nordmann")
        #expect(item.winner.component.property("ATTENDEE")?.parameter("X-NUM-GUESTS") == "0")
        #expect(item.winner.component.components == ntnu.components)
        #expect(item.winner.component.components.map(\.name) == ["VALARM"])

        // The losing versions are kept as their sources wrote them (no floating times there).
        #expect(item.versions[0].component == F.input(sources[0], uid: uid))
        #expect(item.versions[2].component == F.input(sources[2], uid: uid))

        // And the written calendar holds the winner as it is.
        let written = ICalendarWriter().string(result.calendar())
        let back = try ICalendarReader().read(written, fileName: "merged.ics")
        #expect(back.diagnostics.isEmpty)
        #expect(back.calendars.first?.components(named: "VEVENT") == [anchored])
    }

    // MARK: Sync mismatches

    static func mismatchSources() throws -> [SourceCalendar] {
        [try F.source("mismatch-oslo", id: "oslo"), try F.source("mismatch-utc", id: "utc"), try F.source("mismatch-windows", id: "windows")]
    }

    @Test func mismatchesListBothPlacements() throws {
        let result = Merger().merge(try Self.mismatchSources())
        #expect(result.mismatches == [
            SyncMismatch(identity: ItemIdentity(uid: "moved@aarshjul.test"), summary: "Styringsgruppen – flyttet møte", versions: [
                .init(source: "oslo", start: "2027-09-13T10:00:00Z", end: "2027-09-13T12:30:00Z", rules: [], isWinner: true),
                .init(source: "utc", start: "2027-09-13T11:00:00Z", end: "2027-09-13T13:30:00Z", rules: [], isWinner: false),
            ]),
            // An override matched across zones (RECURRENCE-ID in Europe/Oslo and in UTC), moved
            // to different days by the two sources.
            SyncMismatch(identity: ItemIdentity(uid: "series-moved@aarshjul.test", recurrenceID: "2027-03-16T13:00:00Z"),
                         summary: "Prosjektledermøte (flyttet)", versions: [
                             .init(source: "oslo", start: "2027-03-17T13:00:00Z", end: "2027-03-17T14:00:00Z", rules: [], isWinner: true),
                             .init(source: "utc", start: "2027-03-18T13:00:00Z", end: "2027-03-18T14:00:00Z", rules: [], isWinner: false),
                         ]),
        ])
    }

    @Test func sameInstantInThreeZonesIsNotAMismatch() throws {
        let result = Merger().merge(try Self.mismatchSources())
        for uid in ["same-instant-summer@aarshjul.test", "same-instant-winter@aarshjul.test"] {
            let item = try #require(result.items.first { $0.identity == ItemIdentity(uid: uid) })
            #expect(item.sources == ["oslo", "utc", "windows"])
            #expect(!result.mismatches.contains { $0.identity.uid == uid })
        }
        let summer = try #require(result.items.first { $0.identity.uid == "same-instant-summer@aarshjul.test" })
        #expect(summer.versions.map(\.start) == Array(repeating: "2027-04-05T07:00:00Z", count: 3))
        #expect(summer.versions.map(\.end) == Array(repeating: "2027-04-05T09:00:00Z", count: 3))
        let winter = try #require(result.items.first { $0.identity.uid == "same-instant-winter@aarshjul.test" })
        #expect(winter.versions.map(\.start) == Array(repeating: "2027-11-15T08:00:00Z", count: 3))
        // The Windows copy has the latest DTSTAMP and wins; the Oslo copy differs from it in the
        // TZID of its times and in SUMMARY;LANGUAGE=nb-NO.
        #expect(winter.winner.source == "windows")
        #expect(winter.differences(of: winter.versions[0]) == ["DTEND", "DTSTART", "SUMMARY"])
        #expect(winter.differences(of: winter.versions[1]) == ["DTEND", "DTSTART", "SUMMARY"])
    }

    @Test func overrideMatchedAcrossZones() throws {
        let result = Merger().merge(try Self.mismatchSources())
        #expect(result.items.map(\.identity.description) == [
            "moved@aarshjul.test",
            "same-instant-summer@aarshjul.test",
            "same-instant-winter@aarshjul.test",
            "series-moved@aarshjul.test",
            "series-moved@aarshjul.test@2027-03-16T13:00:00Z",
            "series@aarshjul.test",
            "series@aarshjul.test@2027-03-16T08:00:00Z",
        ])
        // RECURRENCE-ID written as Europe/Oslo, UTC and W. Europe Standard Time: one item.
        let override = try #require(result.items.first { $0.identity == ItemIdentity(uid: "series@aarshjul.test", recurrenceID: "2027-03-16T08:00:00Z") })
        #expect(override.sources == ["oslo", "utc", "windows"])
        #expect(override.versions.map(\.start) == Array(repeating: "2027-03-17T11:00:00Z", count: 3))
        #expect(override.winner.source == "windows")  // the latest DTSTAMP
        let master = try #require(result.items.first { $0.identity == ItemIdentity(uid: "series@aarshjul.test") })
        #expect(master.sources == ["oslo", "utc", "windows"])
        #expect(!result.mismatches.contains { $0.identity.uid == "series@aarshjul.test" })
    }

    @Test func floatingTimesOfAnXWRTimezoneCalendarMatchZonedOnes() throws {
        // Google writes floating times and X-WR-TIMEZONE; its override's RECURRENCE-ID is floating too.
        let sources = try Self.mismatchSources() + [try F.source("mismatch-google", id: "google")]
        let result = Merger().merge(sources)
        let override = try #require(result.items.first { $0.identity == ItemIdentity(uid: "series@aarshjul.test", recurrenceID: "2027-03-16T08:00:00Z") })
        #expect(override.sources == ["oslo", "utc", "windows", "google"])
        #expect(override.versions.map(\.start) == Array(repeating: "2027-03-17T11:00:00Z", count: 4))
        #expect(override.versions[3].component.property("RECURRENCE-ID") == Property(
            name: "RECURRENCE-ID", parameters: [Parameter("TZID", "Europe/Oslo")], value: "20270316T090000"))
        let summer = try #require(result.items.first { $0.identity == ItemIdentity(uid: "same-instant-summer@aarshjul.test") })
        #expect(summer.sources == ["oslo", "utc", "windows", "google"])
        #expect(result.items.count == 7)
        #expect(result.mismatches.map(\.identity.uid) == ["moved@aarshjul.test", "series-moved@aarshjul.test"])
    }

    /// The same times in other notations are not a disagreement on *when* (DESIGN.md §3):
    /// Exchange writes DTEND, Thunderbird DURATION.
    @Test func durationAndDTENDForTheSameEndAreNotAMismatch() throws {
        let result = Merger().merge([try F.source("notation-exchange", id: "tk"), try F.source("notation-thunderbird", id: "uk")])
        let item = try #require(result.items.first { $0.identity == ItemIdentity(uid: "duration-vs-dtend@aarshjul.test") })
        #expect(item.sources == ["tk", "uk"])
        #expect(item.versions.map(\.start) == ["2027-04-07T07:00:00Z", "2027-04-07T07:00:00Z"])
        // DTEND 10:30 Europe/Oslo and DURATION:PT1H30M from 09:00 Europe/Oslo are one end.
        #expect(result.mismatches.filter { $0.identity == item.identity }.flatMap(\.versions)
            .map { "\($0.source) \($0.start) \($0.end ?? "-") \($0.rules)" } == [])
    }

    /// RRULE parts in another order (Exchange: COUNT before BYDAY; Thunderbird: INTERVAL first)
    /// are the same rule and the same instances.
    @Test func theSameRuleWrittenInAnotherOrderIsNotAMismatch() throws {
        let result = Merger().merge([try F.source("notation-exchange", id: "tk"), try F.source("notation-thunderbird", id: "uk")])
        let item = try #require(result.items.first { $0.identity == ItemIdentity(uid: "rrule-order@aarshjul.test") })
        #expect(item.sources == ["tk", "uk"])
        #expect(item.versions.map(\.start) == ["2027-03-02T08:00:00Z", "2027-03-02T08:00:00Z"])
        #expect(item.versions.map(\.end) == ["2027-03-02T14:00:00Z", "2027-03-02T14:00:00Z"])
        // FREQ=WEEKLY;COUNT=6;BYDAY=TU;INTERVAL=2 and FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=6.
        #expect(result.mismatches.filter { $0.identity == item.identity }.flatMap(\.versions)
            .map { "\($0.source) \($0.start) \($0.end ?? "-") \($0.rules)" } == [])
    }

    @Test func oneSourceAloneHasNoMismatch() throws {
        let oslo = try F.source("mismatch-oslo", id: "oslo")
        let result = Merger().merge([oslo, oslo])
        #expect(result.mismatches.isEmpty)
        #expect(result.items.first?.sources == ["oslo"])
        #expect(result.items.first?.versions.count == 2)
    }

    // MARK: Likely duplicates

    @Test func likelyDuplicates() throws {
        let uk = try F.source("duplicates-uk", id: "uk")
        let ntnu = try F.source("duplicates-ntnu", id: "ntnu")
        let result = Merger().merge([uk, ntnu])
        #expect(result.duplicates == [
            // "Kafé-møte om økonomiplanen" / "KAFE-MOTE OM OKONOMIPLANEN": accents and case.
            LikelyDuplicate(start: "2027-06-02T06:00:00Z", summary: "Kafé-møte om økonomiplanen",
                            items: [ItemIdentity(uid: "7d0c9a51-1b5e-4f53-9d0e-1c2b3a4d5e6f"), ItemIdentity(uid: "kafe8m0te9okonomi4plan@google.com")],
                            sources: ["uk", "ntnu"]),
            // "Årskonferanse …" / "  ARSKONFERANSE   universitetskommunen  tk–ntnu ": also whitespace;
            // 09:00 Europe/Oslo and 08:00Z are one start.
            LikelyDuplicate(start: "2027-11-04T08:00:00Z", summary: "  ARSKONFERANSE   universitetskommunen  tk–ntnu ",
                            items: [ItemIdentity(uid: "3mbh5z8461qpfrjw81tlr6hf3z@google.com"), ItemIdentity(uid: "5aa587de-7c9b-44a0-94a9-59205f400ca7")],
                            sources: ["ntnu", "uk"]),
        ])
        // Both are kept; the same summary at another start (Budsjettseminar 07:00Z / 08:00Z) or on
        // another day (the Frist) is not reported.
        #expect(result.items.count == 8)
        #expect(Set(result.items.map(\.identity.uid)) == [
            "5aa587de-7c9b-44a0-94a9-59205f400ca7", "3mbh5z8461qpfrjw81tlr6hf3z@google.com",
            "7d0c9a51-1b5e-4f53-9d0e-1c2b3a4d5e6f", "kafe8m0te9okonomi4plan@google.com",
            "0b7e6d5c-4a3b-2c1d-0e9f-8a7b6c5d4e3f", "budsjett7seminar2ntnu@google.com",
            "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b", "frist5innspill6handlingsplan@google.com",
        ])
        #expect(result.mismatches.isEmpty)
    }

    // MARK: Missing UIDs

    @Test func missingUIDsAreDerivedDeterministically() throws {
        let path = F.path("merge/missing-uid.ics")
        let first = Merger().merge([try SourceCalendar.read(fileAt: path, id: "hand")])
        let second = Merger().merge([try SourceCalendar.read(fileAt: path, id: "hand")])
        // The same file read under another name and id gives the same UIDs: they come from the content.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let renamed = Merger().merge([SourceCalendar(id: "other", name: "Other", document: try ICalendarReader().read(text, fileName: "renamed.ics"))])

        #expect(first.items.count == 4)
        #expect(first.items.map(\.identity) == second.items.map(\.identity))
        #expect(first.items.map(\.identity) == renamed.items.map(\.identity))
        #expect(first.items.map(\.uidWasDerived).filter { $0 }.count == 3)

        func derived(_ result: MergeResult, start: String) throws -> MergedItem {
            try #require(result.items.first { $0.uidWasDerived && $0.winner.start == start })
        }
        let frist3 = try derived(first, start: "2027-09-03")
        let frist10 = try derived(first, start: "2027-09-10")
        let blankUID = try derived(first, start: "2027-10-12T11:00:00Z")
        let uids = [frist3, frist10, blankUID].map(\.identity.uid)
        #expect(Set(uids).count == 3, "different content gives different UIDs")
        for uid in uids {
            #expect(uid.hasPrefix("aarshjul-") && uid.hasSuffix("@aarshjul.invalid"))
            let hex = uid.dropFirst("aarshjul-".count).dropLast("@aarshjul.invalid".count)
            #expect(hex.count == 16 && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        }
        // Pinned: the UID must not change between releases either (feeds and accepted conflicts refer to it).
        #expect(uids == [
            "aarshjul-e948ecbdc9303b37@aarshjul.invalid",
            "aarshjul-555a7f020dca5c25@aarshjul.invalid",
            "aarshjul-271b2a698f9b646a@aarshjul.invalid",
        ])
        // They are the FNV-1a hash of the folded summary and the normalised times and rule.
        #expect(uids[2] == "aarshjul-" + StableHash.hex("VEVENT\narbeidsmote uten uid\n2027-10-12T11:00:00Z\n2027-10-12T13:00:00Z\nFREQ=WEEKLY;COUNT=3") + "@aarshjul.invalid")
        #expect(StableHash.hex("") == "cbf29ce484222325")
        #expect(StableHash.hex("a") == "af63dc4c8601ec8c")

        // The item carries its new UID first, and nothing else of it changes.
        let source = try SourceCalendar.read(fileAt: path, id: "hand")
        let inputs = source.document.calendars[0].components(named: "VEVENT")
        #expect(frist3.winner.component.properties.first == Property(name: "UID", value: frist3.identity.uid))
        #expect(Array(frist3.winner.component.properties.dropFirst()) == inputs[0].properties)
        #expect(blankUID.winner.component.properties(named: "UID") == [Property(name: "UID", value: blankUID.identity.uid)])
        #expect(Array(blankUID.winner.component.properties.dropFirst()) == inputs[3].properties.filter { $0.name != "UID" })

        // One warning per made-up UID, naming the file and the BEGIN:VEVENT line (after the
        // reader's own warnings about the missing UID, which the merge passes on).
        #expect(first.diagnostics.filter { !$0.message.contains("is given the UID") } == [
            Diagnostic(severity: .warning, file: path, line: 4, property: "VEVENT",
                       message: "no UID; the item cannot be matched with other versions of itself"),
            Diagnostic(severity: .warning, file: path, line: 17, property: "VEVENT",
                       message: "no UID; the item cannot be matched with other versions of itself"),
        ])
        #expect(first.diagnostics.filter { $0.message.contains("is given the UID") } == [
            Diagnostic(severity: .warning, file: path, line: 4, property: "VEVENT",
                       message: "\"Frist: rapport til styringsgruppen\" has no UID; it is given the UID \(uids[0]), made from its content"),
            Diagnostic(severity: .warning, file: path, line: 17, property: "VEVENT",
                       message: "\"Frist: rapport til styringsgruppen\" has no UID; it is given the UID \(uids[1]), made from its content"),
            Diagnostic(severity: .warning, file: path, line: 23, property: "VEVENT",
                       message: "\"Arbeidsmøte uten UID\" has no UID; it is given the UID \(uids[2]), made from its content"),
        ])
        #expect(first.diagnostics.filter { $0.message.contains("is given the UID") }.map(\.description).first == "\(path):4: VEVENT: warning: \"Frist: rapport til styringsgruppen\" has no UID; it is given the UID \(uids[0]), made from its content")
        #expect(renamed.diagnostics.filter { $0.message.contains("is given the UID") }.map(\.file) == ["renamed.ics", "renamed.ics", "renamed.ics"])
    }

    @Test func theSameItemWithoutUIDInTwoSourcesIsOneItem() throws {
        let hand = try F.source("missing-uid", id: "hand")
        let copy = try F.source("missing-uid-copy", id: "copy")
        let result = Merger().merge([hand, copy])
        #expect(result.items.count == 4)
        let item = try #require(result.items.first { $0.uidWasDerived && $0.winner.start == "2027-09-03" })
        #expect(item.sources == ["hand", "copy"])
        #expect(item.winner.source == "copy")  // later DTSTAMP
        let madeUp = result.diagnostics.filter { $0.message.contains("is given the UID") }
        #expect(madeUp.map(\.line) == [4, 17, 23, 4])
        #expect(madeUp.map(\.file) == [F.path("merge/missing-uid.ics"), F.path("merge/missing-uid.ics"),
                                        F.path("merge/missing-uid.ics"), F.path("merge/missing-uid-copy.ics")])
        #expect(madeUp[0].message == madeUp[3].message.replacingOccurrences(of: "FRIST: Rapport", with: "Frist: rapport"))
    }

    // MARK: The merged calendar

    static func outputMerge() throws -> MergeResult {
        Merger().merge([try F.source("output-tk", id: "tk"), try F.source("output-ntnu", id: "ntnu")])
    }

    @Test func oneVTimezonePerTZIDUsed() throws {
        let tk = try F.source("output-tk", id: "tk")
        let result = try Self.outputMerge()
        // Pacific Standard Time is defined but not used; Europe/Oslo is used but defined nowhere.
        #expect(result.timezones.map { $0.property("TZID")?.value } == ["Europe/Oslo", "W. Europe Standard Time"])
        // W. Europe Standard Time from the first source that defines it (not ntnu's X-COPY one).
        #expect(result.timezones[1] == tk.document.calendars[0].components(named: "VTIMEZONE")[0])

        let oslo = result.timezones[0]
        #expect(oslo.property("X-LIC-LOCATION")?.value == "Europe/Oslo")
        #expect(oslo.components.map(\.name) == ["STANDARD", "DAYLIGHT"])
        #expect(oslo.components.map { $0.properties.filter { $0.name != "TZNAME" } } == [
            [Property(name: "DTSTART", value: "19701025T030000"), Property(name: "RRULE", value: "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"),
             Property(name: "TZOFFSETFROM", value: "+0200"), Property(name: "TZOFFSETTO", value: "+0100")],
            [Property(name: "DTSTART", value: "19700329T020000"), Property(name: "RRULE", value: "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"),
             Property(name: "TZOFFSETFROM", value: "+0100"), Property(name: "TZOFFSETTO", value: "+0200")],
        ])
        // The generated zone gives the same instants as the system database.
        let resolver = ZoneResolver(calendar: Component(name: "VCALENDAR", components: [oslo.replacingTZID("Generated Oslo")]))
        #expect(resolver.instant(of: .zoned(LocalDateTime(year: 2027, month: 7, day: 1, hour: 12), tzid: "Generated Oslo")) == F.utc(2027, 7, 1, 10))
        #expect(resolver.instant(of: .zoned(LocalDateTime(year: 2027, month: 1, day: 1, hour: 12), tzid: "Generated Oslo")) == F.utc(2027, 1, 1, 11))
    }

    @Test func vtimezoneGeneratedForAWindowsTZIDWithoutOne() throws {
        let result = Merger().merge([try F.source("output-windows-bare", id: "tk")])
        #expect(result.timezones.map { $0.property("TZID")?.value } == ["W. Europe Standard Time"])
        // Windows' "W. Europe Standard Time" is Europe/Berlin in CLDR's mapping: the same rules as Oslo.
        #expect(result.timezones.first?.property("X-LIC-LOCATION")?.value == "Europe/Berlin")
        #expect(result.items.first?.winner.start == "2027-06-07T07:00:00Z")
        let bytes = ICalendarWriter().bytes([result.calendar()])
        let back = try ICalendarReader().read(Data(bytes), fileName: "merged.ics")
        #expect(back.diagnostics.isEmpty)
        #expect(back.calendars.first?.components.map(\.name) == ["VTIMEZONE", "VEVENT"])
    }

    @Test func overridesAreKeptWithTheirMaster() throws {
        let result = try Self.outputMerge()
        #expect(result.items.map(\.identity.description) == [
            "bystyret-2027-03@aarshjul.test",
            "formannskapet-2027@aarshjul.test",
            "formannskapet-2027@aarshjul.test@2027-03-30T07:00:00Z",
            "formannskapet-2027@aarshjul.test@2027-05-11T07:00:00Z",
            "lederforum-2027@aarshjul.test",
            "lederforum-2027@aarshjul.test@2027-03-03T12:00:00Z",
            "styremote-2027-03@aarshjul.test",
            "utc-only@aarshjul.test",
        ])
        let calendar = result.calendar()
        #expect(calendar.components.map { [$0.name, $0.uid ?? $0.property("TZID")?.value ?? "", $0.property("RECURRENCE-ID")?.value ?? ""] } == [
            ["VTIMEZONE", "Europe/Oslo", ""],
            ["VTIMEZONE", "W. Europe Standard Time", ""],
            ["VEVENT", "bystyret-2027-03@aarshjul.test", ""],
            ["VEVENT", "formannskapet-2027@aarshjul.test", ""],
            ["VEVENT", "formannskapet-2027@aarshjul.test", "20270330T090000"],
            ["VEVENT", "formannskapet-2027@aarshjul.test", "20270511T090000"],
            ["VEVENT", "lederforum-2027@aarshjul.test", ""],
            ["VEVENT", "lederforum-2027@aarshjul.test", "20270303T130000"],
            ["VEVENT", "styremote-2027-03@aarshjul.test", ""],
            ["VEVENT", "utc-only@aarshjul.test", ""],
        ])
        #expect(calendar.properties == [
            Property(name: "PRODID", value: "-//Aarshjul//Aarshjul \(AarshjulEngine.version)//NB"),
            Property(name: "VERSION", value: "2.0"),
            Property(name: "CALSCALE", value: "GREGORIAN"),
        ])
        let override = try #require(result.items.first { $0.identity.recurrenceID == "2027-03-30T07:00:00Z" })
        #expect(override.sources == ["tk", "ntnu"])
        // An override only ntnu has is written right after tk's master.
        let onlyNTNU = try #require(result.items.first { $0.identity.recurrenceID == "2027-05-11T07:00:00Z" })
        #expect(onlyNTNU.sources == ["ntnu"])
        #expect(result.mismatches.isEmpty)
        #expect(result.duplicates.isEmpty)
    }

    @Test func mergedBytesAreDeterministicAndReadBack() throws {
        let once = ICalendarWriter().bytes([try Self.outputMerge().calendar()])
        let twice = ICalendarWriter().bytes([try Self.outputMerge().calendar()])
        #expect(once == twice)
        let text = String(decoding: once, as: UTF8.self)
        #expect(text.components(separatedBy: "BEGIN:VTIMEZONE\r\n").count - 1 == 2)
        #expect(!text.contains("Pacific Standard Time"))
        #expect(!text.contains("X-COPY"))

        let back = try ICalendarReader().read(Data(once), fileName: "merged.ics")
        #expect(back.diagnostics.isEmpty)
        #expect(back.calendars.count == 1)
        let expectedComponents = try Self.outputMerge().calendar().components
        #expect(back.calendars.first?.components == expectedComponents)

        // The series expands with its override and EXDATE from the written file.
        let expansion = Expander().expand(back, from: LocalDate(year: 2027, month: 1, day: 1), to: LocalDate(year: 2028, month: 1, day: 1))
        #expect(expansion.diagnostics.isEmpty)
        #expect(expansion.occurrences.filter { $0.uid == "formannskapet-2027@aarshjul.test" }.map(\.normalizedStart) == [
            "2027-03-02T08:00:00Z", "2027-03-16T08:00:00Z", "2027-03-31T10:00:00Z",
            "2027-04-27T07:00:00Z", "2027-05-12T10:00:00Z", "2027-05-25T07:00:00Z",
        ])
        #expect(expansion.occurrences.first { $0.normalizedStart == "2027-05-12T10:00:00Z" }?.summary
            == "Formannskapet (flyttet, bare i denne kalenderen)")

        // Merging the merged file again gives the same bytes.
        let again = Merger().merge([SourceCalendar(id: "merged", name: "merged", document: back)])
        #expect(again.mismatches.isEmpty)
        #expect(ICalendarWriter().bytes([again.calendar()]) == once)
    }
}

extension Component {
    /// A copy of a VTIMEZONE under another TZID.
    fileprivate func replacingTZID(_ tzid: String) -> Component {
        var copy = self
        copy.setProperty(Property(name: "TZID", value: tzid))
        return copy
    }
}
