import Foundation
import Testing
@testable import Aarshjul

/// The same TOML text is given to TOMLKit once per process: TOMLKit 0.6 leaks what it copies
/// out of toml++, and `serve` reads its configuration again at every sync.
@Suite struct ParsedDocumentsTests {
    @Test func theSameTextIsParsedOnceAndGivesTheSameTree() throws {
        let documents = ParsedDocuments(capacity: 8)
        let text = "[cycle]\nname = \"Gjenbruk\"\ntimezone = \"Europe/Oslo\"\n"
        let first = try TOMLNode.parseDocument(text, keptIn: documents)
        #expect(documents.hits(for: text) == 0)
        let second = try TOMLNode.parseDocument(text, keptIn: documents)
        #expect(second == first)
        #expect(documents.hits(for: text) == 1)
        // The configuration reader goes through the process's cache, and reads the same.
        #expect(try TOMLNode.parseDocument(text) == first)
    }

    @Test func aSyntaxErrorIsKeptAsWellAndThrownAgain() {
        let documents = ParsedDocuments(capacity: 8)
        let text = "a = [1, 2\n"
        let first = #expect(throws: TOMLNode.SyntaxError.self) { try TOMLNode.parseDocument(text, keptIn: documents) }
        let second = #expect(throws: TOMLNode.SyntaxError.self) { try TOMLNode.parseDocument(text, keptIn: documents) }
        #expect(first == second)
        #expect(documents.hits(for: text) == 1)
    }

    /// Texts that `String`'s `==` takes for equal but whose bytes differ are kept apart: as a
    /// bare key, a K is valid TOML and a KELVIN SIGN (U+212A) is not.
    @Test func canonicallyEquivalentTextsAreNotTheSame() throws {
        let documents = ParsedDocuments(capacity: 8)
        let plain = "K = 1\n"
        let kelvin = "\u{212A} = 1\n"
        #expect(plain == kelvin)
        #expect(try TOMLNode.parseDocument(plain, keptIn: documents) == ["K": .integer(1)])
        #expect(throws: TOMLNode.SyntaxError.self) { try TOMLNode.parseDocument(kelvin, keptIn: documents) }
        #expect(documents.hits(for: plain) == 0)
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
