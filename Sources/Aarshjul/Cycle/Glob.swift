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
}
