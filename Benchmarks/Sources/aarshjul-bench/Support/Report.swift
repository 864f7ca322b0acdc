import Foundation
import ICalendar

/// Every figure of one `run`, printed as a table and as one JSON line.
///
/// Times are medians of the repeats in seconds; memory in KiB; rates in MB/s of 10⁶ bytes.
/// Ratios compare figures measured in the same run.
struct Report: Codable {
    struct Targets: Codable {
        /// Our read ≤ this × libical's bare parse.
        var readRatioAtMost = 1.3
        /// Oracle time ≥ this × ours.
        var oracleSpeedupAtLeast = 20.0
        /// Swift tree peak / libical tree peak below this.
        var memoryRatioBelow = 1.0
    }

    var file: String
    /// `git describe --always --dirty` of the package when the run started.
    var revision: String?
    var fileBytes: Int
    var vevents: Int
    var libicalVevents: Int
    var diagnosticsErrors: Int
    var libicalErrors: Int
    var repeats: Int
    var windowFrom: String
    var windowTo: String
    var targets = Targets()

    var libicalParseSeconds = 0.0
    var readSeconds = 0.0
    /// The median of each repeat's read / libical parse.
    var readRatio = 0.0
    /// readSeconds / libicalParseSeconds (medians taken apart).
    var readRatioOfMedians = 0.0
    /// The same pairs in thread CPU time: steadier on a loaded machine (not the target).
    var readCPURatio = 0.0
    var libicalParseCPUSeconds = 0.0
    var readCPUSeconds = 0.0
    var expandCPUSeconds = 0.0
    var writeCPUSeconds = 0.0
    var readMeetsTarget = false

    var expandSeconds = 0.0
    var occurrences = 0
    var readExpandSeconds = 0.0

    var oracleRuns = 0
    var oracleSeconds: Double?
    var oracleOccurrences: Int?
    var oracleParseSeconds: Double?
    /// Occurrences (uid, start, end, summary) that differ from the oracle's: only ours plus
    /// only the oracle's.
    var oracleMismatches: Int?
    var oracleOnlyOurs: Int?
    var oracleOnlyOracle: Int?
    var oracleExpandSeconds: Double?
    var speedupExpandVsOracleTotal: Double?
    var speedupExpandVsOracleExpand: Double?
    var speedupReadExpandVsOracleTotal: Double?
    var speedupMeetsTarget: Bool?

    var writeSeconds = 0.0
    var writeBytes = 0
    var writeMBps = 0.0
    var libicalSerializeSeconds = 0.0
    var libicalSerializeBytes = 0
    var libicalSerializeMBps = 0.0

    var peakFileOnlyKiB: Int?
    var peakLibicalKiB: Int?
    var peakSwiftKiB: Int?
    var treeLibicalKiB: Int?
    var treeSwiftKiB: Int?
    var memoryRatio: Double?
    var treeMemoryRatio: Double?
    var memoryMeetsTarget: Bool?

    /// The 1-minute load average before and after the run, and the cores, to judge noise.
    var loadAverageBefore: Double?
    var loadAverageAfter: Double?
    var cores = ProcessInfo.processInfo.activeProcessorCount

    /// Every sample, by figure, in run order.
    var samples: [String: [Double]] = [:]

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    func table() -> String {
        var rows: [[String]] = []
        func mark(_ ok: Bool?) -> String { ok.map { $0 ? "yes" : "NO" } ?? "" }
        rows.append(["libical parse (baseline)", Format.seconds(libicalParseSeconds), "1.00× baseline", "", ""])
        rows.append(["ICalendarReader.read", Format.seconds(readSeconds),
                     Format.ratio(readRatio) + " baseline (ratio of medians " + Format.ratio(readRatioOfMedians)
                         + ", CPU time " + Format.ratio(readCPURatio) + ")",
                     "≤ " + Format.ratio(targets.readRatioAtMost), mark(readMeetsTarget)])
        rows.append(["expand \(windowFrom)..\(windowTo)", Format.seconds(expandSeconds), Format.count(occurrences) + " occurrences", "", ""])
        rows.append(["read + expand", Format.seconds(readExpandSeconds), "", "", ""])
        if let oracleSeconds {
            var detail = (oracleOccurrences.map { Format.count($0) + " occurrences" } ?? "")
            if let mismatches = oracleMismatches {
                detail += mismatches == 0 ? ", same as ours" : ", \(Format.count(mismatches)) differ from ours (\(oracleOnlyOurs ?? 0) only ours, \(oracleOnlyOracle ?? 0) only oracle)"
            }
            rows.append(["oracle expand, own parse incl.", Format.seconds(oracleSeconds), detail, "", ""])
            if let oracleParseSeconds {
                rows.append(["  oracle parse only", Format.seconds(oracleParseSeconds), "icalendar.Calendar.from_ical", "", ""])
            }
            if let speedup = speedupExpandVsOracleTotal {
                rows.append(["  expand vs oracle total", "", Format.ratio(speedup) + " faster", "", ""])
            }
            if let speedup = speedupExpandVsOracleExpand {
                rows.append(["  expand vs oracle total − parse", "", Format.ratio(speedup) + " faster", "≥ " + Format.ratio(targets.oracleSpeedupAtLeast), mark(speedup >= targets.oracleSpeedupAtLeast)])
            }
            if let speedup = speedupReadExpandVsOracleTotal {
                rows.append(["  read+expand vs oracle total", "", Format.ratio(speedup) + " faster", "≥ " + Format.ratio(targets.oracleSpeedupAtLeast), mark(speedupMeetsTarget)])
            }
        } else {
            rows.append(["oracle", "skipped", "", "", ""])
        }
        rows.append(["ICalendarWriter.bytes", Format.seconds(writeSeconds),
                     String(format: "%.1f MB/s", writeMBps) + " (" + Format.megabytes(writeBytes) + ")", "", ""])
        rows.append(["libical as_ical_string_r (info)", Format.seconds(libicalSerializeSeconds),
                     String(format: "%.1f MB/s", libicalSerializeMBps) + " (" + Format.megabytes(libicalSerializeBytes) + ")", "", ""])
        if let peakLibicalKiB, let peakSwiftKiB {
            let floor = peakFileOnlyKiB.map { " (file only \(Format.megabytes($0 * 1024)))" } ?? ""
            rows.append(["peak RSS, libical tree", Format.megabytes(peakLibicalKiB * 1024),
                         treeLibicalKiB.map { "tree ≈ " + Format.megabytes($0 * 1024) } ?? "", "", ""])
            rows.append(["peak RSS, Swift tree", Format.megabytes(peakSwiftKiB * 1024),
                         (treeSwiftKiB.map { "tree ≈ " + Format.megabytes($0 * 1024) + ", " } ?? "")
                             + Format.ratio(memoryRatio ?? 0) + " libical" + floor,
                         "< 1.00×", mark(memoryMeetsTarget)])
        } else {
            rows.append(["peak memory", "skipped", "", "", ""])
        }

        let headers = ["figure", "median", "detail", "target", "met"]
        let all = [headers] + rows
        let widths = (0..<headers.count).map { column in all.map { $0[column].count }.max() ?? 0 }
        func render(_ row: [String]) -> String {
            row.enumerated().map { column, text in
                let padding = String(repeating: " ", count: widths[column] - text.count)
                return column == 1 ? padding + text : text + padding
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = (revision.map { "Aarshjul \($0); " } ?? "") + "\(file): \(Format.megabytes(fileBytes)), \(Format.count(vevents)) VEVENTs; medians of \(repeats) repeat(s)"
        if oracleRuns > 0 { out += ", oracle \(oracleRuns) run(s)" }
        if let loadAverageBefore, let loadAverageAfter {
            out += String(format: "; load %.1f → %.1f on %d cores", loadAverageBefore, loadAverageAfter, cores)
        }
        out += "\n" + render(headers) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += render(row) + "\n" }
        return out
    }
}
