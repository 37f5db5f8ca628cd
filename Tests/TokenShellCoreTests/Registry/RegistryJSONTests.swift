import Testing
import TokenShellCore

@Suite struct RegistryJSONTests {
    @Test func parseKeepsOrderAndRoundTrips() throws {
        let text = #"{"z":1,"a":[true,false,null,-2.5,"x\"\\\n\u00e9\ud83d\ude00"],"m":{}}"#
        let value = try #require(RegistryJSON.parse(text))
        #expect(value.objectMembers?.map(\.0) == ["z", "a", "m"])
        #expect(value["a"]?.arrayValue?[4].stringValue == "x\"\\\né😀")
        #expect(value.serialized == #"{"z":1,"a":[true,false,null,-2.5,"x\"\\\né😀"],"m":{}}"#)
    }

    @Test(arguments: ["", "{", #"{"a":}"#, "[1,]", "nul", #""unterminated"#, "{} x", #"{"a" 1}"#])
    func invalidTextIsNil(text: String) {
        #expect(RegistryJSON.parse(text) == nil)
    }

    @Test func deepNestingIsRefused() {
        #expect(RegistryJSON.parse(String(repeating: "[", count: 10_000)) == nil)
        #expect(RegistryJSON.parse(String(repeating: "[", count: 10) + String(repeating: "]", count: 10)) != nil)
    }

    @Test func controlCharactersAreEscaped() {
        #expect(RegistryJSON.string("a\u{01}\t").serialized == #""a\u0001\t""#)
    }

    @Test func truthinessFollowsJavaScript() {
        #expect(RegistryJSON.string("").isTruthy == false)
        #expect(RegistryJSON.number(0).isTruthy == false)
        #expect(RegistryJSON.array([]).isTruthy)
        #expect(RegistryJSON.null.isTruthy == false)
    }

    @Test func urlResolutionFollowsNpm() {
        let registry = "http://127.0.0.1:4873/sub"
        #expect(RegistryPath.normalized(" http://h/sub// ") == "http://h/sub/")
        #expect(RegistryPath.resolve("/-/whoami", against: registry) == "http://127.0.0.1:4873/sub/-/whoami")
        #expect(RegistryPath.resolve("/sub/-/x", against: registry) == "http://127.0.0.1:4873/sub/sub/-/x")
        #expect(RegistryPath.resolve("https://other/x", against: registry) == "https://other/x")
        #expect(RegistryPath.sharesOrigin("HTTP://127.0.0.1:4873/other", with: registry))
        #expect(RegistryPath.sharesOrigin("http://127.0.0.1:4874/sub/", with: registry) == false)
        #expect(RegistryPath.sharesOrigin("https://registry.npmjs.org:443/x", with: "https://registry.npmjs.org/"))
        #expect(RegistryPath.sharesOrigin("http://evil@127.0.0.1:4873/", with: registry))
        #expect(RegistryPath.encodeComponent("a b/é!") == "a%20b%2F%C3%A9!")
    }
}
