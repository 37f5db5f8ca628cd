import Testing

@testable import TokenShellCore

@Suite("BrowserURL")
struct BrowserURLTests {
    @Test("security 06: plain http(s) login URLs may be opened")
    func plainURLsPass() {
        #expect(BrowserURL.problem("https://www.npmjs.com/login?next=/login/cli/0f1e-2d3c") == nil)
        #expect(BrowserURL.problem("http://127.0.0.1:4873/-/v1/login/cli/abc%20def") == nil)
        #expect(BrowserURL.problem("HTTPS://registry.example/login") == nil)
        #expect(BrowserURL.problem("https://registry.example/login?a=1&b=2") == nil)
    }

    @Test(
        "security 06: other schemes, long URLs, spaces, quotes, controls and user names are refused",
        arguments: [
            "javascript:alert(1)", "file:///etc/passwd", "data:text/html,<b>x</b>", "ftp://host/x", "https://",
            "https://host/a b", "https://host/a\"b", "https://host/a'b", "https://host/a\\b", "https://host/a`b",
            "https://host/$(touch${IFS}x)", "https://host/a;b", "https://host/a|b", "https://host/{a}",
            "https://host/\u{1B}[2J", "https://host/\u{9B}x", "https://hóst/", "https://user@host/", " https://host/",
            "https://host/" + String(repeating: "a", count: BrowserURL.maxLength),
        ])
    func unsafeURLsAreRefused(_ url: String) {
        #expect(BrowserURL.problem(url) != nil)
    }
}
