import Foundation
import ICalendar

/// What the wheel's concentric rings stand for.
public enum WheelRings: String, Sendable, Hashable, CaseIterable {
    /// One ring per source, in configuration order (outermost first). An item that several
    /// sources have (a joint meeting) is drawn in each of their rings.
    case source
    /// One ring per thematic area (`area` tag), and one for items without; the ring with the
    /// most occurrences outermost (where the circle is longest), ties by name. At most 16
    /// rings: the smallest are joined into one.
    case area
    /// One ring per body (`body` tag), ordered like ``area``.
    case body
}

/// How to draw a wheel.
public struct WheelOptions: Sendable, Hashable {
    /// What the rings stand for (default ``WheelRings/source``).
    public var rings: WheelRings
    /// The language of month names, legend and details.
    public var language: Language
    /// The day to mark as today, or `nil` for no mark. Nothing is marked when the day is
    /// outside the cycle year. Pass it in (rather than reading the clock) so output is
    /// reproducible.
    public var today: LocalDate?
    /// The UIDs of the items a plan moved (`aarshjul wheel --plan`): each is drawn with a
    /// dashed ring around its mark, explained by a line of the legend.
    public var moved: Set<String>

    /// Creates options.
    public init(rings: WheelRings = .source, language: Language = .nb, today: LocalDate? = nil, moved: Set<String> = []) {
        self.rings = rings
        self.language = language
        self.today = today
        self.moved = moved
    }
}

/// The file formats a wheel is written in.
public enum WheelFormat: String, Sendable, Hashable, CaseIterable {
    /// A standalone SVG image.
    case svg
    /// A self-contained HTML page: the wheel, a month-by-month list and the conflicts.
    case html

    /// The format a file name asks for by its extension (`.svg`, `.html` or `.htm`,
    /// any case), or `nil`.
    public init?(path: String) {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "svg": self = .svg
        case "html", "htm": self = .html
        default: return nil
        }
    }
}

/// A link shown in the page's header (the feed server puts its feed links here).
public struct WheelLink: Sendable, Hashable {
    /// The text of the link.
    public var title: String
    /// Where it goes.
    public var href: String

    /// Creates a link.
    public init(title: String, href: String) {
        self.title = title
        self.href = href
    }
}

/// The årshjul as a picture: twelve month sectors from `cycle.start` at twelve o'clock,
/// clockwise, one ring per source (or thematic area, or body), each occurrence at its date
/// with a shape for its kind, and every open conflict drawn over it.
///
/// ```swift
/// let configuration = try AarshjulConfiguration.load(fileAt: "Calendars/aarshjul.toml")
/// let builder = CycleBuilder(configuration: configuration)
/// let cycle = builder.build(year: CycleYear(year: 2027, start: configuration.cycle.start),
///                           sources: try builder.loadSources())
/// let wheel = Wheel(configuration: configuration, cycle: cycle,
///                   options: WheelOptions(language: .nb, today: LocalDate(year: 2027, month: 3, day: 10)))
/// try AtomicFile.write(wheel.svg(), to: "wheel.svg")
/// let page = wheel.htmlPage()      // what `serve` shows at `/`
/// ```
///
/// Output is deterministic: the same cycle, report and options give the same bytes, run
/// after run (nothing reads the clock: pass ``WheelOptions/today``; numbers are rounded to
/// two decimals, so platforms agree too).
///
/// Dense cycles stay legible: where the marks of a ring would overlap, the marks of that
/// week are replaced by one badge with their count.
///
/// - Complexity: O(*w* · *n* log *n*) for *n* occurrences, where *w* ≤ 53 is the number of
///   weeks that have to be grouped (1 when nothing overlaps).
public struct Wheel: Sendable {
    /// The cycle drawn.
    public var cycle: Cycle
    /// The conflicts drawn (open ones on the wheel; accepted ones listed on the page).
    public var report: ConflictReport
    /// How it is drawn.
    public var options: WheelOptions

    /// A wheel of a cycle and a conflict report made for it.
    public init(cycle: Cycle, report: ConflictReport, options: WheelOptions = WheelOptions()) {
        self.cycle = cycle
        self.report = report
        self.options = options
    }

    /// A wheel of a cycle with the conflicts ``ConflictEngine`` finds with a configuration's
    /// rules, explained in `options.language`.
    public init(configuration: AarshjulConfiguration, cycle: Cycle, options: WheelOptions = WheelOptions()) {
        let report = ConflictEngine(configuration: configuration).run(on: cycle, language: options.language)
        self.init(cycle: cycle, report: report, options: options)
    }

    /// Pairs of sources whose colours on the wheel (their `color`, else the palette's) are too
    /// close to tell apart, for normal vision or with protanopia, deuteranopia or tritanopia
    /// (``ColorDifference/worstCase(_:_:)`` below ``ColorDifference/tooClose``), in
    /// configuration order. `aarshjul wheel` prints them on standard error and the HTML page
    /// shows them under its heading.
    public var colorWarnings: [WheelColorWarning] {
        let colors = cycle.sources.enumerated().map { index, source in
            (name: source.name, color: WheelColors.color(for: source, index: index))
        }
        var warnings: [WheelColorWarning] = []
        for (index, first) in colors.enumerated() {
            for second in colors[(index + 1)...] {
                guard let a = RGBColor(hex: first.color), let b = RGBColor(hex: second.color) else { continue }
                let worst = ColorDifference.worstCase(a, b)
                if worst.difference < ColorDifference.tooClose {
                    warnings.append(WheelColorWarning(first: first, second: second, difference: worst.difference, vision: worst.vision))
                }
            }
        }
        return warnings
    }

    /// The wheel as a standalone SVG document (A4-friendly, 1000 px wide), with `<title>`,
    /// `<desc>`, a legend and a numbered key of the conflicts.
    public func svg() -> String {
        WheelSVG(layout: WheelLayout(wheel: self), interactive: false).document()
    }

    /// The wheel as a self-contained HTML page (no external resources): the wheel, a
    /// month-by-month list beside it, and the conflicts with their explanations. Details of
    /// an occurrence show on hover or keyboard focus; the page prints on A4.
    ///
    /// - Parameter links: links for the header, such as the feed server's feeds.
    public func htmlPage(links: [WheelLink] = []) -> String {
        WheelPage(layout: WheelLayout(wheel: self, heading: false), links: links).document()
    }

    /// The wheel in a format.
    public func render(_ format: WheelFormat) -> String {
        switch format {
        case .svg: return svg()
        case .html: return htmlPage()
        }
    }

    /// The HTML page of a cycle with the conflicts a configuration's rules find, drawn with
    /// source rings, with `links` (such as the feeds) in the header.
    public static func page(configuration: AarshjulConfiguration, cycle: Cycle, today: LocalDate?,
                            language: Language? = nil, links: [WheelLink] = []) -> String {
        let options = WheelOptions(rings: .source, language: language ?? configuration.cycle.language, today: today)
        return Wheel(configuration: configuration, cycle: cycle, options: options).htmlPage(links: links)
    }

    /// The Content-Security-Policy of ``htmlPage(links:)``, also written into the page as a
    /// `<meta http-equiv>`: nothing is loaded from anywhere; inline styles, `data:` images and
    /// the page's own inline script (by its SHA-256 hash) are allowed. A server that sends
    /// the page can send this as its `Content-Security-Policy` header (adding, say,
    /// `frame-ancestors 'none'`).
    public static var pageContentSecurityPolicy: String { WheelPage.contentSecurityPolicy }

    /// The CSP source that allows the page's inline script (`'sha256-…'`), for a server that
    /// builds its own `script-src`.
    public static var pageScriptSource: String { WheelPage.scriptSource }

    /// Today in the cycle's time zone, for the today mark.
    public static func today(in cycle: Cycle, now: Date = Date()) -> LocalDate {
        CycleBuilder.today(timezone: cycle.timezone, now: now)
    }
}
