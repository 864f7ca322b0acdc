import Foundation
import Testing

/// `--lang nn` on the bundled calendars: the conflict report and the plan in nynorsk, byte for
/// byte (beside the bokmål and English goldens of `ConflictsCommandTests` and `PlanCommandTests`).
@Suite("Nynorsk: the bundled conflict report and plan")
struct NynorskTests {
    static let config = ["--config", "Calendars/aarshjul.toml"]

    @Test("2027 as a table in nynorsk: golden, at most 80 characters a line, no bokmål left")
    func conflictsTable() throws {
        let result = try CLI.run(["conflicts"] + Self.config + ["--year", "2027", "--format", "table", "--lang", "nn"])
        #expect(result.status == 1)
        #expect(result.err == "")
        Golden.check(result.stdout, matches: "conflicts-2027-nn.txt")
        expectLines(of: result.out, atMost: 80)
        #expect(result.out.hasPrefix("Konfliktar i årshjulet 2027 — Universitetskommunen Trondheim\n"))
        #expect(result.out.contains("\nÅTVARINGAR (5)\n"))
        #expect(result.out.hasSuffix("\n3 feil, 5 åtvaringar, 2 til informasjon; 0 aksepterte\n"))
        for bokmal in ["krever", "ikke", "hendelse", "kilde", "en arbeidsdag", "advarsler"] {
            #expect(!result.out.contains(bokmal), "bokmål «\(bokmal)» in the nynorsk report")
        }
    }

    @Test("2027 as JSON in nynorsk: golden, the same conflicts and ids as in bokmål")
    func conflictsJSON() throws {
        let nynorsk = try CLI.run(["conflicts"] + Self.config + ["--year", "2027", "--format", "json", "--lang", "nn"])
        #expect(nynorsk.status == 1)
        Golden.check(nynorsk.stdout, matches: "conflicts-2027-nn.json")
        let bokmal = try CLI.run(["conflicts"] + Self.config + ["--year", "2027", "--format", "json"])
        #expect(try Self.ids(nynorsk.stdout) == Self.ids(bokmal.stdout), "conflict ids do not depend on the language")
        #expect(try Self.ids(nynorsk.stdout).count == 10)
    }

    @Test("[cycle] language = \"nn\" in the file gives the same report as --lang nn")
    func languageFromConfiguration() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let text = try String(contentsOf: CLI.file("Calendars/aarshjul.toml"), encoding: .utf8)
        let nynorsk = text.replacingOccurrences(of: "language = \"nb\"", with: "language = \"nn\"")
        #expect(nynorsk != text, "the bundled configuration names its language")
        let target = scratch.appending("aarshjul.toml")
        try nynorsk.write(to: target, atomically: true, encoding: .utf8)
        for name in try FileManager.default.contentsOfDirectory(atPath: CLI.file("Calendars").path) where name.hasSuffix(".ics") {
            try FileManager.default.copyItem(at: CLI.file("Calendars/\(name)"), to: scratch.appending(name))
        }
        let result = try CLI.run(["conflicts", "--config", target.path, "--year", "2027", "--format", "table"])
        #expect(result.status == 1, "\(result.err)")
        Golden.check(result.stdout, matches: "conflicts-2027-nn.txt")
    }

    @Test("Plan 2028 in nynorsk: golden table")
    func plan2028() throws {
        let out = try TemporaryDirectory()
        defer { out.remove() }
        let table = try CLI.run(["plan"] + Self.config + ["--year", "2028", "--out", out.appending("drafts").path, "--format", "table", "--lang", "nn"])
        #expect(table.status == 0, "\(table.err)")
        Golden.check(table.stdout, matches: "plan-2028-nn.txt")
        #expect(table.out.hasPrefix("Plan for årshjulet 2028 (frå 2027) — "))
    }

    static func ids(_ data: Data) throws -> [String] {
        struct Report: Decodable {
            struct Conflict: Decodable { var id: String }
            var conflicts: [Conflict]
        }
        return try JSONDecoder().decode(Report.self, from: data).conflicts.map(\.id)
    }
}
