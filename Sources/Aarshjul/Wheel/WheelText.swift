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

/// The words of the wheel, in bokmål and English.
struct WheelWords: Sendable {
    var language: Language
    var labels: Labels { Labels(language) }
    private var nb: Bool { language == .nb }

    func title(cycle: String, year: CycleYear) -> String {
        nb ? "Årshjul \(year) — \(cycle)" : "Annual cycle \(year) — \(cycle)"
    }
    var occurrences: String { nb ? "hendelser" : "occurrences" }
    func occurrenceCount(_ count: Int) -> String {
        nb ? "\(count) \(count == 1 ? "hendelse" : "hendelser")" : "\(count) \(count == 1 ? "occurrence" : "occurrences")"
    }
    func openConflictCount(_ count: Int) -> String {
        nb ? "\(count) åpne \(count == 1 ? "konflikt" : "konflikter")" : "\(count) open \(count == 1 ? "conflict" : "conflicts")"
    }
    var rings: String { nb ? "Ringer (ytterst først)" : "Rings (outermost first)" }
    var kinds: String { nb ? "Type" : "Kind" }
    var conflicts: String { nb ? "Konflikter" : "Conflicts" }
    var noConflicts: String { nb ? "Ingen åpne konflikter." : "No open conflicts." }
    var other: String { nb ? "annet" : "other" }
    var span: String { nb ? "periode over flere dager" : "span of several days" }
    var aggregate: String { nb ? "antall i uka (samlet)" : "count in the week (grouped)" }
    var today: String { nb ? "I dag" : "Today" }
    var moved: String { nb ? "flyttet av planen" : "moved by the plan" }
    var week: String { nb ? "uke" : "week" }
    var wedge: String { nb ? "dagene konflikten gjelder" : "the days the conflict covers" }
    var connector: String { nb ? "linje mellom hendelsene i konflikten" : "line between the occurrences in conflict" }
    var noArea: String { nb ? "uten temaområde" : "no thematic area" }
    var noBody: String { nb ? "uten organ" : "no body" }
    var otherRings: String { nb ? "andre" : "others" }
    var noDate: String { nb ? "uten dato" : "no date" }
    var months: String { nb ? "Måned for måned" : "Month by month" }
    var accepted: String { nb ? "Aksepterte konflikter" : "Accepted conflicts" }
    var acceptedBecause: String { nb ? "Akseptert:" : "Accepted:" }
    var involves: String { nb ? "Gjelder" : "Involves" }
    var sources: String { nb ? "Kilder" : "Sources" }
    var body: String { nb ? "Organ" : "Body" }
    var area: String { nb ? "Temaområde" : "Thematic area" }
    var wheel: String { nb ? "Hjulet" : "The wheel" }
    var links: String { nb ? "Abonner" : "Subscribe" }
    var details: String { nb ? "Pek på eller gå med Tab til en hendelse for detaljer." : "Point at or Tab to an occurrence for details." }
    func more(_ count: Int) -> String {
        nb ? "… og \(count) til (se HTML-siden eller `aarshjul conflicts`)" : "… and \(count) more (see the HTML page or `aarshjul conflicts`)"
    }

    /// `FEIL`, `ADVARSEL`, `INFO`.
    func severity(_ severity: RuleSeverity) -> String {
        switch (severity, nb) {
        case (.error, true): return "FEIL"
        case (.warning, true): return "ADVARSEL"
        case (.info, true): return "INFO"
        case (.error, false): return "ERROR"
        case (.warning, false): return "WARNING"
        case (.info, false): return "INFO"
        }
    }

    /// The legend's words for a severity's badge.
    func severityLegend(_ severity: RuleSeverity) -> String {
        switch (severity, nb) {
        case (.error, true): return "feil (heltrukket)"
        case (.warning, true): return "advarsel (stiplet)"
        case (.info, true): return "til informasjon (prikket)"
        case (.error, false): return "error (solid)"
        case (.warning, false): return "warning (dashed)"
        case (.info, false): return "for information (dotted)"
        }
    }

    /// A kind's name for the legend and details.
    func kind(_ kind: MarkKind) -> String {
        switch kind {
        case .decision: return labels.kind("decision")
        case .deadline: return labels.kind("deadline")
        case .meeting: return labels.kind("meeting")
        case .milestone: return labels.kind("milestone")
        case .other: return other
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
            return nb ? "\(first.day).–\(labels.date(last, withYear: false))" : "\(first.day)–\(labels.date(last, withYear: false))"
        }
        return labels.date(first, withYear: false) + "–" + labels.date(last, withYear: false)
    }
}
