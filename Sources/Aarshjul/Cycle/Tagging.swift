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
///
/// `source` in a match fits when it fits any of ``sources``: an occurrence of a joint item is
/// tested with every source that holds a copy, one copy in tagging with that copy's source.
public struct MatchSubject: Sendable {
    /// The source ids (one or more; `source = X` fits when X fits any).
    public var sources: [String]
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
    let foldedSources: [[Unicode.Scalar]]
    let foldedSummary: [Unicode.Scalar]
    let foldedCategories: [[Unicode.Scalar]]
    let foldedUID: [Unicode.Scalar]
    let foldedStatus: [Unicode.Scalar]
    private(set) var foldedTags: [[Unicode.Scalar]?]

    /// The facts of a component from a source.
    public init(component: Component, source: String, tags: Tags = Tags()) {
        self.init(component: component, sources: [source], tags: tags, fields: nil)
    }

    /// The facts of a component held by several sources (an occurrence of a merged item).
    public init(component: Component, sources: [String], tags: Tags = Tags()) {
        self.init(component: component, sources: sources, tags: tags, fields: nil)
    }

    /// The facts of a component, folding only `fields` (``Match/keys`` names; nil: all), for
    /// testing many occurrences against matches that use only some fields.
    init(component: Component, sources: [String], tags: Tags, fields: Set<String>?) {
        func needs(_ key: String) -> Bool { fields?.contains(key) ?? true }
        self.sources = sources
        self.summary = component.summary ?? ""
        self.categories = !needs("category") ? [] : component.properties(named: "CATEGORIES").flatMap { property in
            Self.splitList(property.value).map { TextEscaping.unescape($0).trimmingCharacters(in: .whitespaces) }
        }
        self.uid = component.uid ?? ""
        self.status = needs("status") ? component.property("STATUS")?.value.uppercased() ?? "" : ""
        self.tags = tags
        foldedSources = needs("source") ? (sources.isEmpty ? [[]] : sources.map(Self.fold)) : [[]]
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

    /// Whether every field given fits the subject (`source` fits when any of its sources does,
    /// `category` when any category does; a tag field that is not set fits only `*`).
    public func matches(_ subject: MatchSubject) -> Bool {
        func fits(_ glob: Glob?, _ value: [Unicode.Scalar]?) -> Bool {
            guard let glob else { return true }
            return glob.matches(folded: value ?? [])
        }
        if let source, !subject.foldedSources.contains(where: { source.matches(folded: $0) }) { return false }
        guard fits(summary, subject.foldedSummary), fits(uid, subject.foldedUID),
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
    /// accent-insensitive; `source` fits when any of the subject's sources does, `category`
    /// when any category does).
    ///
    /// - Complexity: O(*f*·*t*) for *f* fields and text length *t*.
    public func matches(_ subject: MatchSubject) -> Bool {
        CompiledMatch(self).matches(subject)
    }
}

/// Gives occurrences their tags. An item held by several sources (a joint meeting in two
/// calendars under one UID) is tagged per copy and the results combined, so a tag written for
/// any of its sources reaches it. For each field (body, kind, area):
///
/// 1. the winning copy's own `X-AARSHJUL-BODY`, `-KIND` or `-AREA` property (the file says what
///    the item is), if present and not blank;
/// 2. else the first such property of the other copies, in source order;
/// 3. else the value of the first `[[tag]]`, in file order, that sets the field and matches any
///    copy. A tag matches a copy when every key of its `match` holds for that copy: `source`
///    is that copy's source, `summary`, `category`, `uid` and `status` are that copy's, and
///    `body`, `kind` and `area` are tested against the item's tags as combined so far.
///
/// `fixed` is set when any copy has `X-AARSHJUL-FIXED:TRUE` or any `[[tag]]` with
/// `fixed = true` matches any copy.
public struct Tagger: Sendable {
    /// The tag rules, in order.
    public let rules: [TagSettings]
    private let compiled: [CompiledMatch]

    /// Creates a tagger.
    public init(rules: [TagSettings]) {
        self.rules = rules
        self.compiled = rules.map { CompiledMatch($0.match) }
    }

    /// The tags of a component from one source (an item only that source holds).
    ///
    /// - Complexity: O(*r*) glob tests for *r* rules.
    public func tags(for component: Component, source: String) -> Tags {
        tags(forCopies: [(component: component, source: source)])
    }

    /// The tags of a merged item: its winning copy first, then the losing ones.
    ///
    /// - Complexity: O(*r*·*c*) glob tests for *r* rules and *c* copies.
    public func tags(for item: MergedItem) -> Tags {
        tags(forCopies: [(component: item.winner.component, source: item.winner.source)]
            + item.losingVersions.map { (component: $0.component, source: $0.source) })
    }

    /// The combined tags of an item's copies, each the component and the source that holds it,
    /// the winning copy first and the others in source order.
    ///
    /// - Complexity: O(*r*·*c*) glob tests for *r* rules and *c* copies.
    public func tags(forCopies copies: [(component: Component, source: String)]) -> Tags {
        var tags = Tags()
        func own(_ name: String, _ component: Component) -> String? {
            guard let value = component.property(name)?.textValue.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        for copy in copies {
            if tags.body == nil { tags.body = own("X-AARSHJUL-BODY", copy.component) }
            if tags.kind == nil { tags.kind = own("X-AARSHJUL-KIND", copy.component) }
            if tags.area == nil { tags.area = own("X-AARSHJUL-AREA", copy.component) }
            if own("X-AARSHJUL-FIXED", copy.component)?.uppercased() == "TRUE" { tags.fixed = true }
        }
        var subjects = copies.map { MatchSubject(component: $0.component, source: $0.source, tags: tags) }
        for (rule, match) in zip(rules, compiled) {
            // A tag that can add nothing any more need not be tested.
            guard (tags.body == nil && rule.body != nil) || (tags.kind == nil && rule.kind != nil)
                || (tags.area == nil && rule.area != nil) || (rule.fixed && !tags.fixed) else { continue }
            var matched = false
            for index in subjects.indices {
                if subjects[index].tags != tags { subjects[index].tags = tags }
                if match.matches(subjects[index]) { matched = true; break }
            }
            guard matched else { continue }
            if tags.body == nil, let body = rule.body { tags.body = body }
            if tags.kind == nil, let kind = rule.kind { tags.kind = kind }
            if tags.area == nil, let area = rule.area { tags.area = area }
            if rule.fixed { tags.fixed = true }
        }
        return tags
    }
}
