import Foundation
import Testing
@testable import Aarshjul

/// The same TOML text is given to TOMLKit once per process: TOMLKit 0.6 leaks what it copies
/// out of toml++, and `serve` reads its configuration again at every sync.
@Suite struct ParsedDocumentsTests {
    @Test func theSameTextIsParsedOnceAndGivesTheSameTree() throws {
        let text = "[cycle]\nname = \"Gjenbruk \(UUID().uuidString)\"\ntimezone = \"Europe/Oslo\"\n"
        let first = try TOMLNode.parseDocument(text)
        #expect(ParsedDocuments.shared.hits(for: text) == 0)
        let second = try TOMLNode.parseDocument(text)
        #expect(second == first)
        #expect(ParsedDocuments.shared.hits(for: text) == 1)
    }

    @Test func aSyntaxErrorIsKeptAsWellAndThrownAgain() {
        let text = "# \(UUID().uuidString)\na = [1, 2\n"
        let first = #expect(throws: TOMLNode.SyntaxError.self) { try TOMLNode.parseDocument(text) }
        let second = #expect(throws: TOMLNode.SyntaxError.self) { try TOMLNode.parseDocument(text) }
        #expect(first == second)
        #expect(ParsedDocuments.shared.hits(for: text) == 1)
    }

    @Test func theOldestTextGoesBeyondTheCapacity() throws {
        let documents = ParsedDocuments(capacity: 2)
        let texts = (0..<3).map { "a = \($0)\n" }
        for text in texts { documents.keep(.success(try TOMLNode.parseDocument(text)), for: text) }
        #expect(documents.result(for: texts[0]) == nil)
        #expect(try documents.result(for: texts[2])?.get() == ["a": .integer(2)])
        // Used, the second is now the newest, and the third goes first.
        _ = documents.result(for: texts[1])
        documents.keep(.success(["b": .boolean(true)]), for: "b = true\n")
        #expect(documents.result(for: texts[2]) == nil)
        #expect(documents.result(for: texts[1]) != nil)
    }
}
