import ArgumentParser
import Foundation
import ICalendar

/// The hidden `measure-*` commands: parse a file once in a fresh process and print its peak
/// resident memory as `peak_kib=… maxrss_kib=… vevents=…`. `run` starts them, so each parser's
/// peak is measured alone, from the same starting point.
enum MeasureReport {
    static func print(vevents: Int) {
        Swift.print("peak_kib=\(PeakMemory.peakKiB()) maxrss_kib=\(PeakMemory.maxRSSKiB()) vevents=\(vevents)")
    }
}

/// `measure-file FILE`: only read the bytes (the floor under both parsers).
struct MeasureFileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure-file", abstract: "Read a file only and print the peak memory.", shouldDisplay: false)

    @Argument(help: "The .ics file.")
    var file: String

    func run() throws {
        let input = try CalendarFile(path: file)
        withExtendedLifetime(input) { MeasureReport.print(vevents: 0) }
    }
}

/// `measure-libical FILE`: `icalparser_parse_string` once, then the peak with the tree alive.
struct MeasureLibicalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure-libical", abstract: "Parse with libical once and print the peak memory.", shouldDisplay: false)

    @Argument(help: "The .ics file.")
    var file: String

    func run() throws {
        let input = try CalendarFile(path: file)
        guard let root = input.withCString({ Libical.parse($0) }) else {
            throw BenchmarkError("libical could not parse \(file)")
        }
        MeasureReport.print(vevents: Libical.eventCount(root))
        Libical.free(root)
    }
}

/// `measure-swift FILE`: `ICalendarReader().read` once, then the peak with the tree alive.
struct MeasureSwiftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure-swift", abstract: "Read with ICalendarReader once and print the peak memory.", shouldDisplay: false)

    @Argument(help: "The .ics file.")
    var file: String

    func run() throws {
        let input = try CalendarFile(path: file)
        let document = try input.withData { try ICalendarReader().read($0, fileName: file) }
        withExtendedLifetime(document) {
            MeasureReport.print(vevents: document.calendars.reduce(0) { $0 + $1.components(named: "VEVENT").count })
        }
    }
}
