import Foundation
import ICalendar
import Testing
@testable import Aarshjul

/// DESIGN.md §Data flow 4: the cycle year and its boundaries, expansion over it, and the
/// bundled sample's planted merge findings.
@Suite struct CycleTests {
    typealias F = MergeCycleFixtures

    static func build(_ configurationName: String, years: [Int]) throws -> [Int: Cycle] {
        let configuration = try F.configuration(configurationName)
        let builder = CycleBuilder(configuration: configuration)
        let sources = try builder.loadSources()
        var cycles: [Int: Cycle] = [:]
        for year in years {
            cycles[year] = builder.build(year: CycleYear(year: year, start: configuration.cycle.start), sources: sources)
        }
        return cycles
    }

    static func day(_ year: Int, _ month: Int, _ day: Int) -> LocalDate { LocalDate(year: year, month: month, day: day) }

    // MARK: CycleYear

    @Test func calendarYear() throws {
        let start = try #require(MonthDay("01-01"))
        #expect(start == MonthDay.januaryFirst)
        let year = CycleYear(year: 2027, start: start)
        #expect(year.firstDay == Self.day(2027, 1, 1))
        #expect(year.endDay == Self.day(2028, 1, 1))
        #expect(year.description == "2027")
        #expect(year.contains(Self.day(2027, 1, 1)))
        #expect(year.contains(Self.day(2027, 12, 31)))
        #expect(!year.contains(Self.day(2026, 12, 31)))
        #expect(!year.contains(Self.day(2028, 1, 1)))
        #expect(CycleYear.containing(Self.day(2027, 1, 1), start: start) == CycleYear(year: 2027, start: start))
        #expect(CycleYear.containing(Self.day(2027, 12, 31), start: start) == CycleYear(year: 2027, start: start))
        #expect(CycleYear.containing(Self.day(2026, 12, 31), start: start) == CycleYear(year: 2026, start: start))
    }

    @Test func academicYear() throws {
        let start = try #require(MonthDay("08-01"))
        let year = CycleYear(year: 2027, start: start)
        #expect(year.firstDay == Self.day(2027, 8, 1))
        #expect(year.endDay == Self.day(2028, 8, 1))
        #expect(year.description == "2027–28")
        #expect(CycleYear(year: 2099, start: start).description == "2099–00")
        #expect(year.contains(Self.day(2027, 8, 1)))
        #expect(year.contains(Self.day(2028, 7, 31)))
        #expect(!year.contains(Self.day(2027, 7, 31)))
        #expect(!year.contains(Self.day(2028, 8, 1)))
        #expect(CycleYear.containing(Self.day(2027, 7, 31), start: start) == CycleYear(year: 2026, start: start))
        #expect(CycleYear.containing(Self.day(2027, 8, 1), start: start) == CycleYear(year: 2027, start: start))
        #expect(CycleYear.containing(Self.day(2028, 1, 15), start: start) == CycleYear(year: 2027, start: start))
        #expect(CycleYear.containing(Self.day(2028, 7, 31), start: start) == CycleYear(year: 2027, start: start))
        #expect(CycleYear.containing(Self.day(2028, 8, 1), start: start) == CycleYear(year: 2028, start: start))
    }

    @Test func leapDayStart() throws {
        let start = try #require(MonthDay("02-29"))
        // 29 February becomes 28 February in other years; the years still meet without a gap.
        #expect(CycleYear(year: 2026, start: start).firstDay == Self.day(2026, 2, 28))
        #expect(CycleYear(year: 2026, start: start).endDay == Self.day(2027, 2, 28))
        #expect(CycleYear(year: 2027, start: start).firstDay == Self.day(2027, 2, 28))
        #expect(CycleYear(year: 2027, start: start).endDay == Self.day(2028, 2, 29))
        #expect(CycleYear(year: 2028, start: start).firstDay == Self.day(2028, 2, 29))
        #expect(CycleYear(year: 2028, start: start).endDay == Self.day(2029, 2, 28))
        #expect(CycleYear(year: 2028, start: start).description == "2028–29")
        let cases: [(LocalDate, Int)] = [
            (Self.day(2027, 2, 27), 2026), (Self.day(2027, 2, 28), 2027), (Self.day(2027, 3, 1), 2027),
            (Self.day(2028, 2, 28), 2027), (Self.day(2028, 2, 29), 2028), (Self.day(2028, 3, 1), 2028),
            (Self.day(2029, 2, 27), 2028), (Self.day(2029, 2, 28), 2029),
        ]
        for (date, expected) in cases {
            #expect(CycleYear.containing(date, start: start) == CycleYear(year: expected, start: start), "\(date)")
            #expect(CycleYear(year: expected, start: start).contains(date), "\(date)")
            #expect(!CycleYear(year: expected - 1, start: start).contains(date), "\(date)")
            #expect(!CycleYear(year: expected + 1, start: start).contains(date), "\(date)")
        }
    }

    @Test func builderYearContainingUsesTheCycleTimeZone() throws {
        let academic = CycleBuilder(configuration: try F.configuration("academic"))
        let start = try #require(MonthDay("08-01"))
        // 2027-07-31 22:30 UTC is 2027-08-01 00:30 in Oslo: already the new academic year.
        let justAfter = Date(timeIntervalSince1970: TimeInterval(F.utc(2027, 7, 31, 22, 30)))
        #expect(academic.year(now: justAfter) == CycleYear(year: 2027, start: start))
        let justBefore = Date(timeIntervalSince1970: TimeInterval(F.utc(2027, 7, 31, 21, 59)))
        #expect(academic.year(now: justBefore) == CycleYear(year: 2026, start: start))
        #expect(academic.year(containing: Self.day(2028, 2, 1)) == CycleYear(year: 2027, start: start))

        let calendar = CycleBuilder(configuration: try F.configuration("boundaries"))
        let newYear = Date(timeIntervalSince1970: TimeInterval(F.utc(2026, 12, 31, 23, 30)))
        #expect(calendar.year(now: newYear) == CycleYear(year: 2027, start: .januaryFirst))
    }

    // MARK: Boundaries, start = "01-01"

    @Test func calendarYearBoundaries() throws {
        let cycles = try Self.build("boundaries", years: [2026, 2027, 2028])
        let y2026 = try #require(cycles[2026]), y2027 = try #require(cycles[2027]), y2028 = try #require(cycles[2028])
        #expect(y2027.year == CycleYear(year: 2027, start: .januaryFirst))
        #expect(y2027.timezone == "Europe/Oslo")
        #expect(y2027.name == "Grensetilfeller")
        #expect(y2027.diagnostics.isEmpty)

        #expect(y2026.occurrences.map(\.uid) == [
            "weekly-across@aarshjul.test", "weekly-across@aarshjul.test", "weekly-across@aarshjul.test",
            "weekly-across@aarshjul.test", "weekly-across@aarshjul.test",
            "across-midnight@aarshjul.test",        // 22:00–02:00 overlaps both years
            "utc-before-midnight@aarshjul.test",    // 22:59Z = 23:59 in Oslo
        ])
        #expect(y2027.occurrences.map(\.uid) == [
            "across-midnight@aarshjul.test",
            "first-day-allday@aarshjul.test",
            "first-day-instant@aarshjul.test",
            "first-day@aarshjul.test",
            "utc-new-year-2027@aarshjul.test",      // 2026-12-31 23:30Z = 2027-01-01 00:30 in Oslo
            "weekly-across@aarshjul.test", "weekly-across@aarshjul.test", "weekly-across@aarshjul.test",
            "last-day-allday@aarshjul.test",
            "last-day-late@aarshjul.test",
            "floating-last-minute@aarshjul.test",
        ])
        #expect(y2028.occurrences.map(\.uid) == [
            "utc-new-year-2028@aarshjul.test",      // 2027-12-31 23:30Z = 2028-01-01 00:30 in Oslo
        ])

        func occurrence(_ cycle: Cycle, _ uid: String) throws -> CycleOccurrence {
            try #require(cycle.occurrences.first { $0.uid == uid })
        }
        let firstDay = try occurrence(y2027, "first-day@aarshjul.test")
        #expect(firstDay.startLocal == LocalDateTime(year: 2027, month: 1, day: 1))
        #expect(firstDay.startInstant == F.utc(2026, 12, 31, 23))
        #expect(firstDay.endInstant == F.utc(2027, 1, 1, 0))
        #expect(firstDay.startDate == Self.day(2027, 1, 1))
        #expect(firstDay.lastDate == Self.day(2027, 1, 1))
        #expect(firstDay.primarySource == "grense")
        #expect(firstDay.sources == ["grense"])

        let instant = try occurrence(y2027, "first-day-instant@aarshjul.test")
        #expect(instant.startInstant == F.utc(2026, 12, 31, 23))
        #expect(instant.endInstant == instant.startInstant)
        #expect(instant.lastDate == Self.day(2027, 1, 1))

        let allDay = try occurrence(y2027, "last-day-allday@aarshjul.test")
        #expect(allDay.isAllDay)
        #expect(allDay.startLocal == LocalDateTime(year: 2027, month: 12, day: 31))
        #expect(allDay.endLocal == LocalDateTime(year: 2028, month: 1, day: 1))
        #expect(allDay.startDate == Self.day(2027, 12, 31))
        #expect(allDay.lastDate == Self.day(2027, 12, 31))

        let utc2027 = try occurrence(y2027, "utc-new-year-2027@aarshjul.test")
        #expect(utc2027.startLocal == LocalDateTime(year: 2027, month: 1, day: 1, minute: 30))
        #expect(utc2027.startDate == Self.day(2027, 1, 1))
        let utc2028 = try occurrence(y2028, "utc-new-year-2028@aarshjul.test")
        #expect(utc2028.startLocal == LocalDateTime(year: 2028, month: 1, day: 1, minute: 30))
        #expect(utc2028.startInstant == F.utc(2027, 12, 31, 23, 30))

        let floating = try occurrence(y2027, "floating-last-minute@aarshjul.test")
        #expect(floating.startLocal == LocalDateTime(year: 2027, month: 12, day: 31, hour: 23, minute: 30))
        #expect(floating.startInstant == F.utc(2027, 12, 31, 22, 30))

        let across = try occurrence(y2026, "across-midnight@aarshjul.test")
        #expect(across.startDate == Self.day(2026, 12, 31))
        #expect(across.lastDate == Self.day(2027, 1, 1))
    }

    @Test func weeklySeriesAcrossTheYear() throws {
        let cycles = try Self.build("boundaries", years: [2026, 2027, 2028])
        func starts(_ year: Int) -> [LocalDateTime] {
            cycles[year]?.occurrences.filter { $0.uid == "weekly-across@aarshjul.test" }.map(\.startLocal) ?? []
        }
        #expect(starts(2026) == [2, 9, 16, 23, 30].map { LocalDateTime(year: 2026, month: 12, day: $0, hour: 10) })
        #expect(starts(2027) == [6, 13, 20].map { LocalDateTime(year: 2027, month: 1, day: $0, hour: 10) })
        #expect(starts(2028) == [])
        // Every instance belongs to the one master item.
        let identities = Set(cycles.values.flatMap(\.occurrences).filter { $0.uid == "weekly-across@aarshjul.test" }.map(\.identity))
        #expect(identities == [ItemIdentity(uid: "weekly-across@aarshjul.test")])
    }

    // MARK: Boundaries, start = "08-01"

    @Test func academicYearBoundaries() throws {
        let cycles = try Self.build("academic", years: [2026, 2027, 2028])
        #expect(cycles[2027]?.year.firstDay == Self.day(2027, 8, 1))
        #expect(cycles[2027]?.year.endDay == Self.day(2028, 8, 1))
        #expect(cycles[2026]?.occurrences.map(\.uid) == [
            "weekly-across-august@aarshjul.test", "weekly-across-august@aarshjul.test",
            "last-day-2026-27@aarshjul.test",
        ])
        #expect(cycles[2027]?.occurrences.map(\.uid) == [
            "first-minute-2027-28@aarshjul.test",
            "utc-first-half-hour@aarshjul.test",
            "weekly-across-august@aarshjul.test", "weekly-across-august@aarshjul.test",
            "last-evening-2027-28@aarshjul.test",
        ])
        #expect(cycles[2028]?.occurrences.map(\.uid) == ["first-day-2028-29@aarshjul.test"])
        #expect(cycles[2026]?.occurrences.filter { $0.uid == "weekly-across-august@aarshjul.test" }.map(\.startDate)
            == [Self.day(2027, 7, 20), Self.day(2027, 7, 27)])
        #expect(cycles[2027]?.occurrences.filter { $0.uid == "weekly-across-august@aarshjul.test" }.map(\.startDate)
            == [Self.day(2027, 8, 3), Self.day(2027, 8, 10)])
    }

    // MARK: Boundaries, start = "02-29"

    @Test func leapDayStartInNonLeapYears() throws {
        let cycles = try Self.build("leap", years: [2026, 2027, 2028, 2029])
        #expect(cycles[2026]?.occurrences.map(\.uid) == ["2027-02-27@aarshjul.test"])
        #expect(cycles[2027]?.occurrences.map(\.uid) == ["2027-02-28@aarshjul.test", "2028-02-28@aarshjul.test"])
        #expect(cycles[2028]?.occurrences.map(\.uid) == ["2028-02-29@aarshjul.test", "2029-02-27@aarshjul.test"])
        #expect(cycles[2029]?.occurrences.map(\.uid) == ["2029-02-28@aarshjul.test"])
        // An all-day item without DTEND lasts its one day.
        let leapDay = try #require(cycles[2028]?.occurrences.first)
        #expect(leapDay.startDate == Self.day(2028, 2, 29))
        #expect(leapDay.lastDate == Self.day(2028, 2, 29))
    }

    // MARK: The bundled sample

    static let calendars = F.packageRoot.appendingPathComponent("Calendars/aarshjul.toml").path

    static func bundled(years: [Int]) throws -> [Int: Cycle] {
        let configuration = try AarshjulConfiguration.load(fileAt: calendars)
        let builder = CycleBuilder(configuration: configuration)
        let sources = try builder.loadSources()
        return Dictionary(uniqueKeysWithValues: years.map { ($0, builder.build(year: CycleYear(year: $0, start: configuration.cycle.start), sources: sources)) })
    }

    @Test func bundledSampleHasThePlantedMismatch() throws {
        let cycle = try #require(try Self.bundled(years: [2027])[2027])
        #expect(cycle.diagnostics.filter { $0.severity == .error } == [])
        let uid = "ccacbfda-ba8c-45c8-a479-299c0c88931b"
        #expect(cycle.merge.mismatches == [
            SyncMismatch(identity: ItemIdentity(uid: uid), summary: "Styringsgruppen Universitetskommunen", versions: [
                .init(source: "tk", start: "2027-09-13T11:00:00Z", end: "2027-09-13T13:30:00Z", rules: [], isWinner: false),
                .init(source: "ntnu", start: "2027-09-13T10:00:00Z", end: "2027-09-13T12:30:00Z", rules: [], isWinner: true),
                .init(source: "uk", start: "2027-09-13T10:00:00Z", end: "2027-09-13T12:30:00Z", rules: [], isWinner: false),
            ]),
        ])
        // The cycle shows the winner (SEQUENCE 2, 12:00 in Oslo) once, from all three sources.
        let occurrences = cycle.occurrences.filter { $0.uid == uid }
        #expect(occurrences.count == 1)
        #expect(occurrences.first?.startLocal == LocalDateTime(year: 2027, month: 9, day: 13, hour: 12))
        #expect(occurrences.first?.primarySource == "ntnu")
        #expect(occurrences.first?.sources == ["ntnu", "tk", "uk"], "the winning copy's source first, then source order")
    }

    @Test func bundledSampleHasThePlantedDuplicate() throws {
        let cycle = try #require(try Self.bundled(years: [2027])[2027])
        #expect(cycle.merge.duplicates == [
            LikelyDuplicate(start: "2027-11-04T08:00:00Z", summary: "Årskonferanse Universitetskommunen TK–NTNU",
                            items: [ItemIdentity(uid: "3mbh5z8461qpfrjw81tlr6hf3z@google.com"),
                                    ItemIdentity(uid: "5aa587de-7c9b-44a0-94a9-59205f400ca7")],
                            sources: ["ntnu", "uk"]),
        ])
        // Both are kept, with their own ends.
        let conferences = cycle.occurrences.filter { $0.summary == "Årskonferanse Universitetskommunen TK–NTNU" }
        #expect(conferences.map(\.uid) == ["3mbh5z8461qpfrjw81tlr6hf3z@google.com", "5aa587de-7c9b-44a0-94a9-59205f400ca7"])
        #expect(conferences.map(\.endLocal) == [
            LocalDateTime(year: 2027, month: 11, day: 4, hour: 16), LocalDateTime(year: 2027, month: 11, day: 4, hour: 15, minute: 30),
        ])
    }

    @Test func bundledSampleMergeCases() throws {
        let cycles = try Self.bundled(years: [2026, 2027])
        let merge = try #require(cycles[2026]?.merge)
        func winner(_ uid: String) -> String? { merge.items.first { $0.identity == ItemIdentity(uid: uid) }?.winner.source }
        func sources(_ uid: String) -> [String]? { merge.items.first { $0.identity == ItemIdentity(uid: uid) }?.sources }
        // Calendars/README.md, "Same meeting in several files".
        #expect(winner("6c00394d-a0d9-415b-8b6f-5df991fbe451") == "uk")
        #expect(sources("6c00394d-a0d9-415b-8b6f-5df991fbe451") == ["tk", "ntnu", "uk"])
        #expect(winner("8ce72af7-90ea-4830-875d-beacbd1548cf") == "ntnu")
        #expect(winner("d7804a91-39be-4f5f-9b8f-2b1be90d700a") == "tk")
        #expect(sources("d7804a91-39be-4f5f-9b8f-2b1be90d700a") == ["tk", "uk"])
        #expect(winner("be2283e8-b1fd-45b0-b71a-90ee76ca7dcc") == "ntnu")
        #expect(sources("be2283e8-b1fd-45b0-b71a-90ee76ca7dcc") == ["ntnu", "uk"])

        // The FoI copy won by tk has no X- properties; the [[tag]] rules classify it.
        let foi = try #require(cycles[2026]?.occurrences.first { $0.uid == "d7804a91-39be-4f5f-9b8f-2b1be90d700a" })
        #expect(foi.tags == Tags(body: "utvalg-foi", kind: "meeting", area: "helse-velferd"))
    }

    static let formannskapet2026 = "040000008200E00074C5B7101A82E0080000000001FDA8B6833AC36D000000000000000"
        + "0100000009CBCE1A3506FD77D751712B47F3D3D34"
    static let formannskapet2027 = "040000008200E00074C5B7101A82E0080000000001DF963AB6FCB692000000000000000"
        + "010000000E3D3EA40C2DF3A6EB1E9586769E9C426"

    @Test func bundledSampleOverridesShowAtTheirNewDates() throws {
        let cycles = try Self.bundled(years: [2026, 2027])
        let y2026 = try #require(cycles[2026]), y2027 = try #require(cycles[2027])
        let series = y2026.occurrences.filter { $0.uid == Self.formannskapet2026 }
        #expect(!series.isEmpty)

        // 2026-03-10 09:00 is moved to Wednesday 2026-03-11 12:00.
        #expect(!series.contains { $0.startDate == Self.day(2026, 3, 10) })
        let moved = try #require(series.first { $0.startDate == Self.day(2026, 3, 11) })
        #expect(moved.startLocal == LocalDateTime(year: 2026, month: 3, day: 11, hour: 12))
        #expect(moved.endLocal == LocalDateTime(year: 2026, month: 3, day: 11, hour: 16))
        #expect(moved.identity == ItemIdentity(uid: Self.formannskapet2026, recurrenceID: "2026-03-10T08:00:00Z"))
        #expect(moved.summary == "Formannskapet")
        #expect(moved.tags == Tags(body: "formannskapet", kind: "decision"))

        // 2026-12-01 keeps its time and gets a new SUMMARY.
        let innstilling = try #require(series.first { $0.startDate == Self.day(2026, 12, 1) })
        #expect(innstilling.summary == "Formannskapet – innstilling til handlings- og økonomiplan 2027–2030")
        #expect(innstilling.startLocal == LocalDateTime(year: 2026, month: 12, day: 1, hour: 9))
        #expect(innstilling.identity.recurrenceID == "2026-12-01T08:00:00Z")

        // 2027-05-18 starts at 12:00 instead of 09:00.
        let may = try #require(y2027.occurrences.first { $0.uid == Self.formannskapet2027 && $0.startDate == Self.day(2027, 5, 18) })
        #expect(may.startLocal == LocalDateTime(year: 2027, month: 5, day: 18, hour: 12))
        #expect(y2027.occurrences.filter { $0.uid == Self.formannskapet2027 && $0.startDate == Self.day(2027, 5, 18) }.count == 1)
    }

    @Test func bundledSample2026HasNoMergeFindingsInItsYear() throws {
        let cycle = try #require(try Self.bundled(years: [2026])[2026])
        // The only mismatch and duplicate of the sample are in 2027.
        #expect(cycle.merge.mismatches.allSatisfy { $0.versions.allSatisfy { $0.start.hasPrefix("2027-") } })
        #expect(cycle.merge.duplicates.allSatisfy { $0.start.hasPrefix("2027-") })
        // Occurrences are sorted by start, then the order of their primary source, then UID.
        let order = ["tk": 0, "ntnu": 1, "uk": 2]
        let keys = cycle.occurrences.map { ($0.startInstant, order[$0.primarySource] ?? 9, $0.uid) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(cycle.occurrences.allSatisfy { $0.startDate.year == 2026 || $0.lastDate.year == 2026 })
    }
}
