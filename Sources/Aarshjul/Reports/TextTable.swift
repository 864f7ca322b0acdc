import Foundation

/// Plain text tables and CSV fields.
public enum TextTable {
    /// Columns padded to their widest cell. When the table is wider than `width`, the wider
    /// of the other columns are cut (with `…`) down to 12 characters, and the last column
    /// wraps onto continuation lines rather than losing words.
    ///
    /// - Complexity: O(*n*) in the total length of the cells.
    public static func render(headers: [String], rows: [[String]], width: Int = 80) -> String {
        var widths = headers.map { $0.count }
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cellWidth(cell))
            }
        }
        let layout = Layout(headers: headers, widths: widths, width: width)
        var bytes: [UInt8] = []
        layout.appendHeader(to: &bytes)
        for row in rows { layout.append(row, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The width of a cell in characters (grapheme clusters), as `String.count` gives it;
    /// counted from the bytes when each scalar is a character of its own (`simpleWidth(_:)`).
    ///
    /// - Complexity: O(*n*) in the length of the text.
    public static func cellWidth(_ text: String) -> Int {
        simpleWidth(text) ?? text.count
    }

    /// The number of scalars when each is a character of its own in every measure used here
    /// (grapheme clusters, UTF-16 units) and none is a line break; `nil` otherwise. Accepted:
    /// scalars below U+0300 (where combining marks begin) but CR and LF (CR LF is one character,
    /// and line breaks are replaced before padding), the dashes, quotes, bullets and ellipsis
    /// of U+2010–U+2027, and box drawing (U+2500–U+257F): none of them joins a neighbour.
    static func simpleWidth(_ text: String) -> Int? {
        let counted = text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            var scalars = 0
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if byte == 0x0A || byte == 0x0D { return nil }
                    index += 1
                } else if byte < 0xCC {
                    // Lead bytes 0xC2–0xCB start U+0080–U+02FF.
                    index += 2
                } else if byte == 0xE2, index + 2 < count {
                    let second = bytes[index + 1], third = bytes[index + 2]
                    let punctuation = second == 0x80 && (0x90...0xA7).contains(third)  // U+2010–U+2027
                    let boxDrawing = second == 0x94 || second == 0x95                      // U+2500–U+257F
                    guard punctuation || boxDrawing else { return nil }
                    index += 3
                } else {
                    return nil
                }
                scalars += 1
            }
            return scalars
        }
        return counted ?? nil
    }

    /// Column widths fitted to a total width, and the lines of each row.
    ///
    /// ``TextTable/render(headers:rows:width:)`` is this over rows held in memory; a caller
    /// with many rows can measure them (``TextTable/cellWidth(_:)``), make the layout and then
    /// write the rows one by one.
    public struct Layout: Sendable {
        /// The headers.
        public let headers: [String]
        /// The widths of the columns after fitting.
        public let widths: [Int]
        /// The total width aimed at.
        public let width: Int
        private static let separator = 2

        /// Fits columns whose widest cells (headers included) are `widths` into `width`: the
        /// last column (it wraps) is narrowed to 24, then the widest of the others is cut down to
        /// 8, then the last column goes below 24.
        public init(headers: [String], widths natural: [Int], width: Int = 80) {
            var widths = natural
            let last = widths.count - 1
            let minimumLast = 24
            func total() -> Int { widths.reduce(0, +) + Self.separator * last }
            while total() > width {
                if widths[last] > minimumLast {
                    widths[last] = max(minimumLast, widths[last] - (total() - width))
                } else if let widest = widths[..<last].indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 8 {
                    widths[widest] -= 1
                } else if widths[last] > 8 {
                    widths[last] -= 1
                } else {
                    break
                }
            }
            self.headers = headers
            self.widths = widths
            self.width = width
        }

        /// Appends the headers and the rule under them.
        public func appendHeader(to bytes: inout [UInt8]) {
            append(headers, to: &bytes)
            append(widths.map { String(repeating: "─", count: $0) }, to: &bytes)
        }

        /// Appends a row's lines, each ending in a newline.
        public func append(_ cells: [String], to bytes: inout [UInt8]) {
            if !appendSimple(cells, to: &bytes) {
                bytes.append(contentsOf: lines(cells).joined(separator: "\n").utf8)
                bytes.append(0x0A)
            }
        }

        /// A row's lines by the general rules (characters, line breaks replaced).
        func lines(_ cells: [String]) -> [String] {
            let last = widths.count - 1
            var prefix = ""
            for (index, cell) in cells.enumerated() where index < last {
                var text = cell.replacingOccurrences(of: "\n", with: " ")
                if text.count > widths[index] { text = String(text.prefix(max(1, widths[index] - 1))) + "…" }
                prefix += text.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                    + String(repeating: " ", count: Self.separator)
            }
            let indent = String(repeating: " ", count: prefix.count)
            let wrapped = TextTable.wrap(cells.count > last ? cells[last].replacingOccurrences(of: "\n", with: " ") : "",
                                         width: max(widths[last], width - prefix.count))
            return wrapped.enumerated().map { index, text in
                var line = (index == 0 ? prefix : indent) + text
                while line.hasSuffix(" ") { line.removeLast() }
                return line
            }
        }

        /// The same lines as ``lines(_:)`` for a row whose cells are all simple
        /// (``TextTable/simpleWidth(_:)``), made from scalars; false (nothing appended) for
        /// any other row.
        func appendSimple(_ cells: [String], to bytes: inout [UInt8]) -> Bool {
            let last = widths.count - 1
            guard cells.count > last, cells.allSatisfy({ TextTable.simpleWidth($0) != nil }) else { return false }
            var prefix: [Unicode.Scalar] = []
            for index in 0..<last {
                var text = Array(cells[index].unicodeScalars)
                let columnWidth = widths[index]
                if text.count > columnWidth {
                    text = Array(text.prefix(max(1, columnWidth - 1))) + ["…"]
                }
                // NSString padding: cut to the width, or filled with spaces up to it.
                if text.count > columnWidth { text.removeLast(text.count - columnWidth) }
                prefix += text
                prefix += repeatElement(" ", count: columnWidth - text.count + Self.separator)
            }
            let wrapped = TextTable.wrapScalars(Array(cells[last].unicodeScalars), width: max(widths[last], width - prefix.count))
            for (index, text) in wrapped.enumerated() {
                var line = index == 0 ? prefix : Array(repeating: " ", count: prefix.count)
                line += text
                while line.last == " " { line.removeLast() }
                for scalar in line { UTF8.encode(scalar) { bytes.append($0) } }
                bytes.append(0x0A)
            }
            return true
        }
    }

    /// Splits text into lines of at most `width` characters at spaces (a longer word is cut).
    static func wrap(_ text: String, width: Int) -> [String] {
        guard text.count > width else { return [text] }
        var result: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            while word.count > width {
                if !line.isEmpty { result.append(line); line = "" }
                result.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                result.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { result.append(line) }
        return result
    }

    /// ``wrap(_:width:)`` for text whose scalars are its characters.
    static func wrapScalars(_ text: [Unicode.Scalar], width: Int) -> [[Unicode.Scalar]] {
        guard text.count > width else { return [text] }
        var result: [[Unicode.Scalar]] = []
        var line: [Unicode.Scalar] = []
        for whole in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = whole[...]
            while word.count > width {
                if !line.isEmpty { result.append(line); line = [] }
                result.append(Array(word.prefix(width)))
                word = word.dropFirst(width)
            }
            if line.isEmpty {
                line = Array(word)
            } else if line.count + 1 + word.count <= width {
                line.append(" ")
                line += word
            } else {
                result.append(line)
                line = Array(word)
            }
        }
        if !line.isEmpty { result.append(line) }
        return result
    }

    /// An RFC 4180 field.
    public static func csvField(_ text: String) -> String {
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }
}
