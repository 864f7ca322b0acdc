import Aarshjul
import Foundation
import ICalendar
import Testing

/// `aarshjul cycle` on the bundled calendars: the combined 2027 cycle, month by month.
@Suite("aarshjul cycle")
struct CycleCommandTests {
    static let config = ["--config", "Calendars/aarshjul.toml"]

    static let norwegianMonths = ["Januar", "Februar", "Mars", "April", "Mai", "Juni",
                                  "Juli", "August", "September", "Oktober", "November", "Desember"]
    static let englishMonths = ["January", "February", "March", "April", "May", "June",
                                "July", "August", "September", "October", "November", "December"]

    /// The month headings ("Mars 2027") of a table, in order.
    static func monthHeadings(_ text: String, names: [String], year: Int) -> [String] {
        text.split(separator: "\n").map(String.init).filter { line in
            names.contains { line == "\($0) \(year)" }
        }
    }

    struct Cycle: Decodable {
        struct Occurrence: Decodable {
            var date: String
            var start: String
            var source: String
            var sources: [String]
            var summary: String
            var uid: String
            var status: String?
            var kind: String?
            var body: String?
        }
        var year: Int
        var from: String
        var to: String
        var occurrences: [Occurrence]
    }

    @Test("2027 as JSON: golden, 137 occurrences, merged copies carry all their sources")
    func json2027() throws {
        let result = try CLI.run(["cycle"] + Self.config + ["--year", "2027", "--format", "json"])
        #expect(result.status == 0)
        #expect(result.err == "")
        Golden.check(result.stdout, matches: "cycle-2027.json")

        let cycle = try JSONDecoder().decode(Cycle.self, from: result.stdout)
        #expect(cycle.year == 2027)
        #expect(cycle.from == "2027-01-01")
        #expect(cycle.to == "2028-01-01")
        // 52 tk + 44 ntnu + 44 uk occurrences in 2027 (oracle-expand), less the copies that merge:
        // be2283e8 (ntnu+uk, 1 Mar) and ccacbfda (tk+ntnu+uk, 13 Sep).
        #expect(cycle.occurrences.count == 137)
        #expect(cycle.occurrences.map(\.date) == cycle.occurrences.map(\.date).sorted(), "sorted by date")
        let styringsgruppe = cycle.occurrences.filter { $0.uid == "ccacbfda-ba8c-45c8-a479-299c0c88931b" }
        #expect(styringsgruppe.count == 1)
        #expect(styringsgruppe.first?.start == "2027-09-13T12:00:00", "SEQUENCE 2 (12:00) wins over tk's stale 13:00")
        #expect(styringsgruppe.first?.sources == ["ntnu", "tk", "uk"], "the winning copy's source first, then source order")
        let duplicates = cycle.occurrences.filter { $0.summary == "Årskonferanse Universitetskommunen TK–NTNU" }
        #expect(duplicates.count == 2, "a likely duplicate (two UIDs) is kept, and reported by conflicts")
        #expect(!cycle.occurrences.contains { $0.status == "CANCELLED" })
    }

    @Test("2027 as a table (bokmål): golden, at most 80 characters a line, Norwegian month names")
    func table2027() throws {
        let result = try CLI.run(["cycle"] + Self.config + ["--year", "2027", "--format", "table"])
        #expect(result.status == 0)
        #expect(result.err == "")
        Golden.check(result.stdout, matches: "cycle-2027.txt")
        #expect(!result.out.contains("\u{1B}"))
        expectLines(of: result.out, atMost: 80)
        #expect(result.out.hasPrefix("Universitetskommunen Trondheim — årshjul 2027\n"))
        #expect(result.out.hasSuffix("\n137 hendelser\n"))
        // July 2027 has no occurrences in the bundled calendars (fellesferie), so it has no heading.
        #expect(Self.monthHeadings(result.out, names: Self.norwegianMonths, year: 2027)
                == Self.norwegianMonths.filter { $0 != "Juli" }.map { "\($0) 2027" })
        #expect(Self.monthHeadings(result.out, names: Self.englishMonths.filter { !Self.norwegianMonths.contains($0) }, year: 2027) == [])
        #expect(result.out.contains("\nDato      Tid          Kilde  Organ"))
        #expect(result.out.contains("hele dagen"))
    }

    @Test("2027 as a table in English: golden, at most 80 characters a line, English month names")
    func table2027English() throws {
        let result = try CLI.run(["cycle"] + Self.config + ["--year", "2027", "--format", "table", "--lang", "en"])
        #expect(result.status == 0)
        #expect(result.err == "")
        Golden.check(result.stdout, matches: "cycle-2027-en.txt")
        expectLines(of: result.out, atMost: 80)
        #expect(result.out.hasPrefix("Universitetskommunen Trondheim — annual cycle 2027\n"))
        #expect(result.out.hasSuffix("\n137 occurrences\n"))
        #expect(Self.monthHeadings(result.out, names: Self.englishMonths, year: 2027)
                == Self.englishMonths.filter { $0 != "July" }.map { "\($0) 2027" })
        #expect(Self.monthHeadings(result.out, names: Self.norwegianMonths.filter { !Self.englishMonths.contains($0) }, year: 2027) == [])
        #expect(result.out.contains("all day"))
        #expect(!result.out.contains("hele dagen"))
    }

    @Test("2027 as CSV: golden, one record per occurrence")
    func csv2027() throws {
        let result = try CLI.run(["cycle"] + Self.config + ["--year", "2027", "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.err == "")
        Golden.check(result.stdout, matches: "cycle-2027.csv")
        #expect(result.out.hasPrefix("date,start,end,all_day,source,sources,body,kind,area,summary,uid,recurrence_id,status\r\n"))
        #expect(result.out.components(separatedBy: "\r\n").count == 1 + 137 + 1)
    }

    @Test("piped without --format: JSON")
    func defaultFormatWhenPiped() throws {
        let result = try CLI.run(["cycle"] + Self.config + ["--year", "2027"])
        #expect(result.status == 0)
        Golden.check(result.stdout, matches: "cycle-2027.json")
    }

    @Test("2026 shows cancelled instances as cancelled (STATUS:CANCELLED overrides and events)")
    func cancelled2026() throws {
        let result = try CLI.run(["cycle"] + Self.config + ["--year", "2026", "--format", "json"])
        #expect(result.status == 0)
        #expect(result.err == "")
        let cycle = try JSONDecoder().decode(Cycle.self, from: result.stdout)
        // Calendars/README.md: Lederforum in Easter week (1 Apr), Koordinatormøte 8 Apr, PL 25 Aug.
        let cancelled = cycle.occurrences.filter { $0.status == "CANCELLED" }
        #expect(cancelled.map(\.date) == ["2026-04-01", "2026-04-08", "2026-08-25"])
        #expect(cancelled.map { String($0.summary.prefix(12)) } == ["Lederforum N", "Koordinatorm", "Møte koordin"])
        #expect(cycle.occurrences.contains { $0.date == "2026-05-06" && $0.summary.hasPrefix("Lederforum") && $0.status == "CONFIRMED" },
                "the other instances of the series stay as they were")
        // The 1 Dec 2026 override renames the Formannskapet meeting to the innstilling.
        #expect(cycle.occurrences.contains { $0.date == "2026-12-01" && $0.summary.contains("innstilling til handlings- og økonomiplan 2027–2030") })

        let table = try CLI.run(["cycle"] + Self.config + ["--year", "2026", "--format", "table"])
        #expect(table.status == 0)
        #expect(table.out.components(separatedBy: "(avlyst) ").count - 1 == 3, "the table marks the three as cancelled")
        expectLines(of: table.out, atMost: 80)

        // Cancelled instances never take part in conflicts: 2026 is clean.
        let conflicts = try CLI.run(["conflicts"] + Self.config + ["--year", "2026", "--format", "json"])
        #expect(conflicts.status == 0)
    }
}
