/// One property parameter, such as `TZID=Europe/Oslo` or `MEMBER="mailto:a@x","mailto:b@x"`.
///
/// The name is stored upper-cased (RFC 5545 §3.1: names are case-insensitive); the values are
/// stored unquoted, with RFC 6868 caret escapes decoded, in the order they were written.
public struct Parameter: Hashable, Sendable {
    /// The parameter name, upper-cased (`TZID`, `VALUE`, `X-MY-PARAM`).
    public var name: String
    /// The values, unquoted. Most parameters have exactly one.
    public var values: [String]

    /// Creates a parameter.
    public init(name: String, values: [String]) {
        self.name = name.uppercased()
        self.values = values
    }

    /// Creates a parameter whose name is already upper-case (the reader's fast path).
    init(normalizedName: String, values: [String]) {
        self.name = normalizedName
        self.values = values
    }

    /// Creates a parameter with a single value.
    public init(_ name: String, _ value: String) {
        self.init(name: name, values: [value])
    }

    /// The values joined with commas, as they read in the file without quotes.
    public var value: String { values.joined(separator: ",") }
}
