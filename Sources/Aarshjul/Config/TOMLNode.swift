import Synchronization
import TOMLKit

/// A TOML value copied out of TOMLKit into a plain Swift value, so that nothing outside this
/// file touches TOMLKit's reference types (which are neither `Sendable` nor value types).
enum TOMLNode: Hashable, Sendable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case date(year: Int, month: Int, day: Int)
    case time(String)
    case dateTime(String)
    case array([TOMLNode])
    case table([String: TOMLNode])

    /// The type's key in ``ConfigurationMessages/typeNames``: `string`, `integer`.
    var typeKey: String {
        switch self {
        case .string: return "string"
        case .integer: return "integer"
        case .float: return "float"
        case .boolean: return "boolean"
        case .date: return "date"
        case .time: return "time"
        case .dateTime: return "date-time"
        case .array: return "array"
        case .table: return "table"
        }
    }

    /// The value's type as messages name it (`a table`, `en tabell`).
    func typeName(in words: ConfigurationMessages) -> String {
        words.typeNames[typeKey] ?? typeKey
    }

    /// A syntax error, with TOMLKit's position.
    struct SyntaxError: Error, Hashable, Sendable {
        var line: Int
        var column: Int
        var detail: Detail

        /// What is wrong: TOMLKit's own text, or one of the problems found before TOMLKit sees
        /// the text (``TOMLNode/unreportableProblem(in:)``), whose words are in the table.
        enum Detail: Hashable, Sendable {
            /// TOMLKit's (toml++'s) reason, in English.
            case library(String)
            /// A table header that does not start with a key; the character found, or `nil`
            /// at the end of the line.
            case headerWithoutKey(String?)
            /// A closing bracket or brace that does not close the innermost open one.
            case cannotClose(String, inlineTable: Bool)
            /// A Unicode line or paragraph separator (or NEL).
            case lineSeparator
            /// A date-time whose `T` is not followed by a time.
            case dateTimeWithoutTime
            /// A date followed by a space and a single digit, not a whole time.
            case dateThenPartOfATime
        }

        init(line: Int, column: Int, detail: Detail) {
            self.line = line
            self.column = column
            self.detail = detail
        }

        /// The reason in a language's words.
        func reason(in words: ConfigurationMessages) -> String {
            switch detail {
            case .library(let text): return text
            case .headerWithoutKey(let shown?): return words.headerWithoutKey("'\(shown)'")
            case .headerWithoutKey(nil): return words.headerWithoutKey(words.endOfLine)
            case .cannotClose(let character, inlineTable: false): return words.cannotCloseArray("'\(character)'", "']'")
            case .cannotClose(let character, inlineTable: true): return words.cannotCloseInlineTable("'\(character)'", "'}'")
            case .lineSeparator: return words.lineSeparator
            case .dateTimeWithoutTime: return words.dateTimeWithoutTime
            case .dateThenPartOfATime: return words.dateThenPartOfATime
            }
        }

        /// The reason in English.
        var reason: String { reason(in: .en) }
    }

    /// Parses a TOML document into its root table.
    ///
    /// The result for each of the last few texts is kept (``ParsedDocuments``), and the same
    /// text again is not given to TOMLKit: TOMLKit 0.6 leaks what its accessors copy out of
    /// toml++ (every string value and every table's keys: LeakSanitizer counted 77,361 bytes
    /// for one parse of the bundled `aarshjul.toml`), and `serve` reads its configuration
    /// again at every sync.
    ///
    /// - Parameter documents: where the results are kept (tests give their own).
    /// - Throws: ``SyntaxError`` with TOMLKit's (toml++'s) line, column and reason.
    /// - Complexity: O(n) in the length of the text.
    static func parseDocument(_ text: String, keptIn documents: ParsedDocuments = .shared) throws(SyntaxError) -> [String: TOMLNode] {
        if let kept = documents.result(for: text) { return try kept.get() }
        let result: Result<[String: TOMLNode], SyntaxError>
        do {
            result = .success(try parseWithTOMLKit(text))
        } catch {
            result = .failure(error)
        }
        documents.keep(result, for: text)
        return try result.get()
    }

    /// Parses a TOML document with TOMLKit, after the checks for what toml++ cannot report.
    private static func parseWithTOMLKit(_ text: String) throws(SyntaxError) -> [String: TOMLNode] {
        if let problem = unreportableProblem(in: text) { throw problem }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw SyntaxError(line: error.source.begin.line, column: error.source.begin.column, detail: .library(error.description))
        } catch {
            throw SyntaxError(line: 0, column: 0, detail: .library(String(describing: error)))
        }
        return convert(table)
    }

    /// The first place where toml++ 3.4 (inside TOMLKit) would assert instead of reporting a
    /// syntax error, as a syntax error: a table header whose name starts with a character that
    /// cannot start a key (`[%cycle]`, `[[ =source]]`), a date-time whose `T` is not followed by
    /// a digit (`2027-05-18T'0:00`), a date-like value followed by a space and one digit alone
    /// (`2027-05-18 1`, `20=7-05-1= 2#`), an array or inline table closed by the other bracket
    /// (`x = [\n}`), and a Unicode line separator (U+0085, U+2028, U+2029) outside strings and
    /// comments.
    ///
    /// An assertion aborts the whole process, so the text is scanned first, just far enough to
    /// know where statements and values start: strings (with their escapes, and the multi-line
    /// forms) and comments are stepped over, and the arrays and inline tables of values are kept
    /// on a stack; a `[` that starts a statement opens a header. Each case here was found by
    /// `Scripts/fuzz --target fuzz-config` and has a fixture in `Fixtures/fuzz/`.
    ///
    /// - Complexity: O(n) in the length of the text.
    static func unreportableProblem(in text: String) -> SyntaxError? {
        let bytes = Array(text.utf8)
        let count = bytes.count
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var lineStart = index
        var open: [UInt8] = [] // the `[` and `{` of values not closed yet, innermost last
        var statementStart = true
        var inValue = false // after `=`, or inside an array
        while index < count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                lineStart = index + 1
                if open.isEmpty {
                    statementStart = true
                    inValue = false
                }
                index += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "#"):
                while index < count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                statementStart = false
                let triple = index + 2 < count && bytes[index + 1] == byte && bytes[index + 2] == byte
                index += triple ? 3 : 1
                while index < count {
                    let current = bytes[index]
                    if current == UInt8(ascii: "\\"), byte == UInt8(ascii: "\"") {
                        if index + 1 < count, bytes[index + 1] == UInt8(ascii: "\n") {
                            line += 1
                            lineStart = index + 2
                        }
                        index += 2
                        continue
                    }
                    if current == UInt8(ascii: "\n") {
                        if !triple { break } // an unterminated string; toml++ reports it
                        line += 1
                        lineStart = index + 1
                    }
                    index += 1
                    if current == byte, !triple || (index + 1 < count && bytes[index] == byte && bytes[index + 1] == byte) {
                        if triple { index += 2 }
                        break
                    }
                }
            case UInt8(ascii: "[") where statementStart && open.isEmpty:
                statementStart = false
                var first = index + 1
                if first < count, bytes[first] == UInt8(ascii: "[") { first += 1 }
                while first < count, bytes[first] == UInt8(ascii: " ") || bytes[first] == UInt8(ascii: "\t") { first += 1 }
                if first >= count || !startsKey(bytes[first]) {
                    let shown = first < count ? String(decoding: bytes[first..<min(count, first + 1)], as: UTF8.self) : ""
                    let atEnd = first >= count || bytes[first] == UInt8(ascii: "\n") || bytes[first] == UInt8(ascii: "\r")
                    return SyntaxError(line: line, column: first - lineStart + 1, detail: .headerWithoutKey(atEnd ? nil : shown))
                }
                index = first
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                statementStart = false
                open.append(byte)
                index += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                let opener = byte == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{")
                if let innermost = open.last, innermost != opener {
                    return SyntaxError(line: line, column: index - lineStart + 1,
                                       detail: .cannotClose(String(Character(Unicode.Scalar(byte))), inlineTable: innermost != UInt8(ascii: "[")))
                }
                if !open.isEmpty { open.removeLast() }
                index += 1
            case 0xC2 where index + 1 < count && bytes[index + 1] == 0x85,
                 0xE2 where index + 2 < count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                return SyntaxError(line: line, column: index - lineStart + 1, detail: .lineSeparator)
            case UInt8(ascii: "="):
                statementStart = false
                inValue = true
                index += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9") where (inValue || !open.isEmpty) && startsToken(bytes, at: index):
                statementStart = false
                // toml++ also asserts when a date-time's `T` is not followed by a digit.
                if let after = dateThenT(bytes, at: index), after >= count || !isDigit(bytes[after]) {
                    return SyntaxError(line: line, column: after - lineStart + 1, detail: .dateTimeWithoutTime)
                }
                if let digit = dateThenOneDigit(bytes, at: index) {
                    return SyntaxError(line: line, column: digit - lineStart + 1, detail: .dateThenPartOfATime)
                }
                index += 1
            default:
                statementStart = false
                index += 1
            }
        }
        return nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Whether a value token starts at `index` (not the middle of a number or name).
    private static func startsToken(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index > 0 else { return true }
        let previous = bytes[index - 1]
        return !(startsKey(previous) || previous == UInt8(ascii: ".") || previous == UInt8(ascii: ":")
            || previous == UInt8(ascii: "+"))
    }

    /// The index after `YYYY-MM-DDT` (or `t`) at `index`, if that is what starts there.
    private static func dateThenT(_ bytes: [UInt8], at index: Int) -> Int? {
        guard index + 10 < bytes.count else { return nil }
        let shape = Array("dddd-dd-ddT".utf8)
        for (offset, expected) in shape.enumerated() {
            let byte = bytes[index + offset]
            switch expected {
            case UInt8(ascii: "d"): if !isDigit(byte) { return nil }
            case UInt8(ascii: "T"): if byte != UInt8(ascii: "T") && byte != UInt8(ascii: "t") { return nil }
            default: if byte != expected { return nil }
            }
        }
        return index + 11
    }

    /// The index of the digit, if a date-like value starts at `index` and is followed by a space
    /// and one digit alone: `2027-05-18 1`.
    ///
    /// toml++ takes a ten-character value with `-` as its fifth and eighth character (underscores
    /// not counted) and a space and a digit after it for a date-time with a space for its `T`,
    /// and asserts when a value terminator follows that digit. A time needs two digits for its
    /// hour, so nothing of this shape is valid TOML: it is refused whatever follows the digit,
    /// other than a second digit.
    private static func dateThenOneDigit(_ bytes: [UInt8], at index: Int) -> Int? {
        var characters: [Unicode.Scalar] = []
        var position = index
        while position < bytes.count, characters.count <= 10 {
            guard let (scalar, length) = scalar(in: bytes, at: position), !isValueTerminator(scalar) else { break }
            if scalar != "_" { characters.append(scalar) }
            position += length
        }
        guard characters.count == 10, characters[4] == "-", characters[7] == "-",
              position + 1 < bytes.count, bytes[position] == UInt8(ascii: " "), isDigit(bytes[position + 1])
        else { return nil }
        let after = position + 2
        if after < bytes.count, isDigit(bytes[after]) { return nil }
        return position + 1
    }

    /// The Unicode scalar whose UTF-8 encoding starts at `index`, and its length in bytes.
    private static func scalar(in bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
        var iterator = bytes[index...].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return nil }
        return (scalar, UTF8.width(scalar))
    }

    /// Whether toml++ ends a value at this character: whitespace (its list, which includes
    /// U+FEFF and U+180E), `]`, `}`, `,` or `#`.
    private static func isValueTerminator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A...0x0D, 0x20, 0x5D, 0x7D, 0x2C, 0x23,
             0x85, 0xA0, 0x1680, 0x180E, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x2060, 0x3000, 0xFEFF:
            return true
        default:
            return false
        }
    }

    /// Whether toml++ can start a key with this byte: a bare-key character or a quote.
    private static func startsKey(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "\""), UInt8(ascii: "'"):
            return true
        default:
            return false
        }
    }

    private static func convert(_ table: TOMLTable) -> [String: TOMLNode] {
        var result: [String: TOMLNode] = [:]
        for (key, value) in table {
            result[key] = convert(value)
        }
        return result
    }

    private static func convert(_ value: TOMLValueConvertible) -> TOMLNode {
        switch value.type {
        case .string:
            return .string(value.string ?? "")
        case .int:
            return .integer(value.int ?? 0)
        case .double:
            return .float(value.double ?? 0)
        case .bool:
            return .boolean(value.bool ?? false)
        case .date:
            guard let date = value.date else { return .date(year: 0, month: 0, day: 0) }
            return .date(year: date.year, month: date.month, day: date.day)
        case .time:
            return .time(value.time.map { String(describing: $0) } ?? "")
        case .dateTime:
            return .dateTime(value.dateTime.map { String(describing: $0) } ?? "")
        case .array:
            guard let array = value.array else { return .array([]) }
            return .array(array.map { convert($0) })
        case .table:
            guard let table = value.table else { return .table([:]) }
            return .table(convert(table))
        }
    }
}

/// The parsed trees of the last few TOML texts, newest last, so that the same text is parsed
/// by TOMLKit once per process (see ``TOMLNode/parseDocument(_:keptIn:)``). Texts are the same
/// when their UTF-8 bytes are: `String`'s `==` takes canonically equivalent texts for equal
/// (a KELVIN SIGN and a K), and TOML does not.
final class ParsedDocuments: Sendable {
    static let shared = ParsedDocuments(capacity: 8)

    private struct Entry {
        var text: String
        var result: Result<[String: TOMLNode], TOMLNode.SyntaxError>
        var hits: Int
    }

    private let capacity: Int
    private let entries = Mutex<[Entry]>([])

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The kept result for `text`, if any (it becomes the newest).
    func result(for text: String) -> Result<[String: TOMLNode], TOMLNode.SyntaxError>? {
        entries.withLock { entries in
            guard let index = entries.firstIndex(where: { $0.text.utf8.elementsEqual(text.utf8) }) else { return nil }
            var entry = entries.remove(at: index)
            entry.hits += 1
            entries.append(entry)
            return entry.result
        }
    }

    /// Keeps `result` for `text`, dropping the oldest beyond the capacity.
    func keep(_ result: Result<[String: TOMLNode], TOMLNode.SyntaxError>, for text: String) {
        entries.withLock { entries in
            entries.removeAll { $0.text.utf8.elementsEqual(text.utf8) }
            entries.append(Entry(text: text, result: result, hits: 0))
            if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
        }
    }

    /// How many times the kept result for `text` was used instead of parsing it again.
    func hits(for text: String) -> Int? {
        entries.withLock { entries in entries.first { $0.text.utf8.elementsEqual(text.utf8) }?.hits }
    }
}
