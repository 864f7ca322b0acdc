/// Outlook and Exchange write Windows time-zone names, not IANA (Olson) names, as TZID
/// values: `DTSTART;TZID=W. Europe Standard Time:20240105T090000`, sometimes with a
/// VTIMEZONE that describes only one year's rules, and sometimes with none at all.
///
/// That is legal. RFC 5545 §3.2.19 says the specification "does not define a naming
/// convention for time zone identifiers" and leaves TZID values to the producer; the
/// tz database is only suggested. A consumer that wants real historical rules (and
/// libical's built-in zones) has to translate those names itself.
///
/// This table is the default ("territory 001") row of the Unicode CLDR
/// `windowsZones.xml` mapping: one IANA zone per Windows zone ID. Where CLDR keeps a
/// legacy alias (`Asia/Calcutta`, `Europe/Kiev`, `America/Godthab`, ...) the current
/// canonical tz name is used instead; both resolve in the tz database and in libical.
public enum WindowsZones {
    /// The IANA zone for a Windows zone name, or nil.
    ///
    /// Matching ignores case, surrounding whitespace (and stray control characters),
    /// runs of inner whitespace, and one level of surrounding quotes. Besides the
    /// Windows zone IDs it accepts:
    /// - the display names Windows shows and some producers write instead of the ID,
    ///   with or without the offset prefix, e.g.
    ///   `(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna` or the older
    ///   `(GMT+01:00) ...` form;
    /// - Exchange's `tzone://Microsoft/Utc` (but not `tzone://Microsoft/Custom`, which
    ///   names no zone: only its VTIMEZONE describes it);
    /// - a leading `/` (the RFC 5545 "globally unique" TZID prefix);
    /// - the numeric suffix Outlook sometimes appends (`Eastern Standard Time 1`);
    /// - a "Daylight Time" name in place of the "Standard Time" ID;
    /// - a few IDs that older Windows versions used and has since retired.
    public static func ianaName(forWindowsName name: String) -> String? {
        var key = normalizedKey(name)
        guard !key.isEmpty else { return nil }
        if let hit = lookup(key) { return hit }

        // Prefixes some producers put in front of the name.
        for prefix in ["tzone://microsoft/", "/"] where key.hasPrefix(prefix) {
            key = collapsed(String(key.dropFirst(prefix.count)))
            if let hit = lookup(key) { return hit }
        }

        // "(UTC+01:00) Amsterdam, ..." or "(GMT) Greenwich Mean Time : Dublin, ...".
        if let rest = droppingOffsetPrefix(key) {
            key = rest
            if let hit = lookup(key) { return hit }
        }

        // "Eastern Standard Time 1": a numeric suffix after a space.
        if let base = droppingNumericSuffix(key), let hit = byWindowsName[base] {
            return hit
        }

        // "Pacific Daylight Time" for "Pacific Standard Time".
        let daylight = " daylight time"
        if key.hasSuffix(daylight) {
            let standard = String(key.dropLast(daylight.count)) + " standard time"
            if let hit = byWindowsName[standard] { return hit }
        }
        return nil
    }

    /// All known Windows names (for tests): the zone IDs of the CLDR table, in its
    /// order (west to east), spelled as Windows spells them. Retired IDs and display
    /// names, which ``ianaName(forWindowsName:)`` also accepts, are not listed.
    public static var allWindowsNames: [String] {
        zones.map(\.windows)
    }

    // MARK: - Data

    /// Windows zone ID to IANA zone, the "001" (default territory) rows of CLDR's
    /// windowsZones.xml, west to east.
    private static let zones: [(windows: String, iana: String)] = [
        ("Dateline Standard Time", "Etc/GMT+12"),
        ("UTC-11", "Etc/GMT+11"),
        ("Aleutian Standard Time", "America/Adak"),
        ("Hawaiian Standard Time", "Pacific/Honolulu"),
        ("Marquesas Standard Time", "Pacific/Marquesas"),
        ("Alaskan Standard Time", "America/Anchorage"),
        ("UTC-09", "Etc/GMT+9"),
        ("Pacific Standard Time (Mexico)", "America/Tijuana"),
        ("UTC-08", "Etc/GMT+8"),
        ("Pacific Standard Time", "America/Los_Angeles"),
        ("US Mountain Standard Time", "America/Phoenix"),
        ("Mountain Standard Time (Mexico)", "America/Mazatlan"),
        ("Mountain Standard Time", "America/Denver"),
        ("Yukon Standard Time", "America/Whitehorse"),
        ("Central America Standard Time", "America/Guatemala"),
        ("Central Standard Time", "America/Chicago"),
        ("Easter Island Standard Time", "Pacific/Easter"),
        ("Central Standard Time (Mexico)", "America/Mexico_City"),
        ("Canada Central Standard Time", "America/Regina"),
        ("SA Pacific Standard Time", "America/Bogota"),
        ("Eastern Standard Time (Mexico)", "America/Cancun"),
        ("Eastern Standard Time", "America/New_York"),
        ("Haiti Standard Time", "America/Port-au-Prince"),
        ("Cuba Standard Time", "America/Havana"),
        ("US Eastern Standard Time", "America/Indiana/Indianapolis"),
        ("Turks And Caicos Standard Time", "America/Grand_Turk"),
        ("Paraguay Standard Time", "America/Asuncion"),
        ("Atlantic Standard Time", "America/Halifax"),
        ("Venezuela Standard Time", "America/Caracas"),
        ("Central Brazilian Standard Time", "America/Cuiaba"),
        ("SA Western Standard Time", "America/La_Paz"),
        ("Pacific SA Standard Time", "America/Santiago"),
        ("Newfoundland Standard Time", "America/St_Johns"),
        ("Tocantins Standard Time", "America/Araguaina"),
        ("E. South America Standard Time", "America/Sao_Paulo"),
        ("SA Eastern Standard Time", "America/Cayenne"),
        ("Argentina Standard Time", "America/Argentina/Buenos_Aires"),
        ("Greenland Standard Time", "America/Nuuk"),
        ("Montevideo Standard Time", "America/Montevideo"),
        ("Magallanes Standard Time", "America/Punta_Arenas"),
        ("Saint Pierre Standard Time", "America/Miquelon"),
        ("Bahia Standard Time", "America/Bahia"),
        ("UTC-02", "Etc/GMT+2"),
        ("Azores Standard Time", "Atlantic/Azores"),
        ("Cape Verde Standard Time", "Atlantic/Cape_Verde"),
        ("UTC", "Etc/UTC"),
        ("GMT Standard Time", "Europe/London"),
        ("Greenwich Standard Time", "Atlantic/Reykjavik"),
        ("Sao Tome Standard Time", "Africa/Sao_Tome"),
        ("Morocco Standard Time", "Africa/Casablanca"),
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("Central Europe Standard Time", "Europe/Budapest"),
        ("Romance Standard Time", "Europe/Paris"),
        ("Central European Standard Time", "Europe/Warsaw"),
        ("W. Central Africa Standard Time", "Africa/Lagos"),
        ("Jordan Standard Time", "Asia/Amman"),
        ("GTB Standard Time", "Europe/Bucharest"),
        ("Middle East Standard Time", "Asia/Beirut"),
        ("Egypt Standard Time", "Africa/Cairo"),
        ("E. Europe Standard Time", "Europe/Chisinau"),
        ("Syria Standard Time", "Asia/Damascus"),
        ("West Bank Standard Time", "Asia/Hebron"),
        ("South Africa Standard Time", "Africa/Johannesburg"),
        ("FLE Standard Time", "Europe/Kyiv"),
        ("Israel Standard Time", "Asia/Jerusalem"),
        ("South Sudan Standard Time", "Africa/Juba"),
        ("Kaliningrad Standard Time", "Europe/Kaliningrad"),
        ("Sudan Standard Time", "Africa/Khartoum"),
        ("Libya Standard Time", "Africa/Tripoli"),
        ("Namibia Standard Time", "Africa/Windhoek"),
        ("Arabic Standard Time", "Asia/Baghdad"),
        ("Turkey Standard Time", "Europe/Istanbul"),
        ("Arab Standard Time", "Asia/Riyadh"),
        ("Belarus Standard Time", "Europe/Minsk"),
        ("Russian Standard Time", "Europe/Moscow"),
        ("E. Africa Standard Time", "Africa/Nairobi"),
        ("Iran Standard Time", "Asia/Tehran"),
        ("Arabian Standard Time", "Asia/Dubai"),
        ("Astrakhan Standard Time", "Europe/Astrakhan"),
        ("Azerbaijan Standard Time", "Asia/Baku"),
        ("Russia Time Zone 3", "Europe/Samara"),
        ("Mauritius Standard Time", "Indian/Mauritius"),
        ("Saratov Standard Time", "Europe/Saratov"),
        ("Georgian Standard Time", "Asia/Tbilisi"),
        ("Volgograd Standard Time", "Europe/Volgograd"),
        ("Caucasus Standard Time", "Asia/Yerevan"),
        ("Afghanistan Standard Time", "Asia/Kabul"),
        ("West Asia Standard Time", "Asia/Tashkent"),
        ("Ekaterinburg Standard Time", "Asia/Yekaterinburg"),
        ("Pakistan Standard Time", "Asia/Karachi"),
        ("Qyzylorda Standard Time", "Asia/Qyzylorda"),
        ("India Standard Time", "Asia/Kolkata"),
        ("Sri Lanka Standard Time", "Asia/Colombo"),
        ("Nepal Standard Time", "Asia/Kathmandu"),
        ("Central Asia Standard Time", "Asia/Bishkek"),
        ("Bangladesh Standard Time", "Asia/Dhaka"),
        ("Omsk Standard Time", "Asia/Omsk"),
        ("Myanmar Standard Time", "Asia/Yangon"),
        ("SE Asia Standard Time", "Asia/Bangkok"),
        ("Altai Standard Time", "Asia/Barnaul"),
        ("W. Mongolia Standard Time", "Asia/Hovd"),
        ("North Asia Standard Time", "Asia/Krasnoyarsk"),
        ("N. Central Asia Standard Time", "Asia/Novosibirsk"),
        ("Tomsk Standard Time", "Asia/Tomsk"),
        ("China Standard Time", "Asia/Shanghai"),
        ("North Asia East Standard Time", "Asia/Irkutsk"),
        ("Singapore Standard Time", "Asia/Singapore"),
        ("W. Australia Standard Time", "Australia/Perth"),
        ("Taipei Standard Time", "Asia/Taipei"),
        ("Ulaanbaatar Standard Time", "Asia/Ulaanbaatar"),
        ("Aus Central W. Standard Time", "Australia/Eucla"),
        ("Transbaikal Standard Time", "Asia/Chita"),
        ("Tokyo Standard Time", "Asia/Tokyo"),
        ("North Korea Standard Time", "Asia/Pyongyang"),
        ("Korea Standard Time", "Asia/Seoul"),
        ("Yakutsk Standard Time", "Asia/Yakutsk"),
        ("Cen. Australia Standard Time", "Australia/Adelaide"),
        ("AUS Central Standard Time", "Australia/Darwin"),
        ("E. Australia Standard Time", "Australia/Brisbane"),
        ("AUS Eastern Standard Time", "Australia/Sydney"),
        ("West Pacific Standard Time", "Pacific/Port_Moresby"),
        ("Tasmania Standard Time", "Australia/Hobart"),
        ("Vladivostok Standard Time", "Asia/Vladivostok"),
        ("Lord Howe Standard Time", "Australia/Lord_Howe"),
        ("Bougainville Standard Time", "Pacific/Bougainville"),
        ("Russia Time Zone 10", "Asia/Srednekolymsk"),
        ("Magadan Standard Time", "Asia/Magadan"),
        ("Norfolk Standard Time", "Pacific/Norfolk"),
        ("Sakhalin Standard Time", "Asia/Sakhalin"),
        ("Central Pacific Standard Time", "Pacific/Guadalcanal"),
        ("Russia Time Zone 11", "Asia/Kamchatka"),
        ("New Zealand Standard Time", "Pacific/Auckland"),
        ("UTC+12", "Etc/GMT-12"),
        ("Fiji Standard Time", "Pacific/Fiji"),
        ("Chatham Islands Standard Time", "Pacific/Chatham"),
        ("UTC+13", "Etc/GMT-13"),
        ("Tonga Standard Time", "Pacific/Tongatapu"),
        ("Samoa Standard Time", "Pacific/Apia"),
        ("Line Islands Standard Time", "Pacific/Kiritimati"),
    ]

    /// Zone IDs that older Windows versions used and later retired or renamed.
    private static let retiredZones: [(windows: String, iana: String)] = [
        ("Armenian Standard Time", "Asia/Yerevan"),
        ("Kamchatka Standard Time", "Asia/Kamchatka"),
        ("Mexico Standard Time", "America/Mexico_City"),
        ("Mexico Standard Time 2", "America/Mazatlan"),
        ("Mid-Atlantic Standard Time", "Etc/GMT+2"),
    ]

    /// Windows display names without their "(UTC+hh:mm) " prefix, mapped to the same
    /// zone as the Windows ID they display. The current names, plus a few older
    /// spellings of the European and UTC ones.
    private static let displayNames: [(display: String, iana: String)] = [
        ("International Date Line West", "Etc/GMT+12"),
        ("Coordinated Universal Time-11", "Etc/GMT+11"),
        ("Aleutian Islands", "America/Adak"),
        ("Hawaii", "Pacific/Honolulu"),
        ("Marquesas Islands", "Pacific/Marquesas"),
        ("Alaska", "America/Anchorage"),
        ("Coordinated Universal Time-09", "Etc/GMT+9"),
        ("Baja California", "America/Tijuana"),
        ("Coordinated Universal Time-08", "Etc/GMT+8"),
        ("Pacific Time (US & Canada)", "America/Los_Angeles"),
        ("Arizona", "America/Phoenix"),
        ("Chihuahua, La Paz, Mazatlan", "America/Mazatlan"),
        ("La Paz, Mazatlan", "America/Mazatlan"),
        ("Mountain Time (US & Canada)", "America/Denver"),
        ("Yukon", "America/Whitehorse"),
        ("Central America", "America/Guatemala"),
        ("Central Time (US & Canada)", "America/Chicago"),
        ("Easter Island", "Pacific/Easter"),
        ("Guadalajara, Mexico City, Monterrey", "America/Mexico_City"),
        ("Saskatchewan", "America/Regina"),
        ("Bogota, Lima, Quito, Rio Branco", "America/Bogota"),
        ("Chetumal", "America/Cancun"),
        ("Eastern Time (US & Canada)", "America/New_York"),
        ("Haiti", "America/Port-au-Prince"),
        ("Havana", "America/Havana"),
        ("Indiana (East)", "America/Indiana/Indianapolis"),
        ("Turks and Caicos", "America/Grand_Turk"),
        ("Asuncion", "America/Asuncion"),
        ("Atlantic Time (Canada)", "America/Halifax"),
        ("Caracas", "America/Caracas"),
        ("Cuiaba", "America/Cuiaba"),
        ("Georgetown, La Paz, Manaus, San Juan", "America/La_Paz"),
        ("Santiago", "America/Santiago"),
        ("Newfoundland", "America/St_Johns"),
        ("Araguaina", "America/Araguaina"),
        ("Brasilia", "America/Sao_Paulo"),
        ("Cayenne, Fortaleza", "America/Cayenne"),
        ("City of Buenos Aires", "America/Argentina/Buenos_Aires"),
        ("Greenland", "America/Nuuk"),
        ("Montevideo", "America/Montevideo"),
        ("Punta Arenas", "America/Punta_Arenas"),
        ("Saint Pierre and Miquelon", "America/Miquelon"),
        ("Salvador", "America/Bahia"),
        ("Coordinated Universal Time-02", "Etc/GMT+2"),
        ("Azores", "Atlantic/Azores"),
        ("Cabo Verde Is.", "Atlantic/Cape_Verde"),
        ("Cape Verde Is.", "Atlantic/Cape_Verde"),
        ("Coordinated Universal Time", "Etc/UTC"),
        ("Dublin, Edinburgh, Lisbon, London", "Europe/London"),
        ("Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London", "Europe/London"),
        ("Greenwich Mean Time: Dublin, Edinburgh, Lisbon, London", "Europe/London"),
        ("Monrovia, Reykjavik", "Atlantic/Reykjavik"),
        ("Sao Tome", "Africa/Sao_Tome"),
        ("Casablanca", "Africa/Casablanca"),
        ("Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Berlin"),
        ("Belgrade, Bratislava, Budapest, Ljubljana, Prague", "Europe/Budapest"),
        ("Brussels, Copenhagen, Madrid, Paris", "Europe/Paris"),
        ("Sarajevo, Skopje, Warsaw, Zagreb", "Europe/Warsaw"),
        ("West Central Africa", "Africa/Lagos"),
        ("Amman", "Asia/Amman"),
        ("Athens, Bucharest", "Europe/Bucharest"),
        ("Athens, Bucharest, Istanbul", "Europe/Bucharest"),
        ("Beirut", "Asia/Beirut"),
        ("Cairo", "Africa/Cairo"),
        ("Chisinau", "Europe/Chisinau"),
        ("Damascus", "Asia/Damascus"),
        ("Gaza, Hebron", "Asia/Hebron"),
        ("Harare, Pretoria", "Africa/Johannesburg"),
        ("Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius", "Europe/Kyiv"),
        ("Helsinki, Kiev, Riga, Sofia, Tallinn, Vilnius", "Europe/Kyiv"),
        ("Jerusalem", "Asia/Jerusalem"),
        ("Juba", "Africa/Juba"),
        ("Kaliningrad", "Europe/Kaliningrad"),
        ("Khartoum", "Africa/Khartoum"),
        ("Tripoli", "Africa/Tripoli"),
        ("Windhoek", "Africa/Windhoek"),
        ("Baghdad", "Asia/Baghdad"),
        ("Istanbul", "Europe/Istanbul"),
        ("Kuwait, Riyadh", "Asia/Riyadh"),
        ("Minsk", "Europe/Minsk"),
        ("Moscow, St. Petersburg", "Europe/Moscow"),
        ("Moscow, St. Petersburg, Volgograd", "Europe/Moscow"),
        ("Nairobi", "Africa/Nairobi"),
        ("Tehran", "Asia/Tehran"),
        ("Abu Dhabi, Muscat", "Asia/Dubai"),
        ("Astrakhan, Ulyanovsk", "Europe/Astrakhan"),
        ("Baku", "Asia/Baku"),
        ("Izhevsk, Samara", "Europe/Samara"),
        ("Port Louis", "Indian/Mauritius"),
        ("Saratov", "Europe/Saratov"),
        ("Tbilisi", "Asia/Tbilisi"),
        ("Volgograd", "Europe/Volgograd"),
        ("Yerevan", "Asia/Yerevan"),
        ("Kabul", "Asia/Kabul"),
        ("Ashgabat, Tashkent", "Asia/Tashkent"),
        ("Ekaterinburg", "Asia/Yekaterinburg"),
        ("Islamabad, Karachi", "Asia/Karachi"),
        ("Qyzylorda", "Asia/Qyzylorda"),
        ("Chennai, Kolkata, Mumbai, New Delhi", "Asia/Kolkata"),
        ("Sri Jayawardenepura", "Asia/Colombo"),
        ("Kathmandu", "Asia/Kathmandu"),
        ("Astana", "Asia/Bishkek"),
        ("Dhaka", "Asia/Dhaka"),
        ("Omsk", "Asia/Omsk"),
        ("Yangon (Rangoon)", "Asia/Yangon"),
        ("Bangkok, Hanoi, Jakarta", "Asia/Bangkok"),
        ("Barnaul, Gorno-Altaysk", "Asia/Barnaul"),
        ("Hovd", "Asia/Hovd"),
        ("Krasnoyarsk", "Asia/Krasnoyarsk"),
        ("Novosibirsk", "Asia/Novosibirsk"),
        ("Tomsk", "Asia/Tomsk"),
        ("Beijing, Chongqing, Hong Kong, Urumqi", "Asia/Shanghai"),
        ("Irkutsk", "Asia/Irkutsk"),
        ("Kuala Lumpur, Singapore", "Asia/Singapore"),
        ("Perth", "Australia/Perth"),
        ("Taipei", "Asia/Taipei"),
        ("Ulaanbaatar", "Asia/Ulaanbaatar"),
        ("Eucla", "Australia/Eucla"),
        ("Chita", "Asia/Chita"),
        ("Osaka, Sapporo, Tokyo", "Asia/Tokyo"),
        ("Pyongyang", "Asia/Pyongyang"),
        ("Seoul", "Asia/Seoul"),
        ("Yakutsk", "Asia/Yakutsk"),
        ("Adelaide", "Australia/Adelaide"),
        ("Darwin", "Australia/Darwin"),
        ("Brisbane", "Australia/Brisbane"),
        ("Canberra, Melbourne, Sydney", "Australia/Sydney"),
        ("Guam, Port Moresby", "Pacific/Port_Moresby"),
        ("Hobart", "Australia/Hobart"),
        ("Vladivostok", "Asia/Vladivostok"),
        ("Lord Howe Island", "Australia/Lord_Howe"),
        ("Bougainville Island", "Pacific/Bougainville"),
        ("Chokurdakh", "Asia/Srednekolymsk"),
        ("Magadan", "Asia/Magadan"),
        ("Norfolk Island", "Pacific/Norfolk"),
        ("Sakhalin", "Asia/Sakhalin"),
        ("Solomon Is., New Caledonia", "Pacific/Guadalcanal"),
        ("Anadyr, Petropavlovsk-Kamchatsky", "Asia/Kamchatka"),
        ("Auckland, Wellington", "Pacific/Auckland"),
        ("Coordinated Universal Time+12", "Etc/GMT-12"),
        ("Fiji", "Pacific/Fiji"),
        ("Chatham Islands", "Pacific/Chatham"),
        ("Coordinated Universal Time+13", "Etc/GMT-13"),
        ("Nuku'alofa", "Pacific/Tongatapu"),
        ("Samoa", "Pacific/Apia"),
        ("Kiritimati Island", "Pacific/Kiritimati"),
    ]

    /// Current and retired Windows zone IDs, keyed by normalized (lowercased) name.
    private static let byWindowsName: [String: String] = Dictionary(
        (zones + retiredZones).map { (normalizedKey($0.windows), $0.iana) },
        uniquingKeysWith: { first, _ in first }
    )

    /// Display names without offset prefix, keyed by normalized (lowercased) name.
    private static let byDisplayName: [String: String] = Dictionary(
        displayNames.map { (normalizedKey($0.display), $0.iana) },
        uniquingKeysWith: { first, _ in first }
    )

    // MARK: - Matching

    private static func lookup(_ key: String) -> String? {
        byWindowsName[key] ?? byDisplayName[key]
    }

    /// Lowercased, trimmed of whitespace and control characters, inner whitespace
    /// collapsed to single spaces, and one pair of surrounding quotes removed.
    private static func normalizedKey(_ name: String) -> String {
        var text = Substring(name)
        text = trimmed(text)
        if let first = text.first, let last = text.last, text.count >= 2,
           first == last, first == "\"" || first == "'" {
            text = trimmed(text.dropFirst().dropLast())
        }
        return collapsed(String(text).lowercased())
    }

    private static func isJunk(_ character: Character) -> Bool {
        character.isWhitespace
            || character.unicodeScalars.allSatisfy { $0.properties.generalCategory == .control }
    }

    private static func trimmed(_ text: Substring) -> Substring {
        guard let start = text.firstIndex(where: { !isJunk($0) }),
              let end = text.lastIndex(where: { !isJunk($0) })
        else { return "" }
        return text[start...end]
    }

    /// Runs of whitespace become a single space; leading and trailing ones go.
    private static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: isJunk).joined(separator: " ")
    }

    /// "(utc+01:00) amsterdam, ..." → "amsterdam, ...": drops a parenthesized
    /// "utc…"/"gmt…" offset at the start; nil when there is none.
    private static func droppingOffsetPrefix(_ key: String) -> String? {
        guard key.hasPrefix("("), let close = key.firstIndex(of: ")") else { return nil }
        let inner = key[key.index(after: key.startIndex)..<close]
        guard inner.hasPrefix("utc") || inner.hasPrefix("gmt") else { return nil }
        let rest = collapsed(String(key[key.index(after: close)...]))
        return rest.isEmpty ? nil : rest
    }

    /// "eastern standard time 1" → "eastern standard time"; nil when the key does
    /// not end in a space followed by digits.
    private static func droppingNumericSuffix(_ key: String) -> String? {
        guard let space = key.lastIndex(of: " ") else { return nil }
        let digits = key[key.index(after: space)...]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let base = String(key[..<space])
        return base.isEmpty ? nil : base
    }
}
