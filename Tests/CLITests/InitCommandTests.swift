import Foundation
import Testing

/// `aarshjul init`: a starter `aarshjul.toml`, never replacing a file without `--force`.
@Suite("aarshjul init")
struct InitCommandTests {
    @Test("writes a starter file; says where and what to do next")
    func writes() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let target = scratch.appending("aarshjul.toml")
        let result = try CLI.run(["init", "-o", target.path])
        #expect(result.status == 0)
        #expect(result.out == "")
        Golden.check(transcriptOf: result, matches: "cli/init.txt", scratch: scratch)
        let text = try String(contentsOf: target, encoding: .utf8)
        #expect(text.hasPrefix("# aarshjul.toml"))
        #expect(text.contains("\n[cycle]\n"))
        #expect(text.contains("language = \"nb\""))
        #expect(try scratch.contents() == ["aarshjul.toml"])
    }

    @Test("a second run without --force: exit 2, the file left as it was")
    func refusesToReplace() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let target = scratch.appending("aarshjul.toml")
        #expect(try CLI.run(["init", "-o", target.path]).status == 0)
        let starter = try Data(contentsOf: target)

        let again = try CLI.run(["init", "-o", target.path])
        #expect(again.status == 2)
        #expect(again.out == "")
        #expect(again.err == "aarshjul init: \(target.path) already exists; use --force to replace it\n")
        #expect(try Data(contentsOf: target) == starter)

        // Even a file that is not a starter is kept.
        let mine = Data("# min egen konfigurasjon\n".utf8)
        try mine.write(to: target)
        #expect(try CLI.run(["init", "-o", target.path]).status == 2)
        #expect(try Data(contentsOf: target) == mine)
        #expect(try scratch.contents() == ["aarshjul.toml"])

        // --force replaces it with the starter.
        let forced = try CLI.run(["init", "-o", target.path, "--force"])
        #expect(forced.status == 0)
        #expect(try Data(contentsOf: target) == starter)
    }

    @Test("into a directory that does not exist: exit 2, nothing written")
    func missingDirectory() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let target = scratch.appending("finnes-ikke/aarshjul.toml")
        let result = try CLI.run(["init", "-o", target.path])
        #expect(result.status == 2)
        #expect(result.err.contains(target.path))
        #expect(try scratch.contents() == [])
    }

    @Test("the starter works: with the two calendars beside it, cycle and conflicts run",
          arguments: ["nb", "nn", "en"])
    func starterWorks(language: String) throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let target = scratch.appending("aarshjul.toml")
        let written = try CLI.run(["init", "-o", target.path, "--language", language])
        #expect(written.status == 0)
        #expect(try String(contentsOf: target, encoding: .utf8).contains("language = \"\(language)\""))
        for name in ["trondheim-kommune.ics", "ntnu.ics"] {
            try FileManager.default.copyItem(at: CLI.file("Calendars/\(name)"), to: scratch.appending(name))
        }
        let cycle = try CLI.run(["cycle", "--config", target.path, "--year", "2027", "--format", "json"])
        #expect(cycle.status == 0)
        #expect(cycle.err == "")
        #expect((try? JSONSerialization.jsonObject(with: cycle.stdout)) != nil)
        let conflicts = try CLI.run(["conflicts", "--config", target.path, "--year", "2027", "--format", "json"])
        #expect(conflicts.status == 0 || conflicts.status == 1, "the starter config loads: \(conflicts.err)")
        #expect((try? JSONSerialization.jsonObject(with: conflicts.stdout)) != nil)
    }

    @Test("an unknown --language is a usage error")
    func badLanguage() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let result = try CLI.run(["init", "-o", scratch.appending("aarshjul.toml").path, "--language", "de"])
        #expect(result.status == 2)
        #expect(result.errLines.first == "Error: --language must be one of nb, nn, en (got \"de\")")
        #expect(try scratch.contents() == [])
    }
}
