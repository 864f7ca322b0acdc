import Foundation
import Testing

/// `aarshjul merge` of the three bundled calendars.
@Suite("aarshjul merge")
struct MergeCommandTests {
    static let inputs = ["Calendars/trondheim-kommune.ics", "Calendars/ntnu.ics", "Calendars/universitetskommune.ics"]

    static func merge(into output: URL) throws -> CLIResult {
        try CLI.run(["merge"] + inputs + ["-o", output.path])
    }

    /// The VEVENTs of an iCalendar text, unfolded, as lists of content lines.
    static func events(_ data: Data) -> [[String]] {
        let lines = String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "\r\n ", with: "")
            .components(separatedBy: "\r\n")
        var events: [[String]] = []
        var current: [String]?
        for line in lines {
            if line == "BEGIN:VEVENT" { current = [] }
            else if line == "END:VEVENT" { if let event = current { events.append(event) }; current = nil }
            else { current?.append(line) }
        }
        return events
    }

    @Test("the merged file: golden bytes, and stderr names 1 time mismatch and 1 likely duplicate")
    func mergeBundled() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let output = scratch.appending("out.ics")
        let result = try Self.merge(into: output)
        #expect(result.status == 0)
        #expect(result.out == "")
        let written = try Data(contentsOf: output)
        Golden.check(written, matches: "merge-calendars.ics")
        Golden.check(transcriptOf: result, matches: "cli/merge-calendars.txt", scratch: scratch)

        #expect(result.errLines.count == 3)
        #expect(result.errLines.filter { $0.contains("has different times") }.count == 1)
        #expect(result.errLines.contains { $0.contains("(ccacbfda-ba8c-45c8-a479-299c0c88931b) has different times") })
        #expect(result.errLines.filter { $0.contains("looks like one meeting under several UIDs") }.count == 1)
        #expect(result.errLines.contains { $0.hasPrefix("merge: warning: \"Årskonferanse Universitetskommunen TK–NTNU\"") })
        #expect(result.errLines.last?.hasSuffix("; 1 time mismatch(es), 1 likely duplicate(s)") == true)
        #expect(result.errLines.last?.hasPrefix("merge: 192 item(s) from 3 file(s) written to ") == true)
        // Nothing else left behind by the atomic write.
        #expect(try scratch.contents() == ["out.ics"])
    }

    /// Calendars/README.md §Same meeting in several files: which copy wins.
    @Test("the newest copy of each shared item wins")
    func winners() throws {
        let events = Self.events(try Data(contentsOf: Golden.url("merge-calendars.ics")))
        #expect(events.count == 192, "200 events in the three files, less 8 extra copies")
        func event(_ uidPrefix: String) throws -> [String] {
            let matches = events.filter { $0.contains { $0.hasPrefix("UID:\(uidPrefix)") } }
            try #require(matches.count == 1, "one merged item for \(uidPrefix)")
            return matches[0]
        }
        // uk: tie on SEQUENCE 1, newer LAST-MODIFIED; Thunderbird's X-MOZ-GENERATION shows the copy.
        let march2026 = try event("6c00394d-")
        #expect(march2026.contains("SEQUENCE:1"))
        #expect(march2026.contains("LAST-MODIFIED:20251120T090102Z"))
        #expect(march2026.contains { $0.hasPrefix("X-MOZ-GENERATION:") })
        // ntnu: SEQUENCE 3.
        #expect(try event("8ce72af7-").contains("SEQUENCE:3"))
        // tk: SEQUENCE 1 with the new LOCATION.
        #expect(try event("d7804a91-").contains("LOCATION;LANGUAGE=nb-NO:Helsehuset\\, Erling Skakkes gate 40"))
        // ntnu: same SEQUENCE and LAST-MODIFIED, newer DTSTAMP.
        #expect(try event("be2283e8-").contains("DTSTAMP:20251214T201533Z"))
        // The sync mismatch: SEQUENCE 2 at 12:00 Oslo (10:00Z), not tk's stale 13:00.
        let september2027 = try event("ccacbfda-")
        #expect(september2027.contains("SEQUENCE:2"))
        #expect(september2027.contains("DTSTART:20270913T100000Z"))
    }

    @Test("merging twice gives identical bytes")
    func deterministic() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let first = try Self.merge(into: scratch.appending("first.ics"))
        let second = try Self.merge(into: scratch.appending("second.ics"))
        #expect(first.status == 0)
        #expect(second.status == 0)
        #expect(try Data(contentsOf: scratch.appending("first.ics")) == Data(contentsOf: scratch.appending("second.ics")))
    }

    @Test("the merged file validates without errors or warnings")
    func mergedValidates() throws {
        let result = try CLI.run(["validate", "Fixtures/golden/merge-calendars.ics"])
        #expect(result.status == 0)
        #expect(result.err == "")
        #expect(result.out == "Fixtures/golden/merge-calendars.ics: 1 calendar(s), 192 item(s), 0 error(s), 0 warning(s)\n")
    }

    @Test("-o into a directory that does not exist: exit 2, nothing written")
    func missingDirectory() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let output = scratch.appending("finnes-ikke/out.ics")
        let result = try Self.merge(into: output)
        #expect(result.status == 2)
        #expect(result.out == "")
        #expect(result.errLines.last?.hasPrefix("merge: error: cannot write \(output.path)") == true)
        #expect(!FileManager.default.fileExists(atPath: output.path))
        #expect(try scratch.contents() == [], "no partial or temporary file left behind")
    }

    @Test("-o onto an existing file replaces it whole")
    func replacesExisting() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let output = scratch.appending("out.ics")
        try Data("gammelt innhold\n".utf8).write(to: output)
        let result = try Self.merge(into: output)
        #expect(result.status == 0)
        #expect(try Data(contentsOf: output) == Data(contentsOf: Golden.url("merge-calendars.ics")))
        #expect(try scratch.contents() == ["out.ics"])
    }

    @Test("an unreadable input: exit 2, nothing written")
    func badInput() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let output = scratch.appending("out.ics")
        let result = try CLI.run(["merge", "Calendars/ntnu.ics", "Fixtures/malformed/html-login-page.ics", "-o", output.path])
        #expect(result.status == 2)
        #expect(result.err.contains("Fixtures/malformed/html-login-page.ics"))
        #expect(try scratch.contents() == [])
    }
}
