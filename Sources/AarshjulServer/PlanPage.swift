import Aarshjul
import Foundation
import ICalendar

/// The page `serve` shows at `/plan.html`: next year's plan drawn as the wheel's page (the
/// planned drafts added to their sources, each item the solver moved ringed), with a link back
/// to this year's wheel; or, when the year cannot be planned, a short page saying why.
public enum PlanPage {
    /// The page of `year`'s plan, planned from the year before.
    ///
    /// - Parameters:
    ///   - configuration: the configuration whose cycle is planned.
    ///   - sources: the sources as read, or the error reading them (the page then says so).
    ///   - year: the year to plan (from the items of the year before).
    ///   - language: the language of the page.
    ///   - links: links for the page's header (this year's wheel, say).
    /// - Complexity: that of `Planner.plan(year:from:sources:language:)`, plus building the
    ///   planned cycle and its conflicts once.
    public static func html(configuration: AarshjulConfiguration, sources: Result<[SourceCalendar], any Error>, year: Int,
                            language: Language, links: [WheelLink] = []) -> String {
        do {
            let read = try sources.get()
            let plan = try Planner(configuration: configuration).plan(year: year, from: year - 1, sources: read, language: language)
            let cycle = CycleBuilder(configuration: configuration).build(year: plan.year, sources: Draft.merging(plan.drafts, into: read))
            let moved = plan.drafts.reduce(into: Set<String>()) { $0.formUnion($1.movedUIDs) }
            let options = WheelOptions(rings: .source, language: language, today: nil, moved: moved)
            return Wheel(configuration: configuration, cycle: cycle, options: options).htmlPage(links: links)
        } catch {
            let title = language.messages.server.planFailed("\(year)")
            return failure(title: title, message: "\(error)", language: language, links: links)
        }
    }

    /// A plain page with a heading and a message (no script, no external resources).
    static func failure(title: String, message: String, language: Language, links: [WheelLink]) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(Markup.text(title))</title>\n"
        out += "<style>" + String(decoding: PackageResources.plan_error_css, as: UTF8.self) + "</style>\n"
        out += "</head>\n<body>\n<h1>\(Markup.text(title))</h1>\n<p class=\"plan-error\">\(Markup.text(message))</p>\n"
        for link in links { out += "<p><a href=\"\(Markup.attribute(link.href))\">\(Markup.text(link.title))</a></p>\n" }
        return out + "</body>\n</html>\n"
    }
}
