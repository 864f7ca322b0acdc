import Foundation

/// Standard output and error, and whether they are a terminal.
enum Terminal {
    static var isInteractive: Bool { isatty(STDOUT_FILENO) != 0 }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// JSON text for strings, escaped as Python's `json.dumps(ensure_ascii=False)` does, so the
/// output can be compared with the oracle's byte for byte.
enum JSON {
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// RFC 4180 fields.
enum CSV {
    static func field(_ text: String) -> String {
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }
}

/// Plain text tables that fit a terminal: the last-but-one column is cut to fit 80 columns.
enum Table {
    static func render(headers: [String], rows: [[String]], width: Int = 80) -> String {
        var widths = headers.map { $0.count }
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        let separator = 2
        let total = widths.reduce(0, +) + separator * (widths.count - 1)
        if total > width, widths.count >= 2 {
            // Shrink the widest columns from the right until the table fits.
            var excess = total - width
            for index in widths.indices.reversed() where excess > 0 {
                let minimum = max(headers[index].count, 8)
                let take = min(excess, max(0, widths[index] - minimum))
                widths[index] -= take
                excess -= take
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, cell) in cells.enumerated() {
                var text = cell.replacingOccurrences(of: "\n", with: " ")
                if text.count > widths[index] { text = String(text.prefix(max(1, widths[index] - 1))) + "…" }
                parts.append(index == cells.count - 1 ? text : text.padding(toLength: widths[index], withPad: " ", startingAt: 0))
            }
            return parts.joined(separator: String(repeating: " ", count: separator))
        }
        var out = line(headers) + "\n"
        out += line(widths.map { String(repeating: "─", count: $0) }) + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }
}
