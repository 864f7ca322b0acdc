import ICalendar

/// Text helpers for the wheel's SVG and HTML (and the feed server's index page): XML escaping
/// and fixed number formatting, so the output is valid whatever the calendars contain and
/// identical on every platform.
///
/// ```swift
/// Markup.attribute("<b>Bystyret & co</b>")   // "&lt;b&gt;Bystyret &amp; co&lt;/b&gt;"
/// ```
public enum Markup {
    /// Escapes text content: `&`, `<`, `>`, quotes; characters XML 1.0 does not allow
    /// (C0 controls other than tab and line breaks, U+FFFE, U+FFFF) become spaces.
    public static func text(_ value: String) -> String {
        escape(value, attribute: false)
    }

    /// Escapes an attribute value (double-quoted); tabs and line breaks become character
    /// references so they survive attribute-value normalisation.
    public static func attribute(_ value: String) -> String {
        escape(value, attribute: true)
    }

    private static func escape(_ value: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t": out += attribute ? "&#9;" : "\t"
            case "\n": out += attribute ? "&#10;" : "\n"
            case "\r": out += attribute ? "&#13;" : "\n"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF || (0x7F...0x9F).contains(scalar.value) {
                    out += " "
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A number with at most two decimals, rounded half away from zero, without trailing
    /// zeros and without a minus sign on zero: `12`, `12.5`, `-0.25`. Never exponent notation.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let scaled = (value * 100).rounded(.toNearestOrAwayFromZero)
        guard abs(scaled) < 1e15 else { return "0" }
        var hundredths = Int(scaled)
        if hundredths == 0 { return "0" }
        let negative = hundredths < 0
        hundredths = abs(hundredths)
        var out = negative ? "-" : ""
        out += String(hundredths / 100)
        let fraction = hundredths % 100
        if fraction != 0 {
            out += "."
            if fraction < 10 {
                out += "0\(fraction)"
            } else {
                out += fraction % 10 == 0 ? "\(fraction / 10)" : "\(fraction)"
            }
        }
        return out
    }

    /// Cuts text to about `width` pixels at `fontSize` (a conservative estimate of an average
    /// sans-serif glyph), ending it with `…` when cut.
    static func fit(_ text: String, width: Double, fontSize: Double) -> String {
        let capacity = max(1, Int(width / (fontSize * averageGlyphWidth)))
        guard text.count > capacity else { return text }
        return String(text.prefix(max(0, capacity - 1))).trimmingTrailingSpaces() + "…"
    }

    /// The estimated width of a text in pixels.
    static func width(of text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * averageGlyphWidth
    }

    /// The average glyph width of the sans-serif fonts used, as a fraction of the font size
    /// (on the wide side, so estimated text never overflows).
    static let averageGlyphWidth = 0.58

    /// Splits text into lines of at most `capacity` characters at spaces.
    static func wrap(_ text: String, capacity: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !line.isEmpty, line.count + word.count + 1 > capacity {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}

/// The words of the wheel: ``WheelMessages`` of the language's table, read as `words.rings`,
/// with the shared words and dates beside them.
@dynamicMemberLookup
struct WheelWords: Sendable {
    var language: Language
    var labels: Labels { Labels(language) }
    private var messages: Messages { language.messages }

    subscript<Value>(dynamicMember path: KeyPath<WheelMessages, Value>) -> Value { messages.wheel[keyPath: path] }

    func title(cycle: String, year: CycleYear) -> String { messages.wheel.title(year.description, cycle) }
    var occurrences: String { messages.words.occurrence.other }
    func occurrenceCount(_ count: Int) -> String { messages.words.occurrence.counted(count) }
    var week: String { messages.words.week }

    /// `FEIL`, `ADVARSEL`, `INFO`.
    func severity(_ severity: RuleSeverity) -> String { messages.words.severityBadges(severity) }

    /// The legend's words for a severity's badge.
    func severityLegend(_ severity: RuleSeverity) -> String { messages.wheel.severityLegend(severity) }

    /// A kind's name for the legend and details.
    func kind(_ kind: MarkKind) -> String {
        switch kind {
        case .decision: return labels.kind("decision")
        case .deadline: return labels.kind("deadline")
        case .meeting: return labels.kind("meeting")
        case .milestone: return labels.kind("milestone")
        case .other: return messages.wheel.other
        }
    }

    /// `uke 12`, `uke 53–1`.
    func weeks(_ numbers: [Int]) -> String {
        "\(week) " + numbers.map(String.init).joined(separator: "–")
    }

    /// A span of days: `17. mai`, `10.–16. desember`, `30. august–3. september`.
    func days(_ first: LocalDate, _ last: LocalDate) -> String {
        let labels = self.labels
        if first == last { return labels.date(first, withYear: false) }
        if first.year == last.year, first.month == last.month {
            return messages.words.dayRange(first.day, labels.date(last, withYear: false))
        }
        return labels.date(first, withYear: false) + "–" + labels.date(last, withYear: false)
    }
}
