/// A `[[publish]]` table: a CalDAV calendar that `aarshjul sync` keeps equal to one feed.
///
/// ```toml
/// [[publish]]
/// caldav = "https://dav.trondheim.kommune.no/"   # a server root, principal or calendar address
/// feed = "combined"                              # or "conflicts", "body-bystyret", "source-tk", …
/// username = "aarshjul"
/// password-env = "AARSHJUL_PUBLISH_PASSWORD"
/// calendar = "Årshjul"                           # which calendar, when the account has several
/// ```
///
/// After each sync the calendar gets exactly the feed's items: new ones are created, changed
/// ones replaced, those that left the feed deleted; nothing else on the server is touched.
public struct PublishSettings: Hashable, Sendable {
    /// The CalDAV address (`caldav`, required): `https://` or `http://`.
    public var caldav: String
    /// The feed to publish (`feed`, required): a name `aarshjul export` writes, without `.ics`.
    public var feed: String
    /// The user name (`username`).
    public var username: String?
    /// The name of the environment variable holding the password (`password-env`).
    public var passwordEnv: String?
    /// Which calendar of the account (`calendar`): its display name or last path segment.
    public var calendar: String?
    /// The line of the `[[publish]]` header.
    public var line: Int

    /// Creates publish settings.
    public init(caldav: String, feed: String, username: String? = nil, passwordEnv: String? = nil,
                calendar: String? = nil, line: Int = 0) {
        self.caldav = caldav
        self.feed = feed
        self.username = username
        self.passwordEnv = passwordEnv
        self.calendar = calendar
        self.line = line
    }

    /// The key its publishing state is kept under: the feed, the address and the calendar.
    public var target: String {
        "\(feed) \(caldav)" + (calendar.map { " \($0)" } ?? "")
    }

    /// The feed names a configuration's feeds can have: `combined`, `conflicts`, and a
    /// `source-…` per source, a `body-…` and an `area-…` per body and area its tags set.
    public static func feedNames(sourceIDs: [String], tags: [TagSettings]) -> [String] {
        var names = ["combined", "conflicts"] + sourceIDs.map { "source-" + feedSlug($0) }
        for body in tags.compactMap(\.body) { names.append("body-" + feedSlug(body)) }
        for area in tags.compactMap(\.area) { names.append("area-" + feedSlug(area)) }
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}
