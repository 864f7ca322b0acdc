import Aarshjul
import Foundation
import Testing

/// The *Configuration* article (Sources/Aarshjul/Aarshjul.docc/Configuration.md) lists exactly
/// the keys the parser accepts, table by table.
@Suite("Configuration article")
struct ConfigurationArticleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    /// The article's keys: for each `### `[table]`` heading, the first column of its table.
    static func articleKeys() throws -> [String: [String]] {
        let text = try String(contentsOf: root.appendingPathComponent("Sources/Aarshjul/Aarshjul.docc/Configuration.md"), encoding: .utf8)
        var keys: [String: [String]] = [:]
        var table: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("### ") {
                let heading = line.dropFirst(4).trimmingCharacters(in: CharacterSet(charactersIn: "`[] "))
                table = heading == "Match tables" ? "match" : heading
                continue
            }
            guard let table, line.hasPrefix("| `") else { continue }
            let key = line.dropFirst(3).prefix { $0 != "`" }
            keys[table, default: []].append(String(key))
        }
        return keys
    }

    /// The parser's keys: the `checkKeys([…])` list of each `parseTable` function.
    static func parserKeys() throws -> [String: [String]] {
        let source = try String(contentsOf: root.appendingPathComponent("Sources/Aarshjul/Config/ConfigurationParser.swift"), encoding: .utf8)
        var keys: [String: [String]] = [:]
        var table: String?
        for line in source.split(separator: "\n") {
            if let range = line.range(of: "private func parse") {
                let name = line[range.upperBound...].prefix { $0.isLetter }
                table = name.prefix(1).lowercased() + name.dropFirst()
            }
            guard let table, let open = line.range(of: "checkKeys([") else { continue }
            let list = line[open.upperBound...].prefix { $0 != "]" }
            keys[table] = list.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) }
        }
        return keys
    }

    @Test func everyTableAndKeyOfTheParserIsDocumented() throws {
        let article = try Self.articleKeys()
        var parser = try Self.parserKeys()
        #expect(parser.count >= 8, "checkKeys lists found: \(parser.keys.sorted())")
        parser["rule"] = RuleType.allCases.flatMap(\.allowedKeys).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        parser["match"] = Match.keys
        #expect(Set(article.keys) == Set(parser.keys).union(AarshjulConfiguration.topLevelKeys))
        for (table, keys) in parser {
            #expect(Set(article[table] ?? []) == Set(keys), "[\(table)]")
            #expect((article[table] ?? []).count == Set(article[table] ?? []).count, "[\(table)] lists a key twice")
        }
    }
}
