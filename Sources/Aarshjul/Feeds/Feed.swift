import ICalendar

/// One subscribable calendar: its file name, title and content.
public struct Feed: Hashable, Sendable {
    /// What the feed holds.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// Everything in the cycle.
        case combined
        /// One source's items.
        case source
        /// One thematic area's items.
        case area
        /// One body's items.
        case body
        /// The open conflicts, one event each.
        case conflicts
    }

    /// The file name without `.ics` (`combined`, `source-tk`, `area-byutvikling`,
    /// `body-bystyret`, `conflicts`): stable and readable, ASCII only.
    public var name: String
    /// What the feed holds.
    public var kind: Kind
    /// The title calendar apps show (`NAME`, `X-WR-CALNAME`).
    public var title: String
    /// The description (`X-WR-CALDESC`).
    public var description: String
    /// The `VCALENDAR`.
    public var calendar: Component

    /// `name.ics`.
    public var fileName: String { name + ".ics" }

    /// The feed's bytes: deterministic for the same input.
    public var bytes: [UInt8] { ICalendarWriter().bytes([calendar]) }
}

/// A name made safe for a file name and a URL: ASCII letters, digits and dashes
/// (`Helse og velferd` → `helse-og-velferd`, `Smart by` → `smart-by`).
public func feedSlug(_ text: String) -> String {
    var out = ""
    for scalar in Glob.fold(text).unicodeScalars {
        if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
            out.unicodeScalars.append(scalar)
        } else if !out.hasSuffix("-") && !out.isEmpty {
            out += "-"
        }
    }
    while out.hasSuffix("-") { out.removeLast() }
    return out.isEmpty ? "x" : out
}
