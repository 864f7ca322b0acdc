import Aarshjul
import Foundation
import ICalendar
import Testing

/// The wheel in nynorsk: the SVG of the bundled 2027 cycle byte for byte, and the HTML page's
/// words.
@Suite("The wheel in nynorsk")
struct WheelNynorskTests {
    static let wheel = Result { try WheelFixtures.bundledFresh(WheelOptions(rings: .source, language: .nn, today: LocalDate(year: 2027, month: 3, day: 10))) }

    @Test("the bundled 2027 wheel in nynorsk: golden SVG")
    func goldenSVG() throws {
        let svg = try Self.wheel.get().svg()
        try WheelFixtures.expectGolden(svg, "wheel-2027-nn.svg")
        #expect(svg.contains("Ringar (ytst først)"))
        #expect(svg.contains("opne konfliktar"))
        #expect(svg.contains("I dag: 10. mars 2027"))
    }

    @Test("the page: lang nn, nynorsk headings, no bokmål words of the table")
    func page() throws {
        let page = try Self.wheel.get().htmlPage()
        #expect(page.contains("<html lang=\"nn\">"))
        #expect(page.contains("Månad for månad"))
        #expect(page.contains("feil, 5 åtvaringar, 2 til informasjon"))
        for bokmal in ["hendelse", "Måned for måned", "Kilder", "advarsler", "åpne konflikter"] {
            #expect(!page.contains(bokmal), "bokmål «\(bokmal)» on the nynorsk page")
        }
    }
}
