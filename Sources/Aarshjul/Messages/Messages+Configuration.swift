/// The problems ``AarshjulConfiguration/load(fileAt:language:)`` reports in `aarshjul.toml`
/// (``ConfigurationError/message``).
///
/// Table names, keys and TOML values are code and stay as written in every language
/// (`[[source]]`, `max-size`, `"P14D"`); arguments named `quoted` arrive already in double
/// quotes, and lists arrive joined with commas.
public struct ConfigurationMessages: Sendable {
    /// The names of TOML's value types, after "not" (`not a table`), by type: `string`,
    /// `integer`, `float`, `boolean`, `date`, `time`, `date-time`, `array`, `table`.
    public let typeNames: [String: String]

    // MARK: The file

    /// The file does not exist, from its absolute path.
    public let fileNotFound: @Sendable (_ path: String) -> String
    /// The path names a directory, from its absolute path.
    public let fileIsDirectory: @Sendable (_ path: String) -> String
    /// The file cannot be read, from its absolute path and the system's reason.
    public let fileUnreadable: @Sendable (_ path: String, _ reason: String) -> String
    /// The file is not UTF-8.
    public let notUTF8: String
    /// A TOML syntax error, from TOMLKit's reason (left in English).
    public let syntaxError: @Sendable (_ reason: String) -> String
    /// A TOML syntax error with its column.
    public let syntaxErrorAtColumn: @Sendable (_ reason: String, _ column: Int) -> String
    /// A table header that does not start with a key name, from what it starts with
    /// (a character in single quotes, or ``endOfLine``).
    public let headerWithoutKey: @Sendable (_ found: String) -> String
    /// What ``headerWithoutKey`` names when the header ends at once.
    public let endOfLine: String
    /// A bracket or brace that cannot close an array, from it and `']'`.
    public let cannotCloseArray: @Sendable (_ found: String, _ closer: String) -> String
    /// A bracket or brace that cannot close an inline table, from it and `'}'`.
    public let cannotCloseInlineTable: @Sendable (_ found: String, _ closer: String) -> String
    /// A Unicode line separator in the text.
    public let lineSeparator: String
    /// A date-time with nothing after its `T`.
    public let dateTimeWithoutTime: String
    /// A date followed by a space and one digit, not a whole time.
    public let dateThenPartOfATime: String

    // MARK: Keys and values

    /// An unknown key, from the key and the allowed keys.
    public let unknownKey: @Sendable (_ quoted: String, _ allowed: String) -> String
    /// An unknown top-level key, from the key and the allowed tables.
    public let unknownTopLevelKey: @Sendable (_ quoted: String, _ allowed: String) -> String
    /// An unknown key in a rule, from the key, the rule's type and the keys that type allows.
    public let unknownKeyForType: @Sendable (_ quoted: String, _ type: String, _ allowed: String) -> String
    /// A required key that is missing.
    public let missingKey: @Sendable (_ quoted: String) -> String
    /// A required key that is missing, with what it should hold.
    public let missingKeyBecause: @Sendable (_ quoted: String, _ reason: String) -> String
    /// A value that must be a string, from the key and the type it has.
    public let notString: @Sendable (_ key: String, _ type: String) -> String
    /// A string that must not be empty.
    public let empty: @Sendable (_ key: String) -> String
    /// A value that must be true or false.
    public let notBoolean: @Sendable (_ key: String, _ type: String) -> String
    /// A value that must be an integer.
    public let notInteger: @Sendable (_ key: String, _ type: String) -> String
    /// An integer below its minimum.
    public let tooSmall: @Sendable (_ key: String, _ minimum: Int, _ got: Int) -> String
    /// A duration of the wrong type.
    public let durationType: @Sendable (_ key: String, _ type: String) -> String
    /// A string that is not an ISO 8601 duration.
    public let notDuration: @Sendable (_ key: String, _ quoted: String) -> String
    /// A negative duration.
    public let negativeDuration: @Sendable (_ key: String, _ quoted: String) -> String
    /// A duration of zero where one is not allowed.
    public let zeroDuration: @Sendable (_ key: String, _ quoted: String) -> String
    /// A day of the year of the wrong type.
    public let monthDayType: @Sendable (_ key: String, _ type: String) -> String
    /// A string that is not a day of the year.
    public let notMonthDay: @Sendable (_ key: String, _ quoted: String) -> String
    /// One of a set of words, given a value of the wrong type.
    public let choiceType: @Sendable (_ key: String, _ choices: String, _ type: String) -> String
    /// One of a set of words, given another word.
    public let notAChoice: @Sendable (_ key: String, _ choices: String, _ quoted: String) -> String
    /// An array of strings of the wrong type.
    public let arrayType: @Sendable (_ key: String, _ type: String) -> String
    /// A match table of the wrong type.
    public let matchType: @Sendable (_ key: String, _ type: String) -> String
    /// An unknown key in a match table, from the key, the match's key and the allowed keys.
    public let unknownMatchKey: @Sendable (_ quoted: String, _ match: String, _ allowed: String) -> String
    /// A match whose `source` glob selects no source, from the match's key, the glob and the ids.
    public let matchesNoSource: @Sendable (_ match: String, _ quoted: String, _ ids: String) -> String

    // MARK: Tables

    /// No `[[source]]` tables.
    public let noSources: String
    /// No `[cycle]` table.
    public let missingCycle: String
    /// A table that must be an array of tables, from its name and what was written instead.
    public let notArrayOfTables: @Sendable (_ name: String, _ written: String) -> String
    /// An array of tables with an element that is not a table (`element` counts from 1).
    public let elementNotTable: @Sendable (_ name: String, _ element: Int, _ type: String) -> String
    /// A table that must be a single table, from its name and what was written instead.
    public let notSingleTable: @Sendable (_ name: String, _ written: String) -> String

    // MARK: Particular keys

    /// What `[cycle] timezone` holds.
    public let timezoneReason: String
    /// A time zone that is not an IANA one.
    public let notTimeZone: @Sendable (_ quoted: String) -> String
    /// `max-size` of 0 bytes or fewer.
    public let maxSizeNotPositive: @Sendable (_ bytes: Int) -> String
    /// `max-size` that is not a size.
    public let notSize: @Sendable (_ quoted: String) -> String
    /// `max-size` of the wrong type.
    public let sizeType: @Sendable (_ type: String) -> String
    /// `max-shrink` of the wrong type.
    public let shrinkType: @Sendable (_ type: String) -> String
    /// `max-shrink` out of range, from the value given.
    public let shrinkRange: @Sendable (_ value: String) -> String
    /// A PostgreSQL `state` address whose `sslrootcert` file does not exist (or is a folder),
    /// from the path as written and the path looked for.
    public let rootCertNotFound: @Sendable (_ quoted: String, _ absolute: String) -> String
    /// A `state` value `scheme://…` of a kind Aarshjul does not know, from the scheme.
    public let stateUnknownScheme: @Sendable (_ scheme: String) -> String
    /// A PostgreSQL `state` address with a part missing or unreadable, from what is wrong
    /// (one of the `postgres…` reasons below).
    public let postgresAddress: @Sendable (_ reason: String) -> String
    /// An address that cannot be read at all, from the text.
    public let postgresUnreadable: @Sendable (_ text: String) -> String
    /// An address without a user.
    public let postgresNoUser: String
    /// An address without a host.
    public let postgresNoHost: String
    /// An address without a database.
    public let postgresNoDatabase: String
    /// An address with a password in it.
    public let postgresPassword: String
    /// An `sslmode` that is not one of libpq's, from the value and the list.
    public let sslModeUnknown: @Sendable (_ value: String, _ modes: String) -> String
    /// `sslrootcert=` with nothing after it.
    public let sslRootCertEmpty: String
    /// A query parameter Aarshjul does not read, from its name.
    public let postgresUnknownParameter: @Sendable (_ name: String) -> String
    /// What `[[closed]] from` holds.
    public let closedFromReason: String
    /// What `[[closed]] to` holds.
    public let closedToReason: String
    /// A `[[closed]]` name that is built in, from the name and the built-in names.
    public let builtInName: @Sendable (_ quoted: String, _ builtIn: String) -> String
    /// A name used twice, from the name and the line of its first use.
    public let duplicateName: @Sendable (_ quoted: String, _ line: Int) -> String
    /// What `[[holiday]] date` holds.
    public let holidayDateReason: String
    /// A holiday date that is not a date.
    public let notDate: @Sendable (_ quoted: String) -> String
    /// A holiday date of the wrong type.
    public let dateType: @Sendable (_ type: String) -> String
    /// An id with characters other than a-z, 0-9 and `-`.
    public let badID: @Sendable (_ quoted: String) -> String
    /// An id used twice, from the id and the line of its first use.
    public let duplicateID: @Sendable (_ quoted: String, _ line: Int) -> String
    /// More than one of `path`, `url`, `caldav`, from the keys given.
    public let oneLocation: @Sendable (_ given: [String]) -> String
    /// A `url` with another scheme.
    public let urlScheme: @Sendable (_ quoted: String) -> String
    /// An address with no host, from the key and the address.
    public let invalidAddress: @Sendable (_ key: String, _ quoted: String) -> String
    /// A source without `path`, `url` or `caldav`.
    public let sourceLocationMissing: String
    /// A CalDAV key in a source that is not a CalDAV source.
    public let onlyCalDAV: @Sendable (_ key: String) -> String
    /// A colour that is not `#RRGGBB`.
    public let badColor: @Sendable (_ quoted: String) -> String
    /// What `[[publish]] caldav` holds.
    public let publishCalDAVReason: String
    /// What `[[publish]] feed` holds.
    public let publishFeedReason: String
    /// A feed the configuration does not make, from the feed and the feeds it makes.
    public let unknownFeed: @Sendable (_ quoted: String, _ feeds: String) -> String
    /// A `password` key.
    public let passwordInFile: String
    /// A `caldav` address with another scheme.
    public let calDAVScheme: @Sendable (_ quoted: String) -> String
    /// A `password-env` that is not a variable name.
    public let badPasswordEnv: @Sendable (_ quoted: String) -> String
    /// `username` without `password-env`.
    public let usernameAlone: String
    /// `password-env` without `username`.
    public let passwordEnvAlone: String
    /// A source file that does not exist, from the path as written and the path looked for.
    public let pathNotFound: @Sendable (_ quoted: String, _ absolute: String) -> String
    /// A source path that is a directory.
    public let pathIsDirectory: @Sendable (_ quoted: String, _ absolute: String) -> String
    /// A source file that cannot be read.
    public let pathUnreadable: @Sendable (_ quoted: String, _ absolute: String) -> String
    /// What `[[tag]] match` holds.
    public let tagMatchReason: String
    /// A tag that sets nothing.
    public let tagSetsNothing: String
    /// What `[[accept]] conflict` holds.
    public let acceptConflictReason: String
    /// A conflict accepted twice, from the id and the line of the first acceptance.
    public let alreadyAccepted: @Sendable (_ quoted: String, _ line: Int) -> String
    /// A `closed` entry that names no closed period (`index` counts from 0, as in TOML).
    public let unknownClosed: @Sendable (_ index: Int, _ quoted: String, _ allowed: String) -> String
    /// What a rule's `type` holds, from the types.
    public let ruleTypeReason: @Sendable (_ types: String) -> String
    /// The keys a rule type requires, from the type and the keys.
    public let typeRequires: @Sendable (_ type: String, _ keys: String) -> String
    /// The keys a `lead-time` rule requires, from the type.
    public let leadTimeRequires: @Sendable (_ type: String) -> String
    /// The keys a `within` rule requires, from the type.
    public let withinRequires: @Sendable (_ type: String) -> String
    /// What a rule's `match` holds.
    public let ruleMatchReason: String
    /// Both `min` and `working-days = N`, from N.
    public let minAndWorkingDays: @Sendable (_ days: Int) -> String
    /// `working-days` of the wrong type.
    public let workingDaysType: @Sendable (_ type: String) -> String
    /// A `min` with hours while `working-days = true`.
    public let minWholeDays: @Sendable (_ quoted: String) -> String
    /// `closed` on a lead time that does not count working days.
    public let closedNeedsWorkingDays: String
}

extension ConfigurationMessages {
    /// Bokmål.
    public static let nb = ConfigurationMessages(
        typeNames: [
            "string": "en streng", "integer": "et heltall", "float": "et desimaltall", "boolean": "en sannhetsverdi",
            "date": "en dato", "time": "et klokkeslett", "date-time": "en dato med klokkeslett",
            "array": "en liste", "table": "en tabell",
        ],
        fileNotFound: { path in "fant ikke konfigurasjonsfilen (så etter \(path)); `aarshjul init` skriver en mal" },
        fileIsDirectory: { path in "er en mappe, ikke en konfigurasjonsfil (så etter \(path))" },
        fileUnreadable: { path, reason in "kan ikke leses (\(path)): \(reason)" },
        notUTF8: "er ikke UTF-8-tekst; lagre den som UTF-8",
        syntaxError: { reason in "syntaksfeil i TOML: \(reason)" },
        syntaxErrorAtColumn: { reason, column in "syntaksfeil i TOML: \(reason) (kolonne \(column))" },
        headerWithoutKey: { found in "en tabelloverskrift må begynne med et nøkkelnavn (bokstaver, sifre, _ eller -, eller et navn i anførselstegn), ikke \(found)" },
        endOfLine: "slutten av linjen",
        cannotCloseArray: { found, closer in "\(found) kan ikke avslutte en liste: den slutter med \(closer)" },
        cannotCloseInlineTable: { found, closer in "\(found) kan ikke avslutte en innebygd tabell: den slutter med \(closer)" },
        lineSeparator: "et Unicode-linjeskilletegn er ikke et linjeskift i TOML: avslutt linjene med et vanlig linjeskift",
        dateTimeWithoutTime: "en dato med klokkeslett trenger et klokkeslett etter T, som i 2027-05-18T08:00:00",
        dateThenPartOfATime: "et klokkeslett etter en dato trenger to sifre for timen, minuttene og sekundene, som i 2027-05-18 08:00:00",
        unknownKey: { quoted, allowed in "ukjent nøkkel \(quoted); tillatt: \(allowed)" },
        unknownTopLevelKey: { quoted, allowed in "ukjent nøkkel \(quoted) på øverste nivå; tillatt: \(allowed)" },
        unknownKeyForType: { quoted, type, allowed in "ukjent nøkkel \(quoted); tillatt for type \(type): \(allowed)" },
        missingKey: { quoted in "mangler den påkrevde nøkkelen \(quoted)" },
        missingKeyBecause: { quoted, reason in "mangler den påkrevde nøkkelen \(quoted); \(reason)" },
        notString: { key, type in "\(key) må være en streng, ikke \(type)" },
        empty: { key in "\(key) kan ikke være tom" },
        notBoolean: { key, type in "\(key) må være true eller false, ikke \(type)" },
        notInteger: { key, type in "\(key) må være et heltall, ikke \(type)" },
        tooSmall: { key, minimum, got in "\(key) må være minst \(minimum) (fikk \(got))" },
        durationType: { key, type in "\(key) må være en ISO 8601-varighet som \"P14D\", ikke \(type)" },
        notDuration: { key, quoted in "\(key) \(quoted) er ikke en ISO 8601-varighet; skriv for eksempel \"P14D\" (14 dager) eller \"PT4H\" (4 timer)" },
        negativeDuration: { key, quoted in "\(key) \(quoted) kan ikke være negativ" },
        zeroDuration: { key, quoted in "\(key) \(quoted) må være lengre enn null" },
        monthDayType: { key, type in "\(key) må være en dag i året skrevet \"MM-DD\", ikke \(type)" },
        notMonthDay: { key, quoted in "\(key) \(quoted) er ikke en dag i året; skriv \"MM-DD\", for eksempel \"08-01\"" },
        choiceType: { key, choices, type in "\(key) må være en av \(choices), ikke \(type)" },
        notAChoice: { key, choices, quoted in "\(key) må være en av \(choices) (fikk \(quoted))" },
        arrayType: { key, type in "\(key) må være en liste med strenger, ikke \(type)" },
        matchType: { key, type in "\(key) må være en match-tabell som { summary = \"Bystyret*\" }, ikke \(type)" },
        unknownMatchKey: { quoted, match, allowed in "ukjent nøkkel \(quoted) i \(match); tillatt i en match: \(allowed)" },
        matchesNoSource: { match, quoted, ids in "\(match).source \(quoted) passer ikke med noen [[source]]-id; id-er: \(ids)" },
        noSources: "ingen [[source]]-tabeller; legg til minst én kalender, med id og path, url eller caldav",
        missingCycle: "mangler tabellen [cycle]; den trenger minst name og timezone",
        notArrayOfTables: { name, written in "\(name) må være en liste med tabeller: skriv [[\(name)]], ikke \(written)" },
        elementNotTable: { name, element, type in "\(name) må være en liste med tabeller ([[\(name)]]), men element \(element) er \(type)" },
        notSingleTable: { name, written in "\(name) må være én enkelt [\(name)]-tabell, ikke \(written)" },
        timezoneReason: "en IANA-tidssone som \"Europe/Oslo\"",
        notTimeZone: { quoted in "timezone \(quoted) er ikke en IANA-tidssone; skriv for eksempel \"Europe/Oslo\"" },
        maxSizeNotPositive: { bytes in "max-size må være mer enn 0 byte (fikk \(bytes))" },
        notSize: { quoted in "max-size \(quoted) er ikke en størrelse; skriv for eksempel \"20 MB\", \"500 kB\" eller et antall byte" },
        sizeType: { type in "max-size må være en størrelse som \"20 MB\" eller et antall byte, ikke \(type)" },
        shrinkType: { type in "max-shrink må være et tall mellom 0 og 1, som 0.9, ikke \(type)" },
        shrinkRange: { value in "max-shrink må være mer enn 0 og høyst 1 (1 slår vernet av); fikk \(value)" },
        rootCertNotFound: { quoted, absolute in "sslrootcert \(quoted) finnes ikke (så etter \(absolute)); oppgi PEM-fila til sertifikatutstederen som har signert sertifikatet til databaseserveren" },
        stateUnknownScheme: { scheme in "\(scheme):// er ikke et lager for synktilstanden som Aarshjul kjenner; oppgi en filsti (.aarshjul/state.sqlite) eller en PostgreSQL-adresse (postgres://bruker@vert:5432/db)" },
        postgresAddress: { reason in "\(reason); skriv den som postgres://bruker@vert:5432/database" },
        postgresUnreadable: { text in "\(text) er ikke en lesbar adresse" },
        postgresNoUser: "PostgreSQL-adressen oppgir ingen bruker",
        postgresNoHost: "PostgreSQL-adressen oppgir ingen vert",
        postgresNoDatabase: "PostgreSQL-adressen oppgir ingen database",
        postgresPassword: "PostgreSQL-adressen inneholder et passord; hold det utenfor konfigurasjonen og sett AARSHJUL_PG_PASSWORD eller en linje i ~/.pgpass i stedet",
        sslModeUnknown: { value, modes in "sslmode=\(value) er ikke en av \(modes)" },
        sslRootCertEmpty: "sslrootcert= er tom; oppgi PEM-fila til sertifikatutstederen som har signert sertifikatet til databaseserveren",
        postgresUnknownParameter: { name in "PostgreSQL-adressen har \(name)=…, som Aarshjul ikke leser; bare sslmode og sslrootcert er tillatt" },
        closedFromReason: "den første dagen, som \"MM-DD\"",
        closedToReason: "den siste dagen, som \"MM-DD\"",
        builtInName: { quoted, builtIn in "navnet \(quoted) er innebygd (\(builtIn)); velg et annet navn" },
        duplicateName: { quoted, line in "navnet \(quoted) er brukt før (på linje \(line))" },
        holidayDateReason: "en dato som 2027-05-18",
        notDate: { quoted in "date \(quoted) er ikke en dato; skriv 2027-05-18 eller \"2027-05-18\"" },
        dateType: { type in "date må være en dato som 2027-05-18, ikke \(type)" },
        badID: { quoted in "id \(quoted) kan bare bruke a-z, 0-9 og \"-\"" },
        duplicateID: { quoted, line in "id-en \(quoted) er brukt før (på linje \(line))" },
        oneLocation: { given in "oppgi én av path, url eller caldav, ikke \(given.joined(separator: " og "))" },
        urlScheme: { quoted in "url \(quoted) må begynne med https://, webcal:// eller http://" },
        invalidAddress: { key, quoted in "\(key) \(quoted) er ikke en gyldig adresse" },
        sourceLocationMissing: "mangler den påkrevde nøkkelen \"path\", \"url\" eller \"caldav\"; kalenderfilen (relativt til denne filen), https://-adressen dens eller adressen til kalenderserveren dens",
        onlyCalDAV: { key in "\(key) gjelder bare for en caldav-kilde (caldav = \"https://…\")" },
        badColor: { quoted in "color \(quoted) må være #RRGGBB, for eksempel \"#0067B1\"" },
        publishCalDAVReason: "adressen til kalenderserveren det skal publiseres til",
        publishFeedReason: "hvilken feed som skal publiseres, for eksempel \"combined\"",
        unknownFeed: { quoted, feeds in "feed \(quoted) er ikke en feed denne konfigurasjonen lager; feeder: \(feeds)" },
        passwordInFile: "passordet skal ikke stå i konfigurasjonsfilen; legg det i en miljøvariabel og oppgi navnet på variabelen med password-env = \"AARSHJUL_PASSWORD\" (valgfritt navn), sammen med username",
        calDAVScheme: { quoted in "caldav \(quoted) må begynne med https:// (eller http:// for en server på et internt nett)" },
        badPasswordEnv: { quoted in "password-env \(quoted) må være navnet på en miljøvariabel (bokstaver, sifre og _, ikke et siffer først), for eksempel \"AARSHJUL_TK_PASSWORD\"; selve passordet står i den variabelen" },
        usernameAlone: "username trenger password-env, navnet på miljøvariabelen som har passordet",
        passwordEnvAlone: "password-env trenger username, brukernavnet det skal logges inn med",
        pathNotFound: { quoted, absolute in "path \(quoted) finnes ikke (så etter \(absolute))" },
        pathIsDirectory: { quoted, absolute in "path \(quoted) er en mappe, ikke en kalenderfil (så etter \(absolute))" },
        pathUnreadable: { quoted, absolute in "path \(quoted) kan ikke leses (mangler tilgang til \(absolute))" },
        tagMatchReason: "hvilke forekomster som skal merkes, for eksempel { source = \"tk\", summary = \"Bystyret*\" }",
        tagSetsNothing: "setter ingenting; oppgi minst én av body, kind, area eller fixed = true",
        acceptConflictReason: "konflikt-id-en fra `aarshjul conflicts`",
        alreadyAccepted: { quoted, line in "konflikten \(quoted) er allerede akseptert på linje \(line)" },
        unknownClosed: { index, quoted, allowed in "closed[\(index)] \(quoted) er ikke en stengt periode; tillatt: \(allowed) (legg til flere med [[closed]])" },
        ruleTypeReason: { types in "en av \(types)" },
        typeRequires: { type, keys in "type \(type) krever \(keys)" },
        leadTimeRequires: { type in "type \(type) krever deadline, meeting, min (eller working-days = N)" },
        withinRequires: { type in "type \(type) krever after, before eller begge (som \"MM-DD\")" },
        ruleMatchReason: "hvilke forekomster regelen ser på",
        minAndWorkingDays: { days in "oppgi enten min eller working-days = \(days), ikke begge (working-days = \(days) betyr min = \"P\(days)D\" regnet i arbeidsdager)" },
        workingDaysType: { type in "working-days må være true, false eller et antall dager, ikke \(type)" },
        minWholeDays: { quoted in "min \(quoted) må være hele dager når working-days = true, for eksempel \"P8D\"" },
        closedNeedsWorkingDays: "closed gjelder bare når fristen regnes i arbeidsdager (working-days = true)"
    )

    /// Nynorsk.
    public static let nn = ConfigurationMessages(
        typeNames: [
            "string": "ein streng", "integer": "eit heiltal", "float": "eit desimaltal", "boolean": "ein sanningsverdi",
            "date": "ein dato", "time": "eit klokkeslett", "date-time": "ein dato med klokkeslett",
            "array": "ei liste", "table": "ein tabell",
        ],
        fileNotFound: { path in "fann ikkje konfigurasjonsfila (såg etter \(path)); `aarshjul init` skriv ein mal" },
        fileIsDirectory: { path in "er ei mappe, ikkje ei konfigurasjonsfil (såg etter \(path))" },
        fileUnreadable: { path, reason in "kan ikkje lesast (\(path)): \(reason)" },
        notUTF8: "er ikkje UTF-8-tekst; lagre ho som UTF-8",
        syntaxError: { reason in "syntaksfeil i TOML: \(reason)" },
        syntaxErrorAtColumn: { reason, column in "syntaksfeil i TOML: \(reason) (kolonne \(column))" },
        headerWithoutKey: { found in "ei tabelloverskrift må byrje med eit nøkkelnamn (bokstavar, siffer, _ eller -, eller eit namn i hermeteikn), ikkje \(found)" },
        endOfLine: "slutten av linja",
        cannotCloseArray: { found, closer in "\(found) kan ikkje avslutte ei liste: ho sluttar med \(closer)" },
        cannotCloseInlineTable: { found, closer in "\(found) kan ikkje avslutte ein innebygd tabell: han sluttar med \(closer)" },
        lineSeparator: "eit Unicode-linjeskiljeteikn er ikkje eit linjeskift i TOML: avslutt linjene med eit vanleg linjeskift",
        dateTimeWithoutTime: "ein dato med klokkeslett treng eit klokkeslett etter T, som i 2027-05-18T08:00:00",
        dateThenPartOfATime: "eit klokkeslett etter ein dato treng to siffer for timen, minutta og sekunda, som i 2027-05-18 08:00:00",
        unknownKey: { quoted, allowed in "ukjend nøkkel \(quoted); tillate: \(allowed)" },
        unknownTopLevelKey: { quoted, allowed in "ukjend nøkkel \(quoted) på øvste nivå; tillate: \(allowed)" },
        unknownKeyForType: { quoted, type, allowed in "ukjend nøkkel \(quoted); tillate for type \(type): \(allowed)" },
        missingKey: { quoted in "manglar den påkravde nøkkelen \(quoted)" },
        missingKeyBecause: { quoted, reason in "manglar den påkravde nøkkelen \(quoted); \(reason)" },
        notString: { key, type in "\(key) må vere ein streng, ikkje \(type)" },
        empty: { key in "\(key) kan ikkje vere tom" },
        notBoolean: { key, type in "\(key) må vere true eller false, ikkje \(type)" },
        notInteger: { key, type in "\(key) må vere eit heiltal, ikkje \(type)" },
        tooSmall: { key, minimum, got in "\(key) må vere minst \(minimum) (fekk \(got))" },
        durationType: { key, type in "\(key) må vere ei ISO 8601-varigheit som \"P14D\", ikkje \(type)" },
        notDuration: { key, quoted in "\(key) \(quoted) er ikkje ei ISO 8601-varigheit; skriv til dømes \"P14D\" (14 dagar) eller \"PT4H\" (4 timar)" },
        negativeDuration: { key, quoted in "\(key) \(quoted) kan ikkje vere negativ" },
        zeroDuration: { key, quoted in "\(key) \(quoted) må vere lengre enn null" },
        monthDayType: { key, type in "\(key) må vere ein dag i året skriven \"MM-DD\", ikkje \(type)" },
        notMonthDay: { key, quoted in "\(key) \(quoted) er ikkje ein dag i året; skriv \"MM-DD\", til dømes \"08-01\"" },
        choiceType: { key, choices, type in "\(key) må vere ein av \(choices), ikkje \(type)" },
        notAChoice: { key, choices, quoted in "\(key) må vere ein av \(choices) (fekk \(quoted))" },
        arrayType: { key, type in "\(key) må vere ei liste med strengar, ikkje \(type)" },
        matchType: { key, type in "\(key) må vere ein match-tabell som { summary = \"Bystyret*\" }, ikkje \(type)" },
        unknownMatchKey: { quoted, match, allowed in "ukjend nøkkel \(quoted) i \(match); tillate i ein match: \(allowed)" },
        matchesNoSource: { match, quoted, ids in "\(match).source \(quoted) passar ikkje med nokon [[source]]-id; id-ar: \(ids)" },
        noSources: "ingen [[source]]-tabellar; legg til minst éin kalender, med id og path, url eller caldav",
        missingCycle: "manglar tabellen [cycle]; han treng minst name og timezone",
        notArrayOfTables: { name, written in "\(name) må vere ei liste med tabellar: skriv [[\(name)]], ikkje \(written)" },
        elementNotTable: { name, element, type in "\(name) må vere ei liste med tabellar ([[\(name)]]), men element \(element) er \(type)" },
        notSingleTable: { name, written in "\(name) må vere éin enkelt [\(name)]-tabell, ikkje \(written)" },
        timezoneReason: "ei IANA-tidssone som \"Europe/Oslo\"",
        notTimeZone: { quoted in "timezone \(quoted) er ikkje ei IANA-tidssone; skriv til dømes \"Europe/Oslo\"" },
        maxSizeNotPositive: { bytes in "max-size må vere meir enn 0 byte (fekk \(bytes))" },
        notSize: { quoted in "max-size \(quoted) er ikkje ein storleik; skriv til dømes \"20 MB\", \"500 kB\" eller eit tal på byte" },
        sizeType: { type in "max-size må vere ein storleik som \"20 MB\" eller eit tal på byte, ikkje \(type)" },
        shrinkType: { type in "max-shrink må vere eit tal mellom 0 og 1, som 0.9, ikkje \(type)" },
        shrinkRange: { value in "max-shrink må vere meir enn 0 og høgst 1 (1 slår vernet av); fekk \(value)" },
        rootCertNotFound: { quoted, absolute in "sslrootcert \(quoted) finst ikkje (såg etter \(absolute)); oppgi PEM-fila til sertifikatutferdaren som har signert sertifikatet til databasetenaren" },
        stateUnknownScheme: { scheme in "\(scheme):// er ikkje eit lager for synktilstanden som Aarshjul kjenner; oppgi ein filsti (.aarshjul/state.sqlite) eller ei PostgreSQL-adresse (postgres://brukar@vert:5432/db)" },
        postgresAddress: { reason in "\(reason); skriv ho som postgres://brukar@vert:5432/database" },
        postgresUnreadable: { text in "\(text) er ikkje ei lesbar adresse" },
        postgresNoUser: "PostgreSQL-adressa oppgir ingen brukar",
        postgresNoHost: "PostgreSQL-adressa oppgir ingen vert",
        postgresNoDatabase: "PostgreSQL-adressa oppgir ingen database",
        postgresPassword: "PostgreSQL-adressa inneheld eit passord; hald det utanfor konfigurasjonen og set AARSHJUL_PG_PASSWORD eller ei linje i ~/.pgpass i staden",
        sslModeUnknown: { value, modes in "sslmode=\(value) er ikkje ein av \(modes)" },
        sslRootCertEmpty: "sslrootcert= er tom; oppgi PEM-fila til sertifikatutferdaren som har signert sertifikatet til databasetenaren",
        postgresUnknownParameter: { name in "PostgreSQL-adressa har \(name)=…, som Aarshjul ikkje les; berre sslmode og sslrootcert er tillatne" },
        closedFromReason: "den første dagen, som \"MM-DD\"",
        closedToReason: "den siste dagen, som \"MM-DD\"",
        builtInName: { quoted, builtIn in "namnet \(quoted) er innebygd (\(builtIn)); vel eit anna namn" },
        duplicateName: { quoted, line in "namnet \(quoted) er brukt før (på linje \(line))" },
        holidayDateReason: "ein dato som 2027-05-18",
        notDate: { quoted in "date \(quoted) er ikkje ein dato; skriv 2027-05-18 eller \"2027-05-18\"" },
        dateType: { type in "date må vere ein dato som 2027-05-18, ikkje \(type)" },
        badID: { quoted in "id \(quoted) kan berre bruke a-z, 0-9 og \"-\"" },
        duplicateID: { quoted, line in "id-en \(quoted) er brukt før (på linje \(line))" },
        oneLocation: { given in "gje éin av path, url eller caldav, ikkje \(given.joined(separator: " og "))" },
        urlScheme: { quoted in "url \(quoted) må byrje med https://, webcal:// eller http://" },
        invalidAddress: { key, quoted in "\(key) \(quoted) er ikkje ei gyldig adresse" },
        sourceLocationMissing: "manglar den påkravde nøkkelen \"path\", \"url\" eller \"caldav\"; kalenderfila (relativt til denne fila), https://-adressa hennar eller adressa til kalenderserveren hennar",
        onlyCalDAV: { key in "\(key) gjeld berre for ei caldav-kjelde (caldav = \"https://…\")" },
        badColor: { quoted in "color \(quoted) må vere #RRGGBB, til dømes \"#0067B1\"" },
        publishCalDAVReason: "adressa til kalenderserveren det skal publiserast til",
        publishFeedReason: "kva for feed som skal publiserast, til dømes \"combined\"",
        unknownFeed: { quoted, feeds in "feed \(quoted) er ikkje ein feed denne konfigurasjonen lagar; feedar: \(feeds)" },
        passwordInFile: "passordet skal ikkje stå i konfigurasjonsfila; legg det i ein miljøvariabel og gje namnet på variabelen med password-env = \"AARSHJUL_PASSWORD\" (valfritt namn), saman med username",
        calDAVScheme: { quoted in "caldav \(quoted) må byrje med https:// (eller http:// for ein server på eit internt nett)" },
        badPasswordEnv: { quoted in "password-env \(quoted) må vere namnet på ein miljøvariabel (bokstavar, siffer og _, ikkje eit siffer først), til dømes \"AARSHJUL_TK_PASSWORD\"; sjølve passordet står i den variabelen" },
        usernameAlone: "username treng password-env, namnet på miljøvariabelen som har passordet",
        passwordEnvAlone: "password-env treng username, brukarnamnet det skal loggast inn med",
        pathNotFound: { quoted, absolute in "path \(quoted) finst ikkje (såg etter \(absolute))" },
        pathIsDirectory: { quoted, absolute in "path \(quoted) er ei mappe, ikkje ei kalenderfil (såg etter \(absolute))" },
        pathUnreadable: { quoted, absolute in "path \(quoted) kan ikkje lesast (manglar tilgang til \(absolute))" },
        tagMatchReason: "kva for førekomstar som skal merkast, til dømes { source = \"tk\", summary = \"Bystyret*\" }",
        tagSetsNothing: "set ingenting; gje minst éin av body, kind, area eller fixed = true",
        acceptConflictReason: "konflikt-id-en frå `aarshjul conflicts`",
        alreadyAccepted: { quoted, line in "konflikten \(quoted) er alt akseptert på linje \(line)" },
        unknownClosed: { index, quoted, allowed in "closed[\(index)] \(quoted) er ikkje ein stengd periode; tillate: \(allowed) (legg til fleire med [[closed]])" },
        ruleTypeReason: { types in "ein av \(types)" },
        typeRequires: { type, keys in "type \(type) krev \(keys)" },
        leadTimeRequires: { type in "type \(type) krev deadline, meeting, min (eller working-days = N)" },
        withinRequires: { type in "type \(type) krev after, before eller begge (som \"MM-DD\")" },
        ruleMatchReason: "kva for førekomstar regelen ser på",
        minAndWorkingDays: { days in "gje anten min eller working-days = \(days), ikkje begge (working-days = \(days) tyder min = \"P\(days)D\" rekna i arbeidsdagar)" },
        workingDaysType: { type in "working-days må vere true, false eller eit tal på dagar, ikkje \(type)" },
        minWholeDays: { quoted in "min \(quoted) må vere heile dagar når working-days = true, til dømes \"P8D\"" },
        closedNeedsWorkingDays: "closed gjeld berre når fristen blir rekna i arbeidsdagar (working-days = true)"
    )

    /// English.
    public static let en = ConfigurationMessages(
        typeNames: [
            "string": "a string", "integer": "an integer", "float": "a float", "boolean": "a boolean",
            "date": "a date", "time": "a time", "date-time": "a date-time",
            "array": "an array", "table": "a table",
        ],
        fileNotFound: { path in "configuration file not found (looked for \(path)); `aarshjul init` writes a starter" },
        fileIsDirectory: { path in "is a directory, not a configuration file (looked for \(path))" },
        fileUnreadable: { path, reason in "cannot be read (\(path)): \(reason)" },
        notUTF8: "is not UTF-8 text; save it as UTF-8",
        syntaxError: { reason in "TOML syntax error: \(reason)" },
        syntaxErrorAtColumn: { reason, column in "TOML syntax error: \(reason) (column \(column))" },
        headerWithoutKey: { found in "a table header must start with a key name (letters, digits, _ or -, or a quoted name), not \(found)" },
        endOfLine: "the end of the line",
        cannotCloseArray: { found, closer in "\(found) cannot close an array: it ends with \(closer)" },
        cannotCloseInlineTable: { found, closer in "\(found) cannot close an inline table: it ends with \(closer)" },
        lineSeparator: "a Unicode line separator is not a line break in TOML: end lines with a plain newline",
        dateTimeWithoutTime: "a date-time needs a time after the T, as in 2027-05-18T08:00:00",
        dateThenPartOfATime: "a time after a date needs two digits for the hour, the minutes and the seconds, as in 2027-05-18 08:00:00",
        unknownKey: { quoted, allowed in "unknown key \(quoted); allowed: \(allowed)" },
        unknownTopLevelKey: { quoted, allowed in "unknown top-level key \(quoted); allowed: \(allowed)" },
        unknownKeyForType: { quoted, type, allowed in "unknown key \(quoted); allowed for type \(type): \(allowed)" },
        missingKey: { quoted in "missing required key \(quoted)" },
        missingKeyBecause: { quoted, reason in "missing required key \(quoted); \(reason)" },
        notString: { key, type in "\(key) must be a string, not \(type)" },
        empty: { key in "\(key) must not be empty" },
        notBoolean: { key, type in "\(key) must be true or false, not \(type)" },
        notInteger: { key, type in "\(key) must be an integer, not \(type)" },
        tooSmall: { key, minimum, got in "\(key) must be at least \(minimum) (got \(got))" },
        durationType: { key, type in "\(key) must be an ISO 8601 duration such as \"P14D\", not \(type)" },
        notDuration: { key, quoted in "\(key) \(quoted) is not an ISO 8601 duration; write e.g. \"P14D\" (14 days) or \"PT4H\" (4 hours)" },
        negativeDuration: { key, quoted in "\(key) \(quoted) must not be negative" },
        zeroDuration: { key, quoted in "\(key) \(quoted) must be longer than zero" },
        monthDayType: { key, type in "\(key) must be a day of the year as \"MM-DD\", not \(type)" },
        notMonthDay: { key, quoted in "\(key) \(quoted) is not a day of the year; write \"MM-DD\", e.g. \"08-01\"" },
        choiceType: { key, choices, type in "\(key) must be one of \(choices), not \(type)" },
        notAChoice: { key, choices, quoted in "\(key) must be one of \(choices) (got \(quoted))" },
        arrayType: { key, type in "\(key) must be an array of strings, not \(type)" },
        matchType: { key, type in "\(key) must be a match table such as { summary = \"Bystyret*\" }, not \(type)" },
        unknownMatchKey: { quoted, match, allowed in "unknown key \(quoted) in \(match); allowed in a match: \(allowed)" },
        matchesNoSource: { match, quoted, ids in "\(match).source \(quoted) matches no [[source]] id; ids: \(ids)" },
        noSources: "no [[source]] tables; add at least one calendar, with id and path, url or caldav",
        missingCycle: "missing [cycle] table; it needs at least name and timezone",
        notArrayOfTables: { name, written in "\(name) must be an array of tables: write [[\(name)]], not \(written)" },
        elementNotTable: { name, element, type in "\(name) must be an array of tables ([[\(name)]]), but element \(element) is \(type)" },
        notSingleTable: { name, written in "\(name) must be a single [\(name)] table, not \(written)" },
        timezoneReason: "an IANA time zone such as \"Europe/Oslo\"",
        notTimeZone: { quoted in "timezone \(quoted) is not an IANA time zone; write e.g. \"Europe/Oslo\"" },
        maxSizeNotPositive: { bytes in "max-size must be more than 0 bytes (got \(bytes))" },
        notSize: { quoted in "max-size \(quoted) is not a size; write e.g. \"20 MB\", \"500 kB\" or a number of bytes" },
        sizeType: { type in "max-size must be a size such as \"20 MB\" or a number of bytes, not \(type)" },
        shrinkType: { type in "max-shrink must be a number between 0 and 1 such as 0.9, not \(type)" },
        shrinkRange: { value in "max-shrink must be more than 0 and at most 1 (1 turns the guard off); got \(value)" },
        rootCertNotFound: { quoted, absolute in "sslrootcert \(quoted) not found (looked for \(absolute)); give the PEM file of the certificate authority that signed the database server's certificate" },
        stateUnknownScheme: { scheme in "\(scheme):// is not a state store Aarshjul knows; give a file path (.aarshjul/state.sqlite) or a PostgreSQL address (postgres://user@host:5432/db)" },
        postgresAddress: { reason in "\(reason); write it as postgres://user@host:5432/database" },
        postgresUnreadable: { text in "\(text) is not a readable address" },
        postgresNoUser: "the PostgreSQL address names no user",
        postgresNoHost: "the PostgreSQL address names no host",
        postgresNoDatabase: "the PostgreSQL address names no database",
        postgresPassword: "the PostgreSQL address holds a password; keep it out of the configuration and set AARSHJUL_PG_PASSWORD or a line in ~/.pgpass instead",
        sslModeUnknown: { value, modes in "sslmode=\(value) is not one of \(modes)" },
        sslRootCertEmpty: "sslrootcert= is empty; give the PEM file of the certificate authority that signed the database server's certificate",
        postgresUnknownParameter: { name in "the PostgreSQL address has \(name)=…, which Aarshjul does not read; only sslmode and sslrootcert are allowed" },
        closedFromReason: "the first day, as \"MM-DD\"",
        closedToReason: "the last day, as \"MM-DD\"",
        builtInName: { quoted, builtIn in "name \(quoted) is built in (\(builtIn)); choose another name" },
        duplicateName: { quoted, line in "duplicate name \(quoted) (already used at line \(line))" },
        holidayDateReason: "a date such as 2027-05-18",
        notDate: { quoted in "date \(quoted) is not a date; write 2027-05-18 or \"2027-05-18\"" },
        dateType: { type in "date must be a date such as 2027-05-18, not \(type)" },
        badID: { quoted in "id \(quoted) may only use a-z, 0-9 and \"-\"" },
        duplicateID: { quoted, line in "duplicate id \(quoted) (already used at line \(line))" },
        oneLocation: { given in "give one of path, url or caldav, not \(given.joined(separator: " and "))" },
        urlScheme: { quoted in "url \(quoted) must start with https://, webcal:// or http://" },
        invalidAddress: { key, quoted in "\(key) \(quoted) is not a valid address" },
        sourceLocationMissing: "missing required key \"path\", \"url\" or \"caldav\"; the calendar file (relative to this file), its https:// address, or its calendar server's address",
        onlyCalDAV: { key in "\(key) only applies to a caldav source (caldav = \"https://…\")" },
        badColor: { quoted in "color \(quoted) must be #RRGGBB, e.g. \"#0067B1\"" },
        publishCalDAVReason: "the calendar server's address to publish into",
        publishFeedReason: "which feed to publish, e.g. \"combined\"",
        unknownFeed: { quoted, feeds in "feed \(quoted) is not a feed this configuration makes; feeds: \(feeds)" },
        passwordInFile: "password must not be written in the configuration file; put it in an environment variable and name that variable with password-env = \"AARSHJUL_PASSWORD\" (any name), with username",
        calDAVScheme: { quoted in "caldav \(quoted) must start with https:// (or http:// for a server on an internal network)" },
        badPasswordEnv: { quoted in "password-env \(quoted) must be the name of an environment variable (letters, digits and _, not starting with a digit), e.g. \"AARSHJUL_TK_PASSWORD\"; the password itself goes in that variable" },
        usernameAlone: "username needs password-env, the name of the environment variable that holds the password",
        passwordEnvAlone: "password-env needs username, the user name to log in with",
        pathNotFound: { quoted, absolute in "path \(quoted) not found (looked for \(absolute))" },
        pathIsDirectory: { quoted, absolute in "path \(quoted) is a directory, not a calendar file (looked for \(absolute))" },
        pathUnreadable: { quoted, absolute in "path \(quoted) cannot be read (no permission for \(absolute))" },
        tagMatchReason: "which occurrences to tag, e.g. { source = \"tk\", summary = \"Bystyret*\" }",
        tagSetsNothing: "sets nothing; give at least one of body, kind, area, or fixed = true",
        acceptConflictReason: "the conflict id from `aarshjul conflicts`",
        alreadyAccepted: { quoted, line in "conflict \(quoted) is already accepted at line \(line)" },
        unknownClosed: { index, quoted, allowed in "closed[\(index)] \(quoted) is not a closed period; allowed: \(allowed) (add others with [[closed]])" },
        ruleTypeReason: { types in "one of \(types)" },
        typeRequires: { type, keys in "type \(type) requires \(keys)" },
        leadTimeRequires: { type in "type \(type) requires deadline, meeting, min (or working-days = N)" },
        withinRequires: { type in "type \(type) requires after, before or both (as \"MM-DD\")" },
        ruleMatchReason: "which occurrences the rule looks at",
        minAndWorkingDays: { days in "give either min or working-days = \(days), not both (working-days = \(days) means min = \"P\(days)D\" counted in working days)" },
        workingDaysType: { type in "working-days must be true, false or a number of days, not \(type)" },
        minWholeDays: { quoted in "min \(quoted) must be whole days when working-days = true, e.g. \"P8D\"" },
        closedNeedsWorkingDays: "closed only applies when the lead time counts working days (working-days = true)"
    )
}
