/// A `[[tag]]` table: classifies the occurrences its match selects.
///
/// For each field (body, kind, area) the first tag that matches and sets the field wins, so
/// specific tags go above general ones. An item held by several sources is matched copy by
/// copy: a tag applies when its whole match fits any one copy (see ``Tagger``).
///
/// ```toml
/// [[tag]]
/// match = { source = "tk", summary = "Bystyret*" }
/// body = "bystyret"
/// kind = "decision"        # decision | deadline | meeting | hearing | milestone | …
/// area = "innovasjon"
/// fixed = true             # these dates cannot move; suggestions leave them alone
/// ```
///
/// A tag must set at least one of body, kind, area, or `fixed = true`.
public struct TagSettings: Hashable, Sendable {
    /// The occurrences to classify (`match`, required).
    public var match: Match
    /// The body that owns them (`body`): `bystyret`, `styret`, …
    public var body: String?
    /// What they are (`kind`): `decision`, `deadline`, `meeting`, `milestone`, …
    public var kind: String?
    /// Their thematic area (`area`).
    public var area: String?
    /// Whether their dates are fixed, so the scheduler never proposes moving them
    /// (`fixed`, default false).
    public var fixed: Bool
    /// The line of the `[[tag]]` header.
    public var line: Int

    /// Creates tag settings.
    public init(match: Match, body: String? = nil, kind: String? = nil, area: String? = nil, fixed: Bool = false, line: Int = 0) {
        self.match = match
        self.body = body
        self.kind = kind
        self.area = area
        self.fixed = fixed
        self.line = line
    }
}

/// An `[[accept]]` table: a known conflict the users have agreed to live with.
///
/// ```toml
/// [[accept]]
/// conflict = "c-4f2a91"                              # the id from `aarshjul conflicts`
/// reason = "Agreed in the steering group, 2026-03-02"
/// ```
public struct Acceptance: Hashable, Sendable {
    /// The id of the accepted conflict (`conflict`, required, unique).
    public var conflict: String
    /// Why it is accepted (`reason`).
    public var reason: String?
    /// The line of the `[[accept]]` header.
    public var line: Int

    /// Creates an acceptance.
    public init(conflict: String, reason: String? = nil, line: Int = 0) {
        self.conflict = conflict
        self.reason = reason
        self.line = line
    }
}
