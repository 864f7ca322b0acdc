import Aarshjul
import ArgumentParser
import Foundation
import ICalendar

/// `aarshjul merge FILE… -o OUT.ics`: several calendars into one, without a configuration.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge calendars into one file: newest version of each item wins, nothing is dropped silently.",
        discussion: """
        Items are the same when UID and RECURRENCE-ID match. The newest version wins by SEQUENCE,
        then LAST-MODIFIED, then DTSTAMP. Modified instances stay with their series, each time
        zone is written once, and items two files place at different times, or that look like
        the same meeting under two UIDs, are reported on standard error.
        """
    )

    @Argument(help: "The .ics files to merge, in order of precedence for ties.")
    var files: [String]

    @Option(name: .shortAndLong, help: "The merged file to write (written atomically).")
    var output: String

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one .ics file to merge") }
    }

    func run() throws {
        var sources: [SourceCalendar] = []
        var usedIDs: Set<String> = []
        for file in files {
            do {
                var source = try SourceCalendar.read(fileAt: file)
                if !usedIDs.insert(source.id).inserted { source.id = file; usedIDs.insert(file) }
                sources.append(source)
            } catch let error as ICalendarError {
                Terminal.error(error.description)
                throw ExitCode(2)
            }
        }
        let directory = URL(fileURLWithPath: output).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            Terminal.error("merge: error: cannot write \(output): the directory \(directory) does not exist")
            throw ExitCode(2)
        }
        let result = Merger().merge(sources)
        for diagnostic in result.diagnostics { Terminal.error(diagnostic.description) }
        for mismatch in result.mismatches {
            let places = mismatch.versions.map { "\($0.source): \($0.start)\($0.end.map { " – \($0)" } ?? "")" }.joined(separator: "; ")
            Terminal.error("merge: warning: \"\(mismatch.summary)\" (\(mismatch.identity)) has different times: \(places)")
        }
        for duplicate in result.duplicates {
            let which = zip(duplicate.items, duplicate.sources).map { "\($0.1): \($0.0.uid)" }.joined(separator: ", ")
            Terminal.error("merge: warning: \"\(duplicate.summary)\" at \(duplicate.start) looks like one meeting under several UIDs (\(which)); all are kept")
        }
        do {
            try AtomicFile.write(ICalendarWriter().bytes([result.calendar()]), to: output)
        } catch {
            Terminal.error("merge: error: \(error)")
            throw ExitCode(2)
        }
        Terminal.error("merge: \(result.items.count) item(s) from \(sources.count) file(s) written to \(output); \(result.mismatches.count) time mismatch(es), \(result.duplicates.count) likely duplicate(s)")
    }
}
