import Foundation
import Testing
@testable import Aarshjul

/// `TextTable`: the row-by-row fast path (scalars) must give the bytes the general path
/// (characters, Foundation padding) gives, for every row it accepts.
@Suite("TextTable")
struct TextTableTests {
    /// A small deterministic generator (SplitMix64), so a failure can be replayed.
    struct Mix {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    static let pieces = ["a", "Styremøte", " ", "  ", "æøå", "ÆØÅ", "x@aarshjul.bench", "-", "©", "\u{AD}", "é",
                         "bystyret", "2025-01-01T10:00:00Z", ",", "\"", "frist", "ü", "Ω", "kontrollutvalget-2027@aarshjul.test",
                         "09:00–12:00", "…", "─", "“sitat”", "•", "\u{2028}", "\u{200D}", "\u{2030}"]

    static func cell(_ mix: inout Mix) -> String {
        (0..<mix.next(9)).map { _ in pieces[mix.next(pieces.count)] }.joined()
    }

    @Test("simple rows: the fast path equals the general one, over 3,000 generated rows and widths")
    func fastPathMatchesGeneral() {
        var mix = Mix(state: 42)
        var accepted = 0
        for _ in 0..<3_000 {
            let cells = (0..<4).map { _ in Self.cell(&mix) }
            let widths = (0..<4).map { _ in 1 + mix.next(40) }
            let layout = TextTable.Layout(headers: ["A", "B", "C", "D"], widths: widths, width: 20 + mix.next(100))
            var fast: [UInt8] = []
            guard layout.appendSimple(cells, to: &fast) else { continue }
            accepted += 1
            let general = layout.lines(cells).joined(separator: "\n") + "\n"
            #expect(String(decoding: fast, as: UTF8.self) == general, "cells \(cells), widths \(layout.widths)")
        }
        #expect(accepted > 250, "enough generated rows are simple")
    }

    @Test("rows the fast path refuses: line breaks, combining marks, emoji, short rows")
    func refused() {
        let layout = TextTable.Layout(headers: ["A", "B"], widths: [10, 10])
        var bytes: [UInt8] = []
        #expect(!layout.appendSimple(["a\nb", "c"], to: &bytes))
        #expect(!layout.appendSimple(["a\r\nb", "c"], to: &bytes))
        #expect(!layout.appendSimple(["e\u{301}", "c"], to: &bytes))
        #expect(!layout.appendSimple(["🎉", "c"], to: &bytes))
        #expect(!layout.appendSimple(["a\u{200D}b", "c"], to: &bytes), "a joiner")
        #expect(!layout.appendSimple(["a\u{2028}b", "c"], to: &bytes), "a line separator")
        #expect(!layout.appendSimple(["a"], to: &bytes))
        #expect(bytes.isEmpty)
        #expect(TextTable.cellWidth("e\u{301}x") == 2)
        #expect(TextTable.cellWidth("a\r\nb") == 3)
        #expect(TextTable.cellWidth("Styremøte æøå") == 13)
        #expect(TextTable.cellWidth("09:00–12:00 …") == 13)
        #expect(TextTable.simpleWidth("09:00–12:00 …") == 13)
        #expect(TextTable.simpleWidth("a\u{2028}") == nil)
    }

    @Test("render: a cut cell, a wrapped last column, a line break in a cell")
    func render() {
        let text = TextTable.render(headers: ["Start", "Hva", "UID"],
                                    rows: [["2027-03-16T09:00:00Z", "Kontrollutvalget i bystyret", "kontrollutvalget-2027@aarshjul.test"],
                                           ["2027-03-17", "To\nlinjer", "kort"]], width: 50)
        // 86 columns wide: the UID column goes down to 24, then the two others by turns to 11.
        #expect(text == """
        Start        Hva          UID
        ───────────  ───────────  ────────────────────────
        2027-03-16…  Kontrollut…  kontrollutvalget-2027@aa
                                  rshjul.test
        2027-03-17   To linjer    kort

        """)
    }
}
