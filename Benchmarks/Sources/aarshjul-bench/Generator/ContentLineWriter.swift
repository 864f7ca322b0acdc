/// Writes RFC 5545 content lines: CRLF line ends, folded at 75 octets (RFC 5545 §3.1) with a
/// single space, never inside a UTF-8 sequence.
struct ContentLineWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// One property or `BEGIN`/`END` line; `text` is already escaped.
    mutating func line(_ text: String) {
        var utf8 = Array(text.utf8)
        var start = 0
        var limit = 75 // octets on the first line; later lines hold a space and 74 more
        while utf8.count - start > limit {
            var cut = start + limit
            while cut > start, utf8[cut] & 0xC0 == 0x80 { cut -= 1 } // not inside a character
            bytes.append(contentsOf: utf8[start..<cut])
            bytes.append(0x0D)
            bytes.append(0x0A)
            bytes.append(0x20)
            start = cut
            limit = 74
        }
        bytes.append(contentsOf: utf8[start...])
        bytes.append(0x0D)
        bytes.append(0x0A)
        utf8.removeAll()
    }

    mutating func property(_ name: String, _ value: String) {
        line(name + ":" + value)
    }

    mutating func append(_ other: ContentLineWriter) {
        bytes.append(contentsOf: other.bytes)
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }
}

/// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newline.
func escapeText(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    for character in text.unicodeScalars {
        switch character {
        case "\\": out += "\\\\"
        case ";": out += "\\;"
        case ",": out += "\\,"
        case "\n": out += "\\n"
        default: out.unicodeScalars.append(character)
        }
    }
    return out
}

/// A parameter value, quoted when it holds `:`, `;` or `,` (RFC 5545 §3.2).
func parameterValue(_ text: String) -> String {
    text.contains(where: { $0 == ":" || $0 == ";" || $0 == "," }) ? "\"" + text + "\"" : text
}

/// `ø` → `o`, `æ` → `ae`, `å` → `aa` and spaces → dots, for e-mail addresses.
func asciiMailbox(_ name: String) -> String {
    var out = ""
    for character in name.lowercased() {
        switch character {
        case "æ": out += "ae"
        case "ø": out += "o"
        case "å": out += "aa"
        case "é": out += "e"
        case " ": out += "."
        case "-": out += "-"
        default: if character.isASCII, character.isLetter { out.append(character) }
        }
    }
    return out
}
