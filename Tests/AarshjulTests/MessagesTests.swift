import Aarshjul
import Foundation
import ICalendar
import Testing

/// The strings table (`Messages`): every message of every language is there and says something,
/// the arguments a message is given show in all three languages, and the conventions of each
/// language (plurals, dates, holidays, weekdays) hold.
@Suite("Messages: one table for bokmål, nynorsk and English")
struct MessagesTests {
    /// A message with arguments, called with sample arguments, and the arguments that must show.
    struct Sample {
        var key: String
        var text: String
        var placeholders: [String]
        init(_ key: String, _ text: String, _ placeholders: [String]) {
            self.key = key
            self.text = text
            self.placeholders = placeholders
        }
    }

    /// Every closure of the table, called with arguments that cannot occur in the text by chance
    /// (`‹name›` strings, counts from 41 up, so plurals take their plural form).
    static func samples(_ m: Messages) -> [Sample] {
        [
            Sample("configuration.fileNotFound", m.configuration.fileNotFound("‹path›"), ["‹path›"]),
            Sample("configuration.fileIsDirectory", m.configuration.fileIsDirectory("‹path›"), ["‹path›"]),
            Sample("configuration.fileUnreadable", m.configuration.fileUnreadable("‹path›", "‹reason›"), ["‹path›", "‹reason›"]),
            Sample("configuration.syntaxError", m.configuration.syntaxError("‹reason›"), ["‹reason›"]),
            Sample("configuration.syntaxErrorAtColumn", m.configuration.syntaxErrorAtColumn("‹reason›", 41), ["‹reason›", "41"]),
            Sample("configuration.headerWithoutKey", m.configuration.headerWithoutKey("‹found›"), ["‹found›"]),
            Sample("configuration.cannotCloseArray", m.configuration.cannotCloseArray("‹found›", "‹closer›"), ["‹found›", "‹closer›"]),
            Sample("configuration.cannotCloseInlineTable", m.configuration.cannotCloseInlineTable("‹found›", "‹closer›"), ["‹found›", "‹closer›"]),
            Sample("configuration.unknownKey", m.configuration.unknownKey("‹quoted›", "‹allowed›"), ["‹quoted›", "‹allowed›"]),
            Sample("configuration.unknownTopLevelKey", m.configuration.unknownTopLevelKey("‹quoted›", "‹allowed›"), ["‹quoted›", "‹allowed›"]),
            Sample("configuration.unknownKeyForType", m.configuration.unknownKeyForType("‹quoted›", "‹type›", "‹allowed›"), ["‹quoted›", "‹type›", "‹allowed›"]),
            Sample("configuration.missingKey", m.configuration.missingKey("‹quoted›"), ["‹quoted›"]),
            Sample("configuration.missingKeyBecause", m.configuration.missingKeyBecause("‹quoted›", "‹reason›"), ["‹quoted›", "‹reason›"]),
            Sample("configuration.notString", m.configuration.notString("‹key›", "‹type›"), ["‹key›", "‹type›"]),
            Sample("configuration.empty", m.configuration.empty("‹key›"), ["‹key›"]),
            Sample("configuration.notBoolean", m.configuration.notBoolean("‹key›", "‹type›"), ["‹key›", "‹type›"]),
            Sample("configuration.notInteger", m.configuration.notInteger("‹key›", "‹type›"), ["‹key›", "‹type›"]),
            Sample("configuration.tooSmall", m.configuration.tooSmall("‹key›", 42, 43), ["‹key›", "42", "43"]),
            Sample("configuration.durationType", m.configuration.durationType("‹key›", "‹type›"), ["‹key›", "‹type›"]),
            Sample("configuration.notDuration", m.configuration.notDuration("‹key›", "‹quoted›"), ["‹key›", "‹quoted›"]),
            Sample("configuration.negativeDuration", m.configuration.negativeDuration("‹key›", "‹quoted›"), ["‹key›", "‹quoted›"]),
            Sample("configuration.zeroDuration", m.configuration.zeroDuration("‹key›", "‹quoted›"), ["‹key›", "‹quoted›"]),
            Sample("configuration.monthDayType", m.configuration.monthDayType("‹key›", "‹type›"), ["‹key›", "‹type›"]),
            Sample("configuration.notMonthDay", m.configuration.notMonthDay("‹key›", "‹quoted›"), ["‹key›", "‹quoted›"]),
            Sample("configuration.choiceType", m.configuration.choiceType("‹key›", "‹choices›", "‹type›"), ["‹key›", "‹choices›", "‹type›"]),
            Sample("configuration.notAChoice", m.configuration.notAChoice("‹key›", "‹choices›", "‹quoted›"), ["‹key›", "‹choices›", "‹quoted›"]),
            Sample("configuration.arrayType", m.configuration.arrayType("‹key›", "‹type›"), ["‹key›", "‹type›"]),
            Sample("configuration.matchType", m.configuration.matchType("‹key›", "‹type›"), ["‹key›", "‹type›"]),
            Sample("configuration.unknownMatchKey", m.configuration.unknownMatchKey("‹quoted›", "‹match›", "‹allowed›"), ["‹quoted›", "‹match›", "‹allowed›"]),
            Sample("configuration.matchesNoSource", m.configuration.matchesNoSource("‹match›", "‹quoted›", "‹ids›"), ["‹match›", "‹quoted›", "‹ids›"]),
            Sample("configuration.notArrayOfTables", m.configuration.notArrayOfTables("‹name›", "‹written›"), ["‹name›", "‹written›"]),
            Sample("configuration.elementNotTable", m.configuration.elementNotTable("‹name›", 44, "‹type›"), ["‹name›", "44", "‹type›"]),
            Sample("configuration.notSingleTable", m.configuration.notSingleTable("‹name›", "‹written›"), ["‹name›", "‹written›"]),
            Sample("configuration.notTimeZone", m.configuration.notTimeZone("‹quoted›"), ["‹quoted›"]),
            Sample("configuration.maxSizeNotPositive", m.configuration.maxSizeNotPositive(45), ["45"]),
            Sample("configuration.notSize", m.configuration.notSize("‹quoted›"), ["‹quoted›"]),
            Sample("configuration.sizeType", m.configuration.sizeType("‹type›"), ["‹type›"]),
            Sample("configuration.shrinkType", m.configuration.shrinkType("‹type›"), ["‹type›"]),
            Sample("configuration.shrinkRange", m.configuration.shrinkRange("‹value›"), ["‹value›"]),
            Sample("configuration.rootCertNotFound", m.configuration.rootCertNotFound("‹quoted›", "‹absolute›"), ["‹quoted›", "‹absolute›"]),
            Sample("configuration.stateUnknownScheme", m.configuration.stateUnknownScheme("‹scheme›"), ["‹scheme›"]),
            Sample("configuration.postgresAddress", m.configuration.postgresAddress("‹reason›"), ["‹reason›"]),
            Sample("configuration.postgresUnreadable", m.configuration.postgresUnreadable("‹text›"), ["‹text›"]),
            Sample("configuration.sslModeUnknown", m.configuration.sslModeUnknown("‹value›", "‹modes›"), ["‹value›", "‹modes›"]),
            Sample("configuration.postgresUnknownParameter", m.configuration.postgresUnknownParameter("‹name›"), ["‹name›"]),
            Sample("configuration.builtInName", m.configuration.builtInName("‹quoted›", "‹builtIn›"), ["‹quoted›", "‹builtIn›"]),
            Sample("configuration.duplicateName", m.configuration.duplicateName("‹quoted›", 46), ["‹quoted›", "46"]),
            Sample("configuration.notDate", m.configuration.notDate("‹quoted›"), ["‹quoted›"]),
            Sample("configuration.dateType", m.configuration.dateType("‹type›"), ["‹type›"]),
            Sample("configuration.badID", m.configuration.badID("‹quoted›"), ["‹quoted›"]),
            Sample("configuration.duplicateID", m.configuration.duplicateID("‹quoted›", 47), ["‹quoted›", "47"]),
            Sample("configuration.oneLocation", m.configuration.oneLocation(["‹first›", "‹second›"]), ["‹first›", "‹second›"]),
            Sample("configuration.urlScheme", m.configuration.urlScheme("‹quoted›"), ["‹quoted›"]),
            Sample("configuration.invalidAddress", m.configuration.invalidAddress("‹key›", "‹quoted›"), ["‹key›", "‹quoted›"]),
            Sample("configuration.onlyCalDAV", m.configuration.onlyCalDAV("‹key›"), ["‹key›"]),
            Sample("configuration.badColor", m.configuration.badColor("‹quoted›"), ["‹quoted›"]),
            Sample("configuration.unknownFeed", m.configuration.unknownFeed("‹quoted›", "‹feeds›"), ["‹quoted›", "‹feeds›"]),
            Sample("configuration.calDAVScheme", m.configuration.calDAVScheme("‹quoted›"), ["‹quoted›"]),
            Sample("configuration.badPasswordEnv", m.configuration.badPasswordEnv("‹quoted›"), ["‹quoted›"]),
            Sample("configuration.pathNotFound", m.configuration.pathNotFound("‹quoted›", "‹absolute›"), ["‹quoted›", "‹absolute›"]),
            Sample("configuration.pathIsDirectory", m.configuration.pathIsDirectory("‹quoted›", "‹absolute›"), ["‹quoted›", "‹absolute›"]),
            Sample("configuration.pathUnreadable", m.configuration.pathUnreadable("‹quoted›", "‹absolute›"), ["‹quoted›", "‹absolute›"]),
            Sample("configuration.alreadyAccepted", m.configuration.alreadyAccepted("‹quoted›", 48), ["‹quoted›", "48"]),
            Sample("configuration.unknownClosed", m.configuration.unknownClosed(49, "‹quoted›", "‹allowed›"), ["49", "‹quoted›", "‹allowed›"]),
            Sample("configuration.ruleTypeReason", m.configuration.ruleTypeReason("‹types›"), ["‹types›"]),
            Sample("configuration.typeRequires", m.configuration.typeRequires("‹type›", "‹keys›"), ["‹type›", "‹keys›"]),
            Sample("configuration.leadTimeRequires", m.configuration.leadTimeRequires("‹type›"), ["‹type›"]),
            Sample("configuration.withinRequires", m.configuration.withinRequires("‹type›"), ["‹type›"]),
            Sample("configuration.minAndWorkingDays", m.configuration.minAndWorkingDays(50), ["50"]),
            Sample("configuration.workingDaysType", m.configuration.workingDaysType("‹type›"), ["‹type›"]),
            Sample("configuration.minWholeDays", m.configuration.minWholeDays("‹quoted›"), ["‹quoted›"]),
            Sample("feeds.combinedTitle", m.feeds.combinedTitle("‹cycle›", "‹year›"), ["‹cycle›", "‹year›"]),
            Sample("feeds.combinedDescription", m.feeds.combinedDescription("‹year›"), ["‹year›"]),
            Sample("feeds.sourceTitle", m.feeds.sourceTitle("‹source›", "‹year›"), ["‹source›", "‹year›"]),
            Sample("feeds.sourceDescription", m.feeds.sourceDescription("‹source›", "‹year›"), ["‹source›", "‹year›"]),
            Sample("feeds.areaTitle", m.feeds.areaTitle("‹area›", "‹year›"), ["‹area›", "‹year›"]),
            Sample("feeds.areaDescription", m.feeds.areaDescription("‹area›", "‹year›"), ["‹area›", "‹year›"]),
            Sample("feeds.bodyTitle", m.feeds.bodyTitle("‹body›", "‹year›"), ["‹body›", "‹year›"]),
            Sample("feeds.bodyDescription", m.feeds.bodyDescription("‹body›", "‹year›"), ["‹body›", "‹year›"]),
            Sample("feeds.conflictsTitle", m.feeds.conflictsTitle("‹year›"), ["‹year›"]),
            Sample("feeds.conflictsDescription", m.feeds.conflictsDescription("‹cycle›", "‹year›"), ["‹cycle›", "‹year›"]),
            Sample("feeds.ruleLine", m.feeds.ruleLine("‹rule›", "‹type›", "‹id›"), ["‹rule›", "‹type›", "‹id›"]),
            Sample("feeds.conflictSummary", m.feeds.conflictSummary("‹severity›", "‹summary›"), ["‹severity›", "‹summary›"]),
            Sample("plan.nthWeekday", m.plan.nthWeekday(41, "‹weekday›", "‹month›"), ["41", "‹weekday›", "‹month›"]),
            Sample("plan.lastWeekday", m.plan.lastWeekday("‹weekday›", "‹month›"), ["‹weekday›", "‹month›"]),
            Sample("plan.weekdayOfWeek", m.plan.weekdayOfWeek("‹weekday›", 41), ["‹weekday›", "41"]),
            Sample("plan.sameDayAs", m.plan.sameDayAs("‹anchor›"), ["‹anchor›"]),
            Sample("plan.workingDaysBefore", m.plan.workingDaysBefore("‹days›", "‹anchor›"), ["‹days›", "‹anchor›"]),
            Sample("plan.workingDaysAfter", m.plan.workingDaysAfter("‹days›", "‹anchor›"), ["‹days›", "‹anchor›"]),
            Sample("plan.fromNotBefore", m.plan.fromNotBefore("‹from›", "‹year›"), ["‹from›", "‹year›"]),
            Sample("plan.nothingToPlanFrom", m.plan.nothingToPlanFrom("‹from›", "‹year›"), ["‹from›", "‹year›"]),
            Sample("plan.tiedInCircle", m.plan.tiedInCircle("‹names›", "‹rule›"), ["‹names›", "‹rule›"]),
            Sample("plan.tiedToItself", m.plan.tiedToItself("‹summary›", "‹rule›"), ["‹summary›", "‹rule›"]),
            Sample("plan.patternMissing", m.plan.patternMissing("‹summary›", "‹missing›", 41, "‹fallback›", "‹date›"), ["‹summary›", "‹missing›", "41", "‹fallback›", "‹date›"]),
            Sample("plan.patternOutside", m.plan.patternOutside("‹summary›", "‹pattern›", "‹year›", "‹fallback›"), ["‹summary›", "‹pattern›", "‹year›", "‹fallback›"]),
            Sample("plan.nothingToResolve", m.plan.nothingToResolve("‹year›"), ["‹year›"]),
            Sample("plan.isFixed", m.plan.isFixed("‹summary›"), ["‹summary›"]),
            Sample("reports.conflictsTitle", m.reports.conflictsTitle("‹year›", "‹cycle›"), ["‹year›", "‹cycle›"]),
            Sample("reports.conflictCounts", m.reports.conflictCounts(41, 42, 43, 44), ["41", "42", "43", "44"]),
            Sample("reports.staleAcceptance", m.reports.staleAcceptance("‹conflict›", 41), ["‹conflict›", "41"]),
            Sample("reports.proposal", m.reports.proposal("‹moves›"), ["‹moves›"]),
            Sample("reports.proposedMove", m.reports.proposedMove("‹summary›", "‹dates›"), ["‹summary›", "‹dates›"]),
            Sample("reports.cycleTitle", m.reports.cycleTitle("‹cycle›", "‹year›"), ["‹cycle›", "‹year›"]),
            Sample("reports.planTitle", m.reports.planTitle("‹year›", "‹from›", "‹cycle›"), ["‹year›", "‹from›", "‹cycle›"]),
            Sample("reports.resolveTitle", m.reports.resolveTitle("‹year›", "‹cycle›"), ["‹year›", "‹cycle›"]),
            Sample("reports.planSearch", m.reports.planSearch("‹method›", 41, 42), ["‹method›", "41", "42"]),
            Sample("reports.movedHeading", m.reports.movedHeading(41), ["41"]),
            Sample("reports.notSatisfied", m.reports.notSatisfied(41), ["41"]),
            Sample("reports.planCounts", m.reports.planCounts(41, 42, 43), ["41", "42", "43"]),
            Sample("rules.onHoliday", m.rules.onHoliday("‹holiday›"), ["‹holiday›"]),
            Sample("rules.inClosedPeriod", m.rules.inClosedPeriod("‹period›"), ["‹period›"]),
            Sample("rules.workingDay", m.rules.workingDay("‹occurrence›", "‹reason›", "‹rule›"), ["‹occurrence›", "‹reason›", "‹rule›"]),
            Sample("rules.closedPeriod", m.rules.closedPeriod("‹name›"), ["‹name›"]),
            Sample("rules.atLeast", m.rules.atLeast("‹gap›"), ["‹gap›"]),
            Sample("rules.tooClose", m.rules.tooClose("‹first›", "‹gap›", "‹then›", "‹rule›", "‹requirement›"), ["‹first›", "‹gap›", "‹then›", "‹rule›", "‹requirement›"]),
            Sample("rules.wrongOrder", m.rules.wrongOrder("‹first›", "‹days›", "‹then›", "‹rule›", "‹requirement›"), ["‹first›", "‹days›", "‹then›", "‹rule›", "‹requirement›"]),
            Sample("rules.nothingBefore", m.rules.nothingBefore("‹then›", "‹first›", "‹year›", "‹rule›", "‹requirement›"), ["‹then›", "‹first›", "‹year›", "‹rule›", "‹requirement›"]),
            Sample("rules.leadTime", m.rules.leadTime("‹deadline›", "‹actual›", "‹meeting›", "‹rule›", "‹required›"), ["‹deadline›", "‹actual›", "‹meeting›", "‹rule›", "‹required›"]),
            Sample("rules.required", m.rules.required("‹year›", 41, "‹match›", "‹rule›", 42), ["‹year›", "41", "‹match›", "‹rule›", "42"]),
            Sample("rules.crowding", m.rules.crowding(41, "‹match›", "‹span›", "‹rule›", 42, "‹per›"), ["41", "‹match›", "‹span›", "‹rule›", "42", "‹per›"]),
            Sample("rules.sameDay", m.rules.sameDay("‹first›", "‹second›", "‹rule›"), ["‹first›", "‹second›", "‹rule›"]),
            Sample("rules.overlap", m.rules.overlap("‹first›", "‹second›", "‹rule›"), ["‹first›", "‹second›", "‹rule›"]),
            Sample("rules.window", m.rules.window("‹from›", "‹to›"), ["‹from›", "‹to›"]),
            Sample("rules.outsideWindow", m.rules.outsideWindow("‹occurrence›", "‹rule›", "‹window›"), ["‹occurrence›", "‹rule›", "‹window›"]),
            Sample("rules.mismatch", m.rules.mismatch("‹summary›", "‹places›", "‹newest›", "‹stale›"), ["‹summary›", "‹places›", "‹newest›", "‹stale›"]),
            Sample("rules.duplicate", m.rules.duplicate("‹names›"), ["‹names›"]),
            Sample("server.title", m.server.title("‹cycle›", "‹year›"), ["‹cycle›", "‹year›"]),
            Sample("server.introduction", m.server.introduction("‹built›"), ["‹built›"]),
            Sample("server.acceptedHidden", m.server.acceptedHidden(41), ["41"]),
            Sample("server.planFailed", m.server.planFailed("‹year›"), ["‹year›"]),
            Sample("sync.date", m.sync.date(41, 3, 43), ["41", "43"]),
            Sample("sync.time", m.sync.time("‹date›", "‹hour›", "‹minute›"), ["‹date›", "‹hour›", "‹minute›"]),
            Sample("sync.title", m.sync.title("‹moment›", "‹year›"), ["‹moment›", "‹year›"]),
            Sample("sync.titleWithPrevious", m.sync.titleWithPrevious("‹moment›", "‹previous›", "‹year›"), ["‹moment›", "‹previous›", "‹year›"]),
            Sample("sync.firstSync", m.sync.firstSync(41), ["41"]),
            Sample("sync.conflicts", m.sync.conflicts(41, 42, 43), ["41", "42", "43"]),
            Sample("sync.acceptedConflicts", m.sync.acceptedConflicts(41), ["41"]),
            Sample("sync.staleAcceptance", m.sync.staleAcceptance("‹id›"), ["‹id›"]),
            Sample("sync.feedsWritten", m.sync.feedsWritten(41, "‹directory›"), ["41", "‹directory›"]),
            Sample("sync.raisedSequences", m.sync.raisedSequences(41), ["41"]),
            Sample("sync.publishCounts", m.sync.publishCounts(41, 42, 43, 44), ["41", "42", "43", "44"]),
            Sample("sync.notWritten", m.sync.notWritten(41), ["41"]),
            Sample("sync.heldBack", m.sync.heldBack("‹sources›"), ["‹sources›"]),
            Sample("sync.changedOnServer", m.sync.changedOnServer("‹item›"), ["‹item›"]),
            Sample("sync.notOurs", m.sync.notOurs("‹item›"), ["‹item›"]),
            Sample("sync.changedNotDeleted", m.sync.changedNotDeleted("‹item›"), ["‹item›"]),
            Sample("sync.stale", m.sync.stale("‹events›", "‹fetched›", "‹age›"), ["‹events›", "‹fetched›", "‹age›"]),
            Sample("sync.since", m.sync.since("‹moment›"), ["‹moment›"]),
            Sample("sync.noSyncs", m.sync.noSyncs("‹since›"), ["‹since›"]),
            Sample("sync.syncCount", m.sync.syncCount(41, "‹since›"), ["41", "‹since›"]),
            Sample("sync.runYear", m.sync.runYear("‹year›"), ["‹year›"]),
            Sample("sync.staleSources", m.sync.staleSources("‹names›"), ["‹names›"]),
            Sample("sync.firstRunItems", m.sync.firstRunItems(41), ["41"]),
            Sample("sync.fetching", m.sync.fetching("‹source›", "‹origin›"), ["‹source›", "‹origin›"]),
            Sample("sync.fetched", m.sync.fetched("‹source›", 41, "‹took›"), ["‹source›", "41", "‹took›"]),
            Sample("sync.fetchFailed", m.sync.fetchFailed("‹source›", "‹took›", "‹reason›"), ["‹source›", "‹took›", "‹reason›"]),
            Sample("wheel.title", m.wheel.title("‹year›", "‹cycle›"), ["‹year›", "‹cycle›"]),
            Sample("wheel.openConflictCount", m.wheel.openConflictCount(41), ["41"]),
            Sample("wheel.more", m.wheel.more(41), ["41"]),
            Sample("wheel.describeWheel", m.wheel.describeWheel("‹year›", "‹cycle›", "‹firstMonth›"), ["‹year›", "‹cycle›", "‹firstMonth›"]),
            Sample("wheel.describeRings", m.wheel.describeRings(41, "‹rings›"), ["41", "‹rings›"]),
            Sample("wheel.breakdown", m.wheel.breakdown(41, 42, 43), ["41", "42", "43"]),
            Sample("wheel.colourWarning", m.wheel.colourWarning("‹first›", "‹second›", "‹measure›"), ["‹first›", "‹second›", "‹measure›"]),
            Sample("wheel.withVision", m.wheel.withVision("‹difference›", "‹vision›"), ["‹difference›", "‹vision›"]),
            Sample("words.dayOfMonth", m.words.dayOfMonth(41, "‹month›"), ["41", "‹month›"]),
            Sample("words.dayRange", m.words.dayRange(41, "‹last›"), ["41", "‹last›"]),
            Sample("words.ruleNamed", m.words.ruleNamed("‹id›"), ["‹id›"]),
        ]
    }

    /// The areas of the table and their children, by `area.label`.
    static func children(of messages: Messages) -> [(key: String, value: Any)] {
        Mirror(reflecting: messages).children.flatMap { area -> [(key: String, value: Any)] in
            guard let areaName = area.label, areaName != "language" else { return [] }
            return Mirror(reflecting: area.value).children.map { ("\(areaName).\($0.label ?? "?")", $0.value) }
        }
    }

    static func isClosure(_ value: Any) -> Bool {
        String(describing: type(of: value)).contains("->")
    }

    @Test("every closure of the table is exercised by the samples", arguments: Language.allCases)
    func everyClosureSampled(language: Language) {
        let closures = Self.children(of: language.messages).filter { Self.isClosure($0.value) }.map(\.key)
        let sampled = Self.samples(language.messages).map(\.key)
        #expect(closures.count > 90)
        #expect(Set(closures) == Set(sampled), "add a sample for each new message with arguments")
        #expect(sampled.count == Set(sampled).count)
    }

    @Test("every message with arguments gives text, and shows its arguments", arguments: Language.allCases)
    func closuresShowTheirArguments(language: Language) {
        for sample in Self.samples(language.messages) {
            #expect(!sample.text.trimmingCharacters(in: .whitespaces).isEmpty, "\(language) \(sample.key) is empty")
            for placeholder in sample.placeholders {
                #expect(sample.text.contains(placeholder), "\(language) \(sample.key) leaves out \(placeholder): \(sample.text)")
            }
        }
    }

    @Test("every fixed message is non-empty; lists and tables have the same shape in every language", arguments: Language.allCases)
    func fixedMessages(language: Language) {
        let bokmal = Dictionary(uniqueKeysWithValues: Self.children(of: .nb).map { ($0.key, $0.value) })
        var seen = 0
        for (key, value) in Self.children(of: language.messages) where !Self.isClosure(value) {
            seen += 1
            switch value {
            case let text as String:
                #expect(!text.isEmpty, "\(language) \(key)")
            case let list as [String]:
                #expect(!list.isEmpty && list.allSatisfy { !$0.isEmpty }, "\(language) \(key)")
                #expect(list.count == (bokmal[key] as? [String])?.count, "\(language) \(key) has as many entries as in bokmål")
            case let table as [String: String]:
                #expect(table.values.allSatisfy { !$0.isEmpty }, "\(language) \(key)")
                #expect(Set(table.keys) == Set((bokmal[key] as? [String: String]).map { Array($0.keys) } ?? []), "\(language) \(key) has the keys of bokmål")
            case let plural as Plural:
                #expect(!plural.one.isEmpty && !plural.other.isEmpty, "\(language) \(key)")
            case let words as SeverityWords:
                #expect(!words.error.isEmpty && !words.warning.isEmpty && !words.info.isEmpty, "\(language) \(key)")
            case let width as Int:
                #expect(width > 0, "\(language) \(key)")
            default:
                Issue.record("\(language) \(key): a message of type \(type(of: value)) the test does not check")
            }
        }
        #expect(seen > 100)
    }

    @Test("the table of a language is that language's")
    func tableOfLanguage() {
        for language in Language.allCases {
            #expect(language.messages.language == language)
            #expect(Messages.for(language).language == language)
        }
    }

    @Test("plurals: one and more, as each language writes them")
    func plurals() {
        #expect(Messages.nb.words.conflict.counted(1) == "1 konflikt")
        #expect(Messages.nb.words.conflict.counted(2) == "2 konflikter")
        #expect(Messages.nn.words.conflict.counted(1) == "1 konflikt")
        #expect(Messages.nn.words.conflict.counted(2) == "2 konfliktar")
        #expect(Messages.en.words.conflict.counted(1) == "1 conflict")
        #expect(Messages.en.words.conflict.counted(2) == "2 conflicts")
        #expect(Messages.nn.words.day.counted(0) == "0 dagar")
        #expect(Messages.nn.words.occurrence.counted(1) == "1 hending")
        #expect(Messages.nn.reports.conflictCounts(1, 2, 0, 1) == "1 feil, 2 åtvaringar, 0 til informasjon; 1 akseptert")
        #expect(Messages.nb.reports.conflictCounts(0, 1, 2, 3) == "0 feil, 1 advarsel, 2 til informasjon; 3 aksepterte")
        #expect(Messages.en.reports.conflictCounts(1, 1, 0, 0) == "1 error, 1 warning, 0 for information; 0 accepted")
    }

    @Test("dates and weekdays: 12. mars 2027, må/ty in nynorsk, Mon/Tue in English")
    func dates() {
        let date = LocalDate(year: 2027, month: 3, day: 12)
        #expect(Labels(.nb).date(date) == "12. mars 2027")
        #expect(Labels(.nn).date(date) == "12. mars 2027")
        #expect(Labels(.en).date(date) == "12 March 2027")
        #expect(Labels(.nn).shortDate(LocalDate(year: 2027, month: 3, day: 16)) == "ty 16.03")
        #expect(Labels(.nb).shortDate(LocalDate(year: 2027, month: 3, day: 16)) == "ti 16.03")
        #expect(Labels(.en).shortDate(LocalDate(year: 2027, month: 3, day: 16)) == "Tue 16/03")
        #expect(Messages.nn.words.weekdays == ["måndag", "tysdag", "onsdag", "torsdag", "fredag", "laurdag", "sundag"])
        #expect(Labels(.nn).kind("meeting") == "møte")
        #expect(Labels(.nn).kind("hearing") == "høyring")
    }

    @Test("holidays in each language, from the calendar's bokmål names")
    func holidays() {
        let calendar = NorwegianCalendar()
        let names = calendar.holidays(2027)
        for language in Language.allCases {
            for name in names.values.flatMap({ $0.components(separatedBy: " / ") }) {
                #expect(language.messages.words.holidays.keys.contains(name), "\(language) lacks \(name)")
                #expect(!language.messages.words.holiday(name).isEmpty)
            }
        }
        #expect(Messages.nn.words.holiday("Arbeidernes dag") == "Arbeidarane sin dag")
        #expect(Messages.en.words.holiday("Grunnlovsdagen / 2. pinsedag") == "Constitution Day / Whit Monday")
        #expect(Messages.nn.words.holiday("Inneklemd dag") == "Inneklemd dag", "a configured name is kept")
        #expect(NorwegianCalendar.englishName("Skjærtorsdag") == "Maundy Thursday")
    }

    @Test("a nynorsk explanation: working-day on a holiday")
    func nynorskExplanation() {
        let words = Messages.nn
        let text = words.rules.workingDay("«Bystyret» (Trondheim kommune) 17. mai 2027", words.rules.onHoliday(words.words.holiday("Grunnlovsdagen")),
                                          words.words.ruleNamed("vedtak-arbeidsdag"))
        #expect(text == "«Bystyret» (Trondheim kommune) 17. mai 2027 er ein heilagdag (Grunnlovsdagen). Regelen «vedtak-arbeidsdag» krev ein arbeidsdag.")
    }
}
