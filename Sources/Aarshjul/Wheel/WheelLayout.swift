import Foundation
import ICalendar

/// Where everything on the wheel goes: the rings, every occurrence's mark (or the week badge
/// it was grouped into), the spans, the conflicts, the months and weeks. The SVG and the
/// HTML page both draw from it.
struct WheelLayout: Sendable {
    /// One concentric ring.
    struct Ring: Sendable {
        /// The source id, area or body ("" for the ring of items without one).
        var key: String
        /// What the ring is called.
        var title: String
        /// The ring's colour (its source's, for source rings).
        var color: String?
        /// Inner and outer radius.
        var r0: Double
        var r1: Double
        /// The band at the inner edge that holds the ring's name (0 when the ring is too thin).
        var labelBand: Double
        /// How many occurrences the ring shows.
        var count: Int
    }

    /// A single occurrence's mark.
    struct Point: Sendable {
        var ring: Int
        var occurrence: Int
        var day: Double
        var angle: Double
        var radius: Double
        var x: Double
        var y: Double
        /// The mark's "radius".
        var size: Double
        var kind: MarkKind
        var color: String
    }

    /// The marks of one week of a ring, grouped because they would overlap.
    struct Badge: Sendable {
        var ring: Int
        var bucket: Int
        var occurrences: [Int]
        var day: Double
        var angle: Double
        var radius: Double
        var x: Double
        var y: Double
        var size: Double
        var color: String
    }

    /// An occurrence over several days, drawn as an arc.
    struct Span: Sendable {
        var ring: Int
        var occurrence: Int
        var day0: Double
        var day1: Double
        var radius: Double
        var width: Double
        var color: String
        var label: String?
    }

    /// Where a conflict touches the wheel.
    struct Target: Sendable, Hashable {
        var x: Double
        var y: Double
        var halo: Double
        var angle: Double
    }

    /// An open conflict as drawn.
    struct ConflictMark: Sendable {
        /// 1-based, in the report's order (most severe first, then by date).
        var number: Int
        var conflict: Conflict
        /// The cycle occurrences involved (indices), in the conflict's order.
        var occurrences: [Int]
        var targets: [Target]
        var first: LocalDate?
        var last: LocalDate?
        /// Day positions of the hatched wedge, when the conflict covers a few weeks at most.
        var wedge: (Double, Double)?
        /// Where the badge points (radians) and where it sits.
        var anchorAngle: Double
        var badgeAngle: Double
    }

    /// A month's sector.
    struct Month: Sendable {
        var day0: Double
        var day1: Double
        var month: Int
        var year: Int
    }

    /// A week tick (a Monday).
    struct WeekTick: Sendable {
        var day: Double
        var number: Int
    }

    /// A group of days (an ISO week; partial weeks at the ends of the year joined to their
    /// neighbour) within which overlapping marks are grouped.
    struct Bucket: Sendable {
        var day0: Int
        var day1: Int
        var weeks: [Int]
    }

    let wheel: Wheel
    let words: WheelWords
    let geometry: WheelGeometry
    /// The size ("radius") of a mark where the ring has room; thin rings draw smaller marks.
    static let markRadius = 6.5
    let rings: [Ring]
    let points: [Point]
    let badges: [Badge]
    let spans: [Span]
    let conflicts: [ConflictMark]
    /// Conflicts that touch no date (a missing item).
    let undated: [ConflictMark]
    /// Every open conflict, dated and undated, in the order of their numbers.
    let numbered: [ConflictMark]
    let months: [Month]
    let weekTicks: [WeekTick]
    let buckets: [Bucket]
    /// The today mark: its day and angle, when today is in the cycle.
    let today: (date: LocalDate, angle: Double)?
    /// Source id → colour and name.
    let sourceColors: [String: String]
    let sourceNames: [String: String]
    /// Occurrence index → numbers of the open conflicts it is in.
    let conflictNumbers: [Int: [Int]]

    var cycle: Cycle { wheel.cycle }
    var labels: Labels { words.labels }

    // MARK: Building

    /// Lays out a wheel; `heading` leaves room above it for the title (the standalone SVG).
    init(wheel: Wheel, heading: Bool = true) {
        self.wheel = wheel
        let cycle = wheel.cycle
        let words = WheelWords(language: wheel.options.language)
        self.words = words
        let firstDay = cycle.year.firstDay
        let days = max(1, cycle.year.endDay.daysSinceEpoch - firstDay.daysSinceEpoch)
        let geometry = WheelGeometry(days: days, top: heading ? 92 : 4)
        self.geometry = geometry

        var colors: [String: String] = [:]
        var names: [String: String] = [:]
        for (index, source) in cycle.sources.enumerated() {
            colors[source.id] = WheelColors.color(for: source, index: index)
            names[source.id] = source.name
        }
        sourceColors = colors
        sourceNames = names

        months = Self.months(year: cycle.year, days: days)
        weekTicks = Self.weekTicks(year: cycle.year, days: days)
        let buckets = Self.buckets(year: cycle.year, days: days)
        self.buckets = buckets
        var bucketOfDay = [Int](repeating: 0, count: days)
        for (index, bucket) in buckets.enumerated() {
            for day in bucket.day0..<bucket.day1 { bucketOfDay[day] = index }
        }

        // Rings and which occurrences each shows.
        let (ringKeys, ringTitles, ringColors, membership) = Self.rings(cycle: cycle, mode: wheel.options.rings, words: words)
        let count = max(1, ringKeys.count)
        let widths = Self.ringWidths(counts: (0..<count).map { $0 < membership.count ? membership[$0].count : 0 }, geometry: geometry)

        var rings: [Ring] = []
        var points: [Point] = []
        var badges: [Badge] = []
        var spans: [Span] = []
        var outer = geometry.rRings
        for index in 0..<count {
            let width = widths[index]
            let r1 = outer
            let r0 = r1 - width
            outer = r0 - geometry.ringGap
            let labelBand = width >= 44 ? 14.0 : 0
            let spanHeight = width >= 44 ? 15.0 : max(3, (width * 0.25).rounded())
            let maxSpanLanes = width >= 44 ? 2 : 1
            let members = index < membership.count ? membership[index] : []
            let key = index < ringKeys.count ? ringKeys[index] : ""
            let title = index < ringTitles.count ? ringTitles[index] : (wheel.options.rings == .area ? words.noArea : words.noBody)
            let ringColor = index < ringColors.count ? ringColors[index] : nil
            rings.append(Ring(key: key, title: title, color: ringColor, r0: r0, r1: r1, labelBand: labelBand, count: members.count))

            // Spans first: they take lanes at the outer edge.
            var spanItems: [(day0: Double, day1: Double, occurrence: Int)] = []
            var pointItems: [(day: Double, bucket: Int, occurrence: Int)] = []
            for occurrenceIndex in members {
                let occurrence = cycle.occurrences[occurrenceIndex]
                let start = occurrence.startDate.daysSinceEpoch - firstDay.daysSinceEpoch
                let last = occurrence.lastDate.daysSinceEpoch - firstDay.daysSinceEpoch
                if last > start {
                    spanItems.append((Double(max(0, start)), Double(min(days, last + 1)), occurrenceIndex))
                } else {
                    let day = min(max(start, 0), days - 1)
                    pointItems.append((Double(day) + 0.5, bucketOfDay[day], occurrenceIndex))
                }
            }
            var laneEnds: [Double] = []
            var placedSpans: [(Int, Double, Double, Int)] = []
            for item in spanItems.sorted(by: { ($0.day0, $0.day1, $0.occurrence) < ($1.day0, $1.day1, $1.occurrence) }) {
                if let free = laneEnds.firstIndex(where: { $0 <= item.day0 }) {
                    laneEnds[free] = item.day1
                    placedSpans.append((free, item.day0, item.day1, item.occurrence))
                } else if laneEnds.count < maxSpanLanes {
                    laneEnds.append(item.day1)
                    placedSpans.append((laneEnds.count - 1, item.day0, item.day1, item.occurrence))
                } else {
                    // No free lane: share the one that ends first.
                    let lane = laneEnds.indices.min { (laneEnds[$0], $0) < (laneEnds[$1], $1) } ?? 0
                    laneEnds[lane] = max(laneEnds[lane], item.day1)
                    placedSpans.append((lane, item.day0, item.day1, item.occurrence))
                }
            }
            let spanBand = laneEnds.isEmpty ? 0 : Double(laneEnds.count) * spanHeight + 1
            for (lane, day0, day1, occurrenceIndex) in placedSpans {
                let radius = r1 - 1 - spanHeight * (Double(lane) + 0.5)
                let occurrence = cycle.occurrences[occurrenceIndex]
                var label: String?
                if spanHeight >= 15 {
                    let arc = geometry.angle(day1 - day0) * radius - 12
                    let fitted = Markup.fit(occurrence.summary, width: arc, fontSize: 10)
                    if fitted.count >= 8 || fitted == occurrence.summary { label = fitted }
                }
                spans.append(Span(ring: index, occurrence: occurrenceIndex, day0: day0, day1: day1, radius: radius,
                                  width: spanHeight - 2, color: Self.color(of: occurrence, ring: ringColor, colors: colors), label: label))
            }

            // Points in lanes; weeks whose marks would overlap become badges.
            let p0 = r0 + labelBand + 1
            let p1 = r1 - spanBand - 1
            let markRadius = max(2.5, min(Self.markRadius, (p1 - p0 - 2) / 2))
            let placement = Self.place(pointItems, ring: index, band: (p0, p1), markRadius: markRadius,
                                       buckets: buckets, geometry: geometry) { occurrenceIndex in
                Self.color(of: cycle.occurrences[occurrenceIndex], ring: ringColor, colors: colors)
            }
            for item in placement.points {
                points.append(Point(ring: index, occurrence: item.occurrence, day: item.day, angle: item.angle, radius: item.radius,
                                    x: item.x, y: item.y, size: markRadius,
                                    kind: MarkKind(kind: cycle.occurrences[item.occurrence].tags.kind), color: item.color))
            }
            badges.append(contentsOf: placement.badges)
        }
        self.rings = rings
        self.points = points
        self.badges = badges
        self.spans = spans

        if let today = wheel.options.today, cycle.year.contains(today) {
            self.today = (today, geometry.angle(Double(today.daysSinceEpoch - firstDay.daysSinceEpoch) + 0.5))
        } else {
            self.today = nil
        }

        // Conflicts.
        let (dated, undated) = Self.conflicts(wheel: wheel, points: points, badges: badges, spans: spans,
                                              ringKeys: ringKeys, geometry: geometry)
        let arranged = Self.arrangeBadges(dated, today: self.today, geometry: geometry, words: words)
        conflicts = arranged
        self.undated = undated
        numbered = (arranged + undated).sorted { $0.number < $1.number }
        var numbers: [Int: [Int]] = [:]
        for mark in arranged + undated {
            for occurrence in Set(mark.occurrences).sorted() { numbers[occurrence, default: []].append(mark.number) }
        }
        conflictNumbers = numbers.mapValues { $0.sorted() }
    }

    /// The colour of an occurrence's mark: the ring's (source rings), else its source's.
    static func color(of occurrence: CycleOccurrence, ring: String?, colors: [String: String]) -> String {
        ring ?? colors[occurrence.primarySource] ?? WheelColors.neutral
    }

    // MARK: Rings

    /// The rings' keys, titles, colours and members (occurrence indices), outermost first.
    static func rings(cycle: Cycle, mode: WheelRings, words: WheelWords) -> ([String], [String], [String?], [[Int]]) {
        let maxRings = 16
        switch mode {
        case .source:
            var keys = cycle.sources.map(\.id)
            var titles = cycle.sources.map(\.name)
            var colors: [String?] = cycle.sources.enumerated().map { WheelColors.color(for: $1, index: $0) }
            var index: [String: Int] = [:]
            for (position, key) in keys.enumerated() where index[key] == nil { index[key] = position }
            var members = [[Int]](repeating: [], count: keys.count)
            var extra: [Int] = []
            for (position, occurrence) in cycle.occurrences.enumerated() {
                let rings = Set(occurrence.sources.compactMap { index[$0] }).sorted()
                if rings.isEmpty { extra.append(position) }
                for ring in rings { members[ring].append(position) }
            }
            if !extra.isEmpty {
                keys.append("")
                titles.append(words.otherRings)
                colors.append(nil)
                members.append(extra)
            }
            if keys.count > maxRings {
                let kept = maxRings - 1
                let rest = members[kept...].flatMap { $0 }
                keys = Array(keys.prefix(kept)) + [""]
                titles = Array(titles.prefix(kept)) + [words.otherRings]
                colors = Array(colors.prefix(kept)) + [nil]
                members = Array(members.prefix(kept)) + [Array(Set(rest)).sorted()]
            }
            return (keys, titles, colors, members)
        case .area, .body:
            let value: (CycleOccurrence) -> String? = mode == .area ? { $0.tags.area } : { $0.tags.body }
            var byKey: [String: [Int]] = [:]
            var none: [Int] = []
            for (position, occurrence) in cycle.occurrences.enumerated() {
                if let key = value(occurrence), !key.isEmpty { byKey[key, default: []].append(position) } else { none.append(position) }
            }
            // The fullest ring outermost, where the circle is longest; ties by name.
            let noneTitle = mode == .area ? words.noArea : words.noBody
            var rings: [(key: String, title: String, members: [Int])] = byKey.keys.map { ($0, $0, byKey[$0] ?? []) }
            if !none.isEmpty || rings.isEmpty { rings.append(("", noneTitle, none)) }
            rings.sort { ($1.members.count, $0.key) < ($0.members.count, $1.key) }
            if rings.count > maxRings {
                let rest = rings[(maxRings - 1)...].flatMap(\.members).sorted()
                rings = Array(rings.prefix(maxRings - 1)) + [("\u{1}others", words.otherRings, rest)]
            }
            return (rings.map(\.key), rings.map(\.title), [String?](repeating: nil, count: rings.count), rings.map(\.members))
        }
    }

    /// The rings' widths: equal, unless one ring holds more than three times as many
    /// occurrences as another; then every ring gets at least 24 px and the rest of the room is
    /// shared by how many occurrences each has.
    static func ringWidths(counts: [Int], geometry: WheelGeometry) -> [Double] {
        let count = max(1, counts.count)
        let available = geometry.rRings - geometry.rInner - geometry.ringGap * Double(count - 1)
        let equal = available / Double(count)
        let most = counts.max() ?? 0
        let least = counts.min() ?? 0
        guard counts.count > 1, most > 3 * max(1, least) else { return [Double](repeating: equal, count: count) }
        let minimum = min(equal, 24)
        let total = Double(counts.reduce(0, +))
        let spare = available - minimum * Double(count)
        return counts.map { minimum + spare * Double($0) / total }
    }

    // MARK: Placement

    struct Placement {
        struct Item {
            var occurrence: Int
            var day: Double
            var angle: Double
            var radius: Double
            var x: Double
            var y: Double
            var color: String
        }
        var points: [Item] = []
        var badges: [Badge] = []
    }

    /// Places a ring's single-day marks in lanes across the band, each at its day; when a
    /// mark finds no free lane, the marks of its week become one badge with their count (and
    /// so do the marks of a neighbouring week that crowd a badge), until nothing overlaps.
    static func place(_ items: [(day: Double, bucket: Int, occurrence: Int)], ring: Int, band: (Double, Double),
                      markRadius: Double, buckets: [Bucket], geometry: WheelGeometry,
                      color: (Int) -> String) -> Placement {
        let lanes = Lanes(band: band, markRadius: markRadius, geometry: geometry)
        let sorted = items.sorted { ($0.day, $0.occurrence) < ($1.day, $1.occurrence) }
        var grouped: Set<Int> = []
        while true {
            let candidates = Self.candidates(sorted, grouped: grouped, buckets: buckets)
            var (result, more) = lanes.fill(candidates, ring: ring, grouped: grouped, geometry: geometry, color: color)
            more.subtract(grouped)
            if more.isEmpty {
                result.badges.sort { $0.day < $1.day }
                return result
            }
            grouped.formUnion(more)
        }
    }

    /// A mark to place, or (with members) the badge of a grouped week.
    struct Candidate {
        var day: Double
        var bucket: Int
        var occurrence: Int
        var members: [Int]
        var isBadge: Bool { !members.isEmpty }
    }

    /// The marks to place, in order of day (a badge before the marks of its day): the marks of
    /// the weeks not grouped, one badge for each grouped week at the week's middle.
    static func candidates(_ sorted: [(day: Double, bucket: Int, occurrence: Int)], grouped: Set<Int>, buckets: [Bucket]) -> [Candidate] {
        var candidates: [Candidate] = []
        var membersOf: [Int: [Int]] = [:]
        for item in sorted {
            if grouped.contains(item.bucket) {
                membersOf[item.bucket, default: []].append(item.occurrence)
            } else {
                candidates.append(Candidate(day: item.day, bucket: item.bucket, occurrence: item.occurrence, members: []))
            }
        }
        for (bucket, members) in membersOf {
            let range = buckets[bucket]
            candidates.append(Candidate(day: Double(range.day0 + range.day1) / 2, bucket: bucket,
                                        occurrence: members.min() ?? 0, members: members))
        }
        candidates.sort { ($0.day, $0.isBadge ? 0 : 1, $0.occurrence) < ($1.day, $1.isBadge ? 0 : 1, $1.occurrence) }
        return candidates
    }

    /// The lanes of a ring's band: concentric circles a mark's diameter (and a gap) apart, filled
    /// middle lane first, then alternately outwards and inwards.
    struct Lanes {
        let gap = 2.0
        var markRadius: Double
        var radii: [Double]
        var order: [Int]
        var midRadius: Double
        var badgeSize: Double

        init(band: (Double, Double), markRadius: Double, geometry: WheelGeometry) {
            let step = 2 * markRadius + gap
            let height = max(0, band.1 - band.0)
            let laneCount = max(1, Int(height / step))
            let first = band.0 + (height - Double(laneCount) * step) / 2
            self.markRadius = markRadius
            radii = (0..<laneCount).map { first + step * (Double($0) + 0.5) }
            let middle = (laneCount - 1) / 2
            var order = [middle]
            var offset = 1
            while order.count < laneCount {
                if middle + offset < laneCount { order.append(middle + offset) }
                if middle - offset >= 0, order.count < laneCount { order.append(middle - offset) }
                offset += 1
            }
            self.order = order
            midRadius = (band.0 + band.1) / 2
            badgeSize = max(markRadius, min(11, height / 2, (5.5 * geometry.dayArc(at: midRadius) - 1.5) / 2))
        }

        /// One pass: each candidate in the first lane with room at its day (a badge spans every
        /// lane), and the weeks whose marks found no room or crowd a badge, also across twelve
        /// o'clock (the year's last marks against its first).
        func fill(_ candidates: [Candidate], ring: Int, grouped: Set<Int>, geometry: WheelGeometry,
                  color: (Int) -> String) -> (Placement, more: Set<Int>) {
            let laneCount = radii.count
            var edges = [Double](repeating: -Double.infinity, count: laneCount)
            var edgeBuckets = [Int](repeating: -1, count: laneCount)
            var firstEdges = [Double](repeating: Double.infinity, count: laneCount)
            var firstBuckets = [Int](repeating: -1, count: laneCount)
            var more: Set<Int> = []
            var result = Placement()
            for candidate in candidates {
                let angle = geometry.angle(candidate.day)
                if candidate.isBadge {
                    for lane in 0..<laneCount {
                        let centre = angle * radii[lane]
                        if centre - badgeSize < edges[lane] + gap, edgeBuckets[lane] >= 0, !grouped.contains(edgeBuckets[lane]) {
                            more.insert(edgeBuckets[lane])
                        }
                        if firstEdges[lane] == Double.infinity {
                            firstEdges[lane] = centre - badgeSize
                            firstBuckets[lane] = candidate.bucket
                        }
                        edges[lane] = max(edges[lane], centre + badgeSize)
                        edgeBuckets[lane] = candidate.bucket
                    }
                    let p = geometry.point(angle, midRadius)
                    let colours = Set(candidate.members.map(color))
                    result.badges.append(Badge(ring: ring, bucket: candidate.bucket, occurrences: candidate.members.sorted(),
                                               day: candidate.day, angle: angle, radius: midRadius, x: p.x, y: p.y,
                                               size: badgeSize, color: colours.count == 1 ? (colours.first ?? WheelColors.neutral) : WheelColors.neutral))
                } else {
                    guard let lane = order.first(where: { angle * radii[$0] - markRadius >= edges[$0] + gap }) else {
                        more.insert(candidate.bucket)
                        continue
                    }
                    let centre = angle * radii[lane]
                    if firstEdges[lane] == Double.infinity {
                        firstEdges[lane] = centre - markRadius
                        firstBuckets[lane] = candidate.bucket
                    }
                    edges[lane] = centre + markRadius
                    edgeBuckets[lane] = candidate.bucket
                    let p = geometry.point(angle, radii[lane])
                    result.points.append(Placement.Item(occurrence: candidate.occurrence, day: candidate.day, angle: angle,
                                                        radius: radii[lane], x: p.x, y: p.y, color: color(candidate.occurrence)))
                }
            }
            for lane in 0..<laneCount where firstBuckets[lane] >= 0 && edgeBuckets[lane] >= 0 && firstBuckets[lane] != edgeBuckets[lane] {
                let circumference = 2 * Double.pi * radii[lane]
                if edges[lane] + gap > firstEdges[lane] + circumference {
                    if !grouped.contains(edgeBuckets[lane]) {
                        more.insert(edgeBuckets[lane])
                    } else if !grouped.contains(firstBuckets[lane]) {
                        more.insert(firstBuckets[lane])
                    }
                }
            }
            return (result, more)
        }
    }

    // MARK: Calendar structure

    static func months(year: CycleYear, days: Int) -> [Month] {
        let first = year.firstDay
        var result: [Month] = []
        var start = first
        while start < year.endDay {
            let nextMonth = start.month == 12 ? LocalDate(year: start.year + 1, month: 1, day: 1)
                                              : LocalDate(year: start.year, month: start.month + 1, day: 1)
            let end = min(nextMonth, year.endDay)
            result.append(Month(day0: Double(start.daysSinceEpoch - first.daysSinceEpoch),
                                day1: Double(end.daysSinceEpoch - first.daysSinceEpoch), month: start.month, year: start.year))
            start = end
        }
        return result
    }

    static func weekTicks(year: CycleYear, days: Int) -> [WeekTick] {
        let first = year.firstDay
        var day = first.adding(days: (8 - first.weekday) % 7)
        var result: [WeekTick] = []
        while day < year.endDay {
            result.append(WeekTick(day: Double(day.daysSinceEpoch - first.daysSinceEpoch), number: NorwegianCalendar.isoWeek(day)))
            day = day.adding(days: 7)
        }
        return result
    }

    /// ISO weeks of the year; a partial week of fewer than four days at either end is joined
    /// to its neighbour, so every bucket has at least four days.
    static func buckets(year: CycleYear, days: Int) -> [Bucket] {
        let first = year.firstDay
        var bounds = [0]
        var monday = (8 - first.weekday) % 7
        if monday == 0 { monday = 7 }
        while monday < days {
            bounds.append(monday)
            monday += 7
        }
        bounds.append(days)
        var ranges: [(Int, Int)] = zip(bounds, bounds.dropFirst()).map { ($0, $1) }.filter { $0.1 > $0.0 }
        if ranges.count > 1, ranges[0].1 - ranges[0].0 < 4 {
            ranges[1].0 = ranges[0].0
            ranges.removeFirst()
        }
        if ranges.count > 1, let last = ranges.last, last.1 - last.0 < 4 {
            ranges[ranges.count - 2].1 = last.1
            ranges.removeLast()
        }
        return ranges.map { range in
            var weeks: [Int] = []
            for day in stride(from: range.0, to: range.1, by: 1) {
                let week = NorwegianCalendar.isoWeek(first.adding(days: day))
                if weeks.last != week { weeks.append(week) }
            }
            return Bucket(day0: range.0, day1: range.1, weeks: weeks)
        }
    }

    // MARK: Conflicts

    /// The identity key of an occurrence as conflicts name it: UID and RECURRENCE-ID text.
    static func key(uid: String, recurrenceId: String?) -> String {
        uid + "\u{1}" + (recurrenceId ?? "")
    }

    /// Finds where each open conflict's occurrences are drawn (in source rings, the ring of
    /// the source the conflict names), its days and its badge's place; conflicts with no
    /// drawn occurrence (a missing item) are returned apart.
    static func conflicts(wheel: Wheel, points: [Point], badges: [Badge], spans: [Span],
                          ringKeys: [String], geometry: WheelGeometry) -> ([ConflictMark], [ConflictMark]) {
        let cycle = wheel.cycle
        let firstDay = cycle.year.firstDay
        var byKey: [String: [Int]] = [:]
        var byUID: [String: [Int]] = [:]
        for (index, occurrence) in cycle.occurrences.enumerated() {
            byKey[key(uid: occurrence.uid, recurrenceId: occurrence.recurrenceIDText), default: []].append(index)
            byUID[occurrence.uid, default: []].append(index)
        }
        // Where each occurrence is drawn, per ring.
        struct Spot { var ring: Int; var target: Target }
        var spots: [Int: [Spot]] = [:]
        for point in points {
            spots[point.occurrence, default: []].append(Spot(ring: point.ring, target: Target(x: point.x, y: point.y, halo: point.size * 1.3 + 3.5, angle: point.angle)))
        }
        for badge in badges {
            for occurrence in badge.occurrences {
                spots[occurrence, default: []].append(Spot(ring: badge.ring, target: Target(x: badge.x, y: badge.y, halo: badge.size + 4, angle: badge.angle)))
            }
        }
        for span in spans {
            let angle = geometry.angle(span.day0 + min(0.5, (span.day1 - span.day0) / 2))
            let p = geometry.point(angle, span.radius)
            spots[span.occurrence, default: []].append(Spot(ring: span.ring, target: Target(x: p.x, y: p.y, halo: span.width / 2 + 4, angle: angle)))
        }
        var ringOf: [String: Int] = [:]
        for (index, key) in ringKeys.enumerated() where ringOf[key] == nil { ringOf[key] = index }

        var dated: [ConflictMark] = []
        var undated: [ConflictMark] = []
        for (number, conflict) in wheel.report.open.enumerated() {
            var involved: [Int] = []
            var targets: [Target] = []
            for described in conflict.occurrences {
                let candidates = byKey[key(uid: described.uid, recurrenceId: described.recurrenceId)] ?? byUID[described.uid] ?? []
                guard let index = candidates.first(where: { cycle.occurrences[$0].startText == described.start }) ?? candidates.first else { continue }
                involved.append(index)
                let places = spots[index] ?? []
                let preferred = wheel.options.rings == .source ? places.filter { $0.ring == ringOf[described.source] } : []
                for spot in (preferred.isEmpty ? Array(places.prefix(1)) : preferred) where !targets.contains(spot.target) {
                    targets.append(spot.target)
                }
            }
            var mark = ConflictMark(number: number + 1, conflict: conflict, occurrences: involved, targets: targets,
                                    first: nil, last: nil, wedge: nil, anchorAngle: 0, badgeAngle: 0)
            guard !involved.isEmpty, !targets.isEmpty else {
                undated.append(mark)
                continue
            }
            let firstDate = involved.map { cycle.occurrences[$0].startDate }.min() ?? firstDay
            let lastDate = involved.map { cycle.occurrences[$0].startDate }.max() ?? firstDay
            mark.first = firstDate
            mark.last = lastDate
            let day0 = Double(max(0, firstDate.daysSinceEpoch - firstDay.daysSinceEpoch))
            let day1 = Double(min(geometry.days, lastDate.daysSinceEpoch - firstDay.daysSinceEpoch + 1))
            if day1 - day0 <= 45 {
                mark.wedge = (max(0, day0 - 0.5), min(Double(geometry.days), day1 + 0.5))
                mark.anchorAngle = geometry.angle((day0 + day1) / 2)
            } else {
                mark.anchorAngle = targets[0].angle
            }
            mark.badgeAngle = mark.anchorAngle
            dated.append(mark)
        }
        return (dated, undated)
    }

    /// The today label's size.
    /// The today label: two short lines (`I dag` / `10.03`) in a box, and where its centre
    /// goes: just outside the month band, far enough out that the box clears it.
    static func todayLabel(_ today: LocalDate, angle: Double, words: WheelWords, geometry: WheelGeometry)
        -> (lines: [String], width: Double, height: Double, x: Double, y: Double) {
        let date = words.labels.dayMonth(today)
        let lines = [words.today, date]
        let width = (lines.map { Markup.width(of: $0, fontSize: 12) }.max() ?? 0) + 12
        let height = 34.0
        let radial = width / 2 * abs(sin(angle)) + height / 2 * abs(cos(angle))
        let p = geometry.point(angle, geometry.rMonth1 + 5 + radial)
        let x = min(max(p.x, width / 2 + 2), WheelGeometry.width - width / 2 - 2)
        let y = max(p.y, height / 2 + 2)
        return (lines, width, height, x, y)
    }

    /// Spreads the conflict badges around the rim so none overlaps another or the today
    /// label, keeping each as near its conflict as it can.
    static func arrangeBadges(_ marks: [ConflictMark], today: (date: LocalDate, angle: Double)?,
                              geometry: WheelGeometry, words: WheelWords) -> [ConflictMark] {
        struct Item { var angle: Double; var half: Double; var fixed: Bool; var mark: Int }
        let radius = geometry.rBadge
        var items = marks.enumerated().map { Item(angle: $1.anchorAngle, half: (geometry.badgeRadius + 2) / radius, fixed: false, mark: $0) }
        if let today {
            let label = todayLabel(today.date, angle: today.angle, words: words, geometry: geometry)
            let along = label.width / 2 * abs(cos(today.angle)) + label.height / 2 * abs(sin(today.angle))
            items.append(Item(angle: today.angle, half: (along + 4) / radius, fixed: true, mark: -1))
        }
        items.sort { ($0.angle, $0.mark) < ($1.angle, $1.mark) }
        guard items.count > 1 else { return marks }
        for _ in 0..<200 {
            var moved = false
            for index in 1..<items.count {
                let need = items[index - 1].half + items[index].half
                let overlap = need - (items[index].angle - items[index - 1].angle)
                guard overlap > 1e-9 else { continue }
                moved = true
                switch (items[index - 1].fixed, items[index].fixed) {
                case (true, false): items[index].angle += overlap
                case (false, true): items[index - 1].angle -= overlap
                default:
                    items[index - 1].angle -= overlap / 2
                    items[index].angle += overlap / 2
                }
            }
            if !moved { break }
        }
        // Whatever is left, pushed clockwise (never over the fixed label).
        for index in 1..<items.count where !items[index].fixed {
            items[index].angle = max(items[index].angle, items[index - 1].angle + items[index - 1].half + items[index].half)
        }
        var result = marks
        for item in items where item.mark >= 0 { result[item.mark].badgeAngle = item.angle }
        return result
    }

    // MARK: Text for people

    /// `ti 12.01 09:00–15:00`.
    func when(_ occurrence: CycleOccurrence) -> String {
        let report = CycleReport(cycle: cycle, language: words.language)
        return labels.shortDate(occurrence.startDate) + " " + report.timeText(occurrence)
    }

    /// The names of the sources that hold an occurrence's item, the winning copy's first.
    func sourceList(_ occurrence: CycleOccurrence) -> String {
        occurrence.sources.map { sourceNames[$0] ?? $0 }.joined(separator: ", ")
    }

    /// One line about an occurrence: `ti 12.01 09:00–15:00 — Formannskapet (Trondheim kommune; formannskapet; vedtak)`.
    func describe(_ index: Int) -> String {
        let occurrence = cycle.occurrences[index]
        var facts = [sourceList(occurrence)]
        if let body = occurrence.tags.body { facts.append(body) }
        if occurrence.tags.kind != nil { facts.append(labels.kind(occurrence.tags.kind)) }
        if let area = occurrence.tags.area { facts.append(area) }
        if occurrence.isCancelled { facts.append(labels.cancelled) }
        var text = "\(when(occurrence)) — \(occurrence.summary) (\(facts.joined(separator: "; ")))"
        if let numbers = conflictNumbers[index], !numbers.isEmpty {
            text += " — \(words.conflicts.lowercased()) " + numbers.map { "#\($0)" }.joined(separator: ", ")
        }
        return text
    }

    /// The dates a conflict concerns, in words.
    func dates(of mark: ConflictMark) -> String {
        guard let first = mark.first, let last = mark.last else { return words.noDate }
        return words.days(first, last)
    }

    /// A short line about a conflict for the key: the items' summaries.
    func subjects(of mark: ConflictMark) -> String {
        var seen: [String] = []
        for described in mark.conflict.occurrences where !seen.contains(described.summary) { seen.append(described.summary) }
        return seen.isEmpty ? mark.conflict.explanation : seen.joined(separator: " ↔ ")
    }
}
