import ICalendar

/// Where a configuration is being parsed: the file name for errors and the key locator for
/// their lines.
struct ParseContext: Sendable {
    /// The file as given, for ``ConfigurationError/file``.
    let fileName: String
    /// Lines of tables and keys.
    let locator: KeyLocator
    /// The language of the messages.
    let words: ConfigurationMessages
}

/// Reads typed values from one TOML table and turns every problem into a
/// ``ConfigurationError`` that names the table, the key, its line and what is allowed.
struct TableReader {
    /// The table's values.
    let values: [String: TOMLNode]
    /// The table's location for the ``KeyLocator`` (`["rule", "#2"]`).
    let path: [String]
    /// How messages name the table: `[cycle]`, `[[rule]] "budget-feeds-hop"`, `[[tag]] #3`;
    /// empty for the root.
    var label: String
    /// The file and its locator.
    let context: ParseContext

    /// The language of the messages.
    var words: ConfigurationMessages { context.words }

    /// The line of the table's header (or of the key that holds it).
    var headerLine: Int { context.locator.line(of: path) }

    /// The line of a key; `key` may be dotted (`first.summary`) to reach into a sub-table.
    func line(of key: String) -> Int {
        context.locator.line(of: path + key.split(separator: ".").map(String.init))
    }

    /// The key's value if it is a string, with no error otherwise: for the names and ids
    /// gathered before the tables that hold them are parsed (and checked) one by one.
    func stringIfAny(_ key: String) -> String? {
        if case .string(let text) = values[key] { return text }
        return nil
    }

    /// An error about `key` (or the table itself when `key` is `nil`).
    func failure(_ key: String?, _ message: String) -> ConfigurationError {
        ConfigurationError(
            file: context.fileName,
            line: key.map { line(of: $0) } ?? headerLine,
            key: key,
            message: label.isEmpty ? message : "\(label): \(message)"
        )
    }

    /// Throws for the first key (in file order) not in `allowed`:
    /// `unknown key "min-gapp"; allowed for type "precedes": id, type, …`.
    ///
    /// - Parameter message: the message from the quoted key and the allowed keys joined;
    ///   ``ConfigurationMessages/unknownKey`` when `nil`.
    func checkKeys(_ allowed: [String], message: (@Sendable (String, String) -> String)? = nil) throws(ConfigurationError) {
        let unknown = values.keys.filter { !allowed.contains($0) }
        guard let first = unknown.min(by: { (line(of: $0), $0) < (line(of: $1), $1) }) else { return }
        throw failure(first, (message ?? words.unknownKey)(quoted(first), allowed.joined(separator: ", ")))
    }

    /// Throws `missing required key "name"` (with an optional explanation) when `value` is
    /// `nil`; the error's line is the table's header (the key is not there), its key the
    /// missing one.
    func require<T>(_ value: T?, _ key: String, because reason: String? = nil) throws(ConfigurationError) -> T {
        if let value { return value }
        throw failure(key, reason.map { words.missingKeyBecause(quoted(key), $0) } ?? words.missingKey(quoted(key)))
    }

    /// A non-empty string.
    func string(_ key: String) throws(ConfigurationError) -> String? {
        guard let value = values[key] else { return nil }
        guard case .string(let text) = value else {
            throw failure(key, words.notString(key, value.typeName(in: words)))
        }
        guard !text.isEmpty else { throw failure(key, words.empty(key)) }
        return text
    }

    /// A boolean.
    func bool(_ key: String) throws(ConfigurationError) -> Bool? {
        guard let value = values[key] else { return nil }
        guard case .boolean(let flag) = value else {
            throw failure(key, words.notBoolean(key, value.typeName(in: words)))
        }
        return flag
    }

    /// An integer of at least `minimum`.
    func integer(_ key: String, minimum: Int) throws(ConfigurationError) -> Int? {
        guard let value = values[key] else { return nil }
        guard case .integer(let number) = value else {
            throw failure(key, words.notInteger(key, value.typeName(in: words)))
        }
        guard number >= minimum else { throw failure(key, words.tooSmall(key, minimum, number)) }
        return number
    }

    /// An ISO 8601 duration (`"P14D"`), not negative; longer than zero unless `allowZero`.
    func duration(_ key: String, allowZero: Bool) throws(ConfigurationError) -> ICalDuration? {
        guard let value = values[key] else { return nil }
        guard case .string(let text) = value else {
            throw failure(key, words.durationType(key, value.typeName(in: words)))
        }
        guard let duration = ICalDuration.parse(text) else {
            throw failure(key, words.notDuration(key, quoted(text)))
        }
        guard !duration.isNegative || duration.totalSeconds == 0 else {
            throw failure(key, words.negativeDuration(key, quoted(text)))
        }
        guard allowZero || duration.totalSeconds > 0 else {
            throw failure(key, words.zeroDuration(key, quoted(text)))
        }
        return duration
    }

    /// A day of the year, `"MM-DD"`.
    func monthDay(_ key: String) throws(ConfigurationError) -> MonthDay? {
        guard let value = values[key] else { return nil }
        guard case .string(let text) = value else {
            throw failure(key, words.monthDayType(key, value.typeName(in: words)))
        }
        guard let day = MonthDay(text) else {
            throw failure(key, words.notMonthDay(key, quoted(text)))
        }
        return day
    }

    /// One of a fixed set of words: `severity must be one of error, warning, info (got "fatal")`.
    ///
    /// - Parameters:
    ///   - choices: the words to list, in the order to list them.
    ///   - aliases: further accepted spellings, not listed.
    func choice<T>(_ key: String, _ choices: [(String, T)], aliases: [(String, T)] = []) throws(ConfigurationError) -> T? {
        guard let value = values[key] else { return nil }
        let list = choices.map(\.0).joined(separator: ", ")
        guard case .string(let text) = value else {
            throw failure(key, words.choiceType(key, list, value.typeName(in: words)))
        }
        guard let found = (choices + aliases).first(where: { $0.0 == text }) else {
            throw failure(key, words.notAChoice(key, list, quoted(text)))
        }
        return found.1
    }

    /// An array of non-empty strings.
    func stringArray(_ key: String) throws(ConfigurationError) -> [String]? {
        guard let value = values[key] else { return nil }
        guard case .array(let elements) = value else {
            throw failure(key, words.arrayType(key, value.typeName(in: words)))
        }
        var result: [String] = []
        for (index, element) in elements.enumerated() {
            guard case .string(let text) = element, !text.isEmpty else {
                let item = "\(key)[\(index)]"
                throw failure(key, element == .string("") ? words.empty(item) : words.notString(item, element.typeName(in: words)))
            }
            result.append(text)
        }
        return result
    }

    /// A match table (`{ source = "tk", summary = "Bystyret*" }`). When `sourceIDs` is not
    /// empty, the match's `source` glob must select at least one of them (compared with
    /// ``Glob``, as the engine will), so a misspelt source is an error rather than a match
    /// that silently selects nothing.
    func match(_ key: String, sourceIDs: [String]) throws(ConfigurationError) -> Match? {
        guard let value = values[key] else { return nil }
        guard case .table(let fields) = value else {
            throw failure(key, words.matchType(key, value.typeName(in: words)))
        }
        let unknown = fields.keys.filter { !Match.keys.contains($0) }
        if let first = unknown.min(by: { (line(of: "\(key).\($0)"), $0) < (line(of: "\(key).\($1)"), $1) }) {
            throw failure("\(key).\(first)", words.unknownMatchKey(quoted(first), key, Match.keys.joined(separator: ", ")))
        }
        var match = Match()
        for field in Match.keys {
            guard let element = fields[field] else { continue }
            guard case .string(let glob) = element else {
                throw failure("\(key).\(field)", words.notString("\(key).\(field)", element.typeName(in: words)))
            }
            guard !glob.isEmpty else { throw failure("\(key).\(field)", words.empty("\(key).\(field)")) }
            _ = match.set(field, to: glob)
        }
        if let source = match.source, !sourceIDs.isEmpty,
           !sourceIDs.contains(where: Glob(source).matches) {
            throw failure(
                "\(key).source",
                words.matchesNoSource(key, quoted(source), sourceIDs.joined(separator: ", "))
            )
        }
        return match
    }
}

/// A string in double quotes for messages, with `"` and `\` escaped as in TOML.
func quoted(_ text: String) -> String {
    var out = "\""
    for character in text {
        switch character {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        default: out.append(character)
        }
    }
    return out + "\""
}
