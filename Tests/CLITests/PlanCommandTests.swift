import Foundation
import Testing

/// `aarshjul plan`: the bundled calendars planned for 2028 and resolved for 2027, byte for
/// byte; the drafts round-trip through `conflicts` (and, for --resolve, through `merge`);
/// exit statuses; nothing written on bad input.
@Suite("aarshjul plan")
struct PlanCommandTests {
    static let config = ["--config", "Calendars/aarshjul.toml"]

    struct Document: Decodable {
        struct Item: Decodable {
            var uid: String
            var source: String
            var summary: String
            var pattern: String?
            var patternDate: String
            var planned: String
            var moved: Bool
            var rules: [String]
        }
        struct Conflict: Decodable { var id: String; var severity: String }
        var year: Int
        var from: Int
        var method: String
        var optimal: Bool
        var items: [Item]
        var unsatisfied: [Conflict]
    }

    struct Conflicts: Decodable {
        struct Conflict: Decodable { var id: String; var acceptedBecause: String? }
        var conflicts: [Conflict]
    }

    /// A copy of the bundled configuration whose sources are the given files.
    static func configuration(in directory: TemporaryDirectory, paths: [String: String]) throws -> String {
        var text = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Calendars/aarshjul.toml"), encoding: .utf8)
        for (original, replacement) in paths { text = text.replacingOccurrences(of: "path = \"\(original)\"", with: "path = \"\(replacement)\"") }
        let url = directory.appending("aarshjul.toml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let files = ["tk": "trondheim-kommune.ics", "ntnu": "ntnu.ics", "uk": "universitetskommune.ics"]

    @Test("wheel --plan: the 2028 drafts drawn with their sources, the 12 moved items ringed and a legend line; golden SVG")
    func wheelOfAPlan() throws {
        let out = try TemporaryDirectory()
        defer { out.remove() }
        let svg = out.appending("plan.svg").path
        let result = try CLI.run(["wheel"] + Self.config + ["--year", "2028", "--plan", "Fixtures/golden/plan-2028", "--today", "none", "-o", svg])
        #expect(result.status == 0, "\(result.err)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        Golden.check(Data(text.utf8), matches: "wheel-plan-2028.svg")
        // One ring per moved item on the wheel, one in the legend.
        #expect(text.components(separatedBy: "class=\"aw-moved\"").count - 1 == 12 + 1)
        #expect(text.contains(">flyttet av planen</text>"))
        // Without --plan: no rings, no legend line.
        let plain = try CLI.run(["wheel"] + Self.config + ["--year", "2028", "--today", "none", "-o", out.appending("plain.svg").path])
        #expect(plain.status == 0)
        let plainText = try String(contentsOfFile: out.appending("plain.svg").path, encoding: .utf8)
        #expect(!plainText.contains("aw-moved") && !plainText.contains("flyttet av planen"))
        // A folder with no drafts is bad input.
        let empty = try CLI.run(["wheel"] + Self.config + ["--year", "2028", "--plan", out.path, "-o", out.appending("x.svg").path])
        #expect(empty.status == 2)
        #expect(String(decoding: empty.stderr, as: UTF8.self).contains("no draft <source-id>.ics"))
    }

    @Test("Plan 2028: golden table and drafts, exact and optimal, no error left, drafts round-trip through conflicts")
    func plan2028() throws {
        let out = try TemporaryDirectory()
        defer { out.remove() }
        let drafts = out.appending("drafts").path
        let table = try CLI.run(["plan"] + Self.config + ["--year", "2028", "--out", drafts, "--format", "table"])
        #expect(table.status == 0, "\(table.err)")
        Golden.check(table.stdout, matches: "plan-2028.txt")
        for source in ["tk", "ntnu", "uk"] {
            Golden.check(try Data(contentsOf: URL(fileURLWithPath: drafts).appendingPathComponent("\(source).ics")), matches: "plan-2028/\(source).ics")
        }
        let json = try CLI.run(["plan"] + Self.config + ["--year", "2028", "--out", drafts, "--format", "json", "--lang", "en"])
        #expect(json.status == 0)
        let plan = try JSONDecoder().decode(Document.self, from: json.stdout)
        #expect(plan.year == 2028 && plan.from == 2027 && plan.method == "exact" && plan.optimal)
        #expect(!plan.unsatisfied.contains { $0.severity == "error" })
        #expect(plan.items.count == 137)
        #expect(plan.items.filter(\.moved).allSatisfy { !$0.rules.isEmpty })

        // The drafts as the sources of the configuration: exactly the unsatisfied conflicts.
        let configuration = try Self.configuration(in: out, paths: [
            "trondheim-kommune.ics": "drafts/tk.ics", "ntnu.ics": "drafts/ntnu.ics", "universitetskommune.ics": "drafts/uk.ics",
        ])
        let conflicts = try CLI.run(["conflicts", "--config", configuration, "--year", "2028", "--format", "json", "--fail-on", "never"])
        #expect(conflicts.status == 0, "\(conflicts.err)")
        let report = try JSONDecoder().decode(Conflicts.self, from: conflicts.stdout)
        #expect(report.conflicts.filter { $0.acceptedBecause == nil }.map(\.id).sorted() == plan.unsatisfied.map(\.id).sorted())
    }

    @Test("--resolve 2027: only moved items, merged into their sources they give the plan's conflicts")
    func resolve2027() throws {
        let out = try TemporaryDirectory()
        defer { out.remove() }
        let drafts = out.appending("drafts").path
        let result = try CLI.run(["plan"] + Self.config + ["--year", "2027", "--resolve", "--out", drafts, "--format", "json"])
        #expect(result.status == 0, "\(result.err)")
        let plan = try JSONDecoder().decode(Document.self, from: result.stdout)
        #expect(plan.method == "exact" && plan.optimal)
        let moved = plan.items.filter(\.moved)
        #expect(moved.count == 6)
        #expect(plan.items.allSatisfy { $0.pattern == nil })
        let table = try CLI.run(["plan"] + Self.config + ["--year", "2027", "--resolve", "--out", drafts, "--format", "table", "--lang", "en"])
        Golden.check(table.stdout, matches: "plan-resolve-2027.txt")

        // `aarshjul merge` of each draft into its source gives the resolved calendar.
        var paths: [String: String] = [:]
        for (id, file) in Self.files {
            let draft = URL(fileURLWithPath: drafts).appendingPathComponent("\(id).ics").path
            var inputs = ["Calendars/\(file)"]
            if FileManager.default.fileExists(atPath: draft) { inputs.append(draft) }
            let merged = out.appending("\(id)-merged.ics").path
            let merge = try CLI.run(["merge"] + inputs + ["-o", merged])
            #expect(merge.status == 0, "\(merge.err)")
            paths[file] = "\(id)-merged.ics"
        }
        let configuration = try Self.configuration(in: out, paths: paths)
        let conflicts = try CLI.run(["conflicts", "--config", configuration, "--year", "2027", "--format", "json", "--fail-on", "never"])
        let report = try JSONDecoder().decode(Conflicts.self, from: conflicts.stdout)
        #expect(report.conflicts.filter { $0.acceptedBecause == nil }.map(\.id).sorted() == plan.unsatisfied.map(\.id).sorted())
        #expect(!plan.unsatisfied.contains { $0.severity == "error" })
    }

    @Test("Unsatisfiable rules: exit 1, the rules that cannot hold together named, the drafts written")
    func unsatisfiable() throws {
        let out = try TemporaryDirectory()
        defer { out.remove() }
        let result = try CLI.run(["plan", "--config", "Fixtures/plan/unsatisfiable.toml", "--year", "2027", "--resolve",
                                  "--out", out.path, "--format", "table", "--lang", "en"])
        #expect(result.status == 1)
        Golden.check(result.stdout, matches: "plan-unsatisfiable.txt")
        #expect(result.out.contains("These rules cannot all hold together:\n  council-papers\n"))
    }

    @Test("Bad input: exit 2, a clear message, nothing written")
    func badInput() throws {
        let out = try TemporaryDirectory()
        defer { out.remove() }
        let drafts = out.appending("drafts")
        let empty = try CLI.run(["plan", "--config", "Fixtures/plan/plan.toml", "--year", "2031", "--out", drafts.path])
        #expect(empty.status == 2)
        #expect(empty.err == "plan: error: årshjulet 2030 har ingen hendelser å planlegge 2031 fra (kildene har ingen hendelser som starter i 2030)\n")
        #expect(!FileManager.default.fileExists(atPath: drafts.path))
        let both = try CLI.run(["plan", "--config", "Fixtures/plan/plan.toml", "--year", "2027", "--resolve", "--from", "2026", "--out", drafts.path])
        #expect(both.status == 2)
        #expect(both.err.contains("--from cannot be combined with --resolve"))
    }

    @Test("The same input gives the same bytes")
    func deterministic() throws {
        let first = try TemporaryDirectory()
        let second = try TemporaryDirectory()
        defer { first.remove(); second.remove() }
        let a = try CLI.run(["plan"] + Self.config + ["--year", "2028", "--out", first.path, "--format", "json"])
        let b = try CLI.run(["plan"] + Self.config + ["--year", "2028", "--out", second.path, "--format", "json"])
        #expect(a.stdout == b.stdout)
        for name in ["tk.ics", "ntnu.ics", "uk.ics"] {
            #expect(try Data(contentsOf: first.appending(name)) == Data(contentsOf: second.appending(name)))
        }
    }
}

extension PlanCommandTests {
    @Test("--resolve moves one instance of a series as an override; merged, the series has it moved")
    func seriesInstanceBecomesAnOverride() throws {
        let out = try TemporaryDirectory()
        defer { out.remove() }
        let result = try CLI.run(["plan", "--config", "Fixtures/plan/series.toml", "--year", "2027", "--resolve",
                                  "--out", out.path, "--format", "json"])
        #expect(result.status == 0, "\(result.err)")
        let plan = try JSONDecoder().decode(Document.self, from: result.stdout)
        #expect(plan.items.filter(\.moved).map(\.planned) == ["2027-05-18T10:00:00"])
        let draft = try String(contentsOf: out.appending("s.ics"), encoding: .utf8)
        #expect(draft.contains("UID:weekly-2027@test\r\n"))
        #expect(draft.contains("RECURRENCE-ID;TZID=Europe/Oslo:20270517T100000\r\n"))
        #expect(draft.contains("DTSTART;TZID=Europe/Oslo:20270518T100000\r\n"))
        #expect(draft.contains("SEQUENCE:1\r\n"))
        #expect(!draft.contains("FREQ=WEEKLY"), "the override carries no rule of its own")
        let merged = out.appending("merged.ics").path
        #expect(try CLI.run(["merge", "Fixtures/plan/series.ics", out.appending("s.ics").path, "-o", merged]).status == 0)
        let expanded = try CLI.run(["expand", merged, "--from", "2027-05-01", "--to", "2027-06-01", "--format", "jsonl"])
        #expect(expanded.out.split(separator: "\n").map { $0.contains("\"start\":\"2027-05-18T08:00:00Z\"") }.filter { $0 }.count == 1)
        #expect(!expanded.out.contains("2027-05-17"))
    }
}
