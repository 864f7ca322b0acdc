import Crypto
import Foundation
import ICalendar
import Testing
@testable import Aarshjul

/// The wheel's HTML page and the text helpers behind both outputs.
@Suite struct WheelPageTests {
    static let today = LocalDate(year: 2027, month: 3, day: 10)

    static func page(links: [WheelLink] = []) throws -> (Wheel, String) {
        let wheel = try WheelFixtures.bundled(WheelOptions(language: .nb, today: today))
        return (wheel, wheel.htmlPage(links: links))
    }

    @Test func selfContained() throws {
        let (_, page) = try Self.page()
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"nb\">"))
        #expect(page.contains("<meta charset=\"utf-8\">"))
        // Nothing fetched from elsewhere: no external scripts, styles, images or fonts.
        for forbidden in ["src=\"http", "href=\"http", "url(http", "@import", "<link", "<img", "<iframe", "//fonts."] {
            #expect(!page.contains(forbidden), "\(forbidden)")
        }
        #expect(page.contains("<style>") && page.contains("<script>"))
        #expect(page.contains("@media print"))
        #expect(page.contains("@page{size:A4 portrait"))
    }

    @Test func contentSecurityPolicyAllowsOnlyItsOwnScript() throws {
        let (_, page) = try Self.page()
        #expect(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-"))
        #expect(Wheel.pageContentSecurityPolicy.contains(Wheel.pageScriptSource))
        // The hash covers the script element's text exactly as written.
        let start = try #require(page.range(of: "<script>"))
        let end = try #require(page.range(of: "</script>"))
        let text = String(page[start.upperBound..<end.lowerBound])
        let digest = SHA256.hash(data: Data(text.utf8))
        #expect(Wheel.pageScriptSource == "'sha256-" + Data(digest).base64EncodedString() + "'")
        #expect(page.components(separatedBy: "<script").count == 2, "one script")
    }


    @Test func wheelListAndConflicts() throws {
        let (wheel, page) = try Self.page()
        // The wheel, inline, without its own heading (the page has one).
        #expect(page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(page.contains("class=\"aw-svg\""))
        #expect(!page.contains("class=\"aw-h1\" x="))
        // Every occurrence in the month list, every month with a heading.
        for index in wheel.cycle.occurrences.indices {
            #expect(page.contains("<li id=\"o-\(index + 1)\" class=\"occ"))
        }
        #expect(page.contains("<h3 id=\"m-2027-01\">Januar 2027 <span class=\"count\">"))
        #expect(page.contains("<h3 id=\"m-2027-12\">Desember 2027"))
        // Every conflict with its explanation and proposal.
        for (number, conflict) in wheel.report.open.enumerated() {
            #expect(page.contains("<li id=\"k-\(number + 1)\" class=\"conflict sev-\(conflict.severity.rawValue)\""))
            #expect(page.contains(Markup.text(conflict.explanation)))
        }
        #expect(page.contains("Forslag: flytt «Styremøte NTNU – budsjettfordeling 2028, langtidsplan og opptaksrammer» til fr 19.11."))
    }

    @Test func everyLinkOnThePageLeadsSomewhere() throws {
        let (_, page) = try Self.page()
        let ids = Set(page.matches(of: try Regex(#" id="([^"]+)""#)).compactMap { $0.output[1].substring.map(String.init) })
        let targets = page.matches(of: try Regex(##"href="#([^"]+)""##)).compactMap { $0.output[1].substring.map(String.init) }
        #expect(targets.count > 150)
        for target in Set(targets) { #expect(ids.contains(target), "#\(target)") }
        #expect(ids.count == page.matches(of: try Regex(#" id=""#)).count, "ids are unique")
    }

    @Test func keyboardAndScreenReaders() throws {
        let (wheel, page) = try Self.page()
        // Marks are links (focusable with Tab) with a text label; details show on focus too.
        let marks = page.components(separatedBy: "<a class=\"aw-mark").count - 1
        let labelled = page.components(separatedBy: "<a class=\"aw-mark").dropFirst().filter { $0.contains(" aria-label=\"") }
        #expect(marks >= wheel.cycle.occurrences.count - 10)
        #expect(labelled.count == marks)
        #expect(page.contains("addEventListener(\"focus\""))
        #expect(page.contains("id=\"details\" class=\"details\" role=\"status\" aria-live=\"polite\""))
        #expect(page.contains("aria-labelledby=\"aw-title aw-desc\""))
        // Conflict severity is written out, not only drawn.
        #expect(page.contains("<span class=\"sev\">FEIL</span>"))
        #expect(page.contains("aria-label=\"Konflikter 3 (FEIL)\">⚠ 3</a>"))
    }

    @Test func headerLinksForTheServer() throws {
        let (_, page) = try Self.page(links: [WheelLink(title: "Trondheim kommune (.ics)", href: "/feeds/tk.ics?token=a&b")])
        #expect(page.contains("<nav class=\"links\" aria-label=\"Abonner\"><span>Abonner:</span> <a href=\"/feeds/tk.ics?token=a&amp;b\">Trondheim kommune (.ics)</a></nav>"))
        let (configuration, cycle) = try WheelFixtures.cycle("Calendars/aarshjul.toml", year: 2027)
        let served = Wheel.page(configuration: configuration, cycle: cycle, today: Self.today, links: [WheelLink(title: "tk", href: "/tk.ics")])
        #expect(served == Wheel(configuration: configuration, cycle: cycle, options: WheelOptions(today: Self.today)).htmlPage(links: [WheelLink(title: "tk", href: "/tk.ics")]))
    }

    @Test func embeddedSvgIsWellFormed() throws {
        let (_, page) = try Self.page()
        let start = try #require(page.range(of: "<svg xmlns="))
        let end = try #require(page.range(of: "</svg>\n<div id=\"details\""))
        #expect(WheelXML.isWellFormed(String(page[start.lowerBound..<end.lowerBound]) + "</svg>"))
    }

    @Test func englishPage() throws {
        let wheel = try WheelFixtures.bundled(WheelOptions(language: .en, today: nil))
        let page = wheel.htmlPage()
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(page.contains(">Month by month</h2>"))
        #expect(page.contains("<h3 id=\"m-2027-05\">May 2027"))
    }

    // MARK: Formats and text

    @Test func formatFromFileName() {
        #expect(WheelFormat(path: "wheel.svg") == .svg)
        #expect(WheelFormat(path: "out/Wheel.SVG") == .svg)
        #expect(WheelFormat(path: "index.html") == .html)
        #expect(WheelFormat(path: "index.htm") == .html)
        #expect(WheelFormat(path: "wheel.png") == nil)
        #expect(WheelFormat(path: "wheel") == nil)
    }

    @Test func fixedNumbers() {
        #expect(Markup.number(0) == "0")
        #expect(Markup.number(-0.001) == "0")
        #expect(Markup.number(12) == "12")
        #expect(Markup.number(12.5) == "12.5")
        #expect(Markup.number(12.346) == "12.35")
        #expect(Markup.number(-0.125) == "-0.13")
        #expect(Markup.number(1.005) == "1")   // 1.005 is 1.00499… in binary
        #expect(Markup.number(0.07) == "0.07")
        #expect(Markup.number(1e-7) == "0")
        #expect(Markup.number(123456.789) == "123456.79")
        #expect(Markup.number(.nan) == "0")
        #expect(Markup.number(.infinity) == "0")
    }

    @Test func xmlEscaping() {
        #expect(Markup.text("R&D <b> \"x\" 'y'") == "R&amp;D &lt;b&gt; &quot;x&quot; &#39;y&#39;")
        #expect(Markup.text("a\u{0}b\u{1B}c\u{FFFE}") == "a b c ")
        #expect(Markup.text("line\nbreak") == "line\nbreak")
        #expect(Markup.attribute("line\nbreak\ttab") == "line&#10;break&#9;tab")
        #expect(Markup.text("æøå – «»") == "æøå – «»")
    }

    @Test func fittingText() {
        #expect(Markup.fit("kort", width: 200, fontSize: 10) == "kort")
        let cut = Markup.fit(String(repeating: "a", count: 100), width: 58, fontSize: 10)
        #expect(cut.count == 10 && cut.hasSuffix("…"))
        #expect(Markup.wrap("en to tre fire", capacity: 7) == ["en to", "tre", "fire"])
    }

    @Test func readableColours() {
        #expect(WheelSVG.readable("#0067B1") == "#0067B1")
        // Orange is too light for text on white: darkened until it reads.
        #expect(WheelSVG.readable("#E87722") != "#E87722")
        #expect(WheelColors.color(for: SourceSettings(id: "x", name: "x", color: "#abcdef"), index: 0) == "#ABCDEF")
        #expect(WheelColors.color(for: SourceSettings(id: "x", name: "x", color: "red"), index: 1) == WheelColors.palette[1])
    }
}
