import Foundation

/// An `aarshjul.toml`: which calendars make up the annual cycle, how their occurrences are
/// classified, and which rules they must satisfy.
///
/// ```swift
/// let configuration = try AarshjulConfiguration.load(fileAt: "aarshjul.toml")
/// for source in configuration.sources { print(source.id, source.path ?? source.url ?? "") }
/// ```
///
/// Loading is strict: an unknown key anywhere, a missing required key, a value of the wrong
/// type, a duplicate id, a `match` whose `source` names no source, or a source file that
/// cannot be read is a ``ConfigurationError`` naming the file, the line, the key and what is
/// allowed. When the file has several problems, the one nearest the top is reported.
///
/// The tables are `[cycle]` (required), `[[source]]` (at least one), `[[tag]]`, `[[rule]]`,
/// `[[accept]]`, `[[closed]]`, `[[holiday]]`, `[[publish]]`, `[feeds]`, `[sync]` and `[plan]`; see each
/// settings type.
public struct AarshjulConfiguration: Hashable, Sendable {
    /// The configuration file's path, as given; used in error messages.
    public var fileName: String
    /// The absolute directory of the file; relative source paths resolve against it.
    public var baseDirectory: String
    /// The `[cycle]` table.
    public var cycle: CycleSettings
    /// The `[[source]]` tables, in file order.
    public var sources: [SourceSettings]
    /// The `[[tag]]` tables, in file order (the order matters: first match per field wins).
    public var tags: [TagSettings]
    /// The `[[rule]]` tables, in file order.
    public var rules: [RuleSettings]
    /// The `[[accept]]` tables, in file order.
    public var accepts: [Acceptance]
    /// The `[[closed]]` tables, in file order.
    public var closedPeriods: [ClosedPeriod]
    /// The `[[holiday]]` tables, in file order.
    public var holidays: [ExtraHoliday]
    /// The `[[publish]]` tables, in file order.
    public var publish: [PublishSettings]
    /// The `[feeds]` table, or its defaults.
    public var feeds: FeedSettings
    /// The `[sync]` table, or its defaults.
    public var sync: SyncSettings
    /// The `[plan]` table, or its defaults.
    public var plan: PlanSettings

    /// The file name looked for when none is given: `aarshjul.toml`.
    public static let defaultFileName = "aarshjul.toml"

    /// The top-level tables a configuration may have.
    public static let topLevelKeys = ["cycle", "source", "tag", "rule", "accept", "closed", "holiday", "publish", "feeds", "sync", "plan"]

    /// Creates a configuration from its parts (for tests and tools; files go through
    /// ``load(fileAt:language:)``). Nothing is checked.
    public init(
        fileName: String = AarshjulConfiguration.defaultFileName,
        baseDirectory: String,
        cycle: CycleSettings,
        sources: [SourceSettings],
        tags: [TagSettings] = [],
        rules: [RuleSettings] = [],
        accepts: [Acceptance] = [],
        closedPeriods: [ClosedPeriod] = [],
        holidays: [ExtraHoliday] = [],
        feeds: FeedSettings = FeedSettings(),
        sync: SyncSettings? = nil,
        plan: PlanSettings = PlanSettings(),
        publish: [PublishSettings] = []
    ) {
        self.fileName = fileName
        self.baseDirectory = baseDirectory
        self.cycle = cycle
        self.sources = sources
        self.tags = tags
        self.rules = rules
        self.accepts = accepts
        self.closedPeriods = closedPeriods
        self.holidays = holidays
        self.feeds = feeds
        self.sync = sync ?? SyncSettings(baseDirectory: baseDirectory)
        self.plan = plan
        self.publish = publish
    }

    /// Reads and checks the configuration file at `path` (relative to the working directory
    /// or absolute). Relative source paths resolve against the file's directory.
    ///
    /// The errors are in `language` when one is given (`--lang`); else in the file's
    /// `[cycle] language`, read before the rest is checked, so a problem anywhere in the file
    /// is reported in that language; else (no such key, or the file cannot be read as TOML)
    /// in bokmål, the default language.
    ///
    /// ```swift
    /// do {
    ///     let configuration = try AarshjulConfiguration.load(fileAt: "aarshjul.toml")
    /// } catch let error as ConfigurationError {
    ///     print(error)   // aarshjul.toml:23: [[rule]] "budget-feeds-hop": unknown key "min-gapp"; …
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - path: the configuration file.
    ///   - language: the language of the errors; `nil` takes the file's `[cycle] language`.
    /// - Throws: ``ConfigurationError``.
    /// - Complexity: O(n) in the size of the file, plus one file-system check per source.
    public static func load(fileAt path: String, language: Language? = nil) throws -> AarshjulConfiguration {
        let words = (language ?? .nb).messages.configuration
        let url = URL(fileURLWithPath: path).standardized
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ConfigurationError(
                file: path, line: 0,
                message: words.fileNotFound(url.path)
            )
        }
        guard !isDirectory.boolValue else {
            throw ConfigurationError(file: path, line: 0, message: words.fileIsDirectory(url.path))
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ConfigurationError(file: path, line: 0, message: words.fileUnreadable(url.path, error.localizedDescription))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(file: path, line: 0, message: words.notUTF8)
        }
        return try parse(text, fileName: path, baseDirectory: url.deletingLastPathComponent().path, language: language)
    }

    /// Checks configuration text as if it were read from `fileName` in `baseDirectory`.
    ///
    /// Source files are looked up on disk, so `baseDirectory` must be where they are
    /// (a relative directory is taken from the working directory).
    ///
    /// ```swift
    /// let configuration = try AarshjulConfiguration.parse(text, fileName: "aarshjul.toml", baseDirectory: "/srv/aarshjul")
    /// ```
    ///
    /// - Parameters:
    ///   - text: the configuration.
    ///   - fileName: the file name for errors.
    ///   - baseDirectory: where relative source paths start.
    ///   - language: the language of the errors; `nil` takes `[cycle] language` from the
    ///     text, or bokmål when it has none (as ``load(fileAt:language:)``).
    /// - Throws: ``ConfigurationError``; TOML syntax errors keep TOMLKit's line.
    /// - Complexity: O(n) in the length of the text, plus one file-system check per source.
    public static func parse(_ text: String, fileName: String, baseDirectory: String,
                             language: Language? = nil) throws -> AarshjulConfiguration {
        let root: [String: TOMLNode]
        do {
            root = try TOMLNode.parseDocument(text)
        } catch {
            let words = (language ?? .nb).messages.configuration
            let message = error.column > 0 ? words.syntaxErrorAtColumn(error.reason(in: words), error.column)
                : words.syntaxError(error.reason(in: words))
            throw ConfigurationError(file: fileName, line: error.line, message: message)
        }
        let words = (language ?? declaredLanguage(in: root) ?? .nb).messages.configuration
        let directory = URL(fileURLWithPath: baseDirectory, isDirectory: true).standardized.path
        let parser = ConfigurationParser(
            root: root,
            context: ParseContext(fileName: fileName, locator: KeyLocator(text: text), words: words),
            baseDirectory: directory
        )
        return try parser.run()
    }

    /// `[cycle] language` when the tree has it and it names a language; the rest of the file
    /// is not looked at, so its errors can be reported in that language.
    static func declaredLanguage(in root: [String: TOMLNode]) -> Language? {
        guard case .table(let cycle)? = root["cycle"], case .string(let code)? = cycle["language"] else { return nil }
        return Language(rawValue: code)
    }

    /// A path as an absolute, standardised path: `~` expanded, a relative path resolved against
    /// `base` (the configuration's directory).
    static func absolutePath(_ path: String, relativeTo base: String) -> String {
        let expanded = NSString(string: path).expandingTildeInPath
        let absolute = expanded.hasPrefix("/") ? expanded : base + "/" + expanded
        return URL(fileURLWithPath: absolute).standardized.path
    }
}
