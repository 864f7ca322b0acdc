import Aarshjul
import Foundation
import ICalendar
import Testing

/// CIEDE2000, the colour-vision simulation, and the wheel's warning about colours too close.
@Suite("Colour differences")
struct ColorDifferenceTests {
    /// Pairs and differences from Sharma, Wu and Dalal's CIEDE2000 test data (2005), including
    /// the hue-angle and achromatic corner cases.
    @Test(arguments: [
        (LabColor(l: 50, a: 2.6772, b: -79.7751), LabColor(l: 50, a: 0, b: -82.7485), 2.0425),
        (LabColor(l: 50, a: 3.1571, b: -77.2803), LabColor(l: 50, a: 0, b: -82.7485), 2.8615),
        (LabColor(l: 50, a: 0, b: 0), LabColor(l: 50, a: -1, b: 2), 2.3669),
        (LabColor(l: 50, a: 2.5, b: 0), LabColor(l: 50, a: 3.1736, b: 0.5854), 1.0000),
        (LabColor(l: 50, a: 2.5, b: 0), LabColor(l: 73, a: 25, b: -18), 27.1492),
        (LabColor(l: 60.2574, a: -34.0099, b: 36.2677), LabColor(l: 60.4626, a: -34.1751, b: 39.4387), 1.2644),
    ])
    func ciede2000MatchesThePublishedData(_ first: LabColor, _ second: LabColor, _ expected: Double) {
        #expect(abs(ColorDifference.ciede2000(first, second) - expected) < 0.0001)
        #expect(abs(ColorDifference.ciede2000(second, first) - expected) < 0.0001)
    }

    @Test func labOfWhiteAndBlack() throws {
        let white = LabColor(try #require(RGBColor(hex: "#FFFFFF")))
        #expect(abs(white.l - 100) < 0.01 && abs(white.a) < 0.01 && abs(white.b) < 0.01)
        #expect(abs(LabColor(RGBColor(value: 0)).l) < 0.0001)
    }

    /// Dichromats see red and green alike (protanopia, deuteranopia) and blue and green alike
    /// (tritanopia); greys stay grey.
    @Test func simulationConfusesWhatEachDeficiencyConfuses() throws {
        let red = try #require(RGBColor(hex: "#D62728")), green = try #require(RGBColor(hex: "#2CA02C"))
        let normal = ColorDifference.ciede2000(LabColor(red), LabColor(green))
        #expect(normal > 60)
        #expect(ColorDifference.ciede2000(LabColor(red, seenWith: .deuteranopia), LabColor(green, seenWith: .deuteranopia)) < normal / 3)
        #expect(ColorDifference.ciede2000(LabColor(red, seenWith: .protanopia), LabColor(green, seenWith: .protanopia)) < normal / 2)
        let grey = try #require(RGBColor(hex: "#808080"))
        for vision in ColorVision.allCases {
            #expect(ColorDifference.ciede2000(LabColor(grey), LabColor(grey, seenWith: vision)) < 1.5, "\(vision)")
        }
    }

    /// The old bundled pair, two shades of one blue, is too close; every pair of the bundled
    /// configuration's colours now is far apart, for normal vision and the three dichromacies.
    /// `aarshjul init` writes the same colours as the bundled configuration, in both languages
    /// (its NTNU colour was the old blue).
    @Test(arguments: Language.allCases)
    func starterColoursCanBeToldApart(_ language: Language) throws {
        let colors = StarterConfiguration.text(language: language).split(separator: "\n").compactMap { line -> RGBColor? in
            guard line.hasPrefix("color = \"") else { return nil }
            return RGBColor(hex: String(line.dropFirst(9).prefix(7)))
        }
        #expect(colors.map(\.hex) == ["#0067B1", "#B03060"])
        if colors.count == 2 {
            #expect(ColorDifference.worstCase(colors[0], colors[1]).difference >= 2 * ColorDifference.tooClose)
        }
    }

    @Test func bundledColoursCanBeToldApart() throws {
        let old = ColorDifference.worstCase(try #require(RGBColor(hex: "#0067B1")), try #require(RGBColor(hex: "#00509E")))
        #expect(old.difference < ColorDifference.tooClose)
        #expect(old.vision == .deuteranopia)

        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
        let configuration = try AarshjulConfiguration.load(fileAt: root.appendingPathComponent("Calendars/aarshjul.toml").path)
        let colors = configuration.sources.compactMap { $0.color.flatMap { RGBColor(hex: $0) } }
        #expect(colors.count == 3, "every bundled source has a #RRGGBB colour")
        for (index, first) in colors.enumerated() {
            for second in colors[(index + 1)...] {
                let worst = ColorDifference.worstCase(first, second)
                #expect(worst.difference >= 2 * ColorDifference.tooClose, "\(first.hex) \(second.hex): \(worst)")
            }
        }
    }

    /// The wheel warns (and its page shows the warning) when two sources' colours are too close,
    /// and not otherwise.
    @Test func wheelWarnsAboutColoursTooClose() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
        let configuration = try AarshjulConfiguration.load(fileAt: root.appendingPathComponent("Calendars/aarshjul.toml").path)
        let builder = CycleBuilder(configuration: configuration)
        let cycle = builder.build(year: CycleYear(year: 2027, start: configuration.cycle.start), sources: try builder.loadSources())
        let fine = Wheel(cycle: cycle, report: ConflictEngine(configuration: configuration).run(on: cycle, language: .en), options: WheelOptions(language: .en, today: nil))
        #expect(fine.colorWarnings.isEmpty)
        #expect(!fine.htmlPage().contains("colour-warning"))

        var close = cycle
        close.sources[1].color = "#00509E"
        let wheel = Wheel(cycle: close, report: ConflictEngine(configuration: configuration).run(on: cycle, language: .en), options: WheelOptions(language: .en, today: nil))
        let warnings = wheel.colorWarnings
        try #require(warnings.count == 1)
        #expect(warnings[0].first.name == "Trondheim kommune" && warnings[0].second.name == "NTNU")
        #expect(warnings[0].vision == .deuteranopia)
        #expect(warnings[0].description.hasPrefix("the colours of Trondheim kommune (#0067B1) and NTNU (#00509E) are hard to tell apart (CIEDE2000 6.6 with deuteranopia"))
        #expect(wheel.htmlPage().contains("<p class=\"colour-warning\" role=\"note\">Warning: the colours of Trondheim kommune (#0067B1) and NTNU (#00509E)"))
    }
}
