/// How serious a diagnostic is.
public enum Severity: String, Sendable, Hashable, Comparable, Codable {
    /// Something a reader should know; nothing was lost.
    case warning
    /// A value or structure that could not be understood; the property or component is kept
    /// as written but is ignored where its meaning is needed.
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .warning && rhs == .error
    }
}

/// A problem found while reading or expanding a calendar, with where it is.
///
/// ```swift
/// let document = try ICalendarReader().read(fileAt: "ntnu.ics")
/// for problem in document.diagnostics { print(problem) }
/// // ntnu.ics:42: DTSTART: error: "2025-13-01" is not a DATE-TIME (expected YYYYMMDDTHHMMSS)
/// ```
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How serious it is.
    public var severity: Severity
    /// The file name as given to the reader (or `<input>`).
    public var file: String
    /// The 1-based line in the original text (where a folded line begins); 0 when unknown.
    public var line: Int
    /// The property (or component) concerned, if any.
    public var property: String?
    /// What is wrong, in plain words.
    public var message: String

    /// Creates a diagnostic.
    public init(severity: Severity, file: String, line: Int, property: String? = nil, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.property = property
        self.message = message
    }

    /// `file:line: PROPERTY: severity: message`.
    public var description: String {
        var text = file
        if line > 0 { text += ":\(line)" }
        text += ": "
        if let property { text += "\(property): " }
        text += "\(severity.rawValue): \(message)"
        return text
    }
}

/// A file that cannot be read as iCalendar at all.
public struct ICalendarError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file name as given to the reader.
    public var file: String
    /// The line concerned, or 0.
    public var line: Int
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int = 0, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: error: message`.
    public var description: String {
        line > 0 ? "\(file):\(line): error: \(message)" : "\(file): error: \(message)"
    }
}
