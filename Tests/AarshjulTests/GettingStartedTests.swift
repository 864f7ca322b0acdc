import Aarshjul
import Foundation
import ICalendar
import Testing

/// The code of the *Getting started* article (Sources/Aarshjul/Aarshjul.docc/GettingStarted.md),
/// line for line, so that the article's example compiles and runs.
@Suite("Getting started article")
struct GettingStartedTests {
    @Test func theArticlesCodeRunsOnTheBundledCalendars() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Calendars").standardized.path
        let outputFolder = FileManager.default.temporaryDirectory
            .appendingPathComponent("aarshjul-getting-started-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputFolder) }
        var printed: [String] = []
        func print(_ items: Any...) { printed.append(items.map { "\($0)" }.joined(separator: " ")) }

        // --- The article's code, unchanged ---
        let configuration = try AarshjulConfiguration.load(fileAt: "\(folder)/aarshjul.toml")
        let kommune = try SourceCalendar.read(fileAt: "\(folder)/trondheim-kommune.ics", id: "tk")
        let ntnu = try SourceCalendar.read(fileAt: "\(folder)/ntnu.ics", id: "ntnu")
        let merged = Merger().merge([kommune, ntnu])
        print(merged.items.count, "items,", merged.duplicates.count, "likely duplicates")
        let builder = CycleBuilder(configuration: configuration)
        let cycle = builder.build(year: builder.year(containing: LocalDate(year: 2027, month: 3, day: 1)), sources: [kommune, ntnu])
        let report = ConflictEngine(configuration: configuration).run(on: cycle, language: .en)
        for conflict in report.open { print(conflict.id, conflict.explanation) }
        try FeedExporter(directory: outputFolder).write(FeedBuilder(configuration: configuration).feeds(for: cycle, conflicts: report))
        // --- end ---

        #expect(merged.items.count > 0)
        #expect(printed.count == 1 + report.open.count)
        #expect(!report.open.isEmpty, "the bundled calendars have planted clashes")
        let written = try FileManager.default.contentsOfDirectory(atPath: outputFolder)
        #expect(written.contains("combined.ics"))
    }
}
