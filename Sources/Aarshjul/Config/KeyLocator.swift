/// Finds the line of a table header or a key in TOML text.
///
/// TOMLKit gives line numbers only for syntax errors, so this scans the text itself, after
/// TOMLKit has accepted it. It tracks `[table]` and `[[array]]` headers (counting the
/// elements of each array of tables), `key = value` lines, dotted keys (`first.source = …`),
/// inline tables (`match = { source = "tk" }`) and values that span lines (arrays, multi-line
/// strings), and skips comments and string contents.
///
/// A location is a path of components: table and key names, with `"#n"` for the n-th
/// (0-based) element of an array, e.g. `["rule", "#2", "first", "source"]`.
///
/// - Complexity: O(n) in the length of the text to build; O(k) per lookup for a path of k
///   components.
struct KeyLocator: Sendable {
    private var lines: [[String]: Int] = [:]
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var arrayCounts: [[String]: Int] = [:]

    /// Scans `text`.
    init(text: String) {
        scalars = Array(text.unicodeScalars)
        scanDocument()
    }

    /// The line `path` was first seen on, or `nil`.
    func exactLine(of path: [String]) -> Int? { lines[path] }

    /// The line of `path`, or of its longest known prefix (the key's table), or 0.
    func line(of path: [String]) -> Int {
        var prefix = path
        while true {
            if let line = lines[prefix] { return line }
            if prefix.isEmpty { return 0 }
            prefix.removeLast()
        }
    }

    // MARK: Scanning

    private var atEnd: Bool { index >= scalars.count }
    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
    private func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func record(_ path: [String]) {
        if lines[path] == nil { lines[path] = line }
    }

    private mutating func advance() {
        if current == "\n" { line += 1 }
        index += 1
    }

    private mutating func skipBlanks() {
        while let scalar = current, scalar == " " || scalar == "\t" || scalar == "\r" { index += 1 }
    }

    /// Skips blanks, newlines and comments (inside arrays and inline tables).
    private mutating func skipSpaceAndComments() {
        while let scalar = current {
            if scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" {
                advance()
            } else if scalar == "#" {
                skipToEndOfLine()
            } else {
                return
            }
        }
    }

    private mutating func skipToEndOfLine() {
        while let scalar = current, scalar != "\n" { index += 1 }
    }

    private mutating func scanDocument() {
        var table: [String] = []
        while !atEnd {
            let start = index
            skipBlanks()
            guard let scalar = current else { break }
            switch scalar {
            case "\n":
                advance()
            case "#":
                skipToEndOfLine()
            case "[":
                if peek(1) == "[" {
                    index += 2
                    let keys = scanKeyPath()
                    let array = resolve(Array(keys.dropLast())) + keys.suffix(1)
                    let count = arrayCounts[array, default: 0]
                    arrayCounts[array] = count + 1
                    record(array)
                    table = array + ["#\(count)"]
                } else {
                    index += 1
                    table = resolve(scanKeyPath())
                }
                record(table)
                skipToEndOfLine()
            default:
                let keys = scanKeyPath()
                for count in keys.indices {
                    record(table + keys.prefix(count + 1))
                }
                skipBlanks()
                if current == "=" {
                    index += 1
                    scanValue(at: table + keys)
                }
                skipToEndOfLine()
            }
            if index == start { index += 1 }
        }
    }

    /// Maps header names to paths: a component that names an array of tables refers to its
    /// latest element (`[rule.first]` → `rule`, `#2`, `first`).
    private func resolve(_ keys: [String]) -> [String] {
        var path: [String] = []
        for key in keys {
            path.append(key)
            if let count = arrayCounts[path] { path.append("#\(count - 1)") }
        }
        return path
    }

    /// Reads `a.b."c d"` and stops before `=`, `]` or anything else.
    private mutating func scanKeyPath() -> [String] {
        var keys: [String] = []
        while true {
            skipBlanks()
            guard let scalar = current else { return keys }
            if scalar == "\"" || scalar == "'" {
                keys.append(scanQuotedKey(quote: scalar))
            } else {
                var key = String.UnicodeScalarView()
                while let next = current, isBareKeyScalar(next) {
                    key.append(next)
                    index += 1
                }
                if key.isEmpty { return keys }
                keys.append(String(key))
            }
            skipBlanks()
            guard current == "." else { return keys }
            index += 1
        }
    }

    private func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_": return true
        default: return false
        }
    }

    private mutating func scanQuotedKey(quote: Unicode.Scalar) -> String {
        index += 1
        var key = String.UnicodeScalarView()
        while let scalar = current, scalar != quote, scalar != "\n" {
            if quote == "\"", scalar == "\\", let escaped = peek(1) {
                key.append(escaped)
                index += 2
                continue
            }
            key.append(scalar)
            index += 1
        }
        if current == quote { index += 1 }
        return String(key)
    }

    private mutating func scanValue(at path: [String]) {
        skipBlanks()
        guard let scalar = current else { return }
        switch scalar {
        case "\"", "'":
            scanString(quote: scalar)
        case "{":
            index += 1
            while true {
                skipSpaceAndComments()
                guard let next = current else { return }
                if next == "}" { index += 1; return }
                if next == "," { index += 1; continue }
                let start = index
                let keys = scanKeyPath()
                for count in keys.indices {
                    record(path + keys.prefix(count + 1))
                }
                skipBlanks()
                if current == "=" {
                    index += 1
                    scanValue(at: path + keys)
                }
                if index == start { index += 1 }
            }
        case "[":
            index += 1
            var element = 0
            while true {
                skipSpaceAndComments()
                guard let next = current else { return }
                if next == "]" { index += 1; return }
                if next == "," { index += 1; continue }
                let start = index
                record(path + ["#\(element)"])
                scanValue(at: path + ["#\(element)"])
                element += 1
                if index == start { index += 1 }
            }
        default:
            while let next = current, next != ",", next != "]", next != "}", next != "\n", next != "#" {
                index += 1
            }
        }
    }

    /// Skips a basic, literal or multi-line string, counting the lines it spans.
    private mutating func scanString(quote: Unicode.Scalar) {
        let multiLine = peek(1) == quote && peek(2) == quote
        index += multiLine ? 3 : 1
        while let scalar = current {
            if quote == "\"", scalar == "\\" {
                advance()
                advance()
                continue
            }
            if scalar == quote {
                if !multiLine { index += 1; return }
                if peek(1) == quote, peek(2) == quote {
                    index += 3
                    // Up to two more quotes belong to the string (`""""` ends with one quote).
                    var extra = 0
                    while current == quote, extra < 2 { index += 1; extra += 1 }
                    return
                }
            }
            if scalar == "\n", !multiLine { return }
            advance()
        }
    }
}
