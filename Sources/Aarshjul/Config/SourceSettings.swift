/// A `[[source]]` table: one calendar to read, from a file, from the web, or from a CalDAV
/// calendar server.
///
/// ```toml
/// [[source]]
/// id = "tk"                          # [a-z0-9-]+, unique; used in feed names and reports
/// name = "Trondheim kommune"         # default: the id
/// path = "trondheim-kommune.ics"     # relative to aarshjul.toml; or url = "https://…"
/// color = "#0067B1"
/// fixed = true                       # its items are never moved by `aarshjul plan`; default false
///
/// [[source]]
/// id = "ntnu"
/// caldav = "https://dav.ntnu.no/"    # a server root, principal or calendar address
/// username = "aarshjul"
/// password-env = "AARSHJUL_NTNU_PASSWORD"   # the password is read from this environment variable
/// calendar = "Styret"                # which calendar, when the account has several
/// ```
///
/// Exactly one of ``path``, ``url`` and ``caldav`` is set. A path must name a readable file
/// when the configuration is loaded. A password is never written in the file: `password-env`
/// names the environment variable `aarshjul sync` reads it from.
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
    /// The CalDAV address (`caldav`): the calendar collection, or a server root or principal
    /// from which discovery finds it; `https://` or `http://`.
    public var caldav: String?
    /// The user name for a CalDAV source (`username`).
    public var username: String?
    /// The name of the environment variable holding the CalDAV password (`password-env`).
    public var passwordEnv: String?
    /// Which calendar of the account (`calendar`): its display name or last path segment.
    public var calendar: String?
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
                fixed: Bool = false, line: Int = 0, caldav: String? = nil, username: String? = nil,
                passwordEnv: String? = nil, calendar: String? = nil) {
        self.id = id
        self.name = name
        self.path = path
        self.url = url
        self.caldav = caldav
        self.username = username
        self.passwordEnv = passwordEnv
        self.calendar = calendar
        self.color = color
        self.fixed = fixed
        self.line = line
    }
}

extension SourceSettings {
    /// Where the source is read from: its path, its address, or its CalDAV address.
    public var origin: String { path ?? url ?? caldav ?? "" }
}
