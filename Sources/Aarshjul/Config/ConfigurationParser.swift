import Foundation
import ICalendar

/// Turns the parsed TOML tree into an ``AarshjulConfiguration``, table by table.
///
/// Every entry (a `[[source]]`, a `[[rule]]` …) is checked on its own; the problems are
/// collected and the one nearest the top of the file is thrown, so the user fixes the file
/// from the top down.
struct ConfigurationParser {
    let root: [String: TOMLNode]
    let context: ParseContext
    let baseDirectory: String

    /// The language of the messages.
    var words: ConfigurationMessages { context.words }

    func run() throws(ConfigurationError) -> AarshjulConfiguration {
        var errors: [ConfigurationError] = []
        let top = TableReader(values: root, path: [], label: "", context: context)
        collect(&errors) { () throws(ConfigurationError) in
            try top.checkKeys(AarshjulConfiguration.topLevelKeys, message: words.unknownTopLevelKey)
        }

        let cycle = collect(&errors) { () throws(ConfigurationError) in try parseCycle() }
        let feeds = collect(&errors) { () throws(ConfigurationError) in try parseFeeds() } ?? FeedSettings()
        let sync = collect(&errors) { () throws(ConfigurationError) in try parseSync() } ?? SyncSettings(baseDirectory: baseDirectory)
        let plan = collect(&errors) { () throws(ConfigurationError) in try parsePlan() } ?? PlanSettings()

        let closedEntries = entries("closed", idKey: "name", &errors)
        let closedNames = closedEntries.compactMap { $0.stringIfAny("name") }
        let closedPeriods = parseEach(closedEntries, idKey: "name", id: \.name, &errors) { (entry, seen) throws(ConfigurationError) in
            try parseClosed(entry, seen: seen)
        }
        let holidays = parseEach(entries("holiday", idKey: nil, &errors), &errors) { (entry, _) throws(ConfigurationError) in
            try parseHoliday(entry)
        }

        let sourceEntries = entries("source", idKey: "id", &errors)
        let sourceIDs = sourceEntries.compactMap { $0.stringIfAny("id") }.filter { !$0.isEmpty }
        let sources = parseEach(sourceEntries, idKey: "id", id: \.id, &errors) { (entry, seen) throws(ConfigurationError) in
            try parseSource(entry, seen: seen)
        }
        if sourceEntries.isEmpty, root["source"] == nil {
            errors.append(ConfigurationError(
                file: context.fileName, line: 0,
                message: words.noSources
            ))
        }

        let tags = parseEach(entries("tag", idKey: nil, &errors), &errors) { (entry, _) throws(ConfigurationError) in
            try parseTag(entry, sourceIDs: sourceIDs)
        }
        let allowedClosed = ClosedPeriod.builtInNames + closedNames
        let rules = parseEach(entries("rule", idKey: "id", &errors), idKey: "id", id: \.id, &errors) { (entry, seen) throws(ConfigurationError) in
            try parseRule(entry, sourceIDs: sourceIDs, closedNames: allowedClosed, seen: seen)
        }
        let accepts = parseEach(entries("accept", idKey: "conflict", &errors), idKey: "conflict", id: \.conflict, &errors) {
            (entry, seen) throws(ConfigurationError) in try parseAccept(entry, seen: seen)
        }
        let feedNames = PublishSettings.feedNames(sourceIDs: sourceIDs, tags: tags)
        let publish = parseEach(entries("publish", idKey: nil, &errors), &errors) { (entry, _) throws(ConfigurationError) in
            try parsePublish(entry, feedNames: feedNames)
        }

        let firstError = errors.enumerated().min { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
        if let error = firstError?.element { throw error }
        guard let cycle else {
            // Unreachable: a missing cycle is an error above.
            throw ConfigurationError(file: context.fileName, line: 0, message: words.missingCycle)
        }
        return AarshjulConfiguration(
            fileName: context.fileName, baseDirectory: baseDirectory, cycle: cycle,
            sources: sources, tags: tags, rules: rules, accepts: accepts,
            closedPeriods: closedPeriods, holidays: holidays, feeds: feeds, sync: sync, plan: plan,
            publish: publish
        )
    }

    /// Parses each table of an array of tables, keeping the errors for later. With `idKey`,
    /// `parse` gets the line where each id was first given (for "already defined on line N").
    private func parseEach<T>(
        _ entries: [TableReader], idKey: String? = nil, id: ((T) -> String)? = nil, _ errors: inout [ConfigurationError],
        _ parse: (TableReader, [String: Int]) throws(ConfigurationError) -> T
    ) -> [T] {
        var parsed: [T] = []
        var lines: [String: Int] = [:]
        for entry in entries {
            guard let value = collect(&errors, { () throws(ConfigurationError) in try parse(entry, lines) }) else { continue }
            parsed.append(value)
            if let idKey, let key = id?(value) { lines[key] = lines[key] ?? entry.line(of: idKey) }
        }
        return parsed
    }

    /// Runs `body`, keeping its error for later.
    private func collect<T>(_ errors: inout [ConfigurationError], _ body: () throws(ConfigurationError) -> T) -> T? {
        do {
            return try body()
        } catch {
            errors.append(error)
            return nil
        }
    }

    // MARK: Tables

    /// Readers for the entries of the array of tables `[[name]]`; a plain `[name]` table or a value of
    /// another type is recorded as an error.
    private func entries(_ name: String, idKey: String?, _ errors: inout [ConfigurationError]) -> [TableReader] {
        guard let value = root[name] else { return [] }
        let line = context.locator.line(of: [name])
        guard case .array(let elements) = value else {
            errors.append(ConfigurationError(
                file: context.fileName, line: line, key: name,
                message: words.notArrayOfTables(name, value.typeKey == "table" ? "[\(name)]" : value.typeName(in: words))
            ))
            return []
        }
        var result: [TableReader] = []
        for (index, element) in elements.enumerated() {
            guard case .table(let values) = element else {
                errors.append(ConfigurationError(
                    file: context.fileName, line: line, key: name,
                    message: words.elementNotTable(name, index + 1, element.typeName(in: words))
                ))
                continue
            }
            var label = "[[\(name)]] #\(index + 1)"
            if let idKey, case .string(let id) = values[idKey], !id.isEmpty { label = "[[\(name)]] \(quoted(id))" }
            result.append(TableReader(values: values, path: [name, "#\(index)"], label: label, context: context))
        }
        return result
    }

    /// A single `[name]` table, or `nil` when absent.
    private func table(_ name: String) throws(ConfigurationError) -> TableReader? {
        guard let value = root[name] else { return nil }
        guard case .table(let values) = value else {
            let written = value.typeKey == "array" ? "[[\(name)]]" : value.typeName(in: words)
            throw ConfigurationError(
                file: context.fileName, line: context.locator.line(of: [name]), key: name,
                message: words.notSingleTable(name, written)
            )
        }
        return TableReader(values: values, path: [name], label: "[\(name)]", context: context)
    }

    private func parseCycle() throws(ConfigurationError) -> CycleSettings {
        guard let reader = try table("cycle") else {
            throw ConfigurationError(file: context.fileName, line: 0, message: words.missingCycle)
        }
        try reader.checkKeys(["name", "timezone", "start", "language", "max-occurrences"])
        let name = try reader.require(try reader.string("name"), "name")
        let timezone = try reader.require(try reader.string("timezone"), "timezone", because: words.timezoneReason)
        guard TimeZone(identifier: timezone) != nil else {
            throw reader.failure("timezone", words.notTimeZone(quoted(timezone)))
        }
        let language = try reader.choice("language", Language.allCases.map { ($0.rawValue, $0) })
        return CycleSettings(
            name: name,
            timezone: timezone,
            start: try reader.monthDay("start") ?? .januaryFirst,
            language: language ?? .nb,
            maxOccurrencesPerEvent: try reader.integer("max-occurrences", minimum: 1) ?? CycleSettings.defaultMaxOccurrencesPerEvent
        )
    }

    private func parseFeeds() throws(ConfigurationError) -> FeedSettings {
        guard let reader = try table("feeds") else { return FeedSettings() }
        try reader.checkKeys(["refresh", "token", "rebuild"])
        return FeedSettings(
            refresh: try reader.duration("refresh", allowZero: false) ?? FeedSettings.defaultRefresh,
            token: try reader.string("token"),
            rebuild: try reader.duration("rebuild", allowZero: false)
        )
    }

    private func parseSync() throws(ConfigurationError) -> SyncSettings {
        guard let reader = try table("sync") else { return SyncSettings(baseDirectory: baseDirectory) }
        try reader.checkKeys(["state", "out", "timeout", "max-redirects", "max-size", "max-shrink"])
        let timeout = try reader.duration("timeout", allowZero: false)?.totalSeconds ?? SyncSettings.defaultTimeoutSeconds
        let redirects = try reader.integer("max-redirects", minimum: 0) ?? SyncSettings.defaultMaxRedirects
        var maxBytes = SyncSettings.defaultMaxBytes
        switch reader.values["max-size"] {
        case nil: break
        case .integer(let bytes)?:
            guard bytes > 0 else { throw reader.failure("max-size", words.maxSizeNotPositive(bytes)) }
            maxBytes = bytes
        case .string(let text)?:
            guard let bytes = SyncSettings.parseSize(text), bytes > 0 else {
                throw reader.failure("max-size", words.notSize(quoted(text)))
            }
            maxBytes = bytes
        case let other?:
            throw reader.failure("max-size", words.sizeType(other.typeName(in: words)))
        }
        var maxShrink = SyncSettings.defaultMaxShrink
        switch reader.values["max-shrink"] {
        case nil: break
        case .float(let share)?:
            maxShrink = share
        case .integer(let share)?:
            maxShrink = Double(share)
        case let other?:
            throw reader.failure("max-shrink", words.shrinkType(other.typeName(in: words)))
        }
        guard maxShrink > 0, maxShrink <= 1 else {
            throw reader.failure("max-shrink", words.shrinkRange("\(maxShrink)"))
        }
        var state: StateLocation?
        if let text = try reader.string("state") {
            switch StateLocation.parse(text, baseDirectory: baseDirectory, messages: words) {
            case .success(let location): state = location
            case .failure(let error): throw reader.failure("state", "state: \(error.message)")
            }
        }
        return SyncSettings(baseDirectory: baseDirectory,
                            outputDirectory: try reader.string("out") ?? SyncSettings.defaultOutputDirectory,
                            timeoutSeconds: timeout, maxRedirects: redirects, maxBytes: maxBytes, maxShrink: maxShrink,
                            state: state)
    }

    private func parsePlan() throws(ConfigurationError) -> PlanSettings {
        guard let reader = try table("plan") else { return PlanSettings() }
        try reader.checkKeys(["keep-weekday"])
        return PlanSettings(keepWeekday: try reader.bool("keep-weekday") ?? true)
    }

    private func parseClosed(_ reader: TableReader, seen: [String: Int]) throws(ConfigurationError) -> ClosedPeriod {
        try reader.checkKeys(["name", "from", "to"])
        let name = try reader.require(try reader.string("name"), "name")
        if ClosedPeriod.builtInNames.contains(name) {
            throw reader.failure("name", words.builtInName(quoted(name), ClosedPeriod.builtInNames.joined(separator: ", ")))
        }
        if let line = seen[name] {
            throw reader.failure("name", words.duplicateName(quoted(name), line))
        }
        let from = try reader.require(try reader.monthDay("from"), "from", because: words.closedFromReason)
        let to = try reader.require(try reader.monthDay("to"), "to", because: words.closedToReason)
        return ClosedPeriod(name: name, from: from, to: to, line: reader.headerLine)
    }

    private func parseHoliday(_ reader: TableReader) throws(ConfigurationError) -> ExtraHoliday {
        try reader.checkKeys(["date", "name"])
        guard let value = reader.values["date"] else {
            throw reader.failure("date", words.missingKeyBecause(quoted("date"), words.holidayDateReason))
        }
        let date: LocalDate
        switch value {
        case .date(let year, let month, let day):
            date = LocalDate(year: year, month: month, day: day)
        case .string(let text):
            guard text.count == 10, let parsed = LocalDate(iso: text) else {
                throw reader.failure("date", words.notDate(quoted(text)))
            }
            date = parsed
        default:
            throw reader.failure("date", words.dateType(value.typeName(in: words)))
        }
        let name = try reader.require(try reader.string("name"), "name")
        return ExtraHoliday(date: date, name: name, line: reader.headerLine)
    }

    private func parseSource(_ reader: TableReader, seen: [String: Int]) throws(ConfigurationError) -> SourceSettings {
        try refusePassword(reader)
        try reader.checkKeys(["id", "name", "path", "url", "caldav", "username", "password-env", "calendar", "color", "fixed"])
        let id = try reader.require(try reader.string("id"), "id")
        guard id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
            throw reader.failure("id", words.badID(quoted(id)))
        }
        if let line = seen[id] {
            throw reader.failure("id", words.duplicateID(quoted(id), line))
        }
        let name = try reader.string("name") ?? id
        let path = try reader.string("path")
        let url = try reader.string("url")
        let caldav = try reader.string("caldav")
        let given = [("path", path), ("url", url), ("caldav", caldav)].filter { $0.1 != nil }.map(\.0)
        if given.count > 1, let second = given.dropFirst().first {
            throw reader.failure(second, words.oneLocation(given))
        }
        var resolved: String?
        if let path {
            resolved = try checkedFile(path, reader)
        } else if let url {
            let lowered = url.lowercased()
            guard lowered.hasPrefix("https://") || lowered.hasPrefix("webcal://") || lowered.hasPrefix("http://") else {
                throw reader.failure("url", words.urlScheme(quoted(url)))
            }
            guard let parsed = URL(string: url), let host = parsed.host, !host.isEmpty else {
                throw reader.failure("url", words.invalidAddress("url", quoted(url)))
            }
        } else if let caldav {
            try checkedCalDAVAddress(caldav, reader)
        } else {
            throw reader.failure("path", words.sourceLocationMissing)
        }
        if caldav == nil, let key = ["username", "password-env", "calendar"].first(where: { reader.values[$0] != nil }) {
            throw reader.failure(key, words.onlyCalDAV(key))
        }
        let login = try calDAVLogin(reader)
        let color = try reader.string("color")
        if let color {
            guard RGBColor(hex: color) != nil else {
                throw reader.failure("color", words.badColor(quoted(color)))
            }
        }
        return SourceSettings(id: id, name: name, path: resolved, url: url, color: color,
                              fixed: try reader.bool("fixed") ?? false, line: reader.headerLine,
                              caldav: caldav, username: login.username, passwordEnv: login.passwordEnv,
                              calendar: try reader.string("calendar"))
    }

    private func parsePublish(_ reader: TableReader, feedNames: [String]) throws(ConfigurationError) -> PublishSettings {
        try refusePassword(reader)
        try reader.checkKeys(["caldav", "feed", "username", "password-env", "calendar"])
        let caldav = try reader.require(try reader.string("caldav"), "caldav", because: words.publishCalDAVReason)
        try checkedCalDAVAddress(caldav, reader)
        let feed = try reader.require(try reader.string("feed"), "feed", because: words.publishFeedReason)
        guard feedNames.contains(feed) else {
            throw reader.failure("feed", words.unknownFeed(quoted(feed), feedNames.joined(separator: ", ")))
        }
        let login = try calDAVLogin(reader)
        return PublishSettings(caldav: caldav, feed: feed, username: login.username, passwordEnv: login.passwordEnv,
                               calendar: try reader.string("calendar"), line: reader.headerLine)
    }

    /// A `password` key is an error of its own: the password belongs in the environment.
    private func refusePassword(_ reader: TableReader) throws(ConfigurationError) {
        guard reader.values["password"] != nil else { return }
        throw reader.failure("password", words.passwordInFile)
    }

    /// A CalDAV address: `https://` or `http://` and a host.
    private func checkedCalDAVAddress(_ address: String, _ reader: TableReader) throws(ConfigurationError) {
        let lowered = address.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://") else {
            throw reader.failure("caldav", words.calDAVScheme(quoted(address)))
        }
        guard let parsed = URL(string: address), let host = parsed.host, !host.isEmpty else {
            throw reader.failure("caldav", words.invalidAddress("caldav", quoted(address)))
        }
    }

    /// `username` and `password-env`: both or neither; the variable name a shell can set.
    private func calDAVLogin(_ reader: TableReader) throws(ConfigurationError) -> (username: String?, passwordEnv: String?) {
        let username = try reader.string("username")
        let passwordEnv = try reader.string("password-env")
        if let passwordEnv {
            let scalars = Array(passwordEnv.unicodeScalars)
            let valid = scalars.allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
                && !(scalars.first.map { ("0"..."9").contains($0) } ?? true)
            guard valid else {
                throw reader.failure("password-env", words.badPasswordEnv(quoted(passwordEnv)))
            }
        }
        if username != nil, passwordEnv == nil {
            throw reader.failure("username", words.usernameAlone)
        }
        if passwordEnv != nil, username == nil {
            throw reader.failure("password-env", words.passwordEnvAlone)
        }
        return (username, passwordEnv)
    }

    /// The absolute path of a source file, which must exist and be readable.
    private func checkedFile(_ path: String, _ reader: TableReader) throws(ConfigurationError) -> String {
        let standardized = AarshjulConfiguration.absolutePath(path, relativeTo: baseDirectory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: standardized, isDirectory: &isDirectory) else {
            throw reader.failure("path", words.pathNotFound(quoted(path), standardized))
        }
        guard !isDirectory.boolValue else {
            throw reader.failure("path", words.pathIsDirectory(quoted(path), standardized))
        }
        guard FileManager.default.isReadableFile(atPath: standardized) else {
            throw reader.failure("path", words.pathUnreadable(quoted(path), standardized))
        }
        return standardized
    }

    private func parseTag(_ reader: TableReader, sourceIDs: [String]) throws(ConfigurationError) -> TagSettings {
        try reader.checkKeys(["match", "body", "kind", "area", "fixed"])
        let match = try reader.require(try reader.match("match", sourceIDs: sourceIDs), "match", because: words.tagMatchReason)
        let tag = TagSettings(
            match: match,
            body: try reader.string("body"),
            kind: try reader.string("kind"),
            area: try reader.string("area"),
            fixed: try reader.bool("fixed") ?? false,
            line: reader.headerLine
        )
        guard tag.body != nil || tag.kind != nil || tag.area != nil || tag.fixed else {
            throw reader.failure(nil, words.tagSetsNothing)
        }
        return tag
    }

    private func parseAccept(_ reader: TableReader, seen: [String: Int]) throws(ConfigurationError) -> Acceptance {
        try reader.checkKeys(["conflict", "reason"])
        let conflict = try reader.require(try reader.string("conflict"), "conflict", because: words.acceptConflictReason)
        if let line = seen[conflict] {
            throw reader.failure("conflict", words.alreadyAccepted(quoted(conflict), line))
        }
        return Acceptance(conflict: conflict, reason: try reader.string("reason"), line: reader.headerLine)
    }

    // MARK: Rules

    /// A rule's `closed` list, each name a built-in or `[[closed]]` period.
    private func closedPeriods(_ reader: TableReader, allowed: [String]) throws(ConfigurationError) -> [String] {
        let closed = try reader.stringArray("closed") ?? []
        for (index, name) in closed.enumerated() where !allowed.contains(name) {
            throw reader.failure("closed", words.unknownClosed(index, quoted(name), allowed.joined(separator: ", ")))
        }
        return closed
    }

    private func parseRule(
        _ reader: TableReader, sourceIDs: [String], closedNames: [String], seen: [String: Int]
    ) throws(ConfigurationError) -> RuleSettings {
        let types = RuleType.allCases.map(\.rawValue).joined(separator: ", ")
        let type = try reader.require(
            try reader.choice("type", RuleType.allCases.map { ($0.rawValue, $0) }), "type", because: words.ruleTypeReason(types)
        )
        let typeWords = words
        try reader.checkKeys(type.allowedKeys) { key, allowed in typeWords.unknownKeyForType(key, quoted(type.rawValue), allowed) }
        let id = try reader.require(try reader.string("id"), "id")
        if let line = seen[id] {
            throw reader.failure("id", words.duplicateID(quoted(id), line))
        }
        let severities: [(String, RuleSeverity)] = [("error", .error), ("warning", .warning), ("info", .info)]
        var rule = RuleSettings(
            id: id,
            type: type,
            severity: try reader.choice("severity", severities) ?? .warning,
            fixed: try reader.bool("fixed") ?? false,
            description: try reader.string("description"),
            line: reader.headerLine
        )
        let quotedType = quoted(type.rawValue)
        switch type {
        case .precedes:
            rule.first = try reader.require(try reader.match("first", sourceIDs: sourceIDs), "first", because: words.typeRequires(quotedType, "first, then"))
            rule.then = try reader.require(try reader.match("then", sourceIDs: sourceIDs), "then", because: words.typeRequires(quotedType, "first, then"))
            rule.minGap = try reader.duration("min-gap", allowZero: true)
        case .leadTime:
            let needs = words.leadTimeRequires(quotedType)
            rule.deadline = try reader.require(try reader.match("deadline", sourceIDs: sourceIDs), "deadline", because: needs)
            rule.meeting = try reader.require(try reader.match("meeting", sourceIDs: sourceIDs), "meeting", because: needs)
            var min = try reader.duration("min", allowZero: true)
            switch reader.values["working-days"] {
            case nil:
                break
            case .boolean(let flag):
                rule.workingDays = flag
            case .integer(let days):
                guard days >= 1 else { throw reader.failure("working-days", words.tooSmall("working-days", 1, days)) }
                if min != nil {
                    throw reader.failure("min", words.minAndWorkingDays(days))
                }
                min = ICalDuration(days: days)
                rule.workingDays = true
            case let value?:
                throw reader.failure("working-days", words.workingDaysType(value.typeName(in: words)))
            }
            let required = try reader.require(min, "min", because: needs)
            if rule.workingDays, required.exactSeconds != 0 {
                throw reader.failure("min", words.minWholeDays(quoted(required.description)))
            }
            rule.min = required
        case .noOverlap, .workingDay, .within, .required, .crowding:
            rule.match = try reader.require(try reader.match("match", sourceIDs: sourceIDs), "match", because: words.ruleMatchReason)
        }
        switch type {
        case .precedes:
            break
        case .leadTime:
            rule.closed = try closedPeriods(reader, allowed: closedNames)
            if !rule.closed.isEmpty && !rule.workingDays {
                throw reader.failure("closed", words.closedNeedsWorkingDays)
            }
        case .noOverlap:
            rule.sameDay = try reader.bool("same-day") ?? false
            rule.across = try reader.choice(
                "across", [("sources", Across.sources), ("bodies", .bodies)], aliases: [("source", .sources), ("body", .bodies)]
            )
        case .workingDay:
            rule.closed = try closedPeriods(reader, allowed: closedNames)
        case .within:
            rule.after = try reader.monthDay("after")
            rule.before = try reader.monthDay("before")
            if rule.after == nil, rule.before == nil {
                throw reader.failure(nil, words.withinRequires(quotedType))
            }
        case .required:
            rule.minCount = try reader.integer("min-count", minimum: 1) ?? 1
        case .crowding:
            rule.max = try reader.require(try reader.integer("max", minimum: 1), "max", because: words.typeRequires(quotedType, "match, max, per"))
            rule.per = try reader.require(try reader.duration("per", allowZero: false), "per", because: words.typeRequires(quotedType, "match, max, per"))
        }
        return rule
    }
}
