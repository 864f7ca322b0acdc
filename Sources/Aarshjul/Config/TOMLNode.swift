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

    /// The type with its article, for messages: "a string", "an integer".
    var typeName: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .float: return "a float"
        case .boolean: return "a boolean"
        case .date: return "a date"
        case .time: return "a time"
        case .dateTime: return "a date-time"
        case .array: return "an array"
        case .table: return "a table"
        }
    }

    /// A syntax error, with TOMLKit's position.
    struct SyntaxError: Error, Hashable, Sendable {
        var line: Int
        var column: Int
        var reason: String
    }

    /// Parses a TOML document into its root table.
    ///
    /// - Throws: ``SyntaxError`` with TOMLKit's (toml++'s) line, column and reason.
    /// - Complexity: O(n) in the length of the text.
    static func parseDocument(_ text: String) throws(SyntaxError) -> [String: TOMLNode] {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw SyntaxError(line: error.source.begin.line, column: error.source.begin.column, reason: error.description)
        } catch {
            throw SyntaxError(line: 0, column: 0, reason: String(describing: error))
        }
        return convert(table)
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
