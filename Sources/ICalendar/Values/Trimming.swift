extension StringProtocol where UTF8View: BidirectionalCollection {
    /// The text without leading and trailing spaces and tabs.
    ///
    /// Foundation's `trimmingCharacters(in:)` costs thousands of instructions a call; values
    /// almost never carry white space, so this checks the first and last bytes and returns
    /// the text as it is in the common case.
    ///
    /// - Complexity: O(1) when there is nothing to trim, O(*n*) otherwise.
    @inline(__always)
    var trimmedSpaces: String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return "" }
        if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 { return String(self) }
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, utf8[start] == 0x20 || utf8[start] == 0x09 { start = utf8.index(after: start) }
        while end > start {
            let before = utf8.index(before: end)
            guard utf8[before] == 0x20 || utf8[before] == 0x09 else { break }
            end = before
        }
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }
}

/// Whether bytes are valid UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF),
/// without building a string.
///
/// - Complexity: O(*n*), with a fast path over ASCII.
func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    let count = bytes.count
    while index < count {
        let byte = bytes[index]
        if byte < 0x80 { index += 1; continue }
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch byte {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return false
        }
        guard index + length <= count else { return false }
        let second = bytes[index + 1]
        guard second >= low && second <= high else { return false }
        var offset = 2
        while offset < length {
            let next = bytes[index + offset]
            guard next >= 0x80 && next <= 0xBF else { return false }
            offset += 1
        }
        index += length
    }
    return true
}

extension String {
    /// Whether any UTF-8 byte of the string passes `test`: a tight loop over the stored bytes,
    /// several times faster than iterating `utf8` generically on long values.
    @inline(__always)
    func containsByte(where test: (UInt8) -> Bool) -> Bool {
        var copy = self
        return copy.withUTF8 { $0.contains(where: test) }
    }
}
