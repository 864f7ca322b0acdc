import Aarshjul

/// Strong entity tags for served bytes, and the `If-None-Match` test (RFC 9110 §8.8.3, §13.1.2).
///
/// ```swift
/// let tag = EntityTag.strong(for: Array("BEGIN:VCALENDAR…".utf8))   // "\"3f1c…-1a2b\""
/// EntityTag.matches(ifNoneMatch: tag, current: tag)                  // true
/// EntityTag.matches(ifNoneMatch: "W/" + tag, current: tag)           // true: weak comparison
/// EntityTag.matches(ifNoneMatch: "*", current: tag)                  // true
/// ```
public enum EntityTag {
    /// A strong ETag for bytes: the 64-bit FNV-1a hash of the bytes and their length, both in
    /// lower-case hex, quoted (`"5d0f7c0e9a3b1d24-100000"`). The same bytes give the same tag in
    /// every process and on every machine, so a restart or a rebuild with an unchanged result
    /// keeps every client's cached copy valid.
    ///
    /// - Complexity: O(*n*) in the number of bytes.
    public static func strong(for bytes: some Collection<UInt8>) -> String {
        "\"" + StableHash.hex(value: StableHash.value(bytes: bytes)) + "-" + String(bytes.count, radix: 16) + "\""
    }

    /// Whether an `If-None-Match` field value names the current tag: `*`, or a list of entity
    /// tags one of which equals `current` by the weak comparison (`W/` ignored), as RFC 9110
    /// §13.1.2 asks of `If-None-Match`. Unquoted or malformed members never match.
    ///
    /// - Complexity: O(*n*) in the length of the field value.
    public static func matches(ifNoneMatch field: String, current: String) -> Bool {
        if field == current { return true }
        let opaque = current.hasPrefix("W/") ? current.dropFirst(2) : Substring(current)
        var rest = Substring(field)
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "," }
            if rest.isEmpty { return false }
            if rest.first == "*" { return true }
            if rest.hasPrefix("W/") { rest = rest.dropFirst(2) }
            guard rest.first == "\"", let close = rest.dropFirst().firstIndex(of: "\"") else { return false }
            if rest[rest.startIndex...close] == opaque { return true }
            rest = rest[rest.index(after: close)...]
        }
    }
}
