/// A `[[source]]` table: one calendar to read, from a file or from the web.
///
/// ```toml
/// [[source]]
/// id = "tk"                          # [a-z0-9-]+, unique; used in feed names and reports
/// name = "Trondheim kommune"         # default: the id
/// path = "trondheim-kommune.ics"     # relative to aarshjul.toml; or url = "https://…"
/// color = "#0067B1"
/// fixed = true                       # its items are never moved by `aarshjul plan`; default false
/// ```
///
/// Exactly one of ``path`` and ``url`` is set. A path must name a readable file when the
/// configuration is loaded.
public struct SourceSettings: Hashable, Sendable {
    /// The short, stable id (`id`, required): lowercase letters, digits and hyphens.
    public var id: String
    /// The name shown to people (`name`, default the id).
    public var name: String
    /// The calendar file as an absolute, standardised path (`path`, resolved against the
    /// directory of the configuration file).
    public var path: String?
    /// The calendar's address (`url`): `https://` or `webcal://`.
    public var url: String?
    /// The colour for the wheel and reports (`color`), `#RRGGBB`.
    public var color: String?
    /// Whether every item this source holds has a fixed date (`fixed`, default false): the
    /// planner never moves it and proposals leave it alone, as for a `[[tag]]` with
    /// `fixed = true`. A joint item is fixed when any source holding it is.
    public var fixed: Bool
    /// The line of the `[[source]]` header.
    public var line: Int

    /// Creates source settings.
    public init(id: String, name: String, path: String? = nil, url: String? = nil, color: String? = nil,
                fixed: Bool = false, line: Int = 0) {
        self.id = id
        self.name = name
        self.path = path
        self.url = url
        self.color = color
        self.fixed = fixed
        self.line = line
    }
}
