import Foundation
import Testing
@testable import Aarshjul

/// Minimal reproducers of what the libFuzzer targets (Fuzz/) found in the configuration parser
/// and the merger (Fixtures/fuzz): each once crashed or hung; each must now give the stated
/// outcome.
@Suite struct FuzzFindingTests {
    static let folder = ConfigurationTests.packageRoot.appendingPathComponent("Fixtures/fuzz").standardized.path

    /// toml++ asserted (the process aborted) on a table header starting with a character that
    /// cannot start a key; now it is a syntax error with the line and column.
    @Test func tableHeaderThatCannotStartAKeyIsASyntaxError() throws {
        let text = try String(contentsOfFile: "\(Self.folder)/config-table-header-bad-key-start.toml", encoding: .utf8)
        let error = #expect(throws: ConfigurationError.self) {
            try AarshjulConfiguration.parse(text, fileName: "aarshjul.toml", baseDirectory: Self.folder, language: .en)
        }
        #expect(error?.description == "aarshjul.toml:1: TOML syntax error: a table header must start with a key name (letters, digits, _ or -, or a quoted name), not '%' (column 2)")
    }

    /// toml++ asserted on a date-time whose T is not followed by a digit.
    @Test func dateTimeWithoutATimeAfterTheTIsASyntaxError() throws {
        let text = try String(contentsOfFile: "\(Self.folder)/config-date-time-t-without-time.toml", encoding: .utf8)
        let error = #expect(throws: ConfigurationError.self) {
            try AarshjulConfiguration.parse(text, fileName: "aarshjul.toml", baseDirectory: Self.folder, language: .en)
        }
        #expect(error?.description == "aarshjul.toml:1: TOML syntax error: a date-time needs a time after the T, as in 2027-05-18T08:00:00 (column 16)")
        #expect(TOMLNode.unreportableProblem(in: "x = [1, 2027-05-18t]")?.column == 20)
    }

    @Test(arguments: [
        ("[[ =source]]\n", 1, 4, "'='"),
        ("a = 1\n\n[\n", 3, 2, "the end of the line"),
        ("x = \"[\"\n  [ +b]", 2, 5, "'+'"),
        ("\u{FEFF}[{a}]", 1, 2, "'{'"),
    ])
    func everyHeaderThatCannotStartAKeyIsFound(text: String, line: Int, column: Int, what: String) {
        let problem = TOMLNode.unreportableProblem(in: text)
        #expect(problem?.line == line)
        #expect(problem?.column == column)
        #expect(problem?.reason.hasSuffix("not \(what)") == true)
    }

    /// toml++ asserted when an array was closed by `}` where a value was due (found by CI's
    /// fuzz run: `n= [` then `}` on the next line).
    @Test func arrayClosedByABraceIsASyntaxError() throws {
        let text = try String(contentsOfFile: "\(Self.folder)/config-array-closed-by-brace.toml", encoding: .utf8)
        let error = #expect(throws: ConfigurationError.self) {
            try AarshjulConfiguration.parse(text, fileName: "aarshjul.toml", baseDirectory: Self.folder, language: .en)
        }
        #expect(error?.description == "aarshjul.toml:3: TOML syntax error: '}' cannot close an array: it ends with ']' (column 1)")
    }

    /// The other places a value was due where toml++ asserted: after a comma, behind a comment,
    /// and a Unicode line separator (which toml++ takes for whitespace but does not skip).
    @Test(arguments: [
        ("x = [1,}", 1, 8, "'}' cannot close an array"),
        ("x = [ # c\n  }", 2, 3, "'}' cannot close an array"),
        ("x = { a = [1] ]", 1, 15, "']' cannot close an inline table"),
        ("x = [\u{2028}1]", 1, 6, "a Unicode line separator"),
        ("x = [1,\u{85}2]", 1, 8, "a Unicode line separator"),
        ("x = 1\u{2029}", 1, 6, "a Unicode line separator"),
    ])
    func everyValueToTOMLPlusPlusCannotReportIsFound(text: String, line: Int, column: Int, start: String) {
        let problem = TOMLNode.unreportableProblem(in: text)
        #expect(problem?.line == line)
        #expect(problem?.column == column)
        #expect(problem?.reason.hasPrefix(start) == true)
    }

    /// toml++ asserted on a date-like value followed by a space and one digit (CI's fuzz run
    /// found `a = 20=7-05-1= 2#`; `a = 2027-05-18 1` aborted the released `validate` too): it
    /// took the space for a date-time's `T` and met the end of the value after one digit.
    @Test func dateFollowedByOneDigitIsASyntaxError() throws {
        let text = try String(contentsOfFile: "\(Self.folder)/config-date-then-one-digit.toml", encoding: .utf8)
        let error = #expect(throws: ConfigurationError.self) {
            try AarshjulConfiguration.parse(text, fileName: "aarshjul.toml", baseDirectory: Self.folder, language: .en)
        }
        #expect(error?.description == "aarshjul.toml:1: TOML syntax error: a time after a date needs two digits for the hour, the minutes and the seconds, as in 2027-05-18 08:00:00 (column 16)")
    }

    @Test(arguments: [
        ("a = 2027-05-18 1", 16),
        ("a = 2027-05-18 1\n", 16),
        ("a = [2027-05-18 1]", 17),
        ("a = 2_027-05-18 1 # c", 17),
        ("a = 2027-05-18 1:00:00", 16),
        ("a = 2a27-05-1x 9}", 16),
    ])
    func everyDateFollowedByOneDigitIsFound(text: String, column: Int) {
        let problem = TOMLNode.unreportableProblem(in: text)
        #expect(problem?.detail == .dateThenPartOfATime)
        #expect(problem?.column == column)
    }

    /// Valid date-times with a space for the `T`, and values that only look like the shape
    /// above, are left to TOMLKit.
    @Test func dateTimesWithASpaceAreLeftToTOML() throws {
        let text = "a = 1979-05-27 07:32:00Z\nb = [2027-05-18 08:00:00, 2027-05-18]\nc = 2027-05-18 # 1\n"
        #expect(TOMLNode.unreportableProblem(in: text) == nil)
        let root = try TOMLNode.parseDocument(text)
        #expect(root.count == 3)
    }

    /// A property run over values built from the characters toml++ decides a value's type by:
    /// each must be parsed or refused with a syntax error, never abort the process (a test
    /// process that aborts here is a failed test). The seed is fixed so that a failure repeats.
    @Test func valuesOfDigitsAndSeparatorsNeverAbortTheParser() {
        let alphabet = Array("0123456789-_=:+.eTtZ x#],}{[\"'\n")
        var generator = SplitMix(seed: 0x4161_7273_686A_756C)
        var refusedBeforeTOML = 0
        for _ in 0..<20_000 {
            let length = Int.random(in: 1...16, using: &generator)
            let value = String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
            let start = Bool.random(using: &generator) ? "2027-05-18" : String(Int.random(in: 0...99, using: &generator))
            let text = "a = \(start)\(value)\n"
            if TOMLNode.unreportableProblem(in: text) != nil { refusedBeforeTOML += 1 }
            _ = try? TOMLNode.parseDocument(text)
        }
        #expect(refusedBeforeTOML > 0)
    }

    /// The scan before toml++ must not take a `[` inside a value for a table header.
    @Test func valuesThatLookLikeHeadersAreLeftToTOML() throws {
        let text = #"""
        a = [
        [+1, -2],
        [{ b = 1 }],
        ]
        s = """
        [%not a header]
        \
        [%still text]"""
        t = '''
        [%literal]'''
        u = "\"[%" # [%comment
        v = { w = [
        [ 'x' ]] }
        d = 2027-05-18T08:00:00
        e = [1979-05-27t07:32:00Z, 2027-05-18 ]
        2027-05-18Tx = 1
        [  "quoted"  ]
        [[ bare-key_1 ]]
        """#
        #expect(TOMLNode.unreportableProblem(in: text) == nil)
        let root = try TOMLNode.parseDocument(text)
        #expect(root["s"] == .string("[%not a header]\n[%still text]"))
        #expect(root["t"] == .string("[%literal]"))
        #expect(root["quoted"] == .table([:]))
    }
}
