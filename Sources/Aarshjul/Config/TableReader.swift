import ICalendar

/// Where a configuration is being parsed: the file name for errors and the key locator for
/// their lines.
struct ParseContext: Sendable {
    /// The file as given, for ``ConfigurationError/file``.
    let fileName: String
    /// Lines of tables and keys.
    let locator: KeyLocator
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
    /// - Parameters:
    ///   - phrase: how to introduce the list, e.g. `allowed` or `allowed for type "precedes"`.
    ///   - noun: what the keys are called, `key` or `top-level key`.
    func checkKeys(_ allowed: [String], phrase: String = "allowed", noun: String = "key") throws(ConfigurationError) {
        let unknown = values.keys.filter { !allowed.contains($0) }
        guard let first = unknown.min(by: { (line(of: $0), $0) < (line(of: $1), $1) }) else { return }
        throw failure(first, "unknown \(noun) \(quoted(first)); \(phrase): \(allowed.joined(separator: ", "))")
    }

    /// Throws `missing required key "name"` (with an optional explanation) when `value` is
    /// `nil`; the error's line is the table's header (the key is not there), its key the
    /// missing one.
    func require<T>(_ value: T?, _ key: String, because reason: String? = nil) throws(ConfigurationError) -> T {
        if let value { return value }
        throw failure(key, "missing required key \(quoted(key))" + (reason.map { "; \($0)" } ?? ""))
    }

    /// A non-empty string.
    func string(_ key: String) throws(ConfigurationError) -> String? {
        guard let value = values[key] else { return nil }
        guard case .string(let text) = value else {
            throw failure(key, "\(key) must be a string, not \(value.typeName)")
        }
        guard !text.isEmpty else { throw failure(key, "\(key) must not be empty") }
        return text
    }

    /// A boolean.
    func bool(_ key: String) throws(ConfigurationError) -> Bool? {
        guard let value = values[key] else { return nil }
        guard case .boolean(let flag) = value else {
            throw failure(key, "\(key) must be true or false, not \(value.typeName)")
        }
        return flag
    }

    /// An integer of at least `minimum`.
    func integer(_ key: String, minimum: Int) throws(ConfigurationError) -> Int? {
        guard let value = values[key] else { return nil }
        guard case .integer(let number) = value else {
            throw failure(key, "\(key) must be an integer, not \(value.typeName)")
        }
        guard number >= minimum else { throw failure(key, "\(key) must be at least \(minimum) (got \(number))") }
        return number
    }

    /// An ISO 8601 duration (`"P14D"`), not negative; longer than zero unless `allowZero`.
    func duration(_ key: String, allowZero: Bool) throws(ConfigurationError) -> ICalDuration? {
        guard let value = values[key] else { return nil }
        guard case .string(let text) = value else {
            throw failure(key, "\(key) must be an ISO 8601 duration such as \"P14D\", not \(value.typeName)")
        }
        guard let duration = ICalDuration.parse(text) else {
            throw failure(key, "\(key) \(quoted(text)) is not an ISO 8601 duration; write e.g. \"P14D\" (14 days) or \"PT4H\" (4 hours)")
        }
        guard !duration.isNegative || duration.totalSeconds == 0 else {
            throw failure(key, "\(key) \(quoted(text)) must not be negative")
        }
        guard allowZero || duration.totalSeconds > 0 else {
            throw failure(key, "\(key) \(quoted(text)) must be longer than zero")
        }
        return duration
    }

    /// A day of the year, `"MM-DD"`.
    func monthDay(_ key: String) throws(ConfigurationError) -> MonthDay? {
        guard let value = values[key] else { return nil }
        guard case .string(let text) = value else {
            throw failure(key, "\(key) must be a day of the year as \"MM-DD\", not \(value.typeName)")
        }
        guard let day = MonthDay(text) else {
            throw failure(key, "\(key) \(quoted(text)) is not a day of the year; write \"MM-DD\", e.g. \"08-01\"")
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
            throw failure(key, "\(key) must be one of \(list), not \(value.typeName)")
        }
        guard let found = (choices + aliases).first(where: { $0.0 == text }) else {
            throw failure(key, "\(key) must be one of \(list) (got \(quoted(text)))")
        }
        return found.1
    }

    /// An array of non-empty strings.
    func stringArray(_ key: String) throws(ConfigurationError) -> [String]? {
        guard let value = values[key] else { return nil }
        guard case .array(let elements) = value else {
            throw failure(key, "\(key) must be an array of strings, not \(value.typeName)")
        }
        var result: [String] = []
        for (index, element) in elements.enumerated() {
            guard case .string(let text) = element, !text.isEmpty else {
                let problem = element == .string("") ? "must not be empty" : "must be a string, not \(element.typeName)"
                throw failure(key, "\(key)[\(index)] \(problem)")
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
            throw failure(key, "\(key) must be a match table such as { summary = \"Bystyret*\" }, not \(value.typeName)")
        }
        let unknown = fields.keys.filter { !Match.keys.contains($0) }
        if let first = unknown.min(by: { (line(of: "\(key).\($0)"), $0) < (line(of: "\(key).\($1)"), $1) }) {
            throw failure("\(key).\(first)", "unknown key \(quoted(first)) in \(key); allowed in a match: \(Match.keys.joined(separator: ", "))")
        }
        var match = Match()
        for field in Match.keys {
            guard let element = fields[field] else { continue }
            guard case .string(let glob) = element else {
                throw failure("\(key).\(field)", "\(key).\(field) must be a string, not \(element.typeName)")
            }
            guard !glob.isEmpty else { throw failure("\(key).\(field)", "\(key).\(field) must not be empty") }
            _ = match.set(field, to: glob)
        }
        if let source = match.source, !sourceIDs.isEmpty,
           !sourceIDs.contains(where: Glob(source).matches) {
            throw failure(
                "\(key).source",
                "\(key).source \(quoted(source)) matches no [[source]] id; ids: \(sourceIDs.joined(separator: ", "))"
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
