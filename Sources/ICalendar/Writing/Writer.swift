import Foundation

/// Writes component trees as RFC 5545 text.
///
/// Lines end in CRLF and are folded at 75 octets, never inside a UTF-8 character; parameter
/// values are quoted when they hold `:`, `;` or `,`, and carets, newlines and double quotes in
/// them are encoded as RFC 6868 says. Property values are written as they are stored (they keep
/// their escapes), so reading the output gives back an equal tree. The output depends only on
/// the tree: the same tree gives the same bytes.
///
/// ```swift
/// let text = ICalendarWriter().string(document.calendars)
/// ```
public struct ICalendarWriter: Sendable {
    /// Creates a writer.
    public init() {}

    /// The text of some components (usually `VCALENDAR`s).
    ///
    /// - Complexity: O(*n*) in the size of the output.
    public func string(_ components: [Component]) -> String {
        String(decoding: bytes(components), as: UTF8.self)
    }

    /// The text of one component.
    public func string(_ component: Component) -> String { string([component]) }

    /// The UTF-8 bytes of some components.
    public func bytes(_ components: [Component]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4_096)
        for component in components { write(component, to: &out) }
        return out
    }

    private func write(_ component: Component, to out: inout [UInt8]) {
        line("BEGIN:" + component.name, to: &out)
        for property in component.properties { write(property, to: &out) }
        for child in component.components { write(child, to: &out) }
        line("END:" + component.name, to: &out)
    }

    private func write(_ property: Property, to out: inout [UInt8]) {
        var text = property.name
        for parameter in property.parameters {
            text += ";"
            text += parameter.name
            text += "="
            for (index, value) in parameter.values.enumerated() {
                if index > 0 { text += "," }
                text += Self.parameterValue(value)
            }
        }
        text += ":"
        if property.value.containsByte(where: { $0 == 0x0A || $0 == 0x0D }) {
            // A value built in code may hold raw line breaks; a content line cannot.
            text += property.value.replacingOccurrences(of: "\r\n", with: "\\n")
                .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "")
        } else {
            text += property.value
        }
        line(text, to: &out)
    }

    static func parameterValue(_ value: String) -> String {
        var encoded = value
        if value.containsByte(where: { $0 == 0x5E || $0 == 0x0A || $0 == 0x22 || $0 == 0x0D }) {
            encoded = ""
            for character in value {
                switch character {
                case "^": encoded += "^^"
                case "\n", "\r\n": encoded += "^n"
                case "\r": break
                case "\"": encoded += "^'"
                default: encoded.append(character)
                }
            }
        }
        if encoded.containsByte(where: { $0 == 0x3A || $0 == 0x3B || $0 == 0x2C }) {
            return "\"" + encoded + "\""
        }
        return encoded
    }

    /// Appends one content line, folded at 75 octets on character boundaries, with CRLF.
    private func line(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            var limit = 75
            while bytes.count - start > limit {
                var cut = start + limit
                // Step back to the start of a UTF-8 character (continuation bytes are 10xxxxxx).
                while cut > start, (bytes[cut] & 0xC0) == 0x80 { cut -= 1 }
                if cut == start { cut = start + limit }  // not UTF-8: cut where the limit is
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<cut]))
                out.append(contentsOf: [0x0D, 0x0A, 0x20])
                start = cut
                limit = 74
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
            out.append(contentsOf: [0x0D, 0x0A])
        }
    }
}
