import Aarshjul
import Foundation
import Testing

/// The TLS parameters of a PostgreSQL `[sync] state` address: `sslmode` and `sslrootcert`
/// (libpq's names), read and checked when the configuration is read.
@Suite("PostgreSQL address: sslmode and sslrootcert")
struct PostgresAddressTests {
    /// A configuration whose `[sync] state` is `state`, read from `directory` (line 6 is `state`).
    static func parse(_ state: String, in directory: String, language: Language? = nil) throws -> AarshjulConfiguration {
        let text = "[cycle]\nname = \"X\"\ntimezone = \"UTC\"\n\n[sync]\nstate = \"\(state)\"\n\n[[source]]\nid = \"a\"\nurl = \"https://example.org/a.ics\"\n"
        return try AarshjulConfiguration.parse(text, fileName: "aarshjul.toml", baseDirectory: directory, language: language)
    }

    /// A new folder holding `certs/db-ca.pem` (its content does not matter until a connection).
    static func folder() throws -> String {
        let folder = NSTemporaryDirectory() + "aarshjul-sslrootcert-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: folder + "/certs", withIntermediateDirectories: true)
        try "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n".write(toFile: folder + "/certs/db-ca.pem", atomically: true, encoding: .utf8)
        return folder
    }

    @Test("sslrootcert is read relative to aarshjul.toml's folder, kept absolute, and written back in the address")
    func relativeRootCert() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let state = try Self.parse("postgres://aarshjul@db.example/wheel?sslmode=verify-full&sslrootcert=certs/db-ca.pem", in: folder).sync.state
        let expected = PostgresURL(user: "aarshjul", host: "db.example", database: "wheel", sslMode: .verifyFull,
                                   sslRootCert: folder + "/certs/db-ca.pem")
        #expect(state == .postgres(expected))
        #expect(state.description == "postgres://aarshjul@db.example:5432/wheel?sslmode=verify-full&sslrootcert=\(folder)/certs/db-ca.pem")
        // The address as written reads back to the same address.
        #expect(try PostgresURL.parse(expected.description, baseDirectory: "/elsewhere").get() == expected)
        #expect(try Self.parse("postgres://aarshjul@db.example/wheel?sslrootcert=\(folder)/certs/db-ca.pem&sslmode=require", in: "/").sync.state
            == .postgres(PostgresURL(user: "aarshjul", host: "db.example", database: "wheel", sslMode: .require, sslRootCert: folder + "/certs/db-ca.pem")))
    }

    @Test("The certificate is checked in verify-ca and verify-full, and in require and prefer when sslrootcert is given (as libpq decides)")
    func whichModesCheck() {
        let url = PostgresURL(user: "u", host: "h", database: "d")
        let checked = PostgresURL.SSLMode.allCases.map { mode in
            var plain = url
            plain.sslMode = mode
            var rooted = plain
            rooted.sslRootCert = "/etc/ca.pem"
            return "\(mode.rawValue): \(plain.checksCertificate) \(rooted.checksCertificate)"
        }
        #expect(checked == ["disable: false false", "prefer: false true", "require: false true", "verify-ca: true true", "verify-full: true true"])
    }

    @Test("An sslrootcert that does not exist, or is a folder, is refused at its line in the configuration's language")
    func missingRootCert() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let address = "postgres://aarshjul@db.example/wheel?sslmode=verify-full&sslrootcert=certs/ca.pem"
        func message(_ language: Language) -> String? {
            let error = #expect(throws: ConfigurationError.self) { try Self.parse(address, in: folder, language: language) }
            return error?.description
        }
        let looked = folder + "/certs/ca.pem"
        #expect(message(.en) == "aarshjul.toml:6: [sync]: state: sslrootcert \"certs/ca.pem\" not found (looked for \(looked)); give the PEM file of the certificate authority that signed the database server's certificate")
        #expect(message(.nb) == "aarshjul.toml:6: [sync]: state: sslrootcert \"certs/ca.pem\" finnes ikke (så etter \(looked)); oppgi PEM-fila til sertifikatutstederen som har signert sertifikatet til databaseserveren")
        #expect(message(.nn) == "aarshjul.toml:6: [sync]: state: sslrootcert \"certs/ca.pem\" finst ikkje (såg etter \(looked)); oppgi PEM-fila til sertifikatutferdaren som har signert sertifikatet til databasetenaren")

        let directory = #expect(throws: ConfigurationError.self) {
            try Self.parse("postgres://aarshjul@db.example/wheel?sslrootcert=certs", in: folder, language: .en)
        }
        #expect(directory?.description.contains("sslrootcert \"certs\" not found (looked for \(folder)/certs)") == true)
        let empty = #expect(throws: ConfigurationError.self) {
            try Self.parse("postgres://aarshjul@db.example/wheel?sslrootcert=", in: folder, language: .en)
        }
        #expect(empty?.description == "aarshjul.toml:6: [sync]: state: sslrootcert= is empty; give the PEM file of the certificate authority that signed the database server's certificate")
        let other = #expect(throws: ConfigurationError.self) {
            try Self.parse("postgres://aarshjul@db.example/wheel?sslcert=client.pem", in: folder, language: .en)
        }
        #expect(other?.description == "aarshjul.toml:6: [sync]: state: the PostgreSQL address has sslcert=…, which Aarshjul does not read; only sslmode and sslrootcert are allowed")
    }

    @Test("Every refusal of a state address is in the configuration's language", arguments: [
        ("postgres://aarshjul:hemmelig@db.example/wheel", Language.nb,
         "aarshjul.toml:6: [sync]: state: PostgreSQL-adressen inneholder et passord; hold det utenfor konfigurasjonen og sett AARSHJUL_PG_PASSWORD eller en linje i ~/.pgpass i stedet"),
        ("postgres://db.example/wheel", Language.nn,
         "aarshjul.toml:6: [sync]: state: PostgreSQL-adressa oppgir ingen brukar; skriv ho som postgres://brukar@vert:5432/database"),
        ("postgres://aarshjul@db.example/wheel?sslmode=always", Language.nb,
         "aarshjul.toml:6: [sync]: state: sslmode=always er ikke en av disable, prefer, require, verify-ca, verify-full"),
        ("redis://db.example/0", Language.nn,
         "aarshjul.toml:6: [sync]: state: redis:// er ikkje eit lager for synktilstanden som Aarshjul kjenner; oppgi ein filsti (.aarshjul/state.sqlite) eller ei PostgreSQL-adresse (postgres://brukar@vert:5432/db)"),
        ("postgres://aarshjul@db.example/", Language.en,
         "aarshjul.toml:6: [sync]: state: the PostgreSQL address names no database; write it as postgres://user@host:5432/database"),
    ])
    func refusalsInTheConfigurationsLanguage(address: String, language: Language, expected: String) {
        let error = #expect(throws: ConfigurationError.self) { try Self.parse(address, in: "/", language: language) }
        #expect(error?.description == expected)
    }
}
