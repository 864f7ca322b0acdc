import Foundation
import ICalendar
import Testing
@testable import Aarshjul

/// DESIGN.md §Data flow 4 and §Configuration: tags from `X-AARSHJUL-*` and `[[tag]]` rules,
/// first match per field, and `match` globs.
@Suite struct TaggingTests {
    typealias F = MergeCycleFixtures

    static func taggedCycle() throws -> Cycle {
        let configuration = try F.configuration("tagging")
        let builder = CycleBuilder(configuration: configuration)
        return builder.build(year: CycleYear(year: 2027, start: configuration.cycle.start), sources: try builder.loadSources())
    }

    static func tags(_ cycle: Cycle, _ uid: String) throws -> Tags {
        try #require(cycle.occurrences.first { $0.uid == uid }).tags
    }

    @Test func configurationLoads() throws {
        let configuration = try F.configuration("tagging")
        #expect(configuration.tags.count == 11)
        #expect(configuration.tags[8] == TagSettings(match: Match(summary: "Stortinget*"), kind: "milestone", fixed: true,
                                                     line: configuration.tags[8].line))
    }

    @Test func ownPropertiesWinOverRules() throws {
        let cycle = try Self.taggedCycle()
        // All three X- properties: rule S matches but sets nothing.
        #expect(try Self.tags(cycle, "x-props@aarshjul.test") == Tags(body: "styringsgruppen", kind: "meeting", area: "smart-by"))
        // Only X-AARSHJUL-KIND: rule S fills body and area, not kind.
        #expect(try Self.tags(cycle, "x-kind-only@aarshjul.test")
            == Tags(body: "styringsgruppen-regel", kind: "milestone", area: "regel-område"))
        // A body from X-AARSHJUL-BODY is what a later `match = { body = … }` sees.
        #expect(try Self.tags(cycle, "x-body-only@aarshjul.test") == Tags(body: "styringsgruppen", kind: "meeting", area: "samarbeid"))
    }

    @Test func firstMatchingRuleWinsPerField() throws {
        let cycle = try Self.taggedCycle()
        // A gives kind; B, further down, gives body and area but not its kind.
        #expect(try Self.tags(cycle, "saksfrist@aarshjul.test") == Tags(body: "bystyret", kind: "deadline", area: "styring"))
        // A is limited to source tk, so for ntnu B's kind stands.
        #expect(try Self.tags(cycle, "saksfrist-ntnu@aarshjul.test") == Tags(body: "bystyret", kind: "decision", area: "styring"))
        // J (summary = "*") fills only what is left.
        #expect(try Self.tags(cycle, "not-fixed@aarshjul.test") == Tags(kind: "annet"))
    }

    @Test func globsAreCaseAndAccentInsensitive() throws {
        let cycle = try Self.taggedCycle()
        // `*økonomiplan*` matches "… ØKONOMIPLAN …".
        #expect(try Self.tags(cycle, "okonomiplan-upper@aarshjul.test") == Tags(kind: "annet", area: "budsjett-tk"))
        // `*okonomiplan*` matches "… økonomiplanen".
        #expect(try Self.tags(cycle, "okonomiplan-lower@aarshjul.test") == Tags(kind: "annet", area: "budsjett-ntnu"))
    }

    @Test func categoryMatchesAnyValue() throws {
        let cycle = try Self.taggedCycle()
        // CATEGORIES:Møter,Statsbudsjett and CATEGORIES:Nasjonalt: E matches the second value of
        // the first line, F the second line (written in upper case in the rule).
        #expect(try Self.tags(cycle, "categories@aarshjul.test") == Tags(body: "staten", kind: "milestone", area: "nasjonal"))
        // An escaped comma is part of one value…
        #expect(try Self.tags(cycle, "category-escaped@aarshjul.test") == Tags(kind: "annet", area: "budsjett-og-regnskap"))
        // …and two values are not one.
        #expect(try Self.tags(cycle, "category-two@aarshjul.test") == Tags(kind: "annet"))
        let categories = try #require(cycle.occurrences.first { $0.uid == "categories@aarshjul.test" }).subject.categories
        #expect(categories == ["Møter", "Statsbudsjett", "Nasjonalt"])
        let escaped = try #require(cycle.occurrences.first { $0.uid == "category-escaped@aarshjul.test" }).subject.categories
        #expect(escaped == ["Budsjett, regnskap"])
    }

    @Test func fixed() throws {
        let cycle = try Self.taggedCycle()
        #expect(try Self.tags(cycle, "fixed-rule@aarshjul.test") == Tags(kind: "milestone", fixed: true))
        #expect(try Self.tags(cycle, "fixed-x@aarshjul.test") == Tags(kind: "annet", fixed: true))
        #expect(try Self.tags(cycle, "not-fixed@aarshjul.test").fixed == false)
        #expect(try Self.tags(cycle, "x-props@aarshjul.test").fixed == false)
    }

    @Test func everyOccurrenceIsTaggedOnce() throws {
        let cycle = try Self.taggedCycle()
        #expect(cycle.occurrences.count == 13)
        #expect(Set(cycle.occurrences.map(\.uid)).count == 13)
        #expect(cycle.occurrences.filter { $0.primarySource == "ntnu" }.map(\.uid).sorted()
            == ["not-fixed@aarshjul.test", "okonomiplan-lower@aarshjul.test", "saksfrist-ntnu@aarshjul.test"])
    }

    // MARK: The tagger on its own

    static func component(_ summary: String, _ extra: [Property] = []) -> Component {
        Component(name: "VEVENT", properties: [Property(name: "UID", value: "u@aarshjul.test"), Property(name: "SUMMARY", value: summary)] + extra)
    }

    @Test func taggerRulesInOrder() {
        let tagger = Tagger(rules: [
            TagSettings(match: Match(source: "tk", summary: "Bystyret*"), kind: "decision"),
            TagSettings(match: Match(summary: "*økonomiplan*"), body: "bystyret", kind: "meeting", area: "budsjett"),
            TagSettings(match: Match(kind: "decision"), area: "vedtak", fixed: true),
        ])
        #expect(tagger.tags(for: Self.component("BYSTYRET – HANDLINGS- OG ØKONOMIPLAN"), source: "tk")
            == Tags(body: "bystyret", kind: "decision", area: "budsjett", fixed: true))
        #expect(tagger.tags(for: Self.component("Bystyret – økonomiplan"), source: "ntnu")
            == Tags(body: "bystyret", kind: "meeting", area: "budsjett"))
        #expect(tagger.tags(for: Self.component("Bystyret"), source: "TK") == Tags(kind: "decision", area: "vedtak", fixed: true))
        #expect(tagger.tags(for: Self.component("Saksfrist bystyret"), source: "tk") == Tags())
        // X- properties win, and a rule can match the kind they give.
        let own = Self.component("Bystyret", [
            Property(name: "X-AARSHJUL-KIND", value: "decision"), Property(name: "X-AARSHJUL-AREA", value: "egen"),
            Property(name: "X-AARSHJUL-FIXED", value: "true"),
        ])
        #expect(tagger.tags(for: own, source: "ntnu") == Tags(kind: "decision", area: "egen", fixed: true))
        // Blank X- values do not count.
        let blank = Self.component("Bystyret", [Property(name: "X-AARSHJUL-KIND", value: "  ")])
        #expect(tagger.tags(for: blank, source: "tk") == Tags(kind: "decision", area: "vedtak", fixed: true))
        // An escaped X- value is unescaped.
        let escaped = Self.component("Møte", [Property(name: "X-AARSHJUL-AREA", value: "helse\\, velferd")])
        #expect(tagger.tags(for: escaped, source: "uk") == Tags(area: "helse, velferd"))
    }

    @Test func globs() {
        #expect(Glob("*økonomiplan*").matches("HANDLINGS- OG ØKONOMIPLAN 2028–2031"))
        #expect(Glob("*økonomiplan*").matches("ØKONOMIPLAN"))
        #expect(Glob("*okonomiplan*").matches("økonomiplan"))
        #expect(Glob("*ØKONOMIPLAN*").matches("okonomiplan"))
        #expect(Glob("*kafe*").matches("Kafé-møte"))
        #expect(Glob("*kafé*").matches("KAFE"))
        // A decomposed é (e + U+0301) is the same as a precomposed one.
        #expect(Glob("kafe\u{301}").matches("KAF\u{C9}"))
        #expect(Glob("årsmøte").matches("ARSMOTE"))
        #expect(Glob("Bystyret*").matches("Bystyret"))
        #expect(Glob("Bystyret*").matches("bystyret – møte"))
        #expect(!Glob("Bystyret*").matches("Saksfrist bystyret"))
        #expect(Glob("*bystyret*").matches("Saksfrist bystyret"))
        #expect(Glob("M?te").matches("møte"))
        #expect(!Glob("M?te").matches("Møtte"))
        #expect(Glob("*").matches(""))
        #expect(!Glob("").matches("x"))
        #expect(Glob("*innstilling*økonomiplan*").matches("Formannskapet – innstilling til handlings- og økonomiplan 2027–2030"))
        #expect(!Glob("*innstilling*økonomiplan*").matches("Økonomiplan – innstilling"))
        #expect(Glob.fold("Æ Ø Å é ß") == "ae o a e ss")
    }

    /// The fast path for Latin text folds every scalar it accepts exactly as the Unicode path
    /// does, and gives up on everything else.
    @Test func latinFoldAgreesWithUnicodeFold() {
        for value in Array(0...0x2FF) + Array(0x2000...0x20CF) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "Aa" + String(Character(scalar)) + "Zz"
            if let fast = Glob.foldLatin(text) {
                #expect(fast == Glob.foldUnicode(text), "U+\(String(value, radix: 16, uppercase: true))")
            }
        }
        for text in ["Styremøte NTNU – budsjettfordeling 2028", "Þórshöfn ÆØÅ æøå ÿ Ð ß", "Ekstraordinært møte i havnestyret"] {
            #expect(Glob.foldLatin(text) == Glob.foldUnicode(text))
        }
        #expect(Glob.foldLatin("İstanbul") == nil)
        #expect(Glob.foldLatin("e\u{301}") == nil, "combining marks take the Unicode path")
        let long = String(repeating: "Å", count: 1_500)
        #expect(Glob.foldLatin(long) == Glob.foldUnicode(long))
        #expect(Glob.fold(long).count == 1_000)
    }

    @Test func matchOnAComponent() {
        let component = Self.component("Prop. 1 S", [
            Property(name: "CATEGORIES", value: "Møter,Statsbudsjett"), Property(name: "STATUS", value: "tentative"),
        ])
        let subject = MatchSubject(component: component, source: "tk", tags: Tags(body: "staten"))
        #expect(Match(category: "statsbudsjett").matches(subject))
        #expect(Match(category: "MØTER").matches(subject))
        #expect(Match(category: "stats*").matches(subject))
        #expect(!Match(category: "Møter,Statsbudsjett").matches(subject))
        #expect(Match(status: "TENTATIVE").matches(subject))
        #expect(Match(uid: "u@*").matches(subject))
        #expect(Match(body: "STATEN").matches(subject))
        // A tag that is not set fits only `*`.
        #expect(!Match(kind: "decision").matches(subject))
        #expect(Match(kind: "*").matches(subject))
        #expect(Match().matches(subject))
        #expect(!Match(source: "ntnu", category: "statsbudsjett").matches(subject))
    }
}
