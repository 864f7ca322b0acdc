import Foundation

/// Glob patterns for `match` tables: `*` any run of characters, `?` one character; case- and
/// accent-insensitive, with the Nordic letters folded too (`*økonomiplan*` matches
/// "Handlings- og ØKONOMIPLAN", and `*okonomiplan*` matches it as well).
public struct Glob: Hashable, Sendable {
    /// The pattern as written.
    public let pattern: String
    private let folded: [Unicode.Scalar]

    /// Creates a pattern.
    public init(_ pattern: String) {
        self.pattern = pattern
        self.folded = Array(Glob.fold(pattern).unicodeScalars)
    }

    /// Whether the text matches the whole pattern.
    ///
    /// - Complexity: O(*p*·*t*) at worst, O(*p* + *t*) for the usual patterns.
    public func matches(_ text: String) -> Bool {
        matches(folded: Array(Glob.fold(text).unicodeScalars))
    }

    /// Whether an already folded text (``fold(_:)``, as scalars) matches the whole pattern.
    public func matches(folded subject: [Unicode.Scalar]) -> Bool {
        var p = 0, t = 0
        var star = -1, mark = 0
        while t < subject.count {
            if p < folded.count, folded[p] == "?" || folded[p] == subject[t] {
                p += 1; t += 1
            } else if p < folded.count, folded[p] == "*" {
                star = p; mark = t; p += 1
            } else if star >= 0 {
                p = star + 1; mark += 1; t = mark
            } else {
                return false
            }
        }
        while p < folded.count, folded[p] == "*" { p += 1 }
        return p == folded.count
    }

    /// Lower-cased, accents removed, æ/ø/å and friends folded to plain letters.
    ///
    /// Only the first 1,000 Unicode scalars are folded: Unicode normalisation of a long run of
    /// combining marks takes quadratic time, and no summary worth matching is that long.
    public static func fold(_ text: String) -> String {
        foldLatin(text) ?? foldUnicode(text)
    }

    /// ``fold(_:)`` for any text, through Foundation's lower-casing and canonical decomposition.
    static func foldUnicode(_ text: String) -> String {
        let scalars = text.unicodeScalars
        let text = scalars.count > 1_000 ? String(String.UnicodeScalarView(scalars.prefix(1_000))) : text
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar {
            case "\u{0300}"..."\u{036F}": continue
            case "ø": out += "o"
            case "æ": out += "ae"
            case "œ": out += "oe"
            case "ß": out += "ss"
            case "đ": out += "d"
            case "ł": out += "l"
            case "þ": out += "th"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// ``fold(_:)`` without Foundation for text of ASCII, Latin-1 letters and general
    /// punctuation (every summary of a Norwegian calendar): the same result, a table look-up
    /// per scalar. Nil when the text has anything else (the Unicode path handles it).
    static func foldLatin(_ text: String) -> String? {
        var out = String.UnicodeScalarView()
        var count = 0
        for scalar in text.unicodeScalars {
            count += 1
            if count > 1_000 { break }
            let value = scalar.value
            switch value {
            case 0x41...0x5A: out.append(Unicode.Scalar(UInt8(value + 0x20)))
            case 0...0x7F, 0xD7, 0xF7, 0xA0...0xBF, 0x2002...0x206F: out.append(scalar)
            case 0xC0...0xC5, 0xE0...0xE5: out.append("a")
            case 0xC6, 0xE6: out.append("a"); out.append("e")
            case 0xC7, 0xE7: out.append("c")
            case 0xC8...0xCB, 0xE8...0xEB: out.append("e")
            case 0xCC...0xCF, 0xEC...0xEF: out.append("i")
            case 0xD0, 0xF0: out.append("\u{F0}")
            case 0xD1, 0xF1: out.append("n")
            case 0xD2...0xD6, 0xF2...0xF6, 0xD8, 0xF8: out.append("o")
            case 0xD9...0xDC, 0xF9...0xFC: out.append("u")
            case 0xDD, 0xFD, 0xFF: out.append("y")
            case 0xDE, 0xFE: out.append("t"); out.append("h")
            case 0xDF: out.append("s"); out.append("s")
            default: return nil
            }
        }
        return String(out)
    }
}
