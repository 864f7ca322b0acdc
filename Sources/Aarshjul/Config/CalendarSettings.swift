import ICalendar

/// A `[[closed]]` table: a named period of the year in which a `working-day` rule can forbid
/// occurrences, beside the built-in `fellesferie`, `christmas` and `easter`.
///
/// ```toml
/// [[closed]]
/// name = "eksamen"
/// from = "12-01"
/// to = "12-20"       # inclusive; a period may run over the new year ("12-20" to "01-05")
/// ```
public struct ClosedPeriod: Hashable, Sendable {
    /// The name rules refer to (`name`, required, unique, not a built-in name).
    public var name: String
    /// The first day (`from`, required).
    public var from: MonthDay
    /// The last day, inclusive (`to`, required). Before ``from`` when the period runs over
    /// the new year.
    public var to: MonthDay
    /// The line of the `[[closed]]` header.
    public var line: Int

    /// The closed periods every configuration knows: `fellesferie` (weeks 28–30),
    /// `christmas` (24 December–1 January) and `easter` (Maundy Thursday through Easter
    /// Monday).
    public static let builtInNames = ["fellesferie", "christmas", "easter"]

    /// Creates a closed period.
    public init(name: String, from: MonthDay, to: MonthDay, line: Int = 0) {
        self.name = name
        self.from = from
        self.to = to
        self.line = line
    }
}

/// A `[[holiday]]` table: a day off besides the Norwegian public holidays the engine knows.
///
/// ```toml
/// [[holiday]]
/// date = 2027-05-18        # a TOML date, or the string "2027-05-18"
/// name = "Inneklemt dag"
/// ```
public struct ExtraHoliday: Hashable, Sendable {
    /// The day (`date`, required).
    public var date: LocalDate
    /// What it is called (`name`, required).
    public var name: String
    /// The line of the `[[holiday]]` header.
    public var line: Int

    /// Creates an extra holiday.
    public init(date: LocalDate, name: String, line: Int = 0) {
        self.date = date
        self.name = name
        self.line = line
    }
}

/// The `[feeds]` table: how the feed server refreshes sources and rebuilds feeds.
///
/// ```toml
/// [feeds]
/// refresh = "PT4H"     # fetch url sources this often; default PT4H
/// token = "s3cret"     # required in feed URLs when set
/// rebuild = "P1D"      # rebuild all feeds at least this often, even with no changes
/// ```
///
/// Every configuration has feed settings; without a `[feeds]` table they are the defaults.
public struct FeedSettings: Hashable, Sendable {
    /// How often to fetch sources (`refresh`, default `PT4H`); positive.
    public var refresh: ICalDuration
    /// The access token feed URLs must carry (`token`), or `nil` for open feeds.
    public var token: String?
    /// How often to rebuild the feeds regardless of changes (`rebuild`), or `nil` to
    /// rebuild only when a source changes; positive.
    public var rebuild: ICalDuration?

    /// The default of ``refresh``: four hours.
    public static let defaultRefresh = ICalDuration(hours: 4)

    /// Creates feed settings.
    public init(refresh: ICalDuration = FeedSettings.defaultRefresh, token: String? = nil, rebuild: ICalDuration? = nil) {
        self.refresh = refresh
        self.token = token
        self.rebuild = rebuild
    }
}
