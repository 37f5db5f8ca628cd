import Testing
import TokenShellCore

@Suite struct NpmTokenTests {
    @Test func generatedTokensHaveTheRealShapeAndChecksum() {
        var generator = SplitMix64(state: 42)
        var seen = Set<String>()
        for _ in 0..<200 {
            let token = NpmToken.generate(using: &generator)
            #expect(token.count == 40)
            #expect(token.hasPrefix("npm_"))
            #expect(NpmToken.hasTokenShape(token))
            #expect(NpmToken.checksumMatches(token))
            seen.insert(token)
        }
        #expect(seen.count == 200)
    }

    @Test func sameSeedSameToken() {
        var first = SplitMix64(state: 7)
        var second = SplitMix64(state: 7)
        #expect(NpmToken.generate(using: &first) == NpmToken.generate(using: &second))
    }

    @Test func checksumIsZlibCRC32InBase62() {
        // zlib's crc32("123456789") is the standard check value 0xCBF43926.
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(Base62.encode(0xCBF4_3926, width: 6) == "3jZRME")
        #expect(Base62.encode(0, width: 6) == "000000")
        #expect(Base62.encode(61, width: 1) == "z")
    }

    @Test func aChangedCharacterBreaksTheChecksumButNotTheShape() throws {
        var generator = SplitMix64(state: 1)
        let token = NpmToken.generate(using: &generator)
        var characters = Array(token)
        characters[10] = characters[10] == "a" ? "b" : "a"
        let altered = String(characters)
        #expect(NpmToken.hasTokenShape(altered))
        #expect(NpmToken.checksumMatches(altered) == false)
        // noseyparker's synthetic example has the shape but not the checksum.
        #expect(NpmToken.hasTokenShape("npm_TCllNwh2WLQlMWVhybM1iQrsTj6rMQ0BOh6d"))
        #expect(NpmToken.checksumMatches("npm_TCllNwh2WLQlMWVhybM1iQrsTj6rMQ0BOh6d") == false)
    }

    @Test(arguments: [
        "npm_short", "npx_TCllNwh2WLQlMWVhybM1iQrsTj6rMQ0BOh6d", "npm_TCllNwh2WLQlMWVhybM1iQrsTj6rMQ0BOh6-",
    ])
    func wrongShapesAreRecognised(_ text: String) {
        #expect(NpmToken.hasTokenShape(text) == false)
    }

    @Test func maskingKeepsFirstAndLastFour() {
        #expect(NpmToken.masked("npm_TCllNwh2WLQlMWVhybM1iQrsTj6rMQ0BOh6d") == "npm_TCll...Oh6d")
        #expect(NpmToken.masked("a73c9572-f1b9-8983-983d-ba3ac3cc913d") == "a73c...913d")
        #expect(NpmToken.masked("short") == "***")
    }

    @Test func base32RoundTripsAndMatchesRFC4648() {
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")
        #expect(Base32.encode(Array("f".utf8)) == "MY")
        #expect(Base32.decode("mzxw6ytboi======") == Array("foobar".utf8))
        #expect(Base32.decode("MZXW 6YTB OI") == Array("foobar".utf8))
        #expect(Base32.decode("MZ1") == nil)
        let bytes: [UInt8] = (0..<20).map { UInt8($0 * 13 % 256) }
        #expect(Base32.decode(Base32.encode(bytes)) == bytes)
    }
}
