import Aarshjul
import ArgumentParser
import Foundation

/// `aarshjul export`: writes the subscribable feeds of the cycle.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the iCalendar feeds of the cycle: combined, per source, area and body, and conflicts.",
        discussion: """
        Files: combined.ics, source-<id>.ics, area-<area>.ics, body-<body>.ics, conflicts.ics.
        Every file is written to a temporary name and renamed only when all are written, so a
        failed export leaves the previous feeds as they were. The same input gives the same bytes.
        """
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: "The directory to write the feeds to.")
    var out: String = "feeds"

    func run() throws {
        let (configuration, cycle) = try options.buildCycle()
        let language = options.language(for: configuration)
        let report = ConflictEngine(configuration: configuration, proposeDates: false).run(on: cycle, language: language)
        let feeds = FeedBuilder(configuration: configuration, language: language).feeds(for: cycle, conflicts: report)
        for collision in cycle.merge.collisions {
            Terminal.error("export: warning: UID \(collision.uid) names different items in \(collision.sources.joined(separator: " and ")); the one from \(collision.sources.last ?? "") is published as \(collision.newUID)")
        }
        do {
            let paths = try FeedExporter(directory: out).write(feeds)
            for (feed, path) in zip(feeds, paths) {
                let events = feed.calendar.components.filter { $0.name == "VEVENT" }.count
                print("\(path)  \(events) \(events == 1 ? "event" : "events")  \(feed.title)")
            }
        } catch let error as FeedExporter.ExportError {
            Terminal.error("export: error: \(error)")
            throw ExitCode(2)
        }
    }
}
