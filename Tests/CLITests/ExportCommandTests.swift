import Foundation
import Testing

/// `aarshjul export`: the bundled calendars' feeds byte for byte, and an export that fails
/// halfway leaving the previous feeds as they were.
@Suite("export")
struct ExportCommandTests {
    static let year = "2027"

    @Test("The export of Calendars/ for 2027, every file byte for byte (Fixtures/golden/feeds-2027/)")
    func bundledGolden() throws {
        let out = try TemporaryDirectory()
        defer { out.remove() }
        let result = try CLI.run(["export", "--config", "Calendars/aarshjul.toml", "--year", Self.year, "--out", out.url.path])
        #expect(result.status == 0, "\(result.err)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.url.path).sorted()
        #expect(names.count == 21)
        #expect(!names.contains { $0.hasPrefix(".") }, "no temporary or backup files are left")
        for name in names {
            Golden.check(try Data(contentsOf: out.url.appendingPathComponent(name)), matches: "feeds-2027/\(name)")
        }
        if !Golden.isUpdating {
            let goldens = try FileManager.default.contentsOfDirectory(atPath: Golden.url("feeds-2027").path).sorted()
            #expect(goldens == names, "a golden file for every feed, and no other")
        }
        // One line per feed: its path, its event count and its title.
        let lines = result.out.split(separator: "\n")
        #expect(lines.count == 21)
        #expect(lines.first?.hasSuffix("combined.ics  98 events  Universitetskommunen Trondheim – årshjul 2027") == true)
    }

    @Test("An export that fails halfway puts the previous feeds back and names the file")
    func failedExportRestores() throws {
        let out = try TemporaryDirectory()
        defer { out.remove() }
        let first = try CLI.run(["export", "--config", "Calendars/aarshjul.toml", "--year", Self.year, "--out", out.url.path])
        #expect(first.status == 0)
        let combined = out.url.appendingPathComponent("combined.ics")
        let before = try Data(contentsOf: combined)

        // A directory where a later feed must go: its rename fails after combined.ics and the
        // source feeds before it were renamed.
        let blocked = out.url.appendingPathComponent("source-uk.ics")
        try FileManager.default.removeItem(at: blocked)
        try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: blocked.appendingPathComponent("inside"))

        // Another year: every feed's bytes differ.
        let second = try CLI.run(["export", "--config", "Calendars/aarshjul.toml", "--year", "2026", "--out", out.url.path])
        #expect(second.status == 2)
        #expect(second.err.contains("export: error: cannot write \(blocked.path):"))
        #expect(second.err.contains("the previous feeds are unchanged"))
        #expect(try Data(contentsOf: combined) == before, "combined.ics was renamed, then put back")
        let ntnu = try Data(contentsOf: out.url.appendingPathComponent("source-ntnu.ics"))
        #expect(String(decoding: ntnu, as: UTF8.self).contains("årshjul 2027"))
        let left = try FileManager.default.contentsOfDirectory(atPath: out.url.path).filter { $0.hasPrefix(".") }
        #expect(left.isEmpty, "no temporary or backup files are left: \(left)")
    }
}
