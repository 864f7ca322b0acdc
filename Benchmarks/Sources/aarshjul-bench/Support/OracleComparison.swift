import Foundation
import ICalendar

/// Compares our occurrences with the oracle's JSON lines, so a fast expansion that is wrong
/// does not pass unnoticed. Rows are compared as the conformance run does: uid, start, end
/// and summary in the oracle's normalised form.
struct OracleComparison {
    struct Row: Codable, Comparable, CustomStringConvertible {
        var start: String
        var uid: String
        var end: String
        var summary: String

        static func < (lhs: Row, rhs: Row) -> Bool {
            (lhs.start, lhs.uid, lhs.end, lhs.summary) < (rhs.start, rhs.uid, rhs.end, rhs.summary)
        }

        var description: String { "\(start) → \(end) \(uid) \"\(summary)\"" }
    }

    /// Rows only we produced, and rows only the oracle produced.
    var onlyOurs: [Row] = []
    var onlyOracle: [Row] = []

    var mismatches: Int { onlyOurs.count + onlyOracle.count }

    init(ours occurrences: [Occurrence], oracleFile: String) throws {
        let ours = occurrences.map { Row(start: $0.normalizedStart, uid: $0.uid, end: $0.normalizedEnd, summary: $0.summary) }.sorted()
        let decoder = JSONDecoder()
        var theirs: [Row] = []
        let text = try String(contentsOfFile: oracleFile, encoding: .utf8)
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            theirs.append(try decoder.decode(Row.self, from: Data(line.utf8)))
        }
        theirs.sort()
        var i = 0
        var j = 0
        while i < ours.count || j < theirs.count {
            if j == theirs.count || (i < ours.count && ours[i] < theirs[j]) {
                onlyOurs.append(ours[i]); i += 1
            } else if i == ours.count || theirs[j] < ours[i] {
                onlyOracle.append(theirs[j]); j += 1
            } else {
                i += 1; j += 1
            }
        }
    }
}
