import Foundation
import Testing
@testable import ICalendar

/// read → write → read gives an equal tree, for every file we have.
@Suite("Round trip")
struct RoundTripTests {
    /// The peer corpus: `$AARSHJUL_CORPUS`, or `<package root>/../shared/corpus/recurring-ical-events`.
    static let corpus: URL = {
        if let path = ProcessInfo.processInfo.environment["AARSHJUL_CORPUS"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return Paths.packageRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/corpus/recurring-ical-events").standardizedFileURL
    }()

    static var corpusExists: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: corpus.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Reads, writes and reads again; returns nil when the first read fails (the reason recorded).
    @discardableResult
    static func roundTrip(_ url: URL, sourceLocation: SourceLocation = #_sourceLocation) -> Bool? {
        let first: ICalendarDocument
        do {
            first = try ICalendarReader().read(fileAt: url.path)
        } catch {
            return nil
        }
        let bytes = ICalendarWriter().bytes(first.calendars)
        do {
            let second = try ICalendarReader().read(Data(bytes), fileName: url.lastPathComponent + " (written)")
            let equal = second.calendars == first.calendars
            #expect(equal, "\(url.lastPathComponent): the tree read back from the written text differs", sourceLocation: sourceLocation)
            // Writing the re-read tree gives the same bytes again.
            #expect(ICalendarWriter().bytes(second.calendars) == bytes, "\(url.lastPathComponent): not stable", sourceLocation: sourceLocation)
            for line in crlfLines(bytes) where line.count > 75 || String(validating: line, as: UTF8.self) == nil {
                Issue.record("\(url.lastPathComponent): written line of \(line.count) octets is too long or not UTF-8", sourceLocation: sourceLocation)
                break
            }
            // Nothing the reader did not already complain about is new on the way back.
            let newErrors = second.diagnostics.filter { $0.severity == .error }.count - first.diagnostics.filter { $0.severity == .error }.count
            #expect(newErrors <= 0, "\(url.lastPathComponent): \(second.diagnostics)", sourceLocation: sourceLocation)
            return equal
        } catch {
            Issue.record("\(url.lastPathComponent): the written text cannot be read back: \(error)", sourceLocation: sourceLocation)
            return false
        }
    }

    @Test("Every fixture in Fixtures/ reads, and round-trips", arguments: Paths.icsFiles(in: Paths.fixtures).map(\.lastPathComponent))
    func fixture(name: String) throws {
        let result = Self.roundTrip(Paths.fixture(name))
        #expect(result != nil, "\(name) cannot be read; unreadable fixtures belong in Fixtures/malformed/")
    }

    @Test("There are fixtures to round-trip")
    func fixturesExist() {
        #expect(Paths.icsFiles(in: Paths.fixtures).count >= 25)
    }

    @Test("Every bundled calendar in Calendars/ round-trips", arguments: Paths.icsFiles(in: Paths.calendars).map(\.lastPathComponent))
    func bundledCalendar(name: String) throws {
        let result = Self.roundTrip(Paths.calendars.appendingPathComponent(name))
        #expect(result != nil, "Calendars/\(name) cannot be read")
    }

    @Test("The unreadable fixtures stay unreadable (so they are not round-tripped by mistake)",
          arguments: Paths.icsFiles(in: Paths.fixtures.appendingPathComponent("malformed")).map(\.lastPathComponent))
    func malformed(name: String) {
        #expect(throws: ICalendarError.self) {
            try ICalendarReader().read(fileAt: Paths.fixtures.appendingPathComponent("malformed/\(name)").path)
        }
    }

    @Test("Every file of the peer corpus that reads also round-trips", .enabled(if: RoundTripTests.corpusExists,
          "no corpus at $AARSHJUL_CORPUS or ../shared/corpus/recurring-ical-events"))
    func corpusFiles() {
        let files = Paths.icsFiles(in: Self.corpus)
        #expect(!files.isEmpty)
        var read = 0
        var unreadable: [String] = []
        for file in files {
            if let equal = Self.roundTrip(file) {
                read += 1
                _ = equal
            } else {
                unreadable.append(file.lastPathComponent)
            }
        }
        // The corpus is of real-world files; the reader refuses only what is not iCalendar at all.
        #expect(read > 0)
        #expect(unreadable.isEmpty, "unreadable: \(unreadable)")
    }
}
