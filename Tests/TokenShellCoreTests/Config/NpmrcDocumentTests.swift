import Testing
import TokenShellCore

@Suite struct NpmrcDocumentTests {
    static let nastyInputs: [String] = [
        "",
        "\n",
        "registry=https://registry.npmjs.org/",
        "; a comment\n# another\n\nregistry = https://r.example/ \n",
        "a=1\r\nb=2\r\n; c\r\n",
        "a=1\rb=2\r",
        "a=1\n\n\n[section]\nkey=value\n[other]  \nx\n",
        "dup=1\ndup=2\ndup=3",
        "//127.0.0.1:4873/sub/:_authToken=${NPM_TOKEN}\n//other.example/:_authToken=npm_xxx\n",
        "quoted=\"a=b\"\nsingle='c d'\nesc=a\\;b\\#c ; trailing comment\n",
        "unknown-key=whatever\n=novalue\n   \n\t; indented comment\nbare\nca[]=one\nca[]=two\n",
        "emoji=🔑 ünïcødé\r\nmixed=1\nend",
    ]

    @Test(arguments: nastyInputs)
    func unEditedDocumentRendersByteForByte(_ input: String) {
        let document = NpmrcDocument(parsing: input)
        #expect(Array(document.render().utf8) == Array(input.utf8))
    }

    @Test func decodesValuesAsIniDoes() {
        let document = NpmrcDocument(
            parsing: "quoted=\"a=b\"\nsingle='c d'\nesc=a\\;b\\#c ; trailing comment\nbare\n spaced = x y \n")
        #expect(document.value(forKey: "quoted") == "a=b")
        #expect(document.value(forKey: "single") == "c d")
        #expect(document.value(forKey: "esc") == "a;b#c")
        #expect(document.value(forKey: "bare") == "true")
        #expect(document.value(forKey: "spaced") == "x y")
    }

    @Test func sectionsAreNotGlobal() {
        let document = NpmrcDocument(parsing: "a=1\n[s]\nb=2\n")
        #expect(document.value(forKey: "b") == nil)
        #expect(document.entries.map(\.section) == [nil, "s"])
    }

    @Test func lastDuplicateWinsAndArraysAccumulate() {
        let document = NpmrcDocument(parsing: "dup=1\ndup=2\nca[]=one\nca[]=two\n")
        #expect(document.value(forKey: "dup") == "2")
        #expect(document.value(forKey: "ca") == "one\n\ntwo")
    }

    @Test func setReplacesLastDefinitionInPlaceAndKeepsEveryOtherLine() {
        let input = "; header\r\ndup = 1 ; first\r\n[s]\r\ndup=9\r\n"
        var document = NpmrcDocument(parsing: "; header\r\ndup = 1 ; first\r\ndup=2\r\n[s]\r\ndup=9\r\n")
        document.set("dup", to: "3")
        #expect(document.render() == "; header\r\ndup = 1 ; first\r\ndup=3\r\n[s]\r\ndup=9\r\n")
        var single = NpmrcDocument(parsing: input)
        single.set("dup", to: "new")
        #expect(single.render() == "; header\r\ndup = new ; first\r\n[s]\r\ndup=9\r\n")
    }

    @Test func setAppendsToTheGlobalPartWithTheFilesLineEnding() {
        var noNewline = NpmrcDocument(parsing: "a=1")
        noNewline.set("b", to: "2")
        #expect(noNewline.render() == "a=1\nb=2\n")

        var crlf = NpmrcDocument(parsing: "a=1\r\n\r\n[s]\r\nx=y\r\n")
        crlf.set("b", to: "2")
        #expect(crlf.render() == "a=1\r\nb=2\r\n\r\n[s]\r\nx=y\r\n")

        var onlySection = NpmrcDocument(parsing: "# top\n\n; about s\n[s]\nx=y\n")
        onlySection.set("b", to: "2")
        #expect(onlySection.render() == "# top\nb=2\n\n; about s\n[s]\nx=y\n")

        var empty = NpmrcDocument(parsing: "")
        empty.set("k", to: "v")
        #expect(empty.render() == "k=v\n")
    }

    @Test(arguments: [
        ("plain", "plain"), ("a=b", "\"a=b\""), (" lead", "\" lead\""), ("[x", "\"[x\""),
        ("semi;hash#", "semi\\;hash\\#"), ("\"q\"", "\"\\\"q\\\"\""), ("line\nbreak", "\"line\\nbreak\""),
        ("${NPM_TOKEN}", "${NPM_TOKEN}"),
    ])
    func encodesLikeIniSafe(_ value: String, _ expected: String) {
        #expect(IniCodec.encode(value) == expected)
        #expect(IniCodec.decode(IniCodec.encode(value)) == value)
    }

    @Test func setKeepsInlineCommentUnlessValueIsQuoted() {
        var document = NpmrcDocument(parsing: "k=old ; note\n")
        document.set("k", to: "new")
        #expect(document.render() == "k=new ; note\n")
        document.set("k", to: "a=b")
        #expect(document.render() == "k=\"a=b\"\n")
        #expect(document.value(forKey: "k") == "a=b")
    }

    @Test func removeDropsEveryGlobalDefinitionOnly() {
        var document = NpmrcDocument(parsing: "# keep\nk=1\nother=x\nk=2\n[s]\nk=3")
        let removed = document.remove("k")
        #expect(removed)
        #expect(document.render() == "# keep\nother=x\n[s]\nk=3")
        let removedMissing = document.remove("missing")
        #expect(!removedMissing)
    }

    @Test func removingTheLastLineKeepsTheMissingFinalNewline() {
        var document = NpmrcDocument(parsing: "a=1\nb=2")
        document.remove("b")
        #expect(document.render() == "a=1")
    }
}
