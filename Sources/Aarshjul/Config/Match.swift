import Foundation

/// Which occurrences a tag or rule applies to: `{ source = "tk", summary = "Bystyret*" }`.
///
/// Every field is a glob (`*` any run of characters, `?` one character) compared case- and
/// accent-insensitively; an occurrence matches when it matches every field that is set.
/// An empty match (`{}`) matches every occurrence. `source` fits an item held by several
/// sources (a joint meeting in two calendars) when it fits any of them; in a `[[tag]]` every
/// field must fit one and the same copy (see ``Tagger``).
///
/// ```toml
/// match = { source = "ntnu", body = "styret", summary = "*budsjettfordeling*" }
/// ```
public struct Match: Hashable, Sendable, CustomStringConvertible {
    /// The source id (`source`): fits when any source that holds the item fits.
    public var source: String?
    /// The event's SUMMARY (`summary`).
    public var summary: String?
    /// One of the event's CATEGORIES (`category`).
    public var category: String?
    /// The event's UID (`uid`).
    public var uid: String?
    /// The body that owns the occurrence, as tagged (`body`).
    public var body: String?
    /// The kind, as tagged (`kind`): decision, deadline, meeting, milestone, …
    public var kind: String?
    /// The thematic area, as tagged (`area`).
    public var area: String?
    /// The event's STATUS (`status`): CONFIRMED, TENTATIVE, CANCELLED.
    public var status: String?

    /// The keys a match table may have, in the order they are documented.
    public static let keys = ["source", "summary", "category", "uid", "body", "kind", "area", "status"]

    /// Creates a match; fields left `nil` match anything.
    public init(
        source: String? = nil, summary: String? = nil, category: String? = nil, uid: String? = nil,
        body: String? = nil, kind: String? = nil, area: String? = nil, status: String? = nil
    ) {
        self.source = source
        self.summary = summary
        self.category = category
        self.uid = uid
        self.body = body
        self.kind = kind
        self.area = area
        self.status = status
    }

    /// Whether no field is set, so the match selects every occurrence.
    public var isEmpty: Bool { fields.isEmpty }

    /// The fields that are set, as (key, glob) in the order of ``keys``.
    public var fields: [(key: String, glob: String)] {
        let all: [(String, String?)] = [
            ("source", source), ("summary", summary), ("category", category), ("uid", uid),
            ("body", body), ("kind", kind), ("area", area), ("status", status),
        ]
        return all.compactMap { key, value in value.map { (key: key, glob: $0) } }
    }

    /// The match as a TOML inline table: `{ source = "tk", summary = "Bystyret*" }`.
    public var description: String {
        let parts = fields.map { "\($0.key) = \"\($0.glob.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\"" }
        return parts.isEmpty ? "{}" : "{ " + parts.joined(separator: ", ") + " }"
    }

    /// Sets the field named `key` (one of ``keys``); returns false for other keys.
    mutating func set(_ key: String, to value: String) -> Bool {
        switch key {
        case "source": source = value
        case "summary": summary = value
        case "category": category = value
        case "uid": uid = value
        case "body": body = value
        case "kind": kind = value
        case "area": area = value
        case "status": status = value
        default: return false
        }
        return true
    }
}
