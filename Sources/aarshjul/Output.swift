import Foundation

/// Standard output and error, and whether they are a terminal.
enum Terminal {
    static var isInteractive: Bool { isatty(STDOUT_FILENO) != 0 }

    /// Whether standard error is a terminal (progress lines go there only then).
    static var standardErrorIsInteractive: Bool { isatty(STDERR_FILENO) != 0 }

    /// Colours only on a terminal, and never when NO_COLOR is set (no-color.org).
    static var wantsColor: Bool {
        isInteractive && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }

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

