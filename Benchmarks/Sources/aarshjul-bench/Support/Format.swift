import Foundation

/// Human-readable numbers for the table.
enum Format {
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }

    static func seconds(_ value: Double) -> String {
        value >= 100 ? String(format: "%.1f s", value) : value >= 1 ? String(format: "%.3f s", value) : String(format: "%.1f ms", value * 1000)
    }

    /// Megabytes of 10⁶ bytes.
    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1e6)
    }

    static func ratio(_ value: Double) -> String {
        value >= 100 ? String(format: "%.0f×", value) : String(format: "%.2f×", value)
    }
}
