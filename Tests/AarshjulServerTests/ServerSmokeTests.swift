import Testing
@testable import AarshjulServer

@Suite struct ServerSmokeTests {
    @Test func namesItselfWithTheEngineVersion() {
        #expect(AarshjulServerModule.name.hasPrefix("aarshjul/"))
    }
}
