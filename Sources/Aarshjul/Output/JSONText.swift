/// JSON string literals, the one escaping used by the CLI's JSON output and the server's JSON
/// log lines.
///
/// Escaped as Python's `json.dumps(ensure_ascii=False)` does, so output compares with the
/// oracle's byte for byte: `"` and `\` get a backslash; of the control characters below U+0020,
/// `\n`, `\r`, `\t`, `\b` and `\f` have short forms and the rest are written `\u00XX` in
/// lower-case hex; everything else (U+007F and all non-ASCII included) is written as it is.
///
/// ```swift
/// JSONText.quoted("tab\there")  // "\"tab\\there\""
/// ```
public enum JSONText {
    /// The quoted, escaped string.
    public static func quoted(_ text: String) -> String {
        var line = ""
        appendQuoted(text, to: &line)
        return line
    }

    /// Appends the quoted, escaped string to `line`.
    ///
    /// - Complexity: O(*n*) in the UTF-8 length; the text is appended whole when nothing in it
    ///   needs escaping.
    public static func appendQuoted(_ text: String, to line: inout String) {
        line += "\""
        if text.utf8.allSatisfy({ !needsEscape($0) }) {
            line += text
        } else {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count + 8)
            appendEscaped(text, to: &bytes)
            line += String(decoding: bytes, as: UTF8.self)
        }
        line += "\""
    }

    /// Appends the quoted, escaped string's UTF-8 bytes to `bytes`.
    ///
    /// - Complexity: O(*n*) in the UTF-8 length; runs that need no escaping are copied whole.
    @inlinable
    public static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        appendEscaped(text, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether `byte` (of UTF-8) is written escaped.
    @inlinable @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    @inlinable
    static func appendEscaped(_ text: String, to bytes: inout [UInt8]) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { appendEscaped($0, to: &bytes) }
        if done == nil { Array(text.utf8).withUnsafeBufferPointer { appendEscaped($0, to: &bytes) } }
    }

    @inlinable
    static func appendEscaped(_ source: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var start = 0
        for index in 0..<source.count {
            let byte = source[index]
            guard needsEscape(byte) else { continue }
            if start < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<index])) }
            start = index + 1
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            default:
                bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          hexDigit(byte >> 4), hexDigit(byte & 0xF)])
            }
        }
        if start < source.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[start...])) }
    }

    /// The lower-case hex digit of `nibble` (0–15).
    @inlinable @inline(__always)
    static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
