import Foundation
import ICalendar

/// Writes a ``WheelLayout`` as SVG, by string building: no dependencies, every text escaped,
/// every number with at most two decimals.
///
/// The standalone document (`interactive == false`) carries a `<title>` on every mark, a
/// legend and a numbered key of the conflicts. The page's version (`interactive == true`)
/// makes each mark a link to its entry in the page's list, with an `aria-label`, and leaves
/// the key to the page.
struct WheelSVG {
    let layout: WheelLayout
    let interactive: Bool

    private var geometry: WheelGeometry { layout.geometry }
    private var words: WheelWords { layout.words }
    private var cycle: Cycle { layout.cycle }
    private let n = Markup.number

    /// The font stack (Debian's Liberation and DejaVu fonts, then the usual system fonts).
    static let fontFamily = "Liberation Sans, Arial, Helvetica, DejaVu Sans, sans-serif"

    // MARK: Document

    func document() -> String {
        let legend = legendBlock()
        let key = interactive ? (lines: [String](), height: 0.0) : keyLines(below: legend.height)
        let height = (geometry.legendTop + legend.height + (key.height > 0 ? key.height + 20 : 0) + 24).rounded(.up)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\""
        out += " width=\"\(n(WheelGeometry.width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(WheelGeometry.width)) \(n(height))\""
        out += interactive ? " class=\"aw-svg\"" : " role=\"img\""
        out += " aria-labelledby=\"aw-title aw-desc\" font-family=\"\(Self.fontFamily)\">\n"
        out += "<title id=\"aw-title\">\(Markup.text(words.title(cycle: cycle.name, year: cycle.year)))</title>\n"
        out += "<desc id=\"aw-desc\">\(Markup.text(description()))</desc>\n"
        out += style()
        out += defs()
        out += "<rect class=\"aw-bg\" width=\"\(n(WheelGeometry.width))\" height=\"\(n(height))\" fill=\"#FFFFFF\"/>\n"
        if !interactive { out += heading() }
        out += monthBand()
        out += weekBand()
        out += ringBands()
        out += grid()
        out += wedges()
        out += spanMarks()
        out += pointMarks()
        out += badgeMarks()
        out += conflictMarks()
        out += todayMark()
        out += centre()
        out += legend.svg
        out += key.lines.joined()
        out += "</svg>\n"
        return out
    }

    /// What the picture shows, for screen readers and `<desc>`.
    func description() -> String {
        let first = layout.months.first.map { words.labels.monthInText($0.month) } ?? ""
        var text = words.describeWheel(cycle.year.description, cycle.name, first)
        let rings = layout.rings.map { "\($0.title) (\(words.occurrenceCount($0.count)))" }.joined(separator: ", ")
        text += words.describeRings(layout.rings.count, rings)
        text += words.describeShapes
        let all = layout.numbered
        if all.isEmpty {
            text += words.noConflicts
        } else {
            text += words.openConflictCount(all.count) + ": "
            text += all.map { "\($0.number) (\(words.severity($0.conflict.severity))) \(layout.dates(of: $0)): \(layout.subjects(of: $0))" }
                .joined(separator: "; ") + "."
        }
        if let today = layout.today {
            text += " " + words.today + ": " + words.labels.date(today.date) + "."
        }
        return text
    }

    func style() -> String {
        """
        <style>
        .aw-h1{font-size:24px;font-weight:700;fill:\(WheelColors.text)}
        .aw-sub{font-size:14px;fill:\(WheelColors.muted)}
        .aw-mn{font-size:15px;font-weight:700;fill:\(WheelColors.text);letter-spacing:.03em}
        .aw-wk{font-size:9.5px;fill:\(WheelColors.muted);text-anchor:middle}
        .aw-rl{font-size:11px;font-weight:700;letter-spacing:.04em}
        .aw-sl{font-size:10px;fill:\(WheelColors.text)}
        .aw-bc{font-weight:700;fill:\(WheelColors.text);text-anchor:middle}
        .aw-cn{font-size:13px;font-weight:700;text-anchor:middle}
        .aw-yr{font-size:42px;font-weight:700;fill:\(WheelColors.text);text-anchor:middle}
        .aw-cname{font-size:13px;fill:\(WheelColors.text);text-anchor:middle}
        .aw-ccount{font-size:12px;fill:\(WheelColors.muted);text-anchor:middle}
        .aw-lh{font-size:15px;font-weight:700;fill:\(WheelColors.text)}
        .aw-lt{font-size:13px;fill:\(WheelColors.text)}
        .aw-kt{font-size:12.5px;fill:\(WheelColors.text)}
        .aw-today{font-size:12px;font-weight:700;fill:#FFFFFF;text-anchor:middle}
        </style>

        """
    }

    func defs() -> String {
        var out = "<defs>\n"
        let red = WheelColors.conflict
        out += "<pattern id=\"aw-hatch\" width=\"7\" height=\"7\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
        out += "<rect width=\"7\" height=\"7\" fill=\"\(red)\" fill-opacity=\"0.07\"/>"
        out += "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"7\" stroke=\"\(red)\" stroke-width=\"2.5\" stroke-opacity=\"0.4\"/></pattern>\n"
        // Month names.
        let mid = (geometry.rMonth0 + geometry.rMonth1) / 2
        for (index, month) in layout.months.enumerated() {
            let a0 = geometry.angle(month.day0), a1 = geometry.angle(month.day1)
            let reversed = WheelGeometry.readsReversed((a0 + a1) / 2)
            let radius = reversed ? mid + 15 * 0.35 : mid - 15 * 0.35
            out += "<path id=\"aw-mp-\(index)\" d=\"\(geometry.arcPath(a0, a1, radius: radius, reversed: reversed))\"/>\n"
        }
        // Ring names.
        for (index, ring) in layout.rings.enumerated() where ring.labelBand > 0 {
            for (quarter, centre) in ringLabelAngles(ring).enumerated() {
                let width = Markup.width(of: ring.title, fontSize: 11) + 8
                let half = width / 2 / (ring.r0 + 7)
                let reversed = WheelGeometry.readsReversed(centre)
                let radius = reversed ? ring.r0 + ring.labelBand - 3.5 : ring.r0 + 3.5
                out += "<path id=\"aw-rp-\(index)-\(quarter)\" d=\"\(geometry.arcPath(centre - half, centre + half, radius: radius, reversed: reversed))\"/>\n"
            }
        }
        // Span labels.
        for (index, span) in layout.spans.enumerated() where span.label != nil {
            let a0 = geometry.angle(span.day0), a1 = geometry.angle(span.day1)
            let reversed = WheelGeometry.readsReversed((a0 + a1) / 2)
            let radius = reversed ? span.radius + 3.5 : span.radius - 3.5
            out += "<path id=\"aw-sp-\(index)\" d=\"\(geometry.arcPath(a0, a1, radius: radius, reversed: reversed))\"/>\n"
        }
        return out + "</defs>\n"
    }

    /// Where a ring's name is written: the middle of each quarter.
    /// Long names (more than a sixth of the ring) are written twice, short ones four times.
    func ringLabelAngles(_ ring: WheelLayout.Ring) -> [Double] {
        let arc = (Markup.width(of: ring.title, fontSize: 11) + 8) / (ring.r0 + 7)
        let places = arc > Double.pi / 3 ? [0.375, 0.875] : [0.125, 0.375, 0.625, 0.875]
        return places.map { $0 * 2 * Double.pi }
    }

    // MARK: Wheel

    func heading() -> String {
        var out = "<text class=\"aw-h1\" x=\"40\" y=\"44\">\(Markup.text(Markup.fit(words.title(cycle: cycle.name, year: cycle.year), width: 920, fontSize: 24)))</text>\n"
        let sources = cycle.sources.map(\.name).joined(separator: " · ")
        let counts = words.occurrenceCount(cycle.occurrences.count) + " · " + words.openConflictCount(layout.numbered.count)
        out += "<text class=\"aw-sub\" x=\"40\" y=\"70\">\(Markup.text(Markup.fit(sources + " — " + counts, width: 920, fontSize: 14)))</text>\n"
        return out
    }

    func monthBand() -> String {
        var out = "<g class=\"aw-months\">\n"
        let showYear = cycle.year.start != MonthDay.januaryFirst
        for (index, month) in layout.months.enumerated() {
            let a0 = geometry.angle(month.day0), a1 = geometry.angle(month.day1)
            let fill = index % 2 == 0 ? "#E6EBF0" : "#D5DDE5"
            out += "<path d=\"\(geometry.sectorPath(a0, a1, inner: geometry.rMonth0, outer: geometry.rMonth1))\" fill=\"\(fill)\" stroke=\"#FFFFFF\" stroke-width=\"1.5\"/>\n"
            var name = words.labels.month(month.month)
            if showYear, index == 0 || month.month == 1 { name += " \(month.year)" }
            let arc = (a1 - a0) * (geometry.rMonth0 + geometry.rMonth1) / 2 - 8
            if Markup.width(of: name, fontSize: 15) > arc { name = String(words.labels.month(month.month).prefix(3)) }
            if Markup.width(of: name, fontSize: 15) > arc { continue }
            out += "<text class=\"aw-mn\"><textPath xlink:href=\"#aw-mp-\(index)\" startOffset=\"50%\" text-anchor=\"middle\">\(Markup.text(name))</textPath></text>\n"
        }
        return out + "</g>\n"
    }

    func weekBand() -> String {
        var out = "<g class=\"aw-weeks\">\n"
        out += "<circle cx=\"\(n(geometry.cx))\" cy=\"\(n(geometry.cy))\" r=\"\(n(geometry.rWeek1))\" fill=\"none\" stroke=\"#AFB8C1\" stroke-width=\"0.75\"/>\n"
        var ticks = ""
        for tick in layout.weekTicks {
            let a = geometry.angle(tick.day)
            ticks += "M\(geometry.xy(a, geometry.rWeek1 - 7))L\(geometry.xy(a, geometry.rWeek1))"
        }
        if !ticks.isEmpty { out += "<path d=\"\(ticks)\" stroke=\"#6E7781\" stroke-width=\"1\"/>\n" }
        let radius = (geometry.rWeek0 + geometry.rWeek1) / 2 - 2
        for tick in layout.weekTicks where tick.day + 3.5 <= Double(geometry.days) {
            let p = geometry.point(geometry.angle(tick.day + 3.5), radius)
            out += "<text class=\"aw-wk\" x=\"\(n(p.x))\" y=\"\(n(p.y))\" dy=\"0.35em\">\(tick.number)</text>\n"
        }
        return out + "</g>\n"
    }

    func ringBands() -> String {
        var out = "<g class=\"aw-rings\">\n"
        for (index, ring) in layout.rings.enumerated() {
            let mid = (ring.r0 + ring.r1) / 2
            let colour = ring.color ?? WheelColors.neutral
            out += "<circle cx=\"\(n(geometry.cx))\" cy=\"\(n(geometry.cy))\" r=\"\(n(mid))\" fill=\"none\" stroke=\"\(colour)\" stroke-opacity=\"0.08\" stroke-width=\"\(n(ring.r1 - ring.r0))\"/>\n"
            out += "<circle cx=\"\(n(geometry.cx))\" cy=\"\(n(geometry.cy))\" r=\"\(n(ring.r1))\" fill=\"none\" stroke=\"\(colour)\" stroke-opacity=\"0.45\" stroke-width=\"1\"/>\n"
            out += "<circle cx=\"\(n(geometry.cx))\" cy=\"\(n(geometry.cy))\" r=\"\(n(ring.r0))\" fill=\"none\" stroke=\"\(colour)\" stroke-opacity=\"0.45\" stroke-width=\"1\"/>\n"
            if ring.labelBand > 0 {
                for quarter in 0..<ringLabelAngles(ring).count {
                    out += "<text class=\"aw-rl\" fill=\"\(ringTextColor(ring))\"><textPath xlink:href=\"#aw-rp-\(index)-\(quarter)\" startOffset=\"50%\" text-anchor=\"middle\">\(Markup.text(ring.title))</textPath></text>\n"
                }
            } else {
                // Too thin for its name: a numbered tag at the top, explained in the legend.
                let a = -10 / mid
                let p = geometry.point(a, mid)
                let r = min(8, (ring.r1 - ring.r0) / 2)
                out += "<circle cx=\"\(n(p.x))\" cy=\"\(n(p.y))\" r=\"\(n(r))\" fill=\"#FFFFFF\" stroke=\"\(colour)\" stroke-width=\"1.25\"/>"
                out += "<text class=\"aw-bc\" x=\"\(n(p.x))\" y=\"\(n(p.y))\" dy=\"0.35em\" font-size=\"\(n(min(10, r * 1.3)))\">\(index + 1)</text>\n"
            }
        }
        return out + "</g>\n"
    }

    /// A ring name's colour: the ring's own, darkened if it is light.
    func ringTextColor(_ ring: WheelLayout.Ring) -> String {
        guard let colour = ring.color else { return WheelColors.muted }
        return Self.readable(colour)
    }

    /// A colour dark enough for text on white (WCAG contrast ≥ 4.5), by darkening.
    static func readable(_ hex: String) -> String {
        guard let color = RGBColor(hex: hex) else { return WheelColors.text }
        var rgb = [Double(color.red), Double(color.green), Double(color.blue)]
        func luminance(_ c: [Double]) -> Double {
            let linear = c.map { v -> Double in
                let s = v / 255
                return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        }
        var steps = 0
        while (1.05 / (luminance(rgb) + 0.05)) < 4.5, steps < 20 {
            rgb = rgb.map { $0 * 0.85 }
            steps += 1
        }
        let hexDigits = Array("0123456789ABCDEF")
        return "#" + rgb.map { value -> String in
            let byte = max(0, min(255, Int(value.rounded())))
            return String([hexDigits[byte / 16], hexDigits[byte % 16]])
        }.joined()
    }

    func grid() -> String {
        var lines = ""
        for month in layout.months.dropFirst() {
            let a = geometry.angle(month.day0)
            lines += "M\(geometry.xy(a, geometry.rInner))L\(geometry.xy(a, geometry.rRings))"
        }
        var out = "<g class=\"aw-grid\">\n"
        if !lines.isEmpty { out += "<path d=\"\(lines)\" stroke=\"#8C959F\" stroke-opacity=\"0.55\" stroke-width=\"1\"/>\n" }
        out += "<path d=\"M\(geometry.xy(0, geometry.rCenter))L\(geometry.xy(0, geometry.rMonth1))\" stroke=\"\(WheelColors.text)\" stroke-width=\"1.5\"/>\n"
        return out + "</g>\n"
    }

    func wedges() -> String {
        var out = "<g class=\"aw-wedges\">\n"
        for mark in layout.conflicts {
            guard let wedge = mark.wedge else { continue }
            let a0 = geometry.angle(wedge.0), a1 = geometry.angle(wedge.1)
            out += "<path d=\"\(geometry.sectorPath(a0, a1, inner: geometry.rInner, outer: geometry.rRings))\" fill=\"url(#aw-hatch)\" stroke=\"\(WheelColors.conflict)\" stroke-width=\"1\" stroke-dasharray=\"3 2\"/>\n"
        }
        return out + "</g>\n"
    }

    // MARK: Marks

    /// Opens a mark's group: a `<g>` with a `<title>`, or in the page a link to its entry.
    func openMark(_ classes: String, occurrences: [Int], label: String) -> String {
        if interactive {
            let target = occurrences.first.map { "#o-\($0 + 1)" } ?? "#"
            let numbers = occurrences.map { String($0 + 1) }.joined(separator: " ")
            return "<a class=\"\(classes)\" xlink:href=\"\(target)\" data-o=\"\(numbers)\" aria-label=\"\(Markup.attribute(label))\">"
        }
        return "<g class=\"\(classes)\"><title>\(Markup.text(label))</title>"
    }

    func closeMark() -> String { interactive ? "</a>\n" : "</g>\n" }

    func spanMarks() -> String {
        var out = "<g class=\"aw-spans\">\n"
        for (index, span) in layout.spans.enumerated() {
            let occurrence = cycle.occurrences[span.occurrence]
            let a0 = geometry.angle(span.day0), a1 = geometry.angle(span.day1)
            out += openMark("aw-mark aw-span", occurrences: [span.occurrence], label: layout.describe(span.occurrence))
            let dash = occurrence.isCancelled ? " stroke-dasharray=\"4 3\"" : ""
            out += "<path d=\"\(geometry.arcPath(a0, a1, radius: span.radius))\" fill=\"none\" stroke=\"\(span.color)\" stroke-opacity=\"0.3\" stroke-width=\"\(n(span.width))\"\(dash)/>"
            // Solid edges along the bar, so it reads as one shape.
            out += "<path d=\"\(geometry.arcPath(a0, a1, radius: span.radius + span.width / 2 - 0.75))\(geometry.arcPath(a0, a1, radius: span.radius - span.width / 2 + 0.75))\" fill=\"none\" stroke=\"\(span.color)\" stroke-width=\"1.5\"\(dash)/>"
            if let label = span.label {
                out += "<text class=\"aw-sl\"><textPath xlink:href=\"#aw-sp-\(index)\" startOffset=\"50%\" text-anchor=\"middle\">\(Markup.text(label))</textPath></text>"
            }
            out += closeMark()
        }
        return out + "</g>\n"
    }

    func pointMarks() -> String {
        var out = "<g class=\"aw-marks\">\n"
        for point in layout.points {
            let occurrence = cycle.occurrences[point.occurrence]
            out += openMark("aw-mark", occurrences: [point.occurrence], label: layout.describe(point.occurrence))
            var attributes: String
            if point.kind.isHollow {
                attributes = " fill=\"#FFFFFF\" stroke=\"\(point.color)\" stroke-width=\"2\""
            } else {
                attributes = " fill=\"\(point.color)\" stroke=\"#FFFFFF\" stroke-width=\"1\""
            }
            if occurrence.isCancelled { attributes += " fill-opacity=\"0.3\" stroke-dasharray=\"2 1.5\"" }
            out += point.kind.shape(x: point.x, y: point.y, r: point.size, attributes: attributes)
            if layout.wheel.options.moved.contains(occurrence.uid) { out += movedRing(x: point.x, y: point.y, r: point.size + 4) }
            out += closeMark()
        }
        return out + "</g>\n"
    }

    /// The dashed ring around the mark of an item a plan moved.
    func movedRing(x: Double, y: Double, r: Double) -> String {
        "<circle class=\"aw-moved\" cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\" fill=\"none\" stroke=\"\(WheelColors.text)\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"/>"
    }

    func badgeMarks() -> String {
        var out = "<g class=\"aw-badges\">\n"
        for badge in layout.badges {
            let bucket = layout.buckets[badge.bucket]
            var label = "\(words.weeks(bucket.weeks)), \(layout.rings[badge.ring].title): \(words.occurrenceCount(badge.occurrences.count))"
            let listed = badge.occurrences.prefix(12).map { layout.describe($0) }
            label += "\n" + listed.joined(separator: "\n")
            if badge.occurrences.count > listed.count { label += "\n…" }
            out += openMark("aw-mark aw-badge", occurrences: badge.occurrences, label: label)
            out += "<circle cx=\"\(n(badge.x))\" cy=\"\(n(badge.y))\" r=\"\(n(badge.size))\" fill=\"#FFFFFF\" stroke=\"\(badge.color)\" stroke-width=\"2\"/>"
            let count = badge.occurrences.count
            let fontSize = min(11, badge.size * (count >= 100 ? 0.85 : 1.15))
            out += "<text class=\"aw-bc\" x=\"\(n(badge.x))\" y=\"\(n(badge.y))\" dy=\"0.35em\" font-size=\"\(n(fontSize))\">\(count)</text>"
            out += closeMark()
        }
        return out + "</g>\n"
    }

    // MARK: Conflicts

    /// The dash pattern of a severity: solid, dashed, dotted.
    static func dash(_ severity: RuleSeverity) -> String {
        switch severity {
        case .error: return ""
        case .warning: return " stroke-dasharray=\"7 4\""
        case .info: return " stroke-dasharray=\"1.5 3.5\" stroke-linecap=\"round\""
        }
    }

    /// A conflict's numbered badge at (x, y): filled for errors, outlined for warnings,
    /// dotted for information.
    func conflictBadge(number: Int, severity: RuleSeverity, x: Double, y: Double, radius: Double, fontSize: Double) -> String {
        conflictBadge(label: String(number), severity: severity, x: x, y: y, radius: radius, fontSize: number >= 100 ? fontSize * 0.8 : fontSize)
    }

    /// A badge with any short label (the legend's `#`).
    func conflictBadge(label: String, severity: RuleSeverity, x: Double, y: Double, radius: Double, fontSize: Double) -> String {
        let red = WheelColors.conflict
        var out: String
        switch severity {
        case .error:
            out = "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius))\" fill=\"\(red)\" stroke=\"#FFFFFF\" stroke-width=\"1.5\"/>"
        case .warning:
            out = "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius - 1))\" fill=\"#FFFFFF\" stroke=\"\(red)\" stroke-width=\"2.5\"/>"
        case .info:
            out = "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius - 1))\" fill=\"#FFFFFF\" stroke=\"\(red)\" stroke-width=\"2.5\" stroke-dasharray=\"1.5 2.5\" stroke-linecap=\"round\"/>"
        }
        let fill = severity == .error ? "#FFFFFF" : red
        out += "<text class=\"aw-cn\" x=\"\(n(x))\" y=\"\(n(y))\" dy=\"0.35em\" font-size=\"\(n(fontSize))\" fill=\"\(fill)\">\(Markup.text(label))</text>"
        return out
    }

    func conflictMarks() -> String {
        var out = "<g class=\"aw-conflicts\">\n"
        let red = WheelColors.conflict
        for mark in layout.conflicts {
            let severity = mark.conflict.severity
            let label = "\(mark.number) \(words.severity(severity)) (\(mark.conflict.rule)): \(mark.conflict.explanation)"
            if interactive {
                out += "<a class=\"aw-conflict\" id=\"aw-c-\(mark.number)\" xlink:href=\"#k-\(mark.number)\" data-c=\"\(mark.number)\" aria-label=\"\(Markup.attribute(label))\">"
            } else {
                out += "<g class=\"aw-conflict\" id=\"aw-c-\(mark.number)\"><title>\(Markup.text(label))</title>"
            }
            // Connectors between the occurrences, white underneath so they read over marks.
            if mark.targets.count > 1 {
                let ordered = mark.targets.sorted { ($0.angle, hypot($0.x - geometry.cx, $0.y - geometry.cy)) < ($1.angle, hypot($1.x - geometry.cx, $1.y - geometry.cy)) }
                let d = ordered.enumerated().map { ($0.offset == 0 ? "M" : "L") + "\(n($0.element.x)),\(n($0.element.y))" }.joined()
                out += "<path d=\"\(d)\" fill=\"none\" stroke=\"#FFFFFF\" stroke-width=\"6\" stroke-linejoin=\"round\" stroke-opacity=\"0.9\"/>"
                out += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(red)\" stroke-width=\"2.75\" stroke-linejoin=\"round\"\(Self.dash(severity))/>"
            }
            for target in mark.targets {
                out += "<circle cx=\"\(n(target.x))\" cy=\"\(n(target.y))\" r=\"\(n(target.halo + 1))\" fill=\"none\" stroke=\"#FFFFFF\" stroke-width=\"3\" stroke-opacity=\"0.85\"/>"
                out += "<circle cx=\"\(n(target.x))\" cy=\"\(n(target.y))\" r=\"\(n(target.halo))\" fill=\"none\" stroke=\"\(red)\" stroke-width=\"2.5\"/>"
            }
            // Leader from the badge to the conflict's days.
            let start = geometry.xy(mark.badgeAngle, geometry.rBadge - geometry.badgeRadius)
            let bend = geometry.xy(mark.anchorAngle, geometry.rMonth1 + 3)
            let end = geometry.xy(mark.anchorAngle, mark.wedge == nil ? geometry.rWeek0 : geometry.rRings)
            out += "<path d=\"M\(start)L\(bend)L\(end)\" fill=\"none\" stroke=\"\(red)\" stroke-width=\"1.5\"/>"
            let p = geometry.point(mark.badgeAngle, geometry.rBadge)
            out += conflictBadge(number: mark.number, severity: severity, x: p.x, y: p.y, radius: geometry.badgeRadius, fontSize: 13)
            out += interactive ? "</a>\n" : "</g>\n"
        }
        return out + "</g>\n"
    }

    func todayMark() -> String {
        guard let today = layout.today else { return "" }
        let a = today.angle
        var out = "<g class=\"aw-today\">"
        if !interactive { out += "<title>\(Markup.text(words.today + ": " + words.labels.date(today.date)))</title>" }
        out += "<path d=\"M\(geometry.xy(a, geometry.rInner - 4))L\(geometry.xy(a, geometry.rMonth1 + 2))\" stroke=\"#FFFFFF\" stroke-width=\"5\" stroke-opacity=\"0.8\"/>"
        out += "<path d=\"M\(geometry.xy(a, geometry.rInner - 4))L\(geometry.xy(a, geometry.rMonth1 + 2))\" stroke=\"\(WheelColors.today)\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>"
        let tip = geometry.point(a, geometry.rMonth1 + 1)
        let left = geometry.point(a - 5 / geometry.rMonth1, geometry.rMonth1 + 11)
        let right = geometry.point(a + 5 / geometry.rMonth1, geometry.rMonth1 + 11)
        out += "<path d=\"M\(n(tip.x)),\(n(tip.y))L\(n(left.x)),\(n(left.y))L\(n(right.x)),\(n(right.y))Z\" fill=\"\(WheelColors.today)\"/>"
        let label = WheelLayout.todayLabel(today.date, angle: a, words: words, geometry: geometry)
        out += "<rect x=\"\(n(label.x - label.width / 2))\" y=\"\(n(label.y - label.height / 2))\" width=\"\(n(label.width))\" height=\"\(n(label.height))\" rx=\"6\" fill=\"\(WheelColors.today)\"/>"
        for (index, line) in label.lines.enumerated() {
            out += "<text class=\"aw-today\" x=\"\(n(label.x))\" y=\"\(n(label.y - 7 + Double(index) * 15))\" dy=\"0.35em\">\(Markup.text(line))</text>"
        }
        return out + "</g>\n"
    }

    func centre() -> String {
        var out = "<g class=\"aw-centre\">\n"
        out += "<circle cx=\"\(n(geometry.cx))\" cy=\"\(n(geometry.cy))\" r=\"\(n(geometry.rCenter))\" fill=\"#F6F8FA\" stroke=\"#D0D7DE\" stroke-width=\"1\"/>\n"
        out += "<text class=\"aw-yr\" x=\"\(n(geometry.cx))\" y=\"\(n(geometry.cy - 14))\">\(Markup.text(cycle.year.description))</text>\n"
        let lines = Markup.wrap(cycle.name, capacity: 26).prefix(2)
        for (index, line) in lines.enumerated() {
            out += "<text class=\"aw-cname\" x=\"\(n(geometry.cx))\" y=\"\(n(geometry.cy + 14 + Double(index) * 16))\">\(Markup.text(Markup.fit(line, width: 200, fontSize: 13)))</text>\n"
        }
        let counts = words.occurrenceCount(cycle.occurrences.count)
        out += "<text class=\"aw-ccount\" x=\"\(n(geometry.cx))\" y=\"\(n(geometry.cy + 18 + Double(lines.count) * 16 + 4))\">\(Markup.text(counts))</text>\n"
        let conflicts = words.openConflictCount(layout.numbered.count)
        out += "<text class=\"aw-ccount\" x=\"\(n(geometry.cx))\" y=\"\(n(geometry.cy + 18 + Double(lines.count) * 16 + 20))\" fill=\"\(WheelColors.conflict)\">\(Markup.text(conflicts))</text>\n"
        return out + "</g>\n"
    }

    // MARK: Legend and key

    func legendBlock() -> (svg: String, height: Double) {
        let top = geometry.legendTop
        let row = 23.0
        var out = "<g class=\"aw-legend\">\n"
        out += "<path d=\"M40,\(n(top - 14))H960\" stroke=\"#D0D7DE\" stroke-width=\"1\"/>\n"

        // Rings.
        var x = 40.0
        var y = top + 10
        out += "<text class=\"aw-lh\" x=\"\(n(x))\" y=\"\(n(y))\">\(Markup.text(words.rings))</text>\n"
        for (index, ring) in layout.rings.enumerated() {
            y += row
            let colour = ring.color ?? WheelColors.neutral
            out += "<rect x=\"\(n(x))\" y=\"\(n(y - 12))\" width=\"22\" height=\"15\" rx=\"3\" fill=\"\(colour)\" fill-opacity=\"0.15\" stroke=\"\(colour)\" stroke-width=\"1.25\"/>"
            out += "<text class=\"aw-bc\" x=\"\(n(x + 11))\" y=\"\(n(y - 4.5))\" dy=\"0.35em\" font-size=\"11\">\(index + 1)</text>"
            let text = "\(ring.title) (\(ring.count))"
            out += "<text class=\"aw-lt\" x=\"\(n(x + 30))\" y=\"\(n(y))\">\(Markup.text(Markup.fit(text, width: 290, fontSize: 13)))</text>\n"
        }
        var height = y - top

        // Kinds.
        x = 380
        y = top + 10
        out += "<text class=\"aw-lh\" x=\"\(n(x))\" y=\"\(n(y))\">\(Markup.text(words.kinds))</text>\n"
        for kind in MarkKind.allCases {
            y += row
            let attributes = kind.isHollow ? " fill=\"#FFFFFF\" stroke=\"\(WheelColors.muted)\" stroke-width=\"2\"" : " fill=\"\(WheelColors.muted)\""
            out += kind.shape(x: x + 11, y: y - 4.5, r: 6.5, attributes: attributes)
            out += "<text class=\"aw-lt\" x=\"\(n(x + 30))\" y=\"\(n(y))\">\(Markup.text(words.kind(kind)))</text>\n"
        }
        y += row
        out += "<rect x=\"\(n(x))\" y=\"\(n(y - 11))\" width=\"22\" height=\"13\" fill=\"\(WheelColors.muted)\" fill-opacity=\"0.3\" stroke=\"\(WheelColors.muted)\" stroke-width=\"1.5\"/>"
        out += "<text class=\"aw-lt\" x=\"\(n(x + 30))\" y=\"\(n(y))\">\(Markup.text(words.span))</text>\n"
        y += row
        out += "<circle cx=\"\(n(x + 11))\" cy=\"\(n(y - 4.5))\" r=\"9\" fill=\"#FFFFFF\" stroke=\"\(WheelColors.muted)\" stroke-width=\"2\"/>"
        out += "<text class=\"aw-bc\" x=\"\(n(x + 11))\" y=\"\(n(y - 4.5))\" dy=\"0.35em\" font-size=\"10\">7</text>"
        out += "<text class=\"aw-lt\" x=\"\(n(x + 30))\" y=\"\(n(y))\">\(Markup.text(words.aggregate))</text>\n"
        if !layout.wheel.options.moved.isEmpty {
            y += row
            out += "<circle cx=\"\(n(x + 11))\" cy=\"\(n(y - 4.5))\" r=\"5\" fill=\"\(WheelColors.muted)\"/>"
            out += movedRing(x: x + 11, y: y - 4.5, r: 9)
            out += "<text class=\"aw-lt\" x=\"\(n(x + 30))\" y=\"\(n(y))\">\(Markup.text(words.moved))</text>\n"
        }
        height = max(height, y - top)

        // Conflicts.
        x = 680
        y = top + 10
        out += "<text class=\"aw-lh\" x=\"\(n(x))\" y=\"\(n(y))\">\(Markup.text(words.conflicts))</text>\n"
        for severity in [RuleSeverity.error, .warning, .info] {
            y += row
            out += conflictBadge(label: "#", severity: severity, x: x + 11, y: y - 4.5, radius: 10, fontSize: 11)
            out += "<path d=\"M\(n(x + 24)),\(n(y - 4.5))H\(n(x + 50))\" stroke=\"\(WheelColors.conflict)\" stroke-width=\"2.75\"\(Self.dash(severity))/>"
            out += "<text class=\"aw-lt\" x=\"\(n(x + 58))\" y=\"\(n(y))\">\(Markup.text(words.severityLegend(severity)))</text>\n"
        }
        y += row
        out += "<rect x=\"\(n(x))\" y=\"\(n(y - 12))\" width=\"50\" height=\"15\" fill=\"url(#aw-hatch)\" stroke=\"\(WheelColors.conflict)\" stroke-width=\"1\" stroke-dasharray=\"3 2\"/>"
        out += "<text class=\"aw-lt\" x=\"\(n(x + 58))\" y=\"\(n(y))\">\(Markup.text(Markup.fit(words.wedge, width: 222, fontSize: 13)))</text>\n"
        if layout.today != nil {
            y += row
            out += "<path d=\"M\(n(x)),\(n(y - 4.5))H\(n(x + 50))\" stroke=\"\(WheelColors.today)\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>"
            out += "<text class=\"aw-lt\" x=\"\(n(x + 58))\" y=\"\(n(y))\">\(Markup.text(words.today))</text>\n"
        }
        height = max(height, y - top)
        out += "</g>\n"
        return (out, height + 10)
    }

    /// The numbered list of conflicts under the legend (standalone SVG only).
    func keyLines(below legendHeight: Double) -> (lines: [String], height: Double) {
        let all = layout.numbered
        var y = geometry.legendTop + legendHeight + 30
        let start = y
        var lines: [String] = []
        lines.append("<g class=\"aw-key\">\n<text class=\"aw-lh\" x=\"40\" y=\"\(n(y))\">\(Markup.text(words.conflicts))</text>\n")
        if all.isEmpty {
            y += 22
            lines.append("<text class=\"aw-kt\" x=\"40\" y=\"\(n(y))\">\(Markup.text(words.noConflicts))</text>\n")
        }
        let shown = all.prefix(30)
        // Wrapped for Liberation Sans (the first font); a wider fallback font still fits the page.
        let capacity = Int(850 / (12.5 * 0.54))
        for mark in shown {
            y += 24
            var entry = conflictBadge(number: mark.number, severity: mark.conflict.severity, x: 50, y: y - 4.5, radius: 10, fontSize: 11)
            let text = "\(words.severity(mark.conflict.severity)) · \(layout.dates(of: mark)) · \(mark.conflict.rule): \(layout.subjects(of: mark))"
            let wrapped = Markup.wrap(text, capacity: capacity)
            for (index, line) in wrapped.prefix(2).enumerated() {
                if index > 0 { y += 17 }
                let shownLine = index == 1 && wrapped.count > 2 ? line + " …" : line
                entry += "<text class=\"aw-kt\" x=\"70\" y=\"\(n(y))\">\(Markup.text(shownLine))</text>"
            }
            lines.append("<g class=\"aw-key-entry\">" + entry + "</g>\n")
        }
        if all.count > shown.count {
            y += 22
            lines.append("<text class=\"aw-kt\" x=\"70\" y=\"\(n(y))\">\(Markup.text(words.more(all.count - shown.count)))</text>\n")
        }
        lines.append("</g>\n")
        return (lines, y - start + 20)
    }
}
