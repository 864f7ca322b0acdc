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
        let labels = Labels(snapshot.language)
        return introduction(labels) + calendars(labels.messages.server) + conflicts(labels)
            + subscribing(labels.messages.server) + "</body>\n</html>\n"
    }

    /// The head, the title, when the feeds were built, and the links to the wheel and plan pages.
    func introduction(_ labels: Labels) -> String {
        let words = labels.messages.server
        let year = snapshot.year.description
        let title = words.title(snapshot.cycleName, year)
        var out = """
            <!DOCTYPE html>
            <html lang="\(snapshot.language.rawValue)">
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
        let builtText = built.map { "\(labels.date($0.date)) \(words.at) \(two($0.hour)):\(two($0.minute))" }
            ?? HTTPDate.format(snapshot.builtAt)
        out += "<p>" + words.introduction(Markup.attribute(builtText)) + "</p>\n"
        if let extra = snapshot.extraHTML, !extra.isEmpty {
            out += "<div class=\"extra\">\n" + extra + "\n</div>\n"
        }
        if snapshot.wheelPage != nil {
            let href = baseURL + prefix + "/wheel.html"
            out += "<p><a href=\"\(Markup.attribute(href))\">" + words.wheelLink + "</a></p>\n"
        }
        if snapshot.planPage != nil {
            let href = baseURL + prefix + "/plan.html"
            out += "<p><a href=\"\(Markup.attribute(href))\">" + words.planLink + "</a></p>\n"
        }
        return out
    }

    /// The table of feeds, with both addresses of each.
    func calendars(_ words: ServerMessages) -> String {
        var out = "<h2>" + words.calendars + "</h2>\n<table>\n<thead><tr><th>"
            + words.calendar + "</th><th>" + words.events + "</th><th>"
            + words.address + "</th></tr></thead>\n<tbody>\n"
        for entry in snapshot.entries {
            let http = httpURL(entry.fileName)
            let webcal = webcalURL(entry.fileName)
            out += "<tr><td>\(Markup.attribute(entry.title))<br><code>\(Markup.attribute(entry.fileName))</code></td><td>\(entry.events)</td>"
                + "<td><a class=\"url\" href=\"\(Markup.attribute(webcal))\">\(Markup.attribute(webcal))</a><br>"
                + "<a class=\"url\" href=\"\(Markup.attribute(http))\">\(Markup.attribute(http))</a></td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        return out
    }

    /// The open conflicts with their proposals, and the link to them as JSON.
    func conflicts(_ labels: Labels) -> String {
        let words = labels.messages.server
        let open = snapshot.openConflicts
        var out = "<h2>" + words.openConflicts + " (\(open.count))</h2>\n"
        if open.isEmpty {
            out += "<p>" + words.noOpenConflicts + "</p>\n"
        } else {
            out += "<ol>\n"
            for conflict in open {
                let severity = labels.messages.words.severityBadges(conflict.severity)
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
                    out += "<p class=\"muted\">" + words.proposals + Markup.attribute(moves.joined(separator: "; ")) + "</p>"
                }
                out += "</li>\n"
            }
            out += "</ol>\n"
        }
        if snapshot.acceptedCount > 0 {
            out += "<p class=\"muted\">" + words.acceptedHidden(snapshot.acceptedCount) + "</p>\n"
        }
        let json = baseURL + prefix + "/conflicts.json"
        out += "<p class=\"muted\">" + words.asJSON
            + "<a class=\"url\" href=\"\(Markup.attribute(json))\">\(Markup.attribute(json))</a></p>\n"
        return out
    }

    /// How to subscribe in the common calendar apps.
    func subscribing(_ words: ServerMessages) -> String {
        "<h2>" + words.howToSubscribe + "</h2>\n<ul>\n" + words.subscribeSteps + "</ul>\n"
    }

    private func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
