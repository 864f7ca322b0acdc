import Aarshjul
import Foundation

/// Extra HTML for the index page, made once per rebuild from the cycle and its conflicts (for
/// example the wheel as inline SVG). It is inserted as written, so it must be trusted markup
/// with no external resources (the page's Content-Security-Policy blocks them).
///
/// ```swift
/// let wheel: IndexExtra = { cycle, report, language in
///     Wheel(cycle: cycle, report: report, options: WheelOptions(language: language)).svg()
/// }
/// ```
public typealias IndexExtra = @Sendable (_ cycle: Cycle, _ report: ConflictReport, _ language: Language) -> String

/// One complete result of the engine, ready to be served: every feed's bytes, the conflict
/// report and what the index page shows. A ``FeedStore`` turns it into a ``FeedSnapshot``.
public struct FeedBuild: Sendable {
    /// The cycle's name (`[cycle] name`).
    public var cycleName: String
    /// The cycle year the feeds cover.
    public var year: CycleYear
    /// The cycle's time zone (IANA), for the times the index page shows.
    public var timezone: String
    /// The language of titles, explanations and the index page.
    public var language: Language
    /// The feeds in the engine's order: combined, sources, areas, bodies, conflicts.
    public var feeds: [BuiltFeed]
    /// The open conflicts, most severe first.
    public var openConflicts: [Conflict]
    /// How many conflicts are accepted (`[[accept]]`).
    public var acceptedCount: Int
    /// The report as `aarshjul conflicts --format json` prints it.
    public var conflictsJSON: String
    /// How long clients may keep a feed (`[feeds] refresh`), in seconds: `Cache-Control: max-age`.
    public var maxAge: Int
    /// Extra HTML for the index page (see ``IndexExtra``).
    public var extraHTML: String?
    /// The wheel's interactive HTML page (`Wheel.htmlPage(links:)`), served at `/wheel.html`,
    /// or `nil` for none.
    public var wheelPage: String?
    /// Next year's plan as a page (``PlanPage``), served at `/plan.html`, or `nil` for none.
    public var planPage: String?
    /// The ids of the sources built from their last good copy because the latest fetch failed
    /// (a sync's stale sources); `/healthz` reports them.
    public var staleSources: [String] = []
    /// When each file's bytes last changed (seconds since 1970), by file name (`combined.ics`,
    /// `conflicts.json`), as a shared state records them: sent as `Last-Modified`, so every
    /// server serving the same committed sync sends the same. A file not named here gets the
    /// install time when its bytes change.
    public var modifiedAt: [String: Int] = [:]
    /// The committed sync this build serves, when it comes from a sync state (`/healthz`).
    public var committedSync: CommittedSync?

    /// Which committed sync a build serves: its number in the state and when it finished.
    public struct CommittedSync: Sendable, Hashable {
        /// The sync's number in the state.
        public var id: Int64
        /// When it finished, in seconds since 1970.
        public var finishedAt: Int

        /// Creates a value.
        public init(id: Int64, finishedAt: Int) {
            self.id = id
            self.finishedAt = finishedAt
        }
    }

    /// One feed's name, title, kind, event count and bytes.
    public struct BuiltFeed: Sendable, Hashable {
        /// The name without `.ics` (`combined`, `source-tk`…).
        public var name: String
        /// The title calendar apps show.
        public var title: String
        /// What the feed holds.
        public var kind: Feed.Kind
        /// How many `VEVENT`s it has.
        public var events: Int
        /// The iCalendar bytes.
        public var bytes: [UInt8]

        /// `name.ics`.
        public var fileName: String { name + ".ics" }

        /// Creates a built feed.
        public init(name: String, title: String, kind: Feed.Kind, events: Int, bytes: [UInt8]) {
            self.name = name
            self.title = title
            self.kind = kind
            self.events = events
            self.bytes = bytes
        }

        /// The bytes and facts of an engine feed.
        public init(_ feed: Feed) {
            self.init(feed, bytes: feed.bytes)
        }

        /// The facts of an engine feed, with its bytes made already (by a sync, which hashed them).
        public init(_ feed: Feed, bytes: [UInt8]) {
            self.init(name: feed.name, title: feed.title, kind: feed.kind,
                      events: feed.calendar.components.count(where: { $0.name == "VEVENT" }), bytes: bytes)
        }
    }

    /// Creates a build from its parts (for tests and other engines).
    public init(cycleName: String, year: CycleYear, timezone: String = "UTC", language: Language, feeds: [BuiltFeed],
                openConflicts: [Conflict] = [], acceptedCount: Int = 0, conflictsJSON: String, maxAge: Int, extraHTML: String? = nil) {
        self.cycleName = cycleName
        self.year = year
        self.timezone = timezone
        self.language = language
        self.feeds = feeds
        self.openConflicts = openConflicts
        self.acceptedCount = acceptedCount
        self.conflictsJSON = conflictsJSON
        self.maxAge = maxAge
        self.extraHTML = extraHTML
    }

    /// Runs the engine: reads the configuration and its sources, builds the cycle of `year`
    /// (default: the cycle year containing `now`), finds the conflicts and builds the feeds,
    /// the same bytes `aarshjul export` writes.
    ///
    /// - Parameters:
    ///   - configurationPath: `aarshjul.toml`; read again on every build, so edits to sources,
    ///     tags, rules and acceptances are picked up by the next rebuild.
    ///   - year: a pinned cycle year, or `nil` for the one containing `now`.
    ///   - language: overrides `[cycle] language`.
    ///   - indexExtra: makes ``extraHTML``.
    ///   - now: the clock that picks the cycle year.
    /// - Throws: ``FeedBuildError`` naming the file and what is wrong.
    /// - Complexity: that of the engine: O(*n* log *n*) in items and occurrences, plus the rules.
    public static func engine(configurationPath: String, year: Int? = nil, language: Language? = nil,
                              indexExtra: IndexExtra? = nil, now: Date = Date()) throws(FeedBuildError) -> FeedBuild {
        let configuration: AarshjulConfiguration
        do {
            configuration = try AarshjulConfiguration.load(fileAt: configurationPath, language: language)
        } catch {
            throw FeedBuildError(message: "\(error)")
        }
        let builder = CycleBuilder(configuration: configuration)
        let sources: [SourceCalendar]
        do {
            sources = try builder.loadSources()
        } catch {
            throw FeedBuildError(message: "\(error)")
        }
        let cycleYear = year.map { CycleYear(year: $0, start: configuration.cycle.start) } ?? builder.year(now: now)
        let cycle = builder.build(year: cycleYear, sources: sources)
        let language = language ?? configuration.cycle.language
        let report = ConflictEngine(configuration: configuration).run(on: cycle, language: language)
        let feeds = FeedBuilder(configuration: configuration, language: language).feeds(for: cycle, conflicts: report)
        return try make(configuration: configuration, cycle: cycle, report: report, feeds: feeds, language: language, indexExtra: indexExtra)
    }

    /// A build of what an engine run produced elsewhere (`aarshjul sync`, which fetches the
    /// sources and raises SEQUENCEs before the feeds are served).
    ///
    /// `serialized` holds bytes the run already made, by file name (`combined.ics`,
    /// `conflicts.json`: a sync's `SyncOutcome.files`); they are served as they are, and only
    /// the files missing from it are serialised here.
    ///
    /// - Throws: ``FeedBuildError`` when the conflict report cannot be encoded.
    public static func make(configuration: AarshjulConfiguration, cycle: Cycle, report: ConflictReport, feeds: [Feed],
                            language: Language, staleSources: [String] = [], indexExtra: IndexExtra? = nil,
                            wheelPage: IndexExtra? = nil, serialized: [String: [UInt8]] = [:]) throws(FeedBuildError) -> FeedBuild {
        let json: String
        if let bytes = serialized["conflicts.json"] {
            json = String(decoding: bytes, as: UTF8.self)
        } else {
            do {
                json = try ConflictReportText(report: report, language: language).json()
            } catch {
                throw FeedBuildError(message: "cannot encode the conflict report: \(error)")
            }
        }
        let built = feeds.map { feed in serialized[feed.fileName].map { BuiltFeed(feed, bytes: $0) } ?? BuiltFeed(feed) }
        var build = FeedBuild(cycleName: cycle.name, year: cycle.year, timezone: cycle.timezone, language: language, feeds: built,
                              openConflicts: report.open, acceptedCount: report.accepted.count, conflictsJSON: json,
                              maxAge: max(0, configuration.feeds.refresh.totalSeconds), extraHTML: indexExtra?(cycle, report, language))
        build.staleSources = staleSources
        build.wheelPage = wheelPage?(cycle, report, language)
        return build
    }
}

/// Why a build failed: the configuration or a source cannot be read. The server keeps serving
/// the last good feeds.
public struct FeedBuildError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, naming the file (and line or key where known).
    public var message: String

    /// Creates an error.
    public init(message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
