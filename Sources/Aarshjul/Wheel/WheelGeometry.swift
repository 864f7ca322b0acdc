import Foundation
import ICalendar

/// The fixed geometry of the wheel: a 1000-pixel-wide drawing (A4 at about 5.3 px/mm), the
/// centre, the radii of the bands from the centre outwards, and the mapping from a day of
/// the cycle year to an angle (0 at twelve o'clock, clockwise).
struct WheelGeometry: Sendable {
    /// The drawing's width.
    static let width = 1000.0
    /// The centre.
    let cx = 500.0
    let cy: Double
    /// The disc in the middle (year and name).
    let rCenter = 118.0
    /// The rings run from here…
    let rInner = 128.0
    /// …to here.
    let rRings = 372.0
    /// The week band (ticks and week numbers).
    let rWeek0 = 374.0
    let rWeek1 = 398.0
    /// The month band (month names).
    let rMonth0 = 400.0
    let rMonth1 = 438.0
    /// Where conflict badges sit.
    let rBadge = 460.0
    /// The radius of a conflict badge.
    let badgeRadius = 13.0
    /// The gap between two rings.
    let ringGap = 4.0
    /// The days in the cycle year (365 or 366).
    let days: Int

    /// The top of the legend, below the wheel.
    var legendTop: Double { cy + rBadge + badgeRadius + 26 }

    /// A geometry for a year of `days` days, with `top` pixels above the wheel for a heading.
    init(days: Int, top: Double = 92) {
        self.days = max(1, days)
        self.cy = top + 474
    }

    /// The angle in radians of a position in days from the start of the cycle year.
    func angle(_ day: Double) -> Double {
        day / Double(days) * 2 * Double.pi
    }

    /// The point at an angle (radians, clockwise from twelve o'clock) and radius.
    func point(_ angle: Double, _ radius: Double) -> (x: Double, y: Double) {
        (cx + radius * sin(angle), cy - radius * cos(angle))
    }

    /// The arc length of one day at a radius.
    func dayArc(at radius: Double) -> Double {
        2 * Double.pi * radius / Double(days)
    }

    /// `x,y` of a point.
    func xy(_ angle: Double, _ radius: Double) -> String {
        let p = point(angle, radius)
        return "\(Markup.number(p.x)),\(Markup.number(p.y))"
    }

    /// An arc path from `a0` to `a1` (radians, `a1 > a0`) at a radius, clockwise; with
    /// `reversed`, drawn from `a1` back to `a0` (so text on it reads upright in the lower half).
    func arcPath(_ a0: Double, _ a1: Double, radius: Double, reversed: Bool = false) -> String {
        let large = (a1 - a0) > Double.pi ? 1 : 0
        let r = Markup.number(radius)
        if reversed {
            return "M\(xy(a1, radius))A\(r),\(r) 0 \(large) 0 \(xy(a0, radius))"
        }
        return "M\(xy(a0, radius))A\(r),\(r) 0 \(large) 1 \(xy(a1, radius))"
    }

    /// An annular sector from `a0` to `a1` between two radii.
    func sectorPath(_ a0: Double, _ a1: Double, inner: Double, outer: Double) -> String {
        let large = (a1 - a0) > Double.pi ? 1 : 0
        let ro = Markup.number(outer), ri = Markup.number(inner)
        return "M\(xy(a0, outer))A\(ro),\(ro) 0 \(large) 1 \(xy(a1, outer))L\(xy(a1, inner))A\(ri),\(ri) 0 \(large) 0 \(xy(a0, inner))Z"
    }

    /// Whether text along an arc centred at `angle` should run counter-clockwise to read
    /// upright (the lower half of the wheel).
    static func readsReversed(_ angle: Double) -> Bool {
        let degrees = angle * 180 / Double.pi
        return degrees > 90 && degrees < 270
    }
}

/// The shape of an occurrence's mark, by its `kind` tag.
enum MarkKind: Int, Sendable, CaseIterable, Comparable {
    /// A decision meeting: a diamond.
    case decision
    /// A deadline: a triangle.
    case deadline
    /// A meeting without decisions: a circle.
    case meeting
    /// A milestone: a square.
    case milestone
    /// Anything else (a hearing, no kind): a hollow circle.
    case other

    init(kind: String?) {
        switch kind?.lowercased() {
        case "decision": self = .decision
        case "deadline": self = .deadline
        case "meeting": self = .meeting
        case "milestone": self = .milestone
        default: self = .other
        }
    }

    static func < (lhs: MarkKind, rhs: MarkKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The SVG element of the mark centred at (x, y) with "radius" r; `attributes` go on
    /// the shape (fill, stroke …).
    func shape(x: Double, y: Double, r: Double, attributes: String) -> String {
        let n = Markup.number
        switch self {
        case .decision:
            let d = r * 1.3
            return "<path d=\"M\(n(x)),\(n(y - d))L\(n(x + d)),\(n(y))L\(n(x)),\(n(y + d))L\(n(x - d)),\(n(y))Z\"\(attributes)/>"
        case .deadline:
            let h = r * 1.25
            return "<path d=\"M\(n(x)),\(n(y - h))L\(n(x + h)),\(n(y + h * 0.8))L\(n(x - h)),\(n(y + h * 0.8))Z\"\(attributes)/>"
        case .meeting:
            return "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\"\(attributes)/>"
        case .milestone:
            let s = r * 0.9
            return "<rect x=\"\(n(x - s))\" y=\"\(n(y - s))\" width=\"\(n(2 * s))\" height=\"\(n(2 * s))\"\(attributes)/>"
        case .other:
            return "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r * 0.8))\"\(attributes)/>"
        }
    }

    /// Whether the shape is drawn hollow (outline in the source's colour).
    var isHollow: Bool { self == .other }
}

/// Colours of the wheel.
enum WheelColors {
    /// Conflicts: a crimson far from the usual institution blues and oranges.
    static let conflict = "#C8102E"
    /// The today mark.
    static let today = "#111111"
    /// Text.
    static let text = "#1F2328"
    /// Secondary text.
    static let muted = "#59636E"
    /// Neutral marks (rings by area or body with mixed sources use source colours; this is
    /// the fallback).
    static let neutral = "#59636E"
    /// Colours for sources without `color`, in configuration order.
    static let palette = ["#0067B1", "#E87722", "#2E7D32", "#6A1B9A", "#00838F", "#8D6E63", "#AD1457", "#455A64"]

    /// A source's colour: its `color` when it is `#RRGGBB`, else the palette's.
    static func color(for source: SourceSettings?, index: Int) -> String {
        if let color = source?.color, isHex(color) { return color.uppercased() }
        return palette[((index % palette.count) + palette.count) % palette.count]
    }

    static func isHex(_ text: String) -> Bool {
        RGBColor(hex: text) != nil
    }
}
