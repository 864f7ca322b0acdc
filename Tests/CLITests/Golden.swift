import Foundation
import Testing

/// Golden files under `Fixtures/golden/`, compared byte for byte.
///
/// Run with `AARSHJUL_UPDATE_GOLDEN=1` to write the actual output into the golden files instead
/// of comparing (the test then records an issue per rewritten file, so an update run never passes
/// silently). Review the diff (`git diff Fixtures/golden`) before keeping it: several tests also
/// check the numbers independently of the goldens (the planted clashes of `Calendars/README.md`).
enum Golden {
    static var isUpdating: Bool {
        ProcessInfo.processInfo.environment["AARSHJUL_UPDATE_GOLDEN"] == "1"
    }

    static func url(_ name: String) -> URL {
        CLI.file("Fixtures/golden/\(name)")
    }

    /// Compares `actual` with `Fixtures/golden/<name>`, or writes it there when updating.
    static func check(_ actual: Data, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = url(name)
        if isUpdating {
            let old = try? Data(contentsOf: url)
            if old != actual {
                do {
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try actual.write(to: url, options: .atomic)
                    Issue.record("updated golden file Fixtures/golden/\(name); review it with git diff", sourceLocation: sourceLocation)
                } catch {
                    Issue.record("cannot write golden file \(url.path): \(error)", sourceLocation: sourceLocation)
                }
            }
            return
        }
        guard let expected = try? Data(contentsOf: url) else {
            Issue.record("""
                missing golden file Fixtures/golden/\(name); run the tests with AARSHJUL_UPDATE_GOLDEN=1 \
                to write it, then review it
                """, sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let saved = saveActual(actual, name: name)
        Issue.record("""
            output differs from Fixtures/golden/\(name)
            \(firstDifference(expected: expected, actual: actual))
            actual output saved to \(saved); diff it with the golden file, and if the change is intended \
            rerun with AARSHJUL_UPDATE_GOLDEN=1
            """, sourceLocation: sourceLocation)
    }

    static func check(_ actual: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        check(Data(actual.utf8), matches: name, sourceLocation: sourceLocation)
    }

    /// Compares a whole run (command, exit status, stdout, stderr) with a transcript golden file.
    ///
    /// Paths that change from run to run are replaced: `scratch` by `$TMP`, the package root by
    /// `$ROOT`.
    static func check(
        transcriptOf result: CLIResult,
        matches name: String,
        scratch: TemporaryDirectory? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        check(transcript(result, scratch: scratch), matches: name, sourceLocation: sourceLocation)
    }

    static func transcript(_ result: CLIResult, scratch: TemporaryDirectory?) -> String {
        var text = """
            $ aarshjul \(result.arguments.joined(separator: " "))
            [exit status \(result.status)]
            --- stdout
            \(result.out)\(result.out.isEmpty || result.out.hasSuffix("\n") ? "" : "\n[no newline at end]\n")\
            --- stderr
            \(result.err)\(result.err.isEmpty || result.err.hasSuffix("\n") ? "" : "\n[no newline at end]\n")
            """
        if let scratch {
            for form in Set([scratch.url.path, scratch.url.resolvingSymlinksInPath().path]) {
                text = text.replacingOccurrences(of: form, with: "$TMP")
            }
        }
        for form in Set([CLI.packageRoot.path, CLI.packageRoot.resolvingSymlinksInPath().path]) {
            text = text.replacingOccurrences(of: form, with: "$ROOT")
        }
        return text
    }

    private static func saveActual(_ data: Data, name: String) -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("aarshjul-golden-actual", isDirectory: true)
            .appendingPathComponent(name)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? data.write(to: url)
        return url.path
    }

    /// The first line that differs, with its number, both versions shown with escapes visible.
    private static func firstDifference(expected: Data, actual: Data) -> String {
        let expectedLines = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let want = index < expectedLines.count ? String(expectedLines[index]) : nil
            let got = index < actualLines.count ? String(actualLines[index]) : nil
            if want != got {
                return """
                    first difference at line \(index + 1) (golden \(expectedLines.count) lines, actual \(actualLines.count)):
                      golden: \(want.map { $0.debugDescription } ?? "(end of file)")
                      actual: \(got.map { $0.debugDescription } ?? "(end of file)")
                    """
            }
        }
        return "the bytes differ (\(expected.count) golden, \(actual.count) actual) but not line by line"
    }
}
