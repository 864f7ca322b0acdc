import Foundation
import ICalendar

/// The wheel as a self-contained HTML page: the SVG inline, a month-by-month list beside it,
/// the conflicts with their explanations and proposals, a small script for details on hover
/// and keyboard focus, and print styles for A4. No external resources.
struct WheelPage {
    let layout: WheelLayout
    let links: [WheelLink]

    private var words: WheelWords { layout.words }
    private var cycle: Cycle { layout.cycle }

    func document() -> String {
        let title = words.title(cycle: cycle.name, year: cycle.year)
        var out = "<!DOCTYPE html>\n<html lang=\"\(words.language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(Self.contentSecurityPolicy)\">\n"
        out += "<meta name=\"generator\" content=\"aarshjul\">\n"
        out += "<title>\(Markup.text(title))</title>\n"
        out += "<style>\n\(Self.css)</style>\n</head>\n<body>\n"
        out += header(title: title)
        out += "<main class=\"layout\">\n"
        out += wheelSection()
        out += monthsSection()
        out += conflictsSection()
        out += "</main>\n"
        out += "<script>\(Self.scriptElementText)</script>\n"
        out += "</body>\n</html>\n"
        return out
    }

    // MARK: Parts

    func header(title: String) -> String {
        var out = "<header class=\"top\">\n<h1>\(Markup.text(title))</h1>\n"
        let open = layout.numbered.count
        let all = layout.numbered.map(\.conflict.severity)
        let counts = [RuleSeverity.error, .warning, .info].map { severity in all.filter { $0 == severity }.count }
        let breakdown = words.breakdown(counts[0], counts[1], counts[2])
        let sources = cycle.sources.map { source in
            "<span class=\"src\"><span class=\"sw\" style=\"background:\(layout.sourceColors[source.id] ?? WheelColors.neutral)\"></span>\(Markup.text(source.name))</span>"
        }.joined(separator: " ")
        out += "<p class=\"sub\">\(sources) — \(Markup.text(words.occurrenceCount(cycle.occurrences.count))) · "
        out += "<a href=\"#h-conflicts\">\(Markup.text(words.openConflictCount(open)))</a>"
        out += open > 0 ? " (\(Markup.text(breakdown)))</p>\n" : "</p>\n"
        for warning in layout.wheel.colorWarnings {
            out += "<p class=\"colour-warning\" role=\"note\">\(Markup.text(warning.text(words.language.messages.wheel)))</p>\n"
        }
        if !links.isEmpty {
            out += "<nav class=\"links\" aria-label=\"\(Markup.attribute(words.links))\"><span>\(Markup.text(words.links)):</span> "
            out += links.map { "<a href=\"\(Markup.attribute($0.href))\">\(Markup.text($0.title))</a>" }.joined(separator: " ")
            out += "</nav>\n"
        }
        return out + "</header>\n"
    }

    func wheelSection() -> String {
        var out = "<section class=\"wheel\" aria-labelledby=\"h-wheel\">\n"
        out += "<h2 id=\"h-wheel\" class=\"vh\">\(Markup.text(words.wheel))</h2>\n"
        out += "<p class=\"hint\">\(Markup.text(words.details))</p>\n"
        out += "<div class=\"figure\">\n"
        out += WheelSVG(layout: layout, interactive: true).document()
        out += "<div id=\"details\" class=\"details\" role=\"status\" aria-live=\"polite\" hidden></div>\n"
        out += "</div>\n</section>\n"
        return out
    }

    /// A small inline picture of a kind's shape.
    func glyph(_ occurrence: CycleOccurrence, color: String) -> String {
        let kind = MarkKind(kind: occurrence.tags.kind)
        if occurrence.lastDate > occurrence.startDate {
            return "<svg class=\"glyph\" width=\"16\" height=\"16\" viewBox=\"-8 -8 16 16\" aria-hidden=\"true\"><rect x=\"-7\" y=\"-4\" width=\"14\" height=\"8\" fill=\"\(color)\" fill-opacity=\"0.3\" stroke=\"\(color)\" stroke-width=\"1.5\"/></svg>"
        }
        let attributes = kind.isHollow ? " fill=\"#FFFFFF\" stroke=\"\(color)\" stroke-width=\"2\"" : " fill=\"\(color)\""
        return "<svg class=\"glyph\" width=\"16\" height=\"16\" viewBox=\"-8 -8 16 16\" aria-hidden=\"true\">\(kind.shape(x: 0, y: 0, r: 5, attributes: attributes))</svg>"
    }

    func monthsSection() -> String {
        var out = "<section class=\"months\" aria-labelledby=\"h-months\">\n<h2 id=\"h-months\">\(Markup.text(words.months))</h2>\n"
        var groups: [(year: Int, month: Int, items: [Int])] = []
        let severities = Dictionary(layout.numbered.map { ($0.number, $0.conflict.severity) }, uniquingKeysWith: { first, _ in first })
        let first = cycle.year.firstDay
        for (index, occurrence) in cycle.occurrences.enumerated() {
            let date = max(occurrence.startDate, first)
            if let last = groups.last, last.year == date.year, last.month == date.month {
                groups[groups.count - 1].items.append(index)
            } else {
                groups.append((date.year, date.month, [index]))
            }
        }
        if groups.isEmpty { out += "<p>\(Markup.text(words.occurrenceCount(0)))</p>\n" }
        let report = CycleReport(cycle: cycle, language: words.language)
        for group in groups {
            let id = "m-\(group.year)-\(group.month < 10 ? "0" : "")\(group.month)"
            out += "<section class=\"month\" aria-labelledby=\"\(id)\">\n"
            out += "<h3 id=\"\(id)\">\(Markup.text(words.labels.month(group.month))) \(group.year) <span class=\"count\">(\(group.items.count))</span></h3>\n<ol>\n"
            for index in group.items {
                let occurrence = cycle.occurrences[index]
                let color = layout.sourceColors[occurrence.primarySource] ?? WheelColors.neutral
                var meta = [layout.sourceList(occurrence)]
                if let body = occurrence.tags.body { meta.append(body) }
                meta.append(occurrence.tags.kind.map { words.labels.kind($0) } ?? words.other)
                if let area = occurrence.tags.area { meta.append(area) }
                let cancelled = occurrence.isCancelled ? " cancelled" : ""
                out += "<li id=\"o-\(index + 1)\" class=\"occ\(cancelled)\" data-o=\"\(index + 1)\" tabindex=\"-1\"><div class=\"card\">"
                out += glyph(occurrence, color: color)
                out += "<span class=\"when\">\(Markup.text(words.labels.shortDate(occurrence.startDate))) \(Markup.text(report.timeText(occurrence)))</span> "
                if occurrence.isCancelled { out += "<span class=\"tag\">\(Markup.text(words.labels.cancelled))</span> " }
                out += "<span class=\"what\">\(Markup.text(occurrence.summary))</span> "
                out += "<span class=\"meta\">\(Markup.text(meta.joined(separator: " · ")))</span>"
                if let numbers = layout.conflictNumbers[index] {
                    for number in numbers {
                        let severity = severities[number] ?? .info
                        out += " <a class=\"cref sev-\(severity.rawValue)\" href=\"#k-\(number)\" aria-label=\"\(Markup.attribute("\(words.conflicts) \(number) (\(words.severity(severity)))"))\">⚠ \(number)</a>"
                    }
                }
                out += "</div></li>\n"
            }
            out += "</ol>\n</section>\n"
        }
        return out + "</section>\n"
    }

    func conflictsSection() -> String {
        let all = layout.numbered
        var out = "<section class=\"conflicts\" aria-labelledby=\"h-conflicts\">\n"
        out += "<h2 id=\"h-conflicts\">\(Markup.text(words.conflicts)) (\(all.count))</h2>\n"
        if all.isEmpty { out += "<p>\(Markup.text(words.noConflicts))</p>\n" }
        out += "<ol class=\"conflict-list\">\n"
        let svg = WheelSVG(layout: layout, interactive: true)
        for mark in all {
            let conflict = mark.conflict
            out += "<li id=\"k-\(mark.number)\" class=\"conflict sev-\(conflict.severity.rawValue)\" data-c=\"\(mark.number)\" tabindex=\"-1\">\n"
            out += "<h3><svg class=\"cbadge\" width=\"26\" height=\"26\" viewBox=\"0 0 26 26\" aria-hidden=\"true\">"
            out += svg.conflictBadge(number: mark.number, severity: conflict.severity, x: 13, y: 13, radius: 12, fontSize: 12)
            out += "</svg> <span class=\"sev\">\(Markup.text(words.severity(conflict.severity)))</span> · \(Markup.text(layout.dates(of: mark))) · "
            out += "<span class=\"rule\">\(Markup.text(conflict.rule))</span> <code>\(Markup.text(conflict.id))</code></h3>\n"
            out += "<p>\(Markup.text(conflict.explanation))</p>\n"
            if let proposal = proposal(conflict) { out += "<p class=\"proposal\">\(Markup.text(proposal))</p>\n" }
            let involved = Array(Set(mark.occurrences)).sorted()
            if !involved.isEmpty {
                out += "<p class=\"involves\">\(Markup.text(words.involves)): "
                out += involved.map { index in
                    let occurrence = cycle.occurrences[index]
                    return "<a href=\"#o-\(index + 1)\">\(Markup.text(words.labels.shortDate(occurrence.startDate))) \(Markup.text(occurrence.summary))</a>"
                }.joined(separator: "; ")
                out += "</p>\n"
            }
            out += "</li>\n"
        }
        out += "</ol>\n"
        let accepted = layout.wheel.report.accepted
        if !accepted.isEmpty {
            out += "<h3>\(Markup.text(words.accepted)) (\(accepted.count))</h3>\n<ul class=\"accepted\">\n"
            for conflict in accepted {
                out += "<li><code>\(Markup.text(conflict.id))</code> \(Markup.text(conflict.rule)): \(Markup.text(conflict.explanation))"
                if let reason = conflict.acceptedBecause, !reason.isEmpty { out += " <em>\(Markup.text(words.acceptedBecause)) \(Markup.text(reason))</em>" }
                out += "</li>\n"
            }
            out += "</ul>\n"
        }
        return out + "</section>\n"
    }

    /// `Forslag: flytt «X» til ti 18.05 eller to 20.05.`, as the conflict report words it.
    func proposal(_ conflict: Conflict) -> String? {
        ConflictReportText.proposal(conflict, labels: words.labels)
    }

    // MARK: Style and script

    /// The text of the page's `<script>` element, exactly as written (the CSP hash covers it).
    static let scriptElementText = "\n" + script

    /// The CSP source that allows the inline script and nothing else: `'sha256-…'`, the
    /// base64 SHA-256 of ``scriptElementText``. Written out rather than computed, so the module
    /// needs no cryptography library for one constant (swift-crypto brings BoringSSL into every
    /// build that links Aarshjul, the fuzz targets' included); `WheelPageTests` hashes the
    /// script as the page has it and fails, with the new value, when the script changes.
    static let scriptSource = "'sha256-/BRVroCMScYQy9Ad3eH9lTvACg3LjQEMSvsCfhGr6KE='"

    /// The page's own policy: nothing from anywhere, inline styles, `data:` images, and only
    /// its own script.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src \(scriptSource); base-uri 'none'; form-action 'none'"

    /// The page's style sheet (`Resources/wheel.css`, embedded at build time).
    static let css = String(decoding: PackageResources.wheel_css, as: UTF8.self)

    /// The page's script (`Resources/wheel.js`, embedded at build time).
    static let script = String(decoding: PackageResources.wheel_js, as: UTF8.self)
}
