import Foundation
import ICalendar
import Testing
@testable import Aarshjul

/// `aarshjul.toml`: the bundled sample, defaults, path resolution, every error message word
/// for word, the key locator, and the starter written by `aarshjul init`.
@Suite struct ConfigurationTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = packageRoot.appendingPathComponent("Fixtures/config").standardized.path

    /// Parses `Fixtures/config/NAME.toml` as if it were read from that directory.
    static func parseFixture(_ name: String) throws -> AarshjulConfiguration {
        let text = try String(contentsOfFile: "\(fixtures)/\(name).toml", encoding: .utf8)
        return try AarshjulConfiguration.parse(text, fileName: "\(name).toml", baseDirectory: fixtures, language: .en)
    }

    static func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("aarshjul-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.standardized.path
    }

    // MARK: The bundled sample

    @Test func bundledSampleLoads() throws {
        let path = Self.packageRoot.appendingPathComponent("Calendars/aarshjul.toml").path
        let configuration = try AarshjulConfiguration.load(fileAt: path, language: .en)
        // The sample is edited by hand: find the lines rather than hard-coding them.
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        func line(of text: String, after start: Int = 0) -> Int {
            (lines.indices.first { $0 >= start && lines[$0].hasPrefix(text) } ?? -1) + 1
        }
        let calendars = Self.packageRoot.appendingPathComponent("Calendars").standardized.path
        #expect(configuration.fileName == path)
        #expect(configuration.baseDirectory == calendars)
        #expect(configuration.cycle == CycleSettings(name: "Universitetskommunen Trondheim", timezone: "Europe/Oslo"))
        #expect(configuration.sources.map(\.id) == ["tk", "ntnu", "uk"])
        #expect(configuration.sources.map(\.path) == [
            "\(calendars)/trondheim-kommune.ics", "\(calendars)/ntnu.ics", "\(calendars)/universitetskommune.ics",
        ])
        #expect(configuration.sources[0] == SourceSettings(
            id: "tk", name: "Trondheim kommune", path: "\(calendars)/trondheim-kommune.ics", color: "#0067B1", line: line(of: "[[source]]")
        ))
        #expect(configuration.tags.count == 27)
        #expect(configuration.tags[0] == TagSettings(
            match: Match(source: "ntnu", summary: "Semesterregistrering*"), kind: "milestone", line: line(of: "[[tag]]")
        ))
        #expect(configuration.rules.count == 23)
        #expect(Set(configuration.rules.map(\.type)) == Set(RuleType.allCases))
        #expect(configuration.accepts.isEmpty)
        #expect(configuration.feeds == FeedSettings())

        let rules = Dictionary(uniqueKeysWithValues: configuration.rules.map { ($0.id, $0) })
        #expect(rules["budget-feeds-hop"] == RuleSettings(
            id: "budget-feeds-hop", type: .precedes, severity: .error,
            line: line(of: "[[rule]]", after: line(of: "id = \"budget-feeds-hop\"") - 3),
            first: Match(source: "ntnu", summary: "*budsjettfordeling*", body: "styret"),
            then: Match(source: "tk", summary: "*økonomiplan*", body: "bystyret", kind: "decision"),
            minGap: ICalDuration(days: 14)
        ))
        // `working-days = 8` is short for `working-days = true` with `min = "P8D"`.
        #expect(rules["saksfrist-styret"]?.min == ICalDuration(days: 8))
        #expect(rules["saksfrist-styret"]?.workingDays == true)
        #expect(rules["saksfrist-bystyret"]?.workingDays == false)
        #expect(rules["decisions-same-day"]?.sameDay == true)
        #expect(rules["decisions-same-day"]?.across == .sources)
        #expect(rules["deadlines-on-working-days"]?.closed == ["easter", "christmas", "fellesferie"])
        #expect(rules["aarsberetning-by-31-march"]?.before == MonthDay("04-01"))
        #expect(rules["aarsberetning-by-31-march"]?.after == nil)
        #expect(rules["required-board-meetings"]?.minCount == 8)
        #expect(rules["deadline-crunch"]?.max == 3)
        #expect(rules["deadline-crunch"]?.per == ICalDuration(days: 7))
        #expect(rules["deadline-crunch"]?.severity == .info)
    }

    // MARK: Defaults and values

    @Test func defaults() throws {
        let configuration = try Self.parseFixture("valid-minimal")
        #expect(configuration.cycle.start == MonthDay(month: 1, day: 1))
        #expect(configuration.cycle.language == .nb)
        #expect(configuration.cycle.maxOccurrencesPerEvent == 10_000)
        #expect(configuration.sources == [SourceSettings(id: "tk", name: "tk", path: "\(Self.fixtures)/tk.ics", line: 5)])
        #expect(configuration.feeds.refresh == ICalDuration(hours: 4))
        #expect(configuration.feeds.token == nil)
        #expect(configuration.feeds.rebuild == nil)
        #expect(configuration.tags.isEmpty && configuration.accepts.isEmpty)
        #expect(configuration.closedPeriods.isEmpty && configuration.holidays.isEmpty)
        let rule = try #require(configuration.rules.first)
        #expect(rule == RuleSettings(id: "r", type: .required, line: 9, match: Match(source: "tk"), minCount: 1))
        #expect(rule.severity == .warning)
        #expect(rule.fixed == false && rule.description == nil)
    }

    @Test func everyTableAndKey() throws {
        let configuration = try Self.parseFixture("valid-full")
        let dir = Self.fixtures
        #expect(configuration.cycle == CycleSettings(
            name: "Studieåret", timezone: "Europe/Oslo", start: MonthDay(month: 8, day: 1) ?? .januaryFirst,
            language: .en, maxOccurrencesPerEvent: 500
        ))
        #expect(configuration.sources == [
            SourceSettings(id: "tk", name: "Trondheim kommune", path: "\(dir)/tk.ics", color: "#0067b1", line: 10),
            SourceSettings(id: "ntnu", name: "ntnu", path: "\(dir)/ntnu.ics", line: 16),
            SourceSettings(id: "uk-feed", name: "Universitetskommunen", url: "webcal://example.org/uk.ics", line: 20),
        ])
        #expect(configuration.tags == [
            TagSettings(
                match: Match(source: "tk", summary: "Bystyret*", category: "Møte", uid: "*@tk", status: "CONFIRMED"),
                body: "bystyret", kind: "decision", area: "byutvikling", fixed: true, line: 25
            ),
            TagSettings(match: Match(source: "uk-*", summary: "Frist:*"), kind: "deadline", line: 32),
        ])
        #expect(configuration.rules == [
            RuleSettings(
                id: "budget-feeds-hop", type: .precedes, severity: .error, fixed: true,
                description: "NTNU's allocation comes first.", line: 37,
                first: Match(source: "ntnu", summary: "*budsjettfordeling*"),
                then: Match(source: "tk", summary: "*økonomiplan*", body: "bystyret"), minGap: ICalDuration(weeks: 2)
            ),
            RuleSettings(
                id: "saksfrist", type: .leadTime, severity: .info, line: 47,
                deadline: Match(kind: "deadline"), meeting: Match(kind: "decision"), min: ICalDuration(days: 8), workingDays: true
            ),
            RuleSettings(id: "same-day", type: .noOverlap, line: 56, match: Match(kind: "decision"), sameDay: true, across: .bodies),
            RuleSettings(id: "working-days", type: .workingDay, line: 63, match: Match(kind: "decision"), closed: ["christmas", "eksamen"]),
            RuleSettings(id: "december", type: .within, line: 69, match: Match(body: "bystyret"), after: MonthDay("12-01")),
            RuleSettings(id: "board", type: .required, line: 75, match: Match(source: "ntnu", kind: "decision"), minCount: 8),
            RuleSettings(id: "crunch", type: .crowding, line: 81, match: Match(), max: 3, per: ICalDuration(days: 7)),
            RuleSettings(
                id: "then-in-a-subtable", type: .precedes, line: 88,
                first: Match(source: "ntnu"), then: Match(source: "tk", summary: "Bystyret*")
            ),
        ])
        #expect(configuration.closedPeriods == [
            ClosedPeriod(name: "eksamen", from: MonthDay(month: 12, day: 1) ?? .januaryFirst, to: MonthDay(month: 12, day: 20) ?? .januaryFirst, line: 99),
            ClosedPeriod(name: "juleferie", from: MonthDay(month: 12, day: 20) ?? .januaryFirst, to: MonthDay(month: 1, day: 5) ?? .januaryFirst, line: 104),
        ])
        #expect(configuration.holidays == [
            ExtraHoliday(date: LocalDate(year: 2027, month: 5, day: 18), name: "Inneklemt dag", line: 109),
            ExtraHoliday(date: LocalDate(year: 2027, month: 12, day: 31), name: "Nyttårsaften", line: 113),
        ])
        #expect(configuration.accepts == [
            Acceptance(conflict: "c-4f2a91", reason: "Agreed in the steering group, 2026-03-02", line: 117),
            Acceptance(conflict: "c-77aa00", line: 121),
        ])
        #expect(configuration.feeds == FeedSettings(refresh: ICalDuration(minutes: 30), token: "s3cret", rebuild: ICalDuration(days: 1)))
        #expect(configuration.sync == SyncSettings(baseDirectory: dir, statePath: "var/state.sqlite", outputDirectory: "/srv/aarshjul/feeds",
                                                   timeoutSeconds: 10, maxRedirects: 2, maxBytes: 5_000_000, maxShrink: 0.5))
        #expect(configuration.sync.statePath == "\(dir)/var/state.sqlite")
    }

    @Test("[sync] state: a path, a postgres:// or postgresql:// address, and clear errors for a password or another scheme")
    func stateLocations() throws {
        func parse(_ state: String) throws -> AarshjulConfiguration {
            let text = "[cycle]\nname = \"X\"\ntimezone = \"UTC\"\n\n[sync]\nstate = \"\(state)\"\n\n[[source]]\nid = \"a\"\nurl = \"https://example.org/a.ics\"\n"
            return try AarshjulConfiguration.parse(text, fileName: "aarshjul.toml", baseDirectory: "/srv/a", language: .en)
        }
        #expect(try parse("var/state.sqlite").sync.state == .file("/srv/a/var/state.sqlite"))
        let postgres = try parse("postgres://aarshjul@db.example:6543/wheel?sslmode=require").sync.state
        #expect(postgres == .postgres(PostgresURL(user: "aarshjul", host: "db.example", port: 6543, database: "wheel", sslMode: .require)))
        #expect(postgres.description == "postgres://aarshjul@db.example:6543/wheel?sslmode=require")
        #expect(try parse("postgresql://aarshjul@db.example/wheel").sync.state
            == .postgres(PostgresURL(user: "aarshjul", host: "db.example", port: 5432, database: "wheel", sslMode: .prefer)))

        let password = #expect(throws: ConfigurationError.self) { try parse("postgres://aarshjul:secret@db.example/wheel") }
        #expect(password?.line == 6)
        #expect(password?.description.contains("holds a password; keep it out of the configuration and set AARSHJUL_PG_PASSWORD") == true)
        #expect(password?.description.contains("secret") == false)
        let mysql = #expect(throws: ConfigurationError.self) { try parse("mysql://aarshjul@db.example/wheel") }
        #expect(mysql?.description == "aarshjul.toml:6: [sync]: state: mysql:// is not a state store Aarshjul knows; give a file path (.aarshjul/state.sqlite) or a PostgreSQL address (postgres://user@host:5432/db)")
        #expect(throws: ConfigurationError.self) { try parse("postgres://db.example/wheel") }
        #expect(throws: ConfigurationError.self) { try parse("postgres://aarshjul@db.example/") }
        #expect(throws: ConfigurationError.self) { try parse("postgres://aarshjul@db.example/wheel?sslmode=maybe") }
        #expect(throws: ConfigurationError.self) { try parse("postgres://aarshjul@db.example/wheel?connect_timeout=3") }
    }

    @Test(".pgpass lines match host, port, database and user, with * and escaped colons")
    func pgpass() {
        let url = PostgresURL(user: "aarshjul", host: "db.example", port: 5432, database: "wheel")
        #expect(PostgresPasswordFile.match("# comment\nother:5432:wheel:aarshjul:no\ndb.example:*:wheel:aarshjul:p\\:w\n", url: url) == "p:w")
        #expect(PostgresPasswordFile.match("*:*:*:someone:no\n", url: url) == nil)
    }

    @Test func syncDefaultsAndSizes() throws {
        let configuration = try Self.parseFixture("valid-minimal")
        #expect(configuration.sync.statePath == "\(Self.fixtures)/.aarshjul/state.sqlite")
        #expect(configuration.sync.outputDirectory == "\(Self.fixtures)/feeds")
        #expect(configuration.sync.timeoutSeconds == 30 && configuration.sync.maxRedirects == 5)
        #expect(configuration.sync.maxBytes == 20_000_000 && configuration.sync.maxShrink == 0.9)
        #expect(SyncSettings.parseSize("20 MB") == 20_000_000)
        #expect(SyncSettings.parseSize("500kB") == 500_000)
        #expect(SyncSettings.parseSize("1 MiB") == 1_048_576)
        #expect(SyncSettings.parseSize("1048576") == 1_048_576)
        #expect(SyncSettings.parseSize("1.5 GB") == 1_500_000_000)
        #expect(SyncSettings.parseSize("lots") == nil)
        #expect(SyncSettings.parseSize("-5 MB") == nil)
    }

    // MARK: Paths

    @Test func relativeSourcePathsResolveAgainstTheConfigurationsDirectory() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fileManager = FileManager.default
        try fileManager.createDirectory(atPath: "\(root)/config", withIntermediateDirectories: true)
        try fileManager.createDirectory(atPath: "\(root)/calendars", withIntermediateDirectories: true)
        for name in ["calendars/a.ics", "config/b.ics", "c.ics"] {
            #expect(fileManager.createFile(atPath: "\(root)/\(name)", contents: Data("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8)))
        }
        let text = """
        [cycle]
        name = "Paths"
        timezone = "UTC"

        [[source]]
        id = "a"
        path = "../calendars/a.ics"

        [[source]]
        id = "b"
        path = "b.ics"

        [[source]]
        id = "c"
        path = "\(root)/calendars/../c.ics"
        """
        try text.write(toFile: "\(root)/config/aarshjul.toml", atomically: true, encoding: .utf8)
        let configuration = try AarshjulConfiguration.load(fileAt: "\(root)/config/aarshjul.toml", language: .en)
        #expect(configuration.baseDirectory == "\(root)/config")
        #expect(configuration.sources.map(\.path) == ["\(root)/calendars/a.ics", "\(root)/config/b.ics", "\(root)/c.ics"])

        // `parse` resolves against the directory it is given, not the working directory.
        let parsed = try AarshjulConfiguration.parse(text, fileName: "elsewhere.toml", baseDirectory: "\(root)/config/", language: .en)
        #expect(parsed.fileName == "elsewhere.toml")
        #expect(parsed.baseDirectory == "\(root)/config")
        #expect(parsed.sources == configuration.sources)
    }

    @Test func loadReportsAMissingFileWithThePathItLookedFor() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let error = #expect(throws: ConfigurationError.self) {
            try AarshjulConfiguration.load(fileAt: "\(root)/aarshjul.toml", language: .en)
        }
        #expect(error?.description == "\(root)/aarshjul.toml: configuration file not found (looked for \(root)/aarshjul.toml); `aarshjul init` writes a starter")
        #expect(error?.line == 0)

        let directory = #expect(throws: ConfigurationError.self) { try AarshjulConfiguration.load(fileAt: root, language: .en) }
        #expect(directory?.description == "\(root): is a directory, not a configuration file (looked for \(root))")
    }

    @Test func loadRejectsTextThatIsNotUTF8() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = FileManager.default.createFile(atPath: "\(root)/aarshjul.toml", contents: Data([0x5B, 0xE6, 0xFF, 0x5D]))
        let error = #expect(throws: ConfigurationError.self) { try AarshjulConfiguration.load(fileAt: "\(root)/aarshjul.toml", language: .en) }
        #expect(error?.description == "\(root)/aarshjul.toml: is not UTF-8 text; save it as UTF-8")
    }

    @Test(.enabled(if: getuid() != 0, "root can read any file"))
    func unreadableSourceFile() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = FileManager.default.createFile(atPath: "\(root)/secret.ics", contents: Data(), attributes: [.posixPermissions: 0o000])
        let text = "[cycle]\nname = \"X\"\ntimezone = \"UTC\"\n\n[[source]]\nid = \"s\"\npath = \"secret.ics\"\n"
        let error = #expect(throws: ConfigurationError.self) {
            try AarshjulConfiguration.parse(text, fileName: "aarshjul.toml", baseDirectory: root, language: .en)
        }
        #expect(error?.description == "aarshjul.toml:7: [[source]] \"s\": path \"secret.ics\" cannot be read (no permission for \(root)/secret.ics)")
    }

    // MARK: Errors, word for word

    /// (fixture, the error's description with `$DIR` for the fixture directory, its key).
    static let errorCases: [(String, String, String?)] = [
        // Unknown keys, anywhere.
        ("unknown-rule-key", #"unknown-rule-key.toml:19: [[rule]] "budget-feeds-hop": unknown key "min-gapp"; allowed for type "precedes": id, type, severity, fixed, description, first, then, min-gap"#, "min-gapp"),
        ("unknown-top-level-key", #"unknown-top-level-key.toml:10: unknown top-level key "rules"; allowed: cycle, source, tag, rule, accept, closed, holiday, publish, feeds, sync, plan"#, "rules"),
        ("unknown-cycle-key", #"unknown-cycle-key.toml:4: [cycle]: unknown key "strat"; allowed: name, timezone, start, language, max-occurrences"#, "strat"),
        ("unknown-source-key", #"unknown-source-key.toml:9: [[source]] "tk": unknown key "colour"; allowed: id, name, path, url, caldav, username, password-env, calendar, color, fixed"#, "colour"),
        ("unknown-match-key", #"unknown-match-key.toml:11: [[tag]] #1: unknown key "sumary" in match; allowed in a match: source, summary, category, uid, body, kind, area, status"#, "match.sumary"),
        ("unknown-dotted-match-key", #"unknown-dotted-match-key.toml:14: [[rule]] "r": unknown key "kinds" in match; allowed in a match: source, summary, category, uid, body, kind, area, status"#, "match.kinds"),
        ("unknown-key-in-subtable", #"unknown-key-in-subtable.toml:18: [[rule]] "r": unknown key "sumary" in then; allowed in a match: source, summary, category, uid, body, kind, area, status"#, "then.sumary"),
        ("unknown-feeds-key", #"unknown-feeds-key.toml:12: [feeds]: unknown key "tokn"; allowed: refresh, token, rebuild"#, "tokn"),
        // Structure.
        ("syntax-error", #"syntax-error.toml:4: TOML syntax error: Error while parsing date: expected 4-digit year, saw '-' (column 11)"#, nil),
        ("missing-cycle", #"missing-cycle.toml: missing [cycle] table; it needs at least name and timezone"#, nil),
        ("cycle-as-array", #"cycle-as-array.toml:1: cycle must be a single [cycle] table, not [[cycle]]"#, "cycle"),
        ("source-as-table", #"source-as-table.toml:5: source must be an array of tables: write [[source]], not [source]"#, "source"),
        ("no-sources", #"no-sources.toml: no [[source]] tables; add at least one calendar, with id and path, url or caldav"#, nil),
        // [cycle].
        ("cycle-missing-timezone", #"cycle-missing-timezone.toml:1: [cycle]: missing required key "timezone"; an IANA time zone such as "Europe/Oslo""#, "timezone"),
        ("cycle-bad-timezone", #"cycle-bad-timezone.toml:3: [cycle]: timezone "Europe/Olso" is not an IANA time zone; write e.g. "Europe/Oslo""#, "timezone"),
        ("cycle-bad-start", #"cycle-bad-start.toml:4: [cycle]: start "8-1" is not a day of the year; write "MM-DD", e.g. "08-01""#, "start"),
        ("cycle-bad-language", #"cycle-bad-language.toml:4: [cycle]: language must be one of nb, nn, en (got "no")"#, "language"),
        ("cycle-name-not-string", #"cycle-name-not-string.toml:2: [cycle]: name must be a string, not an integer"#, "name"),
        ("cycle-bad-max-occurrences", #"cycle-bad-max-occurrences.toml:4: [cycle]: max-occurrences must be at least 1 (got 0)"#, "max-occurrences"),
        // [[source]].
        ("source-not-found", #"source-not-found.toml:8: [[source]] "tk": path "trondheim-kommune.ics" not found (looked for $DIR/trondheim-kommune.ics)"#, "path"),
        ("source-is-directory", #"source-is-directory.toml:7: [[source]] "tk": path "." is a directory, not a calendar file (looked for $DIR)"#, "path"),
        ("source-duplicate-id", #"source-duplicate-id.toml:11: [[source]] "tk": duplicate id "tk" (already used at line 6)"#, "id"),
        ("source-bad-id", #"source-bad-id.toml:6: [[source]] "TK": id "TK" may only use a-z, 0-9 and "-""#, "id"),
        ("source-missing-id", #"source-missing-id.toml:5: [[source]] #1: missing required key "id""#, "id"),
        ("source-path-and-url", #"source-path-and-url.toml:9: [[source]] "tk": give one of path, url or caldav, not path and url"#, "url"),
        ("source-no-path-or-url", #"source-no-path-or-url.toml:5: [[source]] "tk": missing required key "path", "url" or "caldav"; the calendar file (relative to this file), its https:// address, or its calendar server's address"#, "path"),
        ("source-ftp-url", #"source-ftp-url.toml:7: [[source]] "tk": url "ftp://example.org/tk.ics" must start with https://, webcal:// or http://"#, "url"),
        ("source-fixed-not-bool", #"source-fixed-not-bool.toml:9: [[source]] "tk": fixed must be true or false, not an integer"#, "fixed"),
        ("source-bad-color", ##"source-bad-color.toml:9: [[source]] "tk": color "blue" must be #RRGGBB, e.g. "#0067B1""##, "color"),
        ("source-url-and-caldav", #"source-url-and-caldav.toml:8: [[source]] "tk": give one of path, url or caldav, not url and caldav"#, "caldav"),
        ("source-caldav-bad-scheme", #"source-caldav-bad-scheme.toml:7: [[source]] "tk": caldav "webcal://dav.example.org/" must start with https:// (or http:// for a server on an internal network)"#, "caldav"),
        ("source-caldav-password", #"source-caldav-password.toml:9: [[source]] "tk": password must not be written in the configuration file; put it in an environment variable and name that variable with password-env = "AARSHJUL_PASSWORD" (any name), with username"#, "password"),
        ("source-caldav-username-alone", #"source-caldav-username-alone.toml:8: [[source]] "tk": username needs password-env, the name of the environment variable that holds the password"#, "username"),
        ("source-caldav-bad-password-env", #"source-caldav-bad-password-env.toml:9: [[source]] "tk": password-env "TK-PASSWORD" must be the name of an environment variable (letters, digits and _, not starting with a digit), e.g. "AARSHJUL_TK_PASSWORD"; the password itself goes in that variable"#, "password-env"),
        ("source-calendar-without-caldav", #"source-calendar-without-caldav.toml:8: [[source]] "tk": calendar only applies to a caldav source (caldav = "https://…")"#, "calendar"),
        // [[publish]].
        ("publish-password", #"publish-password.toml:13: [[publish]] #1: password must not be written in the configuration file; put it in an environment variable and name that variable with password-env = "AARSHJUL_PASSWORD" (any name), with username"#, "password"),
        ("publish-unknown-feed", #"publish-unknown-feed.toml:15: [[publish]] #1: feed "bystyret" is not a feed this configuration makes; feeds: combined, conflicts, source-tk, body-bystyret"#, "feed"),
        ("publish-missing-feed", #"publish-missing-feed.toml:9: [[publish]] #1: missing required key "feed"; which feed to publish, e.g. "combined""#, "feed"),
        ("publish-missing-caldav", #"publish-missing-caldav.toml:9: [[publish]] #1: missing required key "caldav"; the calendar server's address to publish into"#, "caldav"),
        ("publish-as-table", #"publish-as-table.toml:9: publish must be an array of tables: write [[publish]], not [publish]"#, "publish"),
        ("unknown-publish-key", #"unknown-publish-key.toml:12: [[publish]] #1: unknown key "pasword-env"; allowed: caldav, feed, username, password-env, calendar"#, "pasword-env"),
        // [[tag]].
        ("tag-unknown-source", #"tag-unknown-source.toml:11: [[tag]] #1: match.source "tkk" matches no [[source]] id; ids: tk"#, "match.source"),
        ("tag-sets-nothing", #"tag-sets-nothing.toml:10: [[tag]] #1: sets nothing; give at least one of body, kind, area, or fixed = true"#, nil),
        ("tag-missing-match", #"tag-missing-match.toml:10: [[tag]] #1: missing required key "match"; which occurrences to tag, e.g. { source = "tk", summary = "Bystyret*" }"#, "match"),
        ("tag-match-not-table", #"tag-match-not-table.toml:11: [[tag]] #1: match must be a match table such as { summary = "Bystyret*" }, not a string"#, "match"),
        ("tag-fixed-not-bool", #"tag-fixed-not-bool.toml:12: [[tag]] #1: fixed must be true or false, not a string"#, "fixed"),
        // [[rule]].
        ("rule-bad-severity", #"rule-bad-severity.toml:14: [[rule]] "r": severity must be one of error, warning, info (got "fatal")"#, "severity"),
        ("rule-bad-type", #"rule-bad-type.toml:12: [[rule]] "r": type must be one of precedes, lead-time, no-overlap, working-day, within, required, crowding (got "preceeds")"#, "type"),
        ("rule-missing-type", #"rule-missing-type.toml:10: [[rule]] "r": missing required key "type"; one of precedes, lead-time, no-overlap, working-day, within, required, crowding"#, "type"),
        ("rule-missing-id", #"rule-missing-id.toml:10: [[rule]] #1: missing required key "id""#, "id"),
        ("rule-duplicate-id", #"rule-duplicate-id.toml:16: [[rule]] "r": duplicate id "r" (already used at line 11)"#, "id"),
        ("rule-missing-then", #"rule-missing-then.toml:10: [[rule]] "r": missing required key "then"; type "precedes" requires first, then"#, "then"),
        ("rule-bad-duration", #"rule-bad-duration.toml:15: [[rule]] "r": min-gap "14 days" is not an ISO 8601 duration; write e.g. "P14D" (14 days) or "PT4H" (4 hours)"#, "min-gap"),
        ("rule-negative-duration", #"rule-negative-duration.toml:15: [[rule]] "r": min-gap "-P1D" must not be negative"#, "min-gap"),
        ("rule-zero-per", #"rule-zero-per.toml:15: [[rule]] "r": per "P0D" must be longer than zero"#, "per"),
        ("rule-crowding-missing-max", #"rule-crowding-missing-max.toml:10: [[rule]] "r": missing required key "max"; type "crowding" requires match, max, per"#, "max"),
        ("rule-min-count-not-int", #"rule-min-count-not-int.toml:14: [[rule]] "r": min-count must be an integer, not a string"#, "min-count"),
        ("rule-working-days-partial", #"rule-working-days-partial.toml:15: [[rule]] "r": min "PT36H" must be whole days when working-days = true, e.g. "P8D""#, "min"),
        ("rule-working-days-and-min", #"rule-working-days-and-min.toml:15: [[rule]] "r": give either min or working-days = 8, not both (working-days = 8 means min = "P8D" counted in working days)"#, "min"),
        ("rule-lead-time-missing-min", #"rule-lead-time-missing-min.toml:10: [[rule]] "r": missing required key "min"; type "lead-time" requires deadline, meeting, min (or working-days = N)"#, "min"),
        ("rule-within-no-window", #"rule-within-no-window.toml:10: [[rule]] "r": type "within" requires after, before or both (as "MM-DD")"#, nil),
        ("rule-within-bad-day", #"rule-within-bad-day.toml:14: [[rule]] "r": after "02-30" is not a day of the year; write "MM-DD", e.g. "08-01""#, "after"),
        ("rule-bad-across", #"rule-bad-across.toml:14: [[rule]] "r": across must be one of sources, bodies (got "institutions")"#, "across"),
        ("rule-unknown-closed", #"rule-unknown-closed.toml:19: [[rule]] "r": closed[1] "påske" is not a closed period; allowed: fellesferie, christmas, easter, eksamen (add others with [[closed]])"#, "closed"),
        ("rule-closed-not-array", #"rule-closed-not-array.toml:14: [[rule]] "r": closed must be an array of strings, not a string"#, "closed"),
        ("rule-match-unknown-source", #"rule-match-unknown-source.toml:13: [[rule]] "r": match.source "nt*" matches no [[source]] id; ids: tk"#, "match.source"),
        // [[closed]], [[holiday]], [[accept]], [feeds].
        ("closed-built-in-name", #"closed-built-in-name.toml:11: [[closed]] "christmas": name "christmas" is built in (fellesferie, christmas, easter); choose another name"#, "name"),
        ("closed-duplicate-name", #"closed-duplicate-name.toml:16: [[closed]] "eksamen": duplicate name "eksamen" (already used at line 11)"#, "name"),
        ("closed-missing-to", #"closed-missing-to.toml:10: [[closed]] "eksamen": missing required key "to"; the last day, as "MM-DD""#, "to"),
        ("holiday-bad-date", #"holiday-bad-date.toml:11: [[holiday]] #1: date "2027-13-01" is not a date; write 2027-05-18 or "2027-05-18""#, "date"),
        ("holiday-date-time", #"holiday-date-time.toml:11: [[holiday]] #1: date must be a date such as 2027-05-18, not a date-time"#, "date"),
        ("accept-duplicate", #"accept-duplicate.toml:14: [[accept]] "c-4f2a91": conflict "c-4f2a91" is already accepted at line 11"#, "conflict"),
        ("accept-missing-conflict", #"accept-missing-conflict.toml:10: [[accept]] #1: missing required key "conflict"; the conflict id from `aarshjul conflicts`"#, "conflict"),
        ("feeds-bad-refresh", #"feeds-bad-refresh.toml:11: [feeds]: refresh must be an ISO 8601 duration such as "P14D", not an integer"#, "refresh"),
        ("sync-bad-max-size", #"sync-bad-max-size.toml:11: [sync]: max-size "20 megs" is not a size; write e.g. "20 MB", "500 kB" or a number of bytes"#, "max-size"),
        ("sync-bad-max-shrink", #"sync-bad-max-shrink.toml:11: [sync]: max-shrink must be more than 0 and at most 1 (1 turns the guard off); got 90.0"#, "max-shrink"),
        ("unknown-sync-key", #"unknown-sync-key.toml:12: [sync]: unknown key "state-file"; allowed: state, out, timeout, max-redirects, max-size, max-shrink"#, "state-file"),
        ("plan-bad-keep-weekday", #"plan-bad-keep-weekday.toml:11: [plan]: keep-weekday must be true or false, not a string"#, "keep-weekday"),
        ("unknown-plan-key", #"unknown-plan-key.toml:11: [plan]: unknown key "keep-weekdays"; allowed: keep-weekday"#, "keep-weekdays"),
        ("plan-as-array", #"plan-as-array.toml:10: plan must be a single [plan] table, not [[plan]]"#, "plan"),
        // Several problems: the one nearest the top is reported.
        ("two-problems", #"two-problems.toml:9: [[rule]] "r": severity must be one of error, warning, info (got "fatal")"#, "severity"),
    ]

    @Test(arguments: errorCases)
    func errorMessage(fixture: String, expected: String, key: String?) throws {
        let error = #expect(throws: ConfigurationError.self) { try Self.parseFixture(fixture) }
        #expect(error?.description == expected.replacingOccurrences(of: "$DIR", with: Self.fixtures))
        #expect(error?.key == key)
        #expect(error?.file == "\(fixture).toml")
    }

    /// Every error fixture again, in bokmål and nynorsk: same file, line and key as in English,
    /// and a message that is not the English one (nothing left untranslated on the way).
    @Test(arguments: errorCases.map(\.0), [Language.nb, .nn])
    func errorMessageTranslated(fixture: String, language: Language) throws {
        let text = try String(contentsOfFile: "\(Self.fixtures)/\(fixture).toml", encoding: .utf8)
        func error(_ language: Language) -> ConfigurationError? {
            #expect(throws: ConfigurationError.self) {
                try AarshjulConfiguration.parse(text, fileName: "\(fixture).toml", baseDirectory: Self.fixtures, language: language)
            }
        }
        let english = error(.en)
        let translated = error(language)
        #expect(translated?.line == english?.line)
        #expect(translated?.key == english?.key)
        #expect(translated != nil && translated?.message != english?.message, "\(language): \(translated?.message ?? "")")
    }

    @Test("the language of the errors: the argument, else [cycle] language, else bokmål")
    func languageOfErrors() throws {
        let nynorsk = """
            [cycle]
            name = "Test"
            timezone = "Europe/Oslo"
            language = "nn"

            [[source]]
            id = "TK"
            path = "tk.ics"
            """
        func message(_ text: String, _ language: Language?) -> String? {
            let error = #expect(throws: ConfigurationError.self) {
                try AarshjulConfiguration.parse(text, fileName: "a.toml", baseDirectory: Self.fixtures, language: language)
            }
            return error?.description
        }
        #expect(message(nynorsk, nil) == #"a.toml:7: [[source]] "TK": id "TK" kan berre bruke a-z, 0-9 og "-""#)
        #expect(message(nynorsk, .en) == #"a.toml:7: [[source]] "TK": id "TK" may only use a-z, 0-9 and "-""#)
        let unnamed = nynorsk.replacingOccurrences(of: "language = \"nn\"\n", with: "")
        #expect(message(unnamed, nil) == #"a.toml:6: [[source]] "TK": id "TK" kan bare bruke a-z, 0-9 og "-""#)
        // A language that is not one is itself reported, in bokmål.
        let unknown = nynorsk.replacingOccurrences(of: "\"nn\"", with: "\"de\"")
        #expect(message(unknown, nil) == #"a.toml:4: [cycle]: language må være en av nb, nn, en (fikk "de")"#)
        #expect(message("[cycle\n", nil)?.hasPrefix("a.toml:1: syntaksfeil i TOML: ") == true)
        #expect(message("[cycle\n", .nn)?.hasPrefix("a.toml:1: syntaksfeil i TOML: ") == true)
        #expect(message("[cycle\n", .en)?.hasPrefix("a.toml:1: TOML syntax error: ") == true)
        // The syntax problems found before TOMLKit sees the text are in the table too.
        #expect(message("[%]\n", .nn) == "a.toml:1: syntaksfeil i TOML: ei tabelloverskrift må byrje med eit nøkkelnamn (bokstavar, siffer, _ eller -, eller eit namn i hermeteikn), ikkje '%' (kolonne 2)")
        #expect(message("x = [1, {a = 2]]\n", nil) == "a.toml:1: syntaksfeil i TOML: ']' kan ikke avslutte en innebygd tabell: den slutter med '}' (kolonne 15)")
    }

    @Test("a file that cannot be read: the errors in the language asked for, else bokmål")
    func languageOfFileErrors() throws {
        let missing = "\(Self.fixtures)/finnes-ikke.toml"
        let bokmal = #expect(throws: ConfigurationError.self) { try AarshjulConfiguration.load(fileAt: missing) }
        #expect(bokmal?.message == "fant ikke konfigurasjonsfilen (så etter \(missing)); `aarshjul init` skriver en mal")
        let nynorsk = #expect(throws: ConfigurationError.self) { try AarshjulConfiguration.load(fileAt: missing, language: .nn) }
        #expect(nynorsk?.message == "fann ikkje konfigurasjonsfila (såg etter \(missing)); `aarshjul init` skriv ein mal")
    }

    @Test func everyErrorFixtureIsTested() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures)
            .filter { $0.hasSuffix(".toml") && !$0.hasPrefix("valid-") }
            .map { String($0.dropLast(5)) }
        #expect(Set(files) == Set(Self.errorCases.map(\.0)))
    }

    @Test func caldavSourcesAndPublishTargetsAreRead() throws {
        let text = """
        [cycle]
        name = "X"
        timezone = "Europe/Oslo"
        [[source]]
        id = "tk"
        caldav = "http://127.0.0.1:5232/tk/"
        username = "tk"
        password-env = "AARSHJUL_TK_PASSWORD"
        calendar = "Trondheim kommune"
        [[source]]
        id = "open"
        caldav = "https://dav.example.org/public/cal/"
        [[tag]]
        match = { source = "tk" }
        area = "Helse og velferd"
        [[publish]]
        caldav = "https://dav.example.org/"
        feed = "area-helse-og-velferd"
        username = "aarshjul"
        password-env = "PUBLISH_PW"
        calendar = "pub"
        """
        let configuration = try AarshjulConfiguration.parse(text, fileName: "a.toml", baseDirectory: Self.fixtures, language: .en)
        let tk = try #require(configuration.sources.first)
        #expect(tk.caldav == "http://127.0.0.1:5232/tk/" && tk.path == nil && tk.url == nil)
        #expect(tk.username == "tk" && tk.passwordEnv == "AARSHJUL_TK_PASSWORD" && tk.calendar == "Trondheim kommune")
        #expect(tk.origin == "http://127.0.0.1:5232/tk/")
        #expect(configuration.sources.last?.username == nil)
        #expect(configuration.publish == [PublishSettings(caldav: "https://dav.example.org/", feed: "area-helse-og-velferd", username: "aarshjul",
                                                          passwordEnv: "PUBLISH_PW", calendar: "pub", line: 16)])
    }

    @Test func errorDescriptionLeavesOutLineZero() {
        #expect(ConfigurationError(file: "a.toml", line: 3, key: "k", message: "m").description == "a.toml:3: m")
        #expect(ConfigurationError(file: "a.toml", line: 0, message: "m").description == "a.toml: m")
    }

    @Test func unknownRuleKeyListsTheKeysOfItsType() throws {
        for type in RuleType.allCases {
            let text = """
            [cycle]
            name = "X"
            timezone = "UTC"
            [[source]]
            id = "tk"
            path = "tk.ics"
            [[rule]]
            id = "r"
            type = "\(type.rawValue)"
            bogus = 1
            """
            let error = #expect(throws: ConfigurationError.self) {
                try AarshjulConfiguration.parse(text, fileName: "aarshjul.toml", baseDirectory: Self.fixtures, language: .en)
            }
            #expect(error?.description == "aarshjul.toml:10: [[rule]] \"r\": unknown key \"bogus\"; allowed for type \"\(type.rawValue)\": "
                + (RuleType.commonKeys + type.specificKeys).joined(separator: ", "))
        }
    }

    @Test func keysOfAnotherRuleTypeAreErrors() throws {
        let text = """
        [cycle]
        name = "X"
        timezone = "UTC"
        [[source]]
        id = "tk"
        path = "tk.ics"
        [[rule]]
        id = "r"
        type = "required"
        match = { source = "tk" }
        min-gap = "P1D"
        """
        let error = #expect(throws: ConfigurationError.self) {
            try AarshjulConfiguration.parse(text, fileName: "aarshjul.toml", baseDirectory: Self.fixtures, language: .en)
        }
        #expect(error?.description == #"aarshjul.toml:11: [[rule]] "r": unknown key "min-gap"; allowed for type "required": id, type, severity, fixed, description, match, min-count"#)
    }

    // MARK: Values

    @Test func monthDay() {
        #expect(MonthDay("08-01") == MonthDay(month: 8, day: 1))
        #expect(MonthDay("02-29")?.description == "02-29")
        #expect(MonthDay("12-31")?.description == "12-31")
        for bad in ["8-1", "02-30", "04-31", "13-01", "00-10", "01-00", "0101", "01-1a", "", "01-011", "١٢-٠١"] {
            #expect(MonthDay(bad) == nil, "\(bad)")
        }
        #expect(MonthDay.januaryFirst < (MonthDay("08-01") ?? .januaryFirst))
        #expect((MonthDay("08-01") ?? .januaryFirst) < (MonthDay("08-02") ?? .januaryFirst))
    }

    @Test func severityOrder() {
        #expect(RuleSeverity.info < .warning && RuleSeverity.warning < .error)
        #expect(RuleSeverity.allCases.sorted() == [.info, .warning, .error])
    }

    @Test func matchDescriptionAndEmptiness() {
        #expect(Match().isEmpty)
        #expect(Match().description == "{}")
        let match = Match(source: "tk", summary: "Bystyret \"*\"")
        #expect(!match.isEmpty)
        #expect(match.description == #"{ source = "tk", summary = "Bystyret \"*\"" }"#)
    }

    // MARK: The key locator

    @Test func keyLocatorFindsTablesKeysAndElements() {
        let text = """
        title = "x"            # 1
        [cycle]                # 2
        name = "a # not a comment"
        [[rule]]               # 4
        id = "one"
        [[rule]]               # 6
        id = "two"
        first = { source = "tk", summary = "x" }
        text = \"\"\"
        [[rule]]
        id = "not a key"
        \"\"\"
        closed = [
          "a",                 # 14
          "b",
        ]
        then.source = "ntnu"   # 17
        [rule.extra]           # 18
        'quoted key' = 1
        [ "spaced" . table ]   # 20
        k = 'lit'
        """
        let locator = KeyLocator(text: text)
        #expect(locator.exactLine(of: ["title"]) == 1)
        #expect(locator.exactLine(of: ["cycle"]) == 2)
        #expect(locator.exactLine(of: ["cycle", "name"]) == 3)
        #expect(locator.exactLine(of: ["rule"]) == 4)
        #expect(locator.exactLine(of: ["rule", "#0"]) == 4)
        #expect(locator.exactLine(of: ["rule", "#0", "id"]) == 5)
        #expect(locator.exactLine(of: ["rule", "#1"]) == 6)
        #expect(locator.exactLine(of: ["rule", "#1", "id"]) == 7)
        #expect(locator.exactLine(of: ["rule", "#1", "first", "summary"]) == 8)
        #expect(locator.exactLine(of: ["rule", "#1", "text"]) == 9)
        #expect(locator.exactLine(of: ["rule", "#2"]) == nil)
        #expect(locator.exactLine(of: ["rule", "#1", "closed", "#0"]) == 14)
        #expect(locator.exactLine(of: ["rule", "#1", "closed", "#1"]) == 15)
        #expect(locator.exactLine(of: ["rule", "#1", "then", "source"]) == 17)
        #expect(locator.exactLine(of: ["rule", "#1", "extra"]) == 18)
        #expect(locator.exactLine(of: ["rule", "#1", "extra", "quoted key"]) == 19)
        #expect(locator.exactLine(of: ["spaced", "table", "k"]) == 21)
        // Unknown paths fall back to the nearest known table.
        #expect(locator.line(of: ["rule", "#1", "missing"]) == 6)
        #expect(locator.line(of: ["nothing"]) == 0)
    }

    @Test func keyLocatorHandlesInlineArraysOfTables() {
        let locator = KeyLocator(text: "source = [\n  { id = \"tk\" },\n  { id = \"ntnu\",\n    path = \"x\" },\n]\n")
        #expect(locator.exactLine(of: ["source", "#0", "id"]) == 2)
        #expect(locator.exactLine(of: ["source", "#1", "id"]) == 3)
        #expect(locator.exactLine(of: ["source", "#1", "path"]) == 4)
    }

    // MARK: The starter written by `aarshjul init`

    /// The starter names calendar files rather than leaving the sources commented out: a
    /// configuration without calendars does nothing, and a missing calendar is an error that
    /// says where to put it. So it loads once the calendars are there.
    @Test(arguments: Language.allCases)
    func starterLoadsOnceItsCalendarsExist(language: Language) throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let written = try StarterConfiguration.write(to: "\(root)/aarshjul.toml", language: language)
        #expect(written == "\(root)/aarshjul.toml")
        #expect(try String(contentsOfFile: written, encoding: .utf8) == StarterConfiguration.text(language: language))

        let missing = #expect(throws: ConfigurationError.self) { try AarshjulConfiguration.load(fileAt: written, language: .en) }
        #expect(missing?.description.hasPrefix("\(written):") == true)
        #expect(missing?.message == "[[source]] \"tk\": path \"trondheim-kommune.ics\" not found (looked for \(root)/trondheim-kommune.ics)")

        for file in StarterConfiguration.sourcePaths {
            #expect(FileManager.default.createFile(atPath: "\(root)/\(file)", contents: Data()))
        }
        let configuration = try AarshjulConfiguration.load(fileAt: written, language: .en)
        #expect(configuration.cycle.language == language)
        #expect(configuration.sources.map(\.path) == StarterConfiguration.sourcePaths.map { "\(root)/\($0)" })
        #expect(configuration.tags.count == 4)
        #expect(configuration.rules.map(\.type) == RuleType.allCases)
        // Nothing but the configuration and the calendars is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["aarshjul.toml", "ntnu.ics", "trondheim-kommune.ics"])
    }

    /// The optional tables, commented out in the starter, are valid once uncommented.
    @Test(arguments: Language.allCases)
    func starterOptionalTablesAreValidWhenUncommented(language: Language) throws {
        let lines = StarterConfiguration.text(language: language).split(separator: "\n", omittingEmptySubsequences: false)
        let optional = try #require(lines.firstIndex { $0.hasPrefix("# ---") && ($0.hasSuffix(" valgfritt") || $0.hasSuffix(" valfritt") || $0.hasSuffix(" optional")) })
        let uncommented = lines.enumerated().map { index, line -> String in
            let body = line.dropFirst(2)
            let looksLikeTOML = line.hasPrefix("# [") || (line.hasPrefix("# ") && body.range(of: #"^[a-z-]+ = "#, options: .regularExpression) != nil)
            return index > optional && looksLikeTOML ? String(body) : String(line)
        }.joined(separator: "\n")
        let configuration = try AarshjulConfiguration.parse(uncommented, fileName: "aarshjul.toml", baseDirectory: "\(Self.fixtures)/starter", language: .en)
        #expect(configuration.closedPeriods.map(\.name) == ["eksamen"])
        #expect(configuration.holidays.map(\.date) == [LocalDate(year: 2027, month: 5, day: 18)])
        #expect(configuration.accepts.map(\.conflict) == ["c-4f2a91"])
        #expect(configuration.feeds.rebuild == ICalDuration(days: 1))
        #expect(configuration.publish.map(\.feed) == ["combined"])
    }

    @Test func starterNeverReplacesAFileUnlessAskedTo() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = "\(root)/aarshjul.toml"
        try "# mine\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: StarterConfiguration.WriteError.exists(path)) {
            try StarterConfiguration.write(to: path)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "# mine\n")
        try StarterConfiguration.write(to: path, language: .en, overwrite: true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == StarterConfiguration.text(language: .en))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["aarshjul.toml"])

        let nowhere = "\(root)/no/such/dir/aarshjul.toml"
        #expect(throws: StarterConfiguration.WriteError.failed(path: nowhere, reason: "No such file or directory")) {
            try StarterConfiguration.write(to: nowhere)
        }
    }
}
