import Testing
import TokenShellCore

@Suite struct RegistryURLLoopbackTests {
    @Test(
        "security 03: only literal 127.0.0.0/8, localhost and ::1 are loopback",
        arguments: [
            ("127.0.0.1", true), ("127.1.2.3", true), ("127.255.255.255", true), ("LOCALHOST", true),
            ("localhost", true), ("::1", true), ("[::1]", true),
            ("127.evil.example", false), ("127.0.0.1.nip.io", false), ("localhost.evil", false),
            ("evil-localhost", false), ("127.0.0.256", false), ("127.0.0", false), ("127.1", false),
            ("0127.0.0.1", false), ("127.00.0.1", false), ("127.0.0.1.", false), ("127..0.1", false),
            ("128.0.0.1", false), ("127.0.0.+1", false), ("127.0.0.١", false), ("[::2]", false),
            ("[::1].evil", false), ("", false),
        ])
    func hosts(host: String, expected: Bool) {
        #expect(RegistryURL.isLoopback(host: host) == expected)
    }

    @Test(
        "security 03: URLs are judged by their host alone",
        arguments: [
            ("http://127.1.2.3:4873/", true), ("http://[::1]:4873/sub/", true),
            ("http://user:pw@localhost/", true), ("http://127.evil.example/", false),
            ("http://localhost.evil:80/", false), ("http://evil.example/127.0.0.1/", false), ("not a url", false),
        ])
    func urls(url: String, expected: Bool) {
        #expect(RegistryURL.isLoopback(url: url) == expected)
    }
}
