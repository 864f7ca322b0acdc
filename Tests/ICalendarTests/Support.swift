import Foundation
import Testing
@testable import ICalendar

/// Where the test inputs live: `<package root>/Fixtures`, found from this file's path so the
/// tests run from any working directory.
enum Paths {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // ICalendarTests
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent() // package root

    static let fixtures = packageRoot.appendingPathComponent("Fixtures")
    static let calendars = packageRoot.appendingPathComponent("Calendars")

    static func fixture(_ name: String) -> URL { fixtures.appendingPathComponent(name) }

    /// The `*.ics` files directly in a directory, sorted by name (none when it does not exist).
    static func icsFiles(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.lowercased().hasSuffix(".ics") }.sorted().map { directory.appendingPathComponent($0) }
    }
}

/// Reads a fixture by name, failing the test with the reader's message when it throws.
func readFixture(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ICalendarDocument {
    do {
        return try ICalendarReader().read(fileAt: Paths.fixture(name).path)
    } catch {
        Issue.record("\(name) could not be read: \(error)", sourceLocation: sourceLocation)
        throw error
    }
}

/// The raw bytes of a fixture.
func fixtureBytes(_ name: String) throws -> Data {
    try Data(contentsOf: Paths.fixture(name))
}

/// A date for the window, from `YYYY-MM-DD`.
func day(_ text: String) -> LocalDate {
    guard let date = LocalDate(iso: text) else { fatalError("bad test date \(text)") }
    return date
}

/// One occurrence in the normalised form the conformance oracle prints: `start/end`.
func span(_ occurrence: Occurrence) -> String {
    "\(occurrence.normalizedStart)/\(occurrence.normalizedEnd)"
}

/// Expands a fixture over `[from, to)` and returns the expansion.
func expandFixture(_ name: String, from: String = "2027-01-01", to: String = "2028-01-01",
                   options: ExpansionOptions = ExpansionOptions(),
                   sourceLocation: SourceLocation = #_sourceLocation) throws -> Expansion {
    let document = try readFixture(name, sourceLocation: sourceLocation)
    return Expander(options: options).expand(document, from: day(from), to: day(to))
}

extension Expansion {
    /// `start/end` of every occurrence with this UID, in expansion order.
    func spans(uid: String) -> [String] {
        occurrences.filter { $0.uid == uid }.map(span)
    }

    /// `start/end` of every occurrence, in expansion order.
    var spans: [String] { occurrences.map(span) }

    /// The occurrences of one UID.
    func occurrences(uid: String) -> [Occurrence] { occurrences.filter { $0.uid == uid } }
}

/// The content lines of some text, split at CRLF (the last, empty piece dropped).
func crlfLines(_ bytes: [UInt8]) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    var current: [UInt8] = []
    var index = 0
    while index < bytes.count {
        if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
            lines.append(current)
            current = []
            index += 2
        } else {
            current.append(bytes[index])
            index += 1
        }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
}
