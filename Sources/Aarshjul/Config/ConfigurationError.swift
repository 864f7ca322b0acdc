/// A problem in `aarshjul.toml`, with the file, the line and the key it concerns.
///
/// The ``description`` is what the command line prints, in the compiler's
/// `file:line: message` form:
///
/// ```text
/// aarshjul.toml:23: [[rule]] "budget-feeds-hop": unknown key "min-gapp"; allowed for type "precedes": id, type, severity, fixed, description, first, then, min-gap
/// aarshjul.toml:7: [[source]] "tk": path "trondheim-kommune.ics" not found (looked for /home/kari/trondheim-kommune.ics)
/// ```
///
/// The message is in the language ``AarshjulConfiguration/load(fileAt:language:)`` was given,
/// else the file's `[cycle] language`, else bokmål (``ConfigurationMessages``); the examples
/// here are English. Table names, keys and values are quoted as written in the file.
///
/// Problems that belong to the file as a whole (it is missing, it has no `[cycle]`) have
/// line 0, and the description leaves the line out: `aarshjul.toml: …`.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The configuration file, as it was given (``AarshjulConfiguration/fileName``).
    public var file: String
    /// The 1-based line the problem is on, or 0 when it concerns the whole file.
    public var line: Int
    /// The key concerned, relative to its table (`"min-gap"`, `"first.summary"`), or `nil`
    /// when the problem is with a table or the file itself.
    public var key: String?
    /// What is wrong and what is allowed, starting with the table it is in
    /// (`[cycle]: timezone "Europe/Olso" is not an IANA time zone …`).
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// `file:line: message`, or `file: message` when the line is 0.
    public var description: String {
        line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
    }
}
