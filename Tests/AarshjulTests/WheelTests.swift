import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ICalendar
import Testing
@testable import Aarshjul

/// Loaders for the wheel's tests: the bundled calendars and the fixtures under
/// `Fixtures/wheel`, and the golden files under `Fixtures/golden`.
enum WheelFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String {
        packageRoot.appendingPathComponent(relative).standardized.path
    }

    /// A configuration file (relative to the package) and the cycle it gives for a year.
    static func cycle(_ configurationPath: String, year: Int) throws -> (AarshjulConfiguration, Cycle) {
        let configuration = try AarshjulConfiguration.load(fileAt: path(configurationPath))
        let builder = CycleBuilder(configuration: configuration)
        let cycle = builder.build(year: CycleYear(year: year, start: configuration.cycle.start), sources: try builder.loadSources())
        return (configuration, cycle)
    }

    /// The bundled calendars' wheel for 2027, built from scratch.
    static func bundledFresh(_ options: WheelOptions) throws -> Wheel {
        let (configuration, cycle) = try self.cycle("Calendars/aarshjul.toml", year: 2027)
        return Wheel(configuration: configuration, cycle: cycle, options: options)
    }

    /// The bundled 2027 cycle and its conflict report in both languages, built once (the
    /// conflict engine's proposals take a while in debug builds).
    static let bundledParts: Result<(Cycle, [Language: ConflictReport]), any Error> = Result {
        let (configuration, cycle) = try WheelFixtures.cycle("Calendars/aarshjul.toml", year: 2027)
        let engine = ConflictEngine(configuration: configuration)
        return (cycle, [.nb: engine.run(on: cycle, language: .nb), .en: engine.run(on: cycle, language: .en)])
    }

    /// The bundled calendars' wheel for 2027.
    static func bundled(_ options: WheelOptions) throws -> Wheel {
        let (cycle, reports) = try bundledParts.get()
        guard let report = reports[options.language] else { throw CocoaError(.featureUnsupported) }
        return Wheel(cycle: cycle, report: report, options: options)
    }

    /// Compares text with `Fixtures/golden/NAME` byte for byte. With `AARSHJUL_UPDATE_GOLDEN=1`
    /// the golden file is (re)written instead; on a difference the actual text is written
    /// beside the build for inspection.
    static func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let golden = path("Fixtures/golden/\(name)")
        if ProcessInfo.processInfo.environment["AARSHJUL_UPDATE_GOLDEN"] == "1" {
            try actual.write(toFile: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: golden, encoding: .utf8)
        if expected != actual {
            let copy = NSTemporaryDirectory() + "actual-" + name
            try? actual.write(toFile: copy, atomically: true, encoding: .utf8)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(expectedLines.count, actualLines.count)
            Issue.record("\(name) differs from the golden file at line \(line + 1); actual output in \(copy) (AARSHJUL_UPDATE_GOLDEN=1 rewrites it)",
                         sourceLocation: sourceLocation)
        }
    }
}

/// Writes the bundled calendars' wheel and page to `AARSHJUL_WHEEL_PREVIEW` (a directory),
/// for looking at them while working on the drawing.
@Suite struct WheelPreview {
    @Test func writePreview() throws {
        guard let directory = ProcessInfo.processInfo.environment["AARSHJUL_WHEEL_PREVIEW"] else { return }
        let wheel = try WheelFixtures.bundled(WheelOptions(language: .nb, today: LocalDate(year: 2027, month: 3, day: 10)))
        try wheel.svg().write(toFile: directory + "/wheel-2027.svg", atomically: true, encoding: .utf8)
        try wheel.htmlPage(links: [WheelLink(title: "tk.ics", href: "/feeds/tk.ics")]).write(toFile: directory + "/wheel-2027.html", atomically: true, encoding: .utf8)
        for rings in [WheelRings.area, .body] {
            var options = wheel.options
            options.rings = rings
            let other = Wheel(cycle: wheel.cycle, report: wheel.report, options: options)
            try other.svg().write(toFile: directory + "/wheel-2027-\(rings.rawValue).svg", atomically: true, encoding: .utf8)
        }
        try WheelLayoutTests.dense().svg().write(toFile: directory + "/wheel-dense.svg", atomically: true, encoding: .utf8)
    }
}

/// The wheel's SVG: golden files for the bundled calendars, determinism, well-formedness,
/// accessibility and the today mark.
@Suite struct WheelSVGTests {
    static let today = LocalDate(year: 2027, month: 3, day: 10)

    // MARK: Golden files

    @Test func goldenBundledSources() throws {
        let wheel = try WheelFixtures.bundled(WheelOptions(rings: .source, language: .nb, today: Self.today))
        try WheelFixtures.expectGolden(wheel.svg(), "wheel-2027.svg")
    }

    @Test func goldenBundledAreasInEnglish() throws {
        let wheel = try WheelFixtures.bundled(WheelOptions(rings: .area, language: .en, today: nil))
        try WheelFixtures.expectGolden(wheel.svg(), "wheel-2027-area-en.svg")
    }

    @Test func goldenBundledBodies() throws {
        let wheel = try WheelFixtures.bundled(WheelOptions(rings: .body, language: .nb, today: LocalDate(year: 2027, month: 10, day: 1)))
        try WheelFixtures.expectGolden(wheel.svg(), "wheel-2027-body.svg")
    }

    @Test func goldenAcademicYear() throws {
        let (configuration, cycle) = try WheelFixtures.cycle("Fixtures/wheel/academic.toml", year: 2027)
        let wheel = Wheel(configuration: configuration, cycle: cycle,
                          options: WheelOptions(language: configuration.cycle.language, today: LocalDate(year: 2028, month: 1, day: 20)))
        try WheelFixtures.expectGolden(wheel.svg(), "wheel-2027-28-academic.svg")
    }

    // MARK: Determinism

    @Test func sameInputSameBytes() throws {
        let options = WheelOptions(language: .nb, today: Self.today)
        let first = try WheelFixtures.bundledFresh(options)
        let second = try WheelFixtures.bundledFresh(options)
        #expect(first.svg() == second.svg())
        #expect(first.htmlPage() == second.htmlPage())
        #expect(first.svg() == first.svg())
    }

    @Test func numbersHaveAtMostTwoDecimals() throws {
        let svg = try WheelFixtures.bundled(WheelOptions(today: Self.today)).svg()
        let pattern = try Regex(#"[0-9]\.[0-9]{3,}"#)
        #expect(svg.firstMatch(of: pattern) == nil)
        let withoutColours = svg.replacing(try Regex("#[0-9A-Fa-f]{6}"), with: "")
        #expect(withoutColours.firstMatch(of: try Regex(#"[0-9][eE][-+]?[0-9]"#)) == nil)
        #expect(svg.firstMatch(of: try Regex(#""-?(nan|inf)""#)) == nil)
    }

    // MARK: Structure

    @Test func wellFormedXML() throws {
        for rings in WheelRings.allCases {
            let svg = try WheelFixtures.bundled(WheelOptions(rings: rings, today: Self.today)).svg()
            #expect(WheelXML.isWellFormed(svg), "\(rings)")
        }
    }

    @Test func accessibleTitleDescriptionAndLabels() throws {
        let wheel = try WheelFixtures.bundled(WheelOptions(language: .nb, today: Self.today))
        let svg = wheel.svg()
        #expect(svg.contains("role=\"img\" aria-labelledby=\"aw-title aw-desc\""))
        #expect(svg.contains("<title id=\"aw-title\">Årshjul 2027 — Universitetskommunen Trondheim</title>"))
        let description = try #require(svg.firstRange(of: "<desc id=\"aw-desc\">").map { svg[$0.upperBound...] })
        #expect(description.hasPrefix("Årshjulet 2027 for Universitetskommunen Trondheim: tolv måneder med klokka, januar øverst. 3 ringer fra ytterst til innerst: Trondheim kommune"))
        #expect(description.contains("10 åpne konflikter: 1 (FEIL) 17. mai: Utvalg for FoI – Smart by;"))
        // Every mark (and badge, span, conflict) carries a text title.
        let marks = svg.matches(of: try Regex(#"<g class="aw-mark( aw-[a-z]+)?">"#)).count
        let titled = svg.matches(of: try Regex(#"<g class="aw-mark( aw-[a-z]+)?"><title>[^<]+</title>"#)).count
        #expect(marks > 100)
        #expect(titled == marks)
        #expect(svg.contains("<g class=\"aw-conflict\" id=\"aw-c-3\"><title>3 FEIL (budget-feeds-hop): «Styremøte NTNU"))
    }

    @Test func monthNamesInTheLanguage() throws {
        let nb = try WheelFixtures.bundled(WheelOptions(language: .nb)).svg()
        let en = try WheelFixtures.bundled(WheelOptions(language: .en)).svg()
        for month in 1...12 {
            #expect(nb.contains(">\(Labels(.nb).month(month))</textPath>"))
            #expect(en.contains(">\(Labels(.en).month(month))</textPath>"))
        }
        #expect(en.contains("Annual cycle 2027"))
        #expect(en.contains(">Rings (outermost first)</text>"))
    }

    @Test func firstMonthStartsAtTwelveOClock() throws {
        let (configuration, cycle) = try WheelFixtures.cycle("Fixtures/wheel/academic.toml", year: 2027)
        let layout = WheelLayout(wheel: Wheel(configuration: configuration, cycle: cycle, options: WheelOptions(language: .en)))
        #expect(layout.months.count == 12)
        #expect(layout.months.first?.month == 8)
        #expect(layout.months.first?.day0 == 0)
        #expect(layout.months.last?.month == 7)
        #expect(layout.months.last?.day1 == 366)  // August 2027–July 2028 holds 29 February
        let svg = Wheel(configuration: configuration, cycle: cycle, options: WheelOptions(language: .en)).svg()
        // August's name runs clockwise from twelve o'clock (x = 500, above the centre).
        #expect(svg.contains("<path id=\"aw-mp-0\" d=\"M500,"))
        #expect(svg.contains(">August 2027</textPath>"))
        #expect(svg.contains(">January 2028</textPath>"))
    }

    @Test func todayMarkOnlyInsideTheCycle() throws {
        let inside = try WheelFixtures.bundled(WheelOptions(today: Self.today)).svg()
        #expect(inside.contains("<g class=\"aw-today\"><title>I dag: 10. mars 2027</title>"))
        #expect(inside.contains(">I dag</text>") && inside.contains(">10.03</text>"))
        let outside = try WheelFixtures.bundled(WheelOptions(today: LocalDate(year: 2028, month: 1, day: 1))).svg()
        #expect(!outside.contains("aw-today\">"))
        let none = try WheelFixtures.bundled(WheelOptions(today: nil)).svg()
        #expect(!none.contains("aw-today\">"))
        #expect(!none.contains(">I dag</text>"))
    }

    @Test func escapesWhatCalendarsContain() throws {
        let (configuration, cycle) = try WheelFixtures.cycle("Fixtures/wheel/dense.toml", year: 2027)
        let report = ConflictEngine(configuration: configuration, proposeDates: false).run(on: cycle, language: .nb)
        let wheel = Wheel(cycle: cycle, report: report, options: WheelOptions())
        let svg = wheel.svg()
        #expect(WheelXML.isWellFormed(svg))
        #expect(svg.contains("Arbeidsmøte &lt;R&amp;D&gt; &quot;pilot&quot;"))
        #expect(svg.contains("Kilde C &amp; co"))
        #expect(!svg.contains("<R&D>"))
        let page = wheel.htmlPage()
        #expect(page.contains("Arbeidsmøte &lt;R&amp;D&gt; &quot;pilot&quot;"))
        #expect(!page.contains("<R&D>"))
    }

    @Test func plantedConflictsAreOnTheWheel() throws {
        let wheel = try WheelFixtures.bundled(WheelOptions(today: Self.today))
        let layout = WheelLayout(wheel: wheel)
        #expect(wheel.report.open.count == 10)
        // required-outside-frame has no date; the other nine are drawn with a numbered badge.
        #expect(layout.undated.map(\.conflict.rule) == ["required-outside-frame"])
        #expect(layout.conflicts.count == 9)
        let byRule = Dictionary(layout.conflicts.map { ($0.conflict.rule, $0) }, uniquingKeysWith: { a, _ in a })
        // The budget clash: NTNU's board on 10 December, the city council on 16 December.
        let budget = try #require(byRule["budget-feeds-hop"])
        #expect(budget.targets.count == 2)
        #expect(budget.first == LocalDate(year: 2027, month: 12, day: 10))
        #expect(budget.last == LocalDate(year: 2027, month: 12, day: 16))
        #expect(budget.wedge != nil)
        // The steering group at three different times: one mark in each source's ring.
        let sync = try #require(byRule["sync-mismatch"])
        #expect(sync.targets.count == 3)
        let radii = Set(sync.targets.map { (hypot($0.x - layout.geometry.cx, $0.y - layout.geometry.cy) * 10).rounded() })
        #expect(radii.count == 3)
        // Likely duplicate: NTNU's copy and the joint calendar's copy.
        #expect(byRule["likely-duplicate"]?.targets.count == 2)
        // Badges never overlap each other or the today label.
        let sorted = layout.conflicts.map(\.badgeAngle).sorted()
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            #expect((b - a) * layout.geometry.rBadge >= 2 * layout.geometry.badgeRadius + 3.9)
        }
        let svg = wheel.svg()
        for mark in layout.conflicts { #expect(svg.contains("id=\"aw-c-\(mark.number)\"")) }
        #expect(svg.contains("fill=\"url(#aw-hatch)\""))
    }
}

/// A well-formedness check with Foundation's XML parser.
enum WheelXML {
    static func isWellFormed(_ text: String) -> Bool {
        let parser = XMLParser(data: Data(text.utf8))
        return parser.parse()
    }
}
