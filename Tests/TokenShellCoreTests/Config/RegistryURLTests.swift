import Testing
import TokenShellCore

@Suite struct RegistryURLTests {
    @Test(arguments: [
        ("http://127.0.0.1:4873/sub/", "//127.0.0.1:4873/sub/"),
        ("http://127.0.0.1:4873/sub", "//127.0.0.1:4873/"),
        ("https://registry.npmjs.org", "//registry.npmjs.org/"),
        ("http://user:pw@host:80/a/b/?x=1#f", "//host/a/b/"),
        ("HTTP://Example.COM:443/X/", "//example.com:443/X/"),
        ("https://example.com:443/", "//example.com/"),
        ("https://h/a/./b/../c/", "//h/a/c/"),
        ("http://[::1]:4873/r/", "//[::1]:4873/r/"),
    ])
    func nerfDartMatchesNpm(_ url: String, _ expected: String) {
        #expect(RegistryURL.nerfDart(of: url) == expected)
    }

    @Test(arguments: [
        ("https://registry.npmjs.org", "https://registry.npmjs.org/"),
        ("HTTP://Example.COM:80/sub", "http://example.com/sub/"),
        ("http://127.0.0.1:4873/sub/", "http://127.0.0.1:4873/sub/"),
        ("  https://r.example/x?q=1  ", "https://r.example/x/"),
    ])
    func normalisesToATrailingSlash(_ url: String, _ expected: String) {
        #expect(RegistryURL.normalize(url) == expected)
    }

    @Test(arguments: ["", "registry.npmjs.org", "//host/", "http://", "http://h:99999/"])
    func rejectsWhatIsNotAnAbsoluteURL(_ url: String) {
        #expect(RegistryURL(url) == nil)
    }
}

@Suite struct EnvInterpolationTests {
    let env = ["TOKEN": "npm_abc", "EMPTY": "", "HOME": "/home/a"]

    @Test(arguments: [
        ("${TOKEN}", "npm_abc"),
        ("a-${TOKEN}-b", "a-npm_abc-b"),
        ("${UNSET}", "${UNSET}"),
        ("${UNSET?}", ""),
        ("${TOKEN?}", "npm_abc"),
        ("${EMPTY}", ""),
        ("\\${TOKEN}", "${TOKEN}"),
        ("\\\\${TOKEN}", "\\npm_abc"),
        ("\\\\\\${TOKEN}", "\\${TOKEN}"),
        ("$TOKEN", "$TOKEN"),
        ("${}", "${}"),
        ("${A${TOKEN}}", "${Anpm_abc}"),
        ("${TOKEN}${TOKEN}", "npm_abcnpm_abc"),
    ])
    func expandsLikeNpm(_ input: String, _ expected: String) {
        #expect(EnvInterpolation.expand(input, environment: env) == expected)
    }

    @Test func npm10LeavesTheOptionalFormLiteral() {
        #expect(EnvInterpolation.expand("${UNSET?}", environment: env, optionalModifier: false) == "${UNSET?}")
    }

    @Test func listsUnescapedReferences() {
        #expect(EnvInterpolation.references(in: "${A}-\\${B}-${C?}") == ["A", "C"])
    }
}
