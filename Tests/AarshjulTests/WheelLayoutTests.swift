import Foundation
import ICalendar
import Testing
@testable import Aarshjul

/// Where the wheel puts things: angles, rings, lanes, week grouping in dense cycles, and the
/// conflict badges around the rim.
@Suite struct WheelLayoutTests {
    static func dense() throws -> Wheel {
        let (configuration, cycle) = try WheelFixtures.cycle("Fixtures/wheel/dense.toml", year: 2027)
        let report = ConflictEngine(configuration: configuration, proposeDates: false).run(on: cycle, language: .nb)
        return Wheel(cycle: cycle, report: report, options: WheelOptions(today: LocalDate(year: 2027, month: 6, day: 15)))
    }

    // MARK: Geometry

    @Test func anglesRunClockwiseFromTwelve() {
        let geometry = WheelGeometry(days: 365)
        let top = geometry.point(geometry.angle(0), 100)
        #expect(abs(top.x - geometry.cx) < 1e-9 && abs(top.y - (geometry.cy - 100)) < 1e-9)
        let quarter = geometry.point(geometry.angle(365.0 / 4), 100)
        #expect(abs(quarter.x - (geometry.cx + 100)) < 1e-9 && abs(quarter.y - geometry.cy) < 1e-9)
        let half = geometry.point(geometry.angle(365.0 / 2), 100)
        #expect(abs(half.y - (geometry.cy + 100)) < 1e-9)
        #expect(WheelGeometry.readsReversed(Double.pi))
        #expect(!WheelGeometry.readsReversed(0.1))
        #expect(!WheelGeometry.readsReversed(2 * Double.pi - 0.1))
    }

    @Test func bucketsAreIsoWeeksOfAtLeastFourDays() {
        // 2027 starts on a Friday: 1–3 January (week 53 of 2026) joins week 1.
        let year = CycleYear(year: 2027, start: .januaryFirst)
        let buckets = WheelLayout.buckets(year: year, days: 365)
        #expect(buckets.first?.day0 == 0)
        #expect(buckets.first?.day1 == 10)
        #expect(buckets.first?.weeks == [53, 1])
        #expect(buckets.last?.day1 == 365)
        #expect(buckets.allSatisfy { $0.day1 - $0.day0 >= 4 && $0.day1 - $0.day0 <= 10 })
        for (a, b) in zip(buckets, buckets.dropFirst()) { #expect(a.day1 == b.day0) }
        // Ticks on Mondays, numbered by ISO week.
        let ticks = WheelLayout.weekTicks(year: year, days: 365)
        #expect(ticks.first?.day == 3)
        #expect(ticks.first?.number == 1)
        #expect(ticks.count == 52)
    }

    @Test func isoWeekNumbers() {
        #expect(NorwegianCalendar.isoWeek(LocalDate(year: 2027, month: 1, day: 1)) == 53)
        #expect(NorwegianCalendar.isoWeek(LocalDate(year: 2027, month: 1, day: 4)) == 1)
        #expect(NorwegianCalendar.isoWeek(LocalDate(year: 2026, month: 12, day: 31)) == 53)
        #expect(NorwegianCalendar.isoWeek(LocalDate(year: 2025, month: 12, day: 29)) == 1)
        #expect(NorwegianCalendar.isoWeek(LocalDate(year: 2027, month: 7, day: 12)) == 28)
        #expect(NorwegianCalendar.isoWeek(LocalDate(year: 2027, month: 12, day: 31)) == 52)
    }

    // MARK: Rings

    @Test func sourceRingsInConfigurationOrder() throws {
        let layout = WheelLayout(wheel: try WheelFixtures.bundled(WheelOptions()))
        #expect(layout.rings.map(\.key) == ["tk", "ntnu", "uk"])
        #expect(layout.rings.map(\.title) == ["Trondheim kommune", "NTNU", "Universitetskommunen TK–NTNU"])
        #expect(layout.rings.map(\.color) == ["#0067B1", "#B03060", "#E87722"])
        // Outermost first, no overlap, all between the centre and the week band.
        for (outer, inner) in zip(layout.rings, layout.rings.dropFirst()) { #expect(outer.r0 > inner.r1) }
        #expect(layout.rings.first?.r1 == layout.geometry.rRings)
        #expect(layout.rings.last?.r0 ?? 0 >= layout.geometry.rInner - 1e-9)
        // A joint item is drawn in the ring of every source that has it.
        let cycle = layout.cycle
        let shared = cycle.occurrences.indices.filter { cycle.occurrences[$0].sources.count > 1 }
        #expect(!shared.isEmpty)
        for index in shared {
            let rings = Set(Self.rings(of: index, in: layout))
            #expect(rings.count == Set(cycle.occurrences[index].sources).count)
        }
    }

    @Test func areaAndBodyRings() throws {
        let area = WheelLayout(wheel: try WheelFixtures.bundled(WheelOptions(rings: .area)))
        // The fullest ring outermost, then by name.
        #expect(area.rings.map(\.key) == ["", "byutvikling", "helse-velferd", "innovasjon-omstilling", "oppvekst-utdanning", "smart-by"])
        #expect(area.rings.map(\.count) == [122, 3, 3, 3, 3, 3])
        #expect(area.rings.first?.title == "uten temaområde")
        let body = WheelLayout(wheel: try WheelFixtures.bundled(WheelOptions(rings: .body, language: .en)))
        #expect(body.rings.map(\.key).prefix(4) == ["", "bystyret", "formannskapet", "styret"])
        #expect(body.rings.first?.title == "no body")
        #expect(body.rings.map(\.count) == body.rings.map(\.count).sorted(by: >))
        // Every occurrence is in exactly one area or body ring.
        for layout in [area, body] {
            #expect(layout.rings.map(\.count).reduce(0, +) == layout.cycle.occurrences.count)
        }
    }

    /// The rings an occurrence is drawn in.
    static func rings(of index: Int, in layout: WheelLayout) -> [Int] {
        layout.points.filter { $0.occurrence == index }.map(\.ring)
            + layout.badges.filter { $0.occurrences.contains(index) }.map(\.ring)
            + layout.spans.filter { $0.occurrence == index }.map(\.ring)
    }

    // MARK: Marks

    /// Every ring's members are drawn exactly once: as a mark, in a badge or as a span.
    static func expectEveryOccurrenceDrawnOnce(_ layout: WheelLayout, sourceLocation: SourceLocation = #_sourceLocation) {
        for (ring, info) in layout.rings.enumerated() {
            var drawn = layout.points.filter { $0.ring == ring }.map(\.occurrence)
            drawn += layout.badges.filter { $0.ring == ring }.flatMap(\.occurrences)
            drawn += layout.spans.filter { $0.ring == ring }.map(\.occurrence)
            #expect(drawn.count == info.count, "ring \(info.title)", sourceLocation: sourceLocation)
            #expect(Set(drawn).count == drawn.count, "ring \(info.title)", sourceLocation: sourceLocation)
        }
    }

    /// No two marks of a ring overlap (marks, and marks against badges).
    static func expectNoOverlaps(_ layout: WheelLayout, sourceLocation: SourceLocation = #_sourceLocation) {
        struct Disc { var x: Double; var y: Double; var r: Double }
        for ring in layout.rings.indices {
            let discs = layout.points.filter { $0.ring == ring }.map { Disc(x: $0.x, y: $0.y, r: $0.size) }
                + layout.badges.filter { $0.ring == ring }.map { Disc(x: $0.x, y: $0.y, r: $0.size) }
            for i in discs.indices {
                for j in discs.indices where j > i {
                    let distance = hypot(discs[i].x - discs[j].x, discs[i].y - discs[j].y)
                    #expect(distance >= discs[i].r + discs[j].r - 0.01,
                            "ring \(ring): overlap at \(discs[i].x),\(discs[i].y)", sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test func bundledMarksDoNotOverlap() throws {
        for rings in WheelRings.allCases {
            let layout = WheelLayout(wheel: try WheelFixtures.bundled(WheelOptions(rings: rings)))
            Self.expectEveryOccurrenceDrawnOnce(layout)
            Self.expectNoOverlaps(layout)
        }
    }

    @Test func marksSitAtTheirDay() throws {
        let layout = WheelLayout(wheel: try WheelFixtures.bundled(WheelOptions()))
        let first = layout.cycle.year.firstDay
        for point in layout.points {
            let occurrence = layout.cycle.occurrences[point.occurrence]
            let day = Double(occurrence.startDate.daysSinceEpoch - first.daysSinceEpoch) + 0.5
            #expect(point.day == day)
            #expect(abs(point.angle - layout.geometry.angle(day)) < 1e-12)
            #expect(point.kind == MarkKind(kind: occurrence.tags.kind))
            #expect(point.radius > layout.rings[point.ring].r0 && point.radius < layout.rings[point.ring].r1)
        }
        // Multi-day items are arcs: the exam periods.
        let exams = layout.spans.filter { layout.cycle.occurrences[$0.occurrence].summary.hasPrefix("Eksamensperiode") }
        #expect(exams.count == 2)
        #expect(exams.allSatisfy { $0.day1 - $0.day0 > 20 && $0.label != nil })
    }

    @Test func denseCycleGroupsWeeksWithCounts() throws {
        let wheel = try Self.dense()
        #expect(wheel.cycle.occurrences.count >= 500)
        let layout = WheelLayout(wheel: wheel)
        Self.expectEveryOccurrenceDrawnOnce(layout)
        Self.expectNoOverlaps(layout)
        #expect(!layout.badges.isEmpty)
        #expect(layout.badges.allSatisfy { $0.occurrences.count >= 1 })
        // Far fewer shapes than occurrences, each badge labelled with its count.
        #expect(layout.points.count + layout.badges.count < wheel.cycle.occurrences.count)
        let svg = wheel.svg()
        #expect(WheelXML.isWellFormed(svg))
        for badge in layout.badges.prefix(5) {
            #expect(svg.contains(">\(badge.occurrences.count)</text>"))
        }
        #expect(svg.contains("<title>uke "))
        // Overlapping spans share at most two lanes.
        let hearing = layout.spans.filter { layout.cycle.occurrences[$0.occurrence].summary == "Høringsperiode" }
        #expect(hearing.count == 40)
        #expect(Set(hearing.map(\.radius)).count == 2)
    }

    @Test func denseConflictBadgesFindRoom() throws {
        let wheel = try Self.dense()
        let layout = WheelLayout(wheel: wheel)
        #expect(layout.conflicts.count > 30)
        let geometry = layout.geometry
        let sorted = layout.conflicts.map(\.badgeAngle).sorted()
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            #expect((b - a) * geometry.rBadge >= 2 * geometry.badgeRadius + 3.9)
        }
        // The key lists the first 30 and says how many more there are.
        let svg = wheel.svg()
        #expect(svg.contains("… og \(layout.conflicts.count + layout.undated.count - 30) til"))
        #expect(svg.utf8.count < 1_500_000)
    }

    @Test func emptyCycleStillDraws() throws {
        let (configuration, cycle) = try WheelFixtures.cycle("Calendars/aarshjul.toml", year: 1990)
        #expect(cycle.occurrences.isEmpty)
        let wheel = Wheel(configuration: configuration, cycle: cycle, options: WheelOptions(rings: .area))
        let layout = WheelLayout(wheel: wheel)
        #expect(layout.rings.count == 1)
        #expect(WheelXML.isWellFormed(wheel.svg()))
        #expect(wheel.htmlPage().contains("<svg"))
    }
}

extension WheelLayoutTests {
    @Test func ringWidthsShareTheRoom() {
        let geometry = WheelGeometry(days: 365)
        let available = geometry.rRings - geometry.rInner
        // Balanced rings are equal.
        let equal = WheelLayout.ringWidths(counts: [52, 44, 44], geometry: geometry)
        #expect(Set(equal).count == 1)
        #expect(abs(equal.reduce(0, +) + 2 * geometry.ringGap - available) < 1e-9)
        // A ring with far more occurrences gets more room; none is thinner than 24 px.
        let skewed = WheelLayout.ringWidths(counts: [122, 3, 3, 3, 3, 3], geometry: geometry)
        #expect(skewed[0] > 90)
        #expect(skewed.dropFirst().allSatisfy { $0 >= 24 && $0 < 30 })
        #expect(abs(skewed.reduce(0, +) + 5 * geometry.ringGap - available) < 1e-9)
        #expect(WheelLayout.ringWidths(counts: [0], geometry: geometry) == [available])
    }
}
