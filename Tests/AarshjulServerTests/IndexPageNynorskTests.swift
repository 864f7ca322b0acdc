import Aarshjul
@testable import AarshjulServer
import Foundation
import Testing

/// The index page of `aarshjul serve` with `[cycle] language = "nn"`.
@Suite struct IndexPageNynorskTests {
    @Test func nynorskPage() throws {
        let store = FeedStore(privateFeeds: false)
        store.install(makeBuild(language: .nn), now: 1_800_000_000)
        let html = IndexPage(snapshot: try #require(store.snapshot), baseURL: "http://127.0.0.1:8080", prefix: "").html()
        #expect(html.contains("<html lang=\"nn\">"))
        #expect(html.contains("<h2>Opne konfliktar (0)</h2>"))
        #expect(html.contains("<p>Ingen opne konfliktar.</p>"))
        #expect(html.contains("<th>Kalender</th><th>Hendingar</th><th>Adresse</th>"))
        #expect(html.contains("sist bygde 15. januar 2027 kl. 09:00"))  // Europe/Oslo
        #expect(html.contains("lim inn https-adressa"))
        for bokmal in ["Åpne konflikter", "Hendelser", "kalenderne", "bygget"] {
            #expect(!html.contains(bokmal), "bokmål «\(bokmal)» on the nynorsk page")
        }
    }
}
