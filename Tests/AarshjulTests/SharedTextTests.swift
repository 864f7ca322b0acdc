import Aarshjul
import Foundation
import Testing

/// The one JSON string escaping (CLI output and server log) and the one `#RRGGBB` parser.
@Suite("JSONText and RGBColor")
struct SharedTextTests {
    /// Every control character below U+0020, as Python's `json.dumps(ensure_ascii=False)` writes
    /// them: five short forms, the rest `\u00XX` in lower-case hex.
    @Test func controlCharactersAsPythonWritesThem() {
        let text = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) })
        let expected = #""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f""#
            .dropLast() + #"\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f""#
        #expect(JSONText.quoted(text) == String(expected))
    }

    @Test func quotesBackslashesAndNonASCII() {
        #expect(JSONText.quoted(#"a "b" \c"#) == #""a \"b\" \\c""#)
        // U+007F, non-ASCII and line separators are written as they are.
        #expect(JSONText.quoted("\u{7F}æøå\u{2028}🗓") == "\"\u{7F}æøå\u{2028}🗓\"")
        #expect(JSONText.quoted("") == "\"\"")
    }

    /// The byte and the string paths agree, and what they write parses back to the text.
    @Test(arguments: ["plain", "tab\there", "line\nbreak\r\n", "\u{0}\u{8}\u{C}\u{1F}\"\\", "Årshjul – «NTNU»"])
    func bytesAndStringAgreeAndRoundTrip(_ text: String) throws {
        var bytes: [UInt8] = Array("x".utf8)
        JSONText.appendQuoted(text, to: &bytes)
        #expect(String(decoding: bytes.dropFirst(), as: UTF8.self) == JSONText.quoted(text))
        let parsed = try JSONSerialization.jsonObject(with: Data(JSONText.quoted(text).utf8), options: .fragmentsAllowed)
        #expect(parsed as? String == text)
    }

    @Test func parsesSixASCIIHexDigitsOnly() {
        #expect(RGBColor(hex: "#0067B1") == RGBColor(red: 0x00, green: 0x67, blue: 0xB1))
        #expect(RGBColor(hex: "#0067b1")?.hex == "#0067B1")
        #expect(RGBColor(hex: "#E87722")?.value == 0xE87722)
        for bad in ["0067B1", "#067B1", "#0067B1F", "#+067B1", "#-067B1", "#0067G1", "#００６７Ｂ１", "", "#", " #0067B1"] {
            #expect(RGBColor(hex: bad) == nil, "\(bad)")
        }
    }
}
