import Foundation

/// The `[sync]` table: where `aarshjul sync` keeps its state and how it fetches `url` sources.
///
/// ```toml
/// [sync]
/// state = ".aarshjul/state.sqlite"   # relative to aarshjul.toml; the default
/// # state = "postgres://aarshjul@db.example:5432/aarshjul"   # or a shared PostgreSQL database
/// out = "feeds"                      # where sync writes the feeds; default "feeds" beside aarshjul.toml
/// timeout = "PT30S"                  # per fetch, connecting and reading; default 30 seconds
/// max-redirects = 5                  # default 5
/// max-size = "20 MB"                 # largest calendar accepted (B, kB, MB, GB, or an integer of bytes)
/// max-shrink = 0.9                   # hold back a fetch that lost more than 90 % of the events
/// ```
///
/// Every configuration has sync settings; without a `[sync]` table they are the defaults.
public struct SyncSettings: Hashable, Sendable {
    /// Where the state lives (`state`): a SQLite file or a PostgreSQL database.
    public var state: StateLocation
    /// The SQLite state file, absolute (`state`, resolved against the configuration's
    /// directory); for a PostgreSQL state, its address (no file path). Setting it makes the
    /// state that file.
    public var statePath: String {
        get { state.description }
        set { state = .file(newValue) }
    }
    /// The directory `sync` writes the feeds to, absolute (`out`).
    public var outputDirectory: String
    /// How long one fetch may take to connect and between bytes read (`timeout`), in seconds.
    public var timeoutSeconds: Int
    /// How many redirects one fetch follows (`max-redirects`); 0 follows none.
    public var maxRedirects: Int
    /// The largest calendar accepted, in bytes (`max-size`), after decompression.
    public var maxBytes: Int
    /// A fetched calendar that has lost more than this share of the events its last good copy
    /// had (`max-shrink`, 0 < x ≤ 1) is held back as suspicious, when that copy had at least
    /// ``shrinkGuardMinimum`` events. 1 turns the guard off.
    public var maxShrink: Double

    /// The state file when `state` is absent, relative to the configuration's directory.
    public static let defaultStatePath = ".aarshjul/state.sqlite"
    /// The feed directory when `out` is absent, relative to the configuration's directory.
    public static let defaultOutputDirectory = "feeds"
    /// The default ``timeoutSeconds``: 30.
    public static let defaultTimeoutSeconds = 30
    /// The default ``maxRedirects``: 5.
    public static let defaultMaxRedirects = 5
    /// The default ``maxBytes``: 20 MB, several times the largest institutional calendar seen.
    public static let defaultMaxBytes = 20_000_000
    /// The default ``maxShrink``: 0.9.
    public static let defaultMaxShrink = 0.9
    /// Below this many events in the last good copy the shrink guard does not apply: a
    /// calendar of five events may well lose all five.
    public static let shrinkGuardMinimum = 10

    /// Creates sync settings; relative paths resolve against `baseDirectory`. `state`, when
    /// given, is used instead of `statePath`.
    public init(baseDirectory: String, statePath: String = SyncSettings.defaultStatePath,
                outputDirectory: String = SyncSettings.defaultOutputDirectory,
                timeoutSeconds: Int = SyncSettings.defaultTimeoutSeconds, maxRedirects: Int = SyncSettings.defaultMaxRedirects,
                maxBytes: Int = SyncSettings.defaultMaxBytes, maxShrink: Double = SyncSettings.defaultMaxShrink,
                state: StateLocation? = nil) {
        self.state = state ?? .file(AarshjulConfiguration.absolutePath(statePath, relativeTo: baseDirectory))
        self.outputDirectory = AarshjulConfiguration.absolutePath(outputDirectory, relativeTo: baseDirectory)
        self.timeoutSeconds = timeoutSeconds
        self.maxRedirects = maxRedirects
        self.maxBytes = maxBytes
        self.maxShrink = maxShrink
    }

    /// A size with an optional unit: `"20 MB"`, `"500kB"`, `"1048576"`; `nil` when unreadable.
    /// Units are decimal (kB = 1000 bytes), as calendar exports and web servers report them;
    /// `KiB` and `MiB` are binary.
    public static func parseSize(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        guard let number = Double(digits), number >= 0 else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).lowercased()
        let factor: Double
        switch unit {
        case "", "b": factor = 1
        case "kb", "k": factor = 1_000
        case "mb", "m": factor = 1_000_000
        case "gb", "g": factor = 1_000_000_000
        case "kib": factor = 1_024
        case "mib": factor = 1_048_576
        case "gib": factor = 1_073_741_824
        default: return nil
        }
        let bytes = number * factor
        guard bytes < Double(Int.max) else { return nil }
        return Int(bytes.rounded())
    }
}
