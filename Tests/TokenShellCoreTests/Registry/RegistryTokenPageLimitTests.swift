import Testing
import TokenShellCore

@Suite struct RegistryTokenPageLimitTests {
    @Test("security 21: each token list page has its own larger size cap; other answers keep the default")
    func tokenPagesHaveTheirOwnCap() throws {
        let stub = StubTransport([
            .json(200, #"{"objects":[],"urls":{"next":"/-/npm/v1/tokens?page=1"}}"#),
            .json(200, #"{"objects":[],"urls":{}}"#),
            .json(200, #"{"username":"alice"}"#),
        ])
        let client = makeClient(stub)
        _ = try client.listTokens()
        _ = try client.whoami()
        #expect(stub.requests.map(\.maxResponseBytes) == [128 << 20, 128 << 20, nil])
    }
}
