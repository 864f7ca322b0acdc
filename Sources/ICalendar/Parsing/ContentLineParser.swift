import Foundation

/// Reads RFC 5545 text into ``Component`` trees.
///
/// The reader is lenient where real producers are sloppy and strict where data would be lost:
/// it accepts a UTF-8 byte-order mark, CRLF or bare LF line ends, folding with a space or a tab,
/// blank lines, and (with a warning) Windows-1252 text; it reports every malformed line as a
/// ``Diagnostic`` with the line number in the original text and goes on reading: a misspelt
/// `END` ends the component it misspells, at any depth, and calendar components written with
/// no `VCALENDAR` around them are read as one calendar (with a warning). Input that is not
/// iCalendar at all — empty, binary, an HTML page, or cut off before its last `END` — throws
/// one ``ICalendarError``.
///
/// ```swift
/// let document = try ICalendarReader().read(fileAt: "Calendars/ntnu.ics")
/// print(document.calendars.count, document.diagnostics.count)
/// ```
public struct ICalendarReader: Sendable {
    /// Creates a reader.
    public init() {}

    /// Reads a file.
    ///
    /// - Throws: ``ICalendarError`` when the file cannot be opened or is not iCalendar.
    public func read(fileAt path: String) throws -> ICalendarDocument {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ICalendarError(file: path, message: "cannot read the file: \(SystemErrorReason.text(for: error))")
        }
        return try read(data, fileName: path)
    }

    /// Reads bytes. `fileName` names the input in diagnostics.
    ///
    /// - Complexity: O(*n*) in the size of the input.
    public func read(_ data: Data, fileName: String = "<input>") throws -> ICalendarDocument {
        try data.withUnsafeBytes { raw in
            try read(UnsafeBufferPointer(start: raw.bindMemory(to: UInt8.self).baseAddress, count: raw.count),
                     fileName: fileName)
        }
    }

    /// Reads a string. `fileName` names the input in diagnostics.
    public func read(_ text: String, fileName: String = "<input>") throws -> ICalendarDocument {
        try read(Data(text.utf8), fileName: fileName)
    }

    func read(_ input: UnsafeBufferPointer<UInt8>, fileName: String) throws -> ICalendarDocument {
        var diagnostics: [Diagnostic] = []
        var bytes = input
        // A UTF-8 byte-order mark.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            bytes = UnsafeBufferPointer(rebasing: bytes[3...])
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw ICalendarError(file: fileName, message: "the file is empty: an iCalendar file starts with BEGIN:VCALENDAR")
        }
        if bytes.contains(0) {
            throw ICalendarError(file: fileName, message: "this is a binary file, not iCalendar text (it contains NUL bytes)")
        }
        if !isValidUTF8(bytes) && !Self.isValidUTF8AfterUnfolding(bytes) {
            // Older Outlook exports and hand-edited files are sometimes Windows-1252.
            let decoded = Windows1252.decode(bytes)
            diagnostics.append(Diagnostic(severity: .warning, file: fileName, line: Self.firstInvalidUTF8Line(bytes),
                                          message: "the text is not valid UTF-8; read it as Windows-1252"))
            var utf8 = Array(decoded.utf8)
            return try utf8.withUnsafeMutableBufferPointer { buffer in
                var builder = TreeBuilder(fileName: fileName, diagnostics: diagnostics)
                try builder.parse(UnsafeBufferPointer(buffer))
                return try builder.finish()
            }
        }
        var builder = TreeBuilder(fileName: fileName, diagnostics: diagnostics)
        try builder.parse(bytes)
        return try builder.finish()
    }

    /// Some writers fold inside a multi-byte character (RFC 5545 §3.1 asks readers to restore
    /// the original sequence by unfolding), so a file whose bytes are only broken by folds is
    /// UTF-8 all the same.
    private static func isValidUTF8AfterUnfolding(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var unfolded: [UInt8] = []
        unfolded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D, index + 2 < bytes.count, bytes[index + 1] == 0x0A, bytes[index + 2] == 0x20 || bytes[index + 2] == 0x09 {
                index += 3
                continue
            }
            if byte == 0x0A, index + 1 < bytes.count, bytes[index + 1] == 0x20 || bytes[index + 1] == 0x09 {
                index += 2
                continue
            }
            unfolded.append(byte)
            index += 1
        }
        return unfolded.withUnsafeBufferPointer { isValidUTF8($0) }
    }

    private static func firstInvalidUTF8Line(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var line = 1
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            if !isValidUTF8(UnsafeBufferPointer(rebasing: bytes[start..<index])) { return line }
            line += 1
            start = index + 1
        }
        return line
    }
}

/// The result of reading one input: its calendars and every problem found.
public struct ICalendarDocument: Hashable, Sendable {
    /// The file name given to the reader.
    public var fileName: String
    /// The `VCALENDAR` components, in order (a file may hold several).
    public var calendars: [Component]
    /// Problems found, in line order.
    public var diagnostics: [Diagnostic]

    /// Creates a document.
    public init(fileName: String, calendars: [Component], diagnostics: [Diagnostic] = []) {
        self.fileName = fileName
        self.calendars = calendars
        self.diagnostics = diagnostics
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Splits unfolded content lines and builds the component tree.
struct TreeBuilder {
    /// The deepest nesting of components read.
    static let maximumDepth = 64
    let fileName: String
    var diagnostics: [Diagnostic]
    var calendars: [Component] = []
    private var stack: [Component] = []
    private var sawContent = false
    /// Whether `stack[0]` is a VCALENDAR the reader added around bare components.
    private var synthesizedOpen = false
    private var logical: [UInt8] = []
    private var logicalLine = 0

    init(fileName: String, diagnostics: [Diagnostic]) {
        self.fileName = fileName
        self.diagnostics = diagnostics
        logical.reserveCapacity(256)
    }

    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        var lineNumber = 0
        var index = 0
        let count = bytes.count
        while index < count {
            lineNumber += 1
            var end = index
            while end < count, bytes[end] != 0x0A { end += 1 }
            var stop = end
            if stop > index, bytes[stop - 1] == 0x0D { stop -= 1 }
            let first = index < stop ? bytes[index] : 0
            if (first == 0x20 || first == 0x09), logicalLine > 0 {
                // A folded continuation: drop the one leading white-space character.
                logical.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<stop]))
            } else {
                try flush()
                if stop > index {
                    logical.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<stop]))
                    logicalLine = lineNumber
                }
            }
            index = end + 1
        }
        try flush()
    }

    private mutating func flush() throws {
        guard logicalLine > 0 else { return }
        defer {
            logical.removeAll(keepingCapacity: true)
            logicalLine = 0
        }
        let line = logicalLine
        let parsed = logical.withUnsafeBufferPointer { ContentLine.parse($0) }
        switch parsed {
        case .failure(let reason):
            if !sawContent {
                throw notICalendar(line: line)
            }
            if logical.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            diagnostics.append(Diagnostic(severity: .error, file: fileName, line: line,
                                          message: "\(reason): \(Self.excerpt(logical)) — the line is skipped"))
        case .success(let content):
            for problem in content.problems {
                diagnostics.append(Diagnostic(severity: .error, file: fileName, line: line, property: content.name, message: problem))
            }
            try handle(content, line: line)
        }
    }

    private func notICalendar(line: Int) -> ICalendarError {
        let head = logical.prefix(80)
        let text = String(decoding: head, as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased()
        if text.hasPrefix("<!doctype html") || text.hasPrefix("<html") || text.hasPrefix("<head") || text.hasPrefix("<body") {
            return ICalendarError(file: fileName, line: line, message: "this is an HTML page, not an iCalendar file (a login or error page instead of the calendar?)")
        }
        if text.hasPrefix("<?xml") || text.hasPrefix("<") {
            return ICalendarError(file: fileName, line: line, message: "this is XML or HTML, not an iCalendar file")
        }
        if text.hasPrefix("{") || text.hasPrefix("[") {
            return ICalendarError(file: fileName, line: line, message: "this looks like JSON, not an iCalendar file")
        }
        return ICalendarError(file: fileName, line: line, message: "not an iCalendar file: it must start with BEGIN:VCALENDAR, found \"\(String(text.prefix(40)))\"")
    }

    private static func excerpt(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(60), as: UTF8.self)
        return "\"" + text + (bytes.count > 60 ? "…" : "") + "\""
    }

    private mutating func handle(_ content: ContentLine, line: Int) throws {
        if content.name == "BEGIN" {
            let name = ContentLine.normalizedName(content.value)
            if !sawContent && name != "VCALENDAR" && !BareComponents.isWrapped(name) {
                throw ICalendarError(file: fileName, line: line, message: "not an iCalendar file: it must start with BEGIN:VCALENDAR, found BEGIN:\(name)")
            }
            sawContent = true
            if name == "VCALENDAR", synthesizedOpen, stack.count == 1 {
                // A real calendar after a run of bare components ends the run.
                close()
            }
            if stack.isEmpty && name != "VCALENDAR" {
                if BareComponents.isWrapped(name) {
                    diagnostics.append(BareComponents.warning(file: fileName, line: line, name: name))
                    stack.append(Component(name: "VCALENDAR", line: line))
                    synthesizedOpen = true
                } else {
                    diagnostics.append(Diagnostic(severity: .error, file: fileName, line: line, property: "BEGIN",
                                                  message: "BEGIN:\(name) outside any VCALENDAR; the component is read as a calendar of its own"))
                }
            }
            // Real calendars nest three or four deep; a limit keeps a hostile file from
            // exhausting the stack of everything that walks the tree.
            guard stack.count < Self.maximumDepth else {
                throw ICalendarError(file: fileName, line: line, message: "components are nested more than \(Self.maximumDepth) deep (BEGIN:\(name)); this is not a calendar")
            }
            stack.append(Component(name: name, line: line))
            return
        }
        if !sawContent { throw notICalendar(line: line) }
        if content.name == "END" {
            let name = ContentLine.normalizedName(content.value)
            guard let depth = stack.lastIndex(where: { $0.name == name }) else {
                // An END that names no open component: a misspelling of the innermost one's
                // name (END:VTOOD for END:VTODO, END:VCALENDARX) ends it, at any depth, so
                // the rest of the file stays where it belongs; any other END is stray.
                if let open = stack.last, Self.couldBeMisspelt(name, for: open.name) {
                    diagnostics.append(Diagnostic(severity: .error, file: fileName, line: line, property: "END",
                                                  message: "END:\(name) does not match BEGIN:\(open.name) at line \(open.line); read as its end"))
                    close()
                } else {
                    diagnostics.append(Diagnostic(severity: .error, file: fileName, line: line, property: "END",
                                                  message: "END:\(name) has no matching BEGIN:\(name); the line is skipped"))
                }
                return
            }
            while stack.count > depth + 1 {
                let open = stack[stack.count - 1]
                diagnostics.append(Diagnostic(severity: .error, file: fileName, line: open.line, property: "BEGIN",
                                              message: "BEGIN:\(open.name) is never ended; it is closed at line \(line) by END:\(name)"))
                close()
            }
            close()
            return
        }
        guard !stack.isEmpty else {
            diagnostics.append(Diagnostic(severity: .error, file: fileName, line: line, property: content.name,
                                          message: "a property outside any component; the line is skipped"))
            return
        }
        stack[stack.count - 1].properties.append(
            Property(normalizedName: content.name, parameters: content.parameters, value: content.value, line: line))
    }

    /// Whether `written` could be a misspelling of `open`: at most two letters inserted,
    /// dropped, changed or swapped (optimal string alignment distance ≤ 2).
    ///
    /// - Complexity: O(*m* × *n*) in the lengths of the names (which are short).
    static func couldBeMisspelt(_ written: String, for open: String) -> Bool {
        let a = Array(written.utf8.prefix(64)), b = Array(open.utf8.prefix(64))
        guard abs(a.count - b.count) <= 2, !a.isEmpty, !b.isEmpty else { return false }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { best = min(best, before[j - 2] + 1) }
                current[j] = best
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count] <= 2
    }

    private mutating func close() {
        let done = stack.removeLast()
        if stack.isEmpty {
            synthesizedOpen = false
            calendars.append(done)
        } else {
            stack[stack.count - 1].components.append(done)
        }
    }

    mutating func finish() throws -> ICalendarDocument {
        if !sawContent {
            throw ICalendarError(file: fileName, message: "the file is empty: an iCalendar file starts with BEGIN:VCALENDAR")
        }
        if synthesizedOpen, stack.count == 1 {
            // The run of bare components lasts to the end of the file.
            close()
        }
        if let outermost = stack.first {
            // Inside a calendar the reader added, the outermost component the file wrote.
            let open = synthesizedOpen ? stack[1] : outermost
            let innermost = stack[stack.count - 1]
            throw ICalendarError(file: fileName, line: innermost.line,
                                 message: "the file ends before END:\(open.name) (BEGIN:\(innermost.name) at line \(innermost.line) is still open): it looks truncated")
        }
        var document = ICalendarDocument(fileName: fileName, calendars: calendars, diagnostics: diagnostics)
        Validator(fileName: fileName).validate(&document)
        document.diagnostics.sort { ($0.line, $0.severity == .error ? 0 : 1) < ($1.line, $1.severity == .error ? 0 : 1) }
        return document
    }
}

/// One unfolded content line split into name, parameters and value (RFC 5545 §3.1).
struct ContentLine {
    var name: String
    var parameters: [Parameter]
    var value: String
    /// What is wrong with a line that is read all the same (an unquoted parameter value
    /// with a double quote in it), one message each.
    var problems: [String] = []

    enum Result {
        case success(ContentLine)
        case failure(String)
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result {
        let count = bytes.count
        var index = 0
        // Name: letters, digits and dashes.
        while index < count, isNameByte(bytes[index]) { index += 1 }
        guard index > 0 else { return .failure("not a content line (it should start with a property name)") }
        guard index < count, bytes[index] == 0x3B || bytes[index] == 0x3A else {
            return .failure("not a content line (no ':' after the property name)")
        }
        let name = makeName(UnsafeBufferPointer(rebasing: bytes[0..<index]))
        var parameters: [Parameter] = []
        var problems: [String] = []
        while index < count, bytes[index] == 0x3B { // ';'
            index += 1
            let nameStart = index
            while index < count, isNameByte(bytes[index]) { index += 1 }
            guard index > nameStart, index < count, bytes[index] == 0x3D else { // '='
                return .failure("a parameter without a name or '=' in property \(name)")
            }
            let parameterName = makeName(UnsafeBufferPointer(rebasing: bytes[nameStart..<index]))
            index += 1
            var values: [String] = []
            while true {
                if index < count, bytes[index] == 0x22 { // quoted
                    let start = index + 1
                    index = start
                    while index < count, bytes[index] != 0x22 { index += 1 }
                    guard index < count else { return .failure("an unterminated quoted value in parameter \(parameterName)") }
                    values.append(decodeCaret(UnsafeBufferPointer(rebasing: bytes[start..<index])))
                    index += 1
                } else {
                    let start = index
                    var unsafe: UInt8?
                    while index < count, bytes[index] != 0x2C, bytes[index] != 0x3B, bytes[index] != 0x3A {
                        if unsafe == nil, !isParamTextByte(bytes[index]) { unsafe = bytes[index] }
                        index += 1
                    }
                    let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    if let unsafe { problems.append(unsafeParameterText(unsafe, parameter: parameterName, value: raw)) }
                    values.append(decodeCaret(raw))
                }
                if index < count, bytes[index] == 0x2C { index += 1; continue }
                break
            }
            parameters.append(Parameter(normalizedName: parameterName, values: values))
        }
        guard index < count, bytes[index] == 0x3A else {
            return .failure("not a content line (no ':' before the value of \(name))")
        }
        let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)...]), as: UTF8.self)
        return .success(ContentLine(name: name, parameters: parameters, value: value, problems: problems))
    }

    /// Whether a byte may stand in an unquoted parameter value besides the delimiters
    /// `;`, `:` and `,`: RFC 5545 §3.1 `SAFE-CHAR` excludes DQUOTE and the controls but HTAB.
    /// A bare CR is left to the validator, which reports it in any value.
    @inline(__always)
    static func isParamTextByte(_ byte: UInt8) -> Bool {
        byte >= 0x20 ? byte != 0x22 && byte != 0x7F : byte == 0x09 || byte == 0x0D
    }

    private static func unsafeParameterText(_ byte: UInt8, parameter: String, value: UnsafeBufferPointer<UInt8>) -> String {
        let hex = String(byte, radix: 16, uppercase: true)
        let what = byte == 0x22 ? "a double quote" : "the control character U+" + String(repeating: "0", count: 4 - hex.count) + hex
        let shown = String(decoding: value.prefix(60), as: UTF8.self).unicodeScalars
            .map { $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16, uppercase: true))}" : String($0) }.joined()
        return "parameter \(parameter)=\(shown)\(value.count > 60 ? "…" : ""): an unquoted parameter value may not contain \(what) (RFC 5545 §3.1 paramtext); "
            + (byte == 0x22 ? "quote the whole value and write ^' for a quote inside it (RFC 6868); " : "")
            + "the value is read as written"
    }

    /// A BEGIN or END value as a component name: trimmed and upper-cased.
    static func normalizedName(_ value: String) -> String {
        let trimmed = value.trimmedSpaces
        return trimmed.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) ? trimmed.uppercased() : trimmed
    }

    @inline(__always)
    static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
    }

    static func makeName(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if bytes.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) {
            return String(decoding: bytes.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// RFC 6868: `^n` newline, `^^` caret, `^'` double quote.
    static func decodeCaret(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(0x5E) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x5E, index + 1 < bytes.count {
                switch bytes[index + 1] {
                case 0x6E, 0x4E: out.append(0x0A); index += 2; continue
                case 0x5E: out.append(0x5E); index += 2; continue
                case 0x27: out.append(0x22); index += 2; continue
                default: break
                }
            }
            out.append(byte)
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
