import ICalendar

/// What an occurrence is, for rules and reports: the body that owns it, its kind and its
/// thematic area, and whether it may be moved.
public struct Tags: Hashable, Sendable, Codable {
    /// The body (`bystyret`, `styret`, `styringsgruppen`).
    public var body: String?
    /// The kind (`decision`, `deadline`, `meeting`, `milestone`, …).
    public var kind: String?
    /// The thematic area (`byutvikling`, `helse-og-velferd`, …).
    public var area: String?
    /// Whether the date is fixed (by law, or by the Storting) and must not be proposed to move.
    public var fixed: Bool

    /// Creates tags.
    public init(body: String? = nil, kind: String? = nil, area: String? = nil, fixed: Bool = false) {
        self.body = body
        self.kind = kind
        self.area = area
        self.fixed = fixed
    }
}

/// The facts a `match` table is tested against, folded once for glob matching.
public struct MatchSubject: Sendable {
    /// The source id.
    public var source: String
    /// The summary (unescaped).
    public var summary: String
    /// CATEGORIES values, each one.
    public var categories: [String]
    /// The UID.
    public var uid: String
    /// STATUS ("" when absent).
    public var status: String
    /// The tags given so far.
    public var tags: Tags {
        didSet { foldedTags = Self.foldTags(tags) }
    }
    let foldedSource: [Unicode.Scalar]
    let foldedSummary: [Unicode.Scalar]
    let foldedCategories: [[Unicode.Scalar]]
    let foldedUID: [Unicode.Scalar]
    let foldedStatus: [Unicode.Scalar]
    private(set) var foldedTags: [[Unicode.Scalar]?]

    /// The facts of a component from a source.
    public init(component: Component, source: String, tags: Tags = Tags()) {
        self.init(component: component, source: source, tags: tags, fields: nil)
    }

    /// The facts of a component, folding only `fields` (``Match/keys`` names; nil: all), for
    /// testing many occurrences against matches that use only some fields.
    init(component: Component, source: String, tags: Tags, fields: Set<String>?) {
        func needs(_ key: String) -> Bool { fields?.contains(key) ?? true }
        self.source = source
        self.summary = component.summary ?? ""
        self.categories = !needs("category") ? [] : component.properties(named: "CATEGORIES").flatMap { property in
            Self.splitList(property.value).map { TextEscaping.unescape($0).trimmingCharacters(in: .whitespaces) }
        }
        self.uid = component.uid ?? ""
        self.status = needs("status") ? component.property("STATUS")?.value.uppercased() ?? "" : ""
        self.tags = tags
        foldedSource = needs("source") ? Self.fold(source) : []
        foldedSummary = needs("summary") ? Self.fold(summary) : []
        foldedCategories = categories.map(Self.fold)
        foldedUID = needs("uid") ? Self.fold(uid) : []
        foldedStatus = needs("status") ? Self.fold(status) : []
        foldedTags = Self.foldTags(tags)
    }

    static func fold(_ text: String) -> [Unicode.Scalar] { Array(Glob.fold(text).unicodeScalars) }

    static func foldTags(_ tags: Tags) -> [[Unicode.Scalar]?] {
        [tags.body.map(fold), tags.kind.map(fold), tags.area.map(fold)]
    }

    /// Splits a TEXT list at unescaped commas.
    static func splitList(_ value: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var escaped = false
        for character in value {
            if escaped { current.append(character); escaped = false; continue }
            if character == "\\" { current.append(character); escaped = true; continue }
            if character == "," { parts.append(current); current = ""; continue }
            current.append(character)
        }
        parts.append(current)
        return parts.filter { !$0.isEmpty }
    }
}

/// A `match` table with its patterns compiled, for testing many subjects.
public struct CompiledMatch: Sendable {
    private let source, summary, category, uid, body, kind, area, status: Glob?

    /// Compiles a match.
    public init(_ match: Match) {
        source = match.source.map(Glob.init)
        summary = match.summary.map(Glob.init)
        category = match.category.map(Glob.init)
        uid = match.uid.map(Glob.init)
        body = match.body.map(Glob.init)
        kind = match.kind.map(Glob.init)
        area = match.area.map(Glob.init)
        status = match.status.map(Glob.init)
    }

    /// Whether every field given fits the subject (`category` fits when any category does; a
    /// tag field that is not set fits only `*`).
    public func matches(_ subject: MatchSubject) -> Bool {
        func fits(_ glob: Glob?, _ value: [Unicode.Scalar]?) -> Bool {
            guard let glob else { return true }
            return glob.matches(folded: value ?? [])
        }
        guard fits(source, subject.foldedSource), fits(summary, subject.foldedSummary), fits(uid, subject.foldedUID),
              fits(status, subject.foldedStatus), fits(body, subject.foldedTags[0]), fits(kind, subject.foldedTags[1]),
              fits(area, subject.foldedTags[2]) else { return false }
        if let category {
            return subject.foldedCategories.contains { category.matches(folded: $0) }
        }
        return true
    }
}

extension Match {
    /// Whether every field given in the match fits the subject (globs, case- and
    /// accent-insensitive; `category` fits when any category does).
    ///
    /// - Complexity: O(*f*·*t*) for *f* fields and text length *t*.
    public func matches(_ subject: MatchSubject) -> Bool {
        CompiledMatch(self).matches(subject)
    }
}

/// Gives occurrences their tags: first the item's own `X-AARSHJUL-BODY`, `-KIND` and `-AREA`
/// properties (the file says what the item is), then the configuration's `[[tag]]` rules in
/// order, the first rule that sets a field winning for that field. `fixed` is set when any
/// matching rule or an `X-AARSHJUL-FIXED:TRUE` property says so.
public struct Tagger: Sendable {
    /// The tag rules, in order.
    public let rules: [TagSettings]
    private let compiled: [CompiledMatch]

    /// Creates a tagger.
    public init(rules: [TagSettings]) {
        self.rules = rules
        self.compiled = rules.map { CompiledMatch($0.match) }
    }

    /// The tags of a component from a source.
    ///
    /// - Complexity: O(*r*) glob tests for *r* rules.
    public func tags(for component: Component, source: String) -> Tags {
        var tags = Tags()
        func own(_ name: String) -> String? {
            guard let value = component.property(name)?.textValue.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        tags.body = own("X-AARSHJUL-BODY")
        tags.kind = own("X-AARSHJUL-KIND")
        tags.area = own("X-AARSHJUL-AREA")
        tags.fixed = own("X-AARSHJUL-FIXED")?.uppercased() == "TRUE"
        var subject = MatchSubject(component: component, source: source, tags: tags)
        for (rule, match) in zip(rules, compiled) {
            if subject.tags != tags { subject.tags = tags }
            guard match.matches(subject) else { continue }
            if tags.body == nil, let body = rule.body { tags.body = body }
            if tags.kind == nil, let kind = rule.kind { tags.kind = kind }
            if tags.area == nil, let area = rule.area { tags.area = area }
            if rule.fixed { tags.fixed = true }
        }
        return tags
    }
}
