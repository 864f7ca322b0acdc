import Aarshjul
import ICalendar

/// The server's front page: every feed with the addresses to subscribe to, the open conflicts,
/// and how to subscribe from Outlook and Google, in the snapshot's language.
///
/// Self-contained HTML: one inline style sheet, no scripts, no external resources; every text
/// from the calendars is escaped. ``FeedSnapshot/extraHTML`` (the ``IndexExtra`` hook, e.g. the
/// wheel as SVG) goes in after the introduction, as written.
///
/// ```swift
/// let html = IndexPage(snapshot: snapshot, baseURL: "https://kalender.example.no", prefix: "").html()
/// ```
public struct IndexPage: Sendable {
    /// The page's style sheet (`Resources/index.css`, embedded at build time).
    static let css = String(decoding: PackageResources.index_css, as: UTF8.self)

    /// What to list.
    public var snapshot: FeedSnapshot
    /// The scheme, host and port the feeds are reached at, without a trailing slash
    /// (`https://kalender.example.no`, `http://127.0.0.1:8080`).
    public var baseURL: String
    /// The path before `/feeds/` (`""`, or `/s/TOKEN` for private feeds).
    public var prefix: String

    /// Creates a page.
    public init(snapshot: FeedSnapshot, baseURL: String, prefix: String) {
        self.snapshot = snapshot
        self.baseURL = baseURL
        self.prefix = prefix
    }

    /// The `https://` (or `http://`) address of a feed.
    public func httpURL(_ fileName: String) -> String {
        baseURL + prefix + "/feeds/" + fileName
    }

    /// The `webcal://` address of a feed: the same address with the `webcal` scheme, which
    /// calendar apps open as a subscription.
    public func webcalURL(_ fileName: String) -> String {
        let url = httpURL(fileName)
        guard let colon = url.firstIndex(of: ":") else { return url }
        return "webcal" + url[colon...]
    }

    /// The page.
    ///
    /// - Complexity: O(*f* + *c*) in feeds and open conflicts.
    public func html() -> String {
        let nb = snapshot.language == .nb
        let labels = Labels(snapshot.language)
        let year = snapshot.year.description
        let title = nb ? "\(snapshot.cycleName) – årshjul \(year)" : "\(snapshot.cycleName) – annual cycle \(year)"
        var out = """
            <!DOCTYPE html>
            <html lang="\(nb ? "nb" : "en")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Markup.attribute(title))</title>
            <style>
            \(Self.css)</style>
            </head>
            <body>
            <h1>\(Markup.attribute(title))</h1>

            """
        let built = ZoneRules.system(snapshot.timezone).map { $0.local(forUTC: snapshot.builtAt) }
        let builtText = built.map { "\(labels.date($0.date)) \(nb ? "kl." : "at") \(two($0.hour)):\(two($0.minute))" }
            ?? HTTPDate.format(snapshot.builtAt)
        out += "<p>" + (nb
            ? "Abonner på kalenderne under i Outlook, Google Kalender eller en annen kalenderapp. De bygges på nytt fra kildene med jevne mellomrom; sist bygget \(Markup.attribute(builtText))."
            : "Subscribe to the calendars below in Outlook, Google Calendar or another calendar app. They are rebuilt from the sources at regular intervals; last built \(Markup.attribute(builtText)).")
            + "</p>\n"
        if let extra = snapshot.extraHTML, !extra.isEmpty {
            out += "<div class=\"extra\">\n" + extra + "\n</div>\n"
        }
        if snapshot.wheelPage != nil {
            let href = baseURL + prefix + "/wheel.html"
            out += "<p><a href=\"\(Markup.attribute(href))\">" + (nb
                ? "Årshjulet med månedsliste, konfliktene og detaljer for hver hendelse"
                : "The wheel with the month-by-month list, the conflicts and each item's details") + "</a></p>\n"
        }
        if snapshot.planPage != nil {
            let href = baseURL + prefix + "/plan.html"
            out += "<p><a href=\"\(Markup.attribute(href))\">" + (nb
                ? "Utkast til neste års årshjul (planlagt fra årets hendelser)"
                : "A draft of next year's wheel (planned from this year's items)") + "</a></p>\n"
        }

        out += "<h2>" + (nb ? "Kalendere" : "Calendars") + "</h2>\n<table>\n<thead><tr><th>"
            + (nb ? "Kalender" : "Calendar") + "</th><th>" + (nb ? "Hendelser" : "Events") + "</th><th>"
            + (nb ? "Adresse" : "Address") + "</th></tr></thead>\n<tbody>\n"
        for entry in snapshot.entries {
            let http = httpURL(entry.fileName)
            let webcal = webcalURL(entry.fileName)
            out += "<tr><td>\(Markup.attribute(entry.title))<br><code>\(Markup.attribute(entry.fileName))</code></td><td>\(entry.events)</td>"
                + "<td><a class=\"url\" href=\"\(Markup.attribute(webcal))\">\(Markup.attribute(webcal))</a><br>"
                + "<a class=\"url\" href=\"\(Markup.attribute(http))\">\(Markup.attribute(http))</a></td></tr>\n"
        }
        out += "</tbody>\n</table>\n"

        let open = snapshot.openConflicts
        out += "<h2>" + (nb ? "Åpne konflikter" : "Open conflicts") + " (\(open.count))</h2>\n"
        if open.isEmpty {
            out += "<p>" + (nb ? "Ingen åpne konflikter." : "No open conflicts.") + "</p>\n"
        } else {
            out += "<ol>\n"
            for conflict in open {
                let severity: String = switch (conflict.severity, nb) {
                case (.error, true): "FEIL"
                case (.warning, true): "ADVARSEL"
                case (.info, true): "INFO"
                case (.error, false): "ERROR"
                case (.warning, false): "WARNING"
                case (.info, false): "INFO"
                }
                out += "<li id=\"\(Markup.attribute(conflict.id))\"><span class=\"sev sev-\(conflict.severity.rawValue)\">\(severity)</span> "
                    + "<code>\(Markup.attribute(conflict.id))</code> <code>\(Markup.attribute(conflict.rule))</code>"
                    + "<p>\(Markup.attribute(conflict.explanation))</p>"
                if !conflict.suggestions.isEmpty {
                    let moves = conflict.suggestions.map { suggestion -> String in
                        let summary = conflict.occurrences.indices.contains(suggestion.occurrence)
                            ? conflict.occurrences[suggestion.occurrence].summary : ""
                        let date = LocalDate(iso: suggestion.date).map { labels.shortDate($0) } ?? suggestion.date
                        return "«\(summary)» → \(date)"
                    }
                    out += "<p class=\"muted\">" + (nb ? "Forslag: " : "Proposals: ") + Markup.attribute(moves.joined(separator: "; ")) + "</p>"
                }
                out += "</li>\n"
            }
            out += "</ol>\n"
        }
        if snapshot.acceptedCount > 0 {
            out += "<p class=\"muted\">" + (nb ? "\(snapshot.acceptedCount) konflikter er akseptert og vises ikke."
                                              : "\(snapshot.acceptedCount) accepted conflicts are not shown.") + "</p>\n"
        }
        let json = baseURL + prefix + "/conflicts.json"
        out += "<p class=\"muted\">" + (nb ? "Som JSON: " : "As JSON: ")
            + "<a class=\"url\" href=\"\(Markup.attribute(json))\">\(Markup.attribute(json))</a></p>\n"

        out += "<h2>" + (nb ? "Slik abonnerer du" : "How to subscribe") + "</h2>\n<ul>\n"
        out += nb
            ? "<li><strong>Outlook</strong> (nett og ny Outlook): Kalender → Legg til kalender → Abonner fra nettet → lim inn https-adressen.</li>\n"
                + "<li><strong>Google Kalender</strong>: Andre kalendere → + → Fra nettadresse → lim inn https-adressen. Google henter kalenderen på nytt etter eget skjema (ofte flere timer).</li>\n"
                + "<li><strong>Apple Kalender og andre</strong>: klikk på webcal-adressen.</li>\n"
            : "<li><strong>Outlook</strong> (web and new Outlook): Calendar → Add calendar → Subscribe from web → paste the https address.</li>\n"
                + "<li><strong>Google Calendar</strong>: Other calendars → + → From URL → paste the https address. Google refreshes on its own schedule (often several hours).</li>\n"
                + "<li><strong>Apple Calendar and others</strong>: click the webcal address.</li>\n"
        out += "</ul>\n</body>\n</html>\n"
        return out
    }

    private func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
