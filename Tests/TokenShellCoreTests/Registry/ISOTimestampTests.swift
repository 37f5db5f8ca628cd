import Foundation
import Testing
import TokenShellCore

@Suite struct ISOTimestampTests {
    /// The integer fast path agrees with `Date.ISO8601FormatStyle` on the shapes registries send.
    @Test func commonShapesParseAsTheFormatStyleDoes() throws {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let whole = Date.ISO8601FormatStyle()
        let seed = TestSeed()
        var generator = seed.generator
        for _ in 0..<2_000 {
            // 1900 to 2200, millisecond precision, leap days and year ends included.
            let millis = Int64.random(in: -2_208_988_800_000...7_258_118_400_000, using: &generator)
            let date = Date(timeIntervalSince1970: Double(millis) / 1000)
            let text = ISOTimestamp.format(date)
            let expected = try style.parse(text)
            let parsed = try #require(ISOTimestamp.parse(text), "\(text); \(seed)")
            #expect(abs(parsed.timeIntervalSince(expected)) < 1e-6, "\(text); \(seed)")
            let noFraction = String(text.prefix(19)) + "Z"
            #expect(ISOTimestamp.parse(noFraction) == (try whole.parse(noFraction)), "\(noFraction); \(seed)")
        }
    }

    @Test func formatMatchesToISOString() {
        #expect(ISOTimestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(ISOTimestamp.format(Date(timeIntervalSince1970: 951_782_400.5)) == "2000-02-29T00:00:00.500Z")
        #expect(ISOTimestamp.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000Z")
        #expect(ISOTimestamp.day(Date(timeIntervalSince1970: 1_795_945_428.966)) == "2026-11-29")
    }

    @Test func offsetsAndPrecision() throws {
        let utc = try #require(ISOTimestamp.parse("2026-11-29T09:43:48.966Z"))
        #expect(ISOTimestamp.parse("2026-11-29T10:43:48.966+01:00") == utc)
        #expect(ISOTimestamp.parse("2026-11-29T04:13:48.966-05:30") == utc)
        let fine = try #require(ISOTimestamp.parse("2026-11-29T09:43:48.966123456789Z"))
        #expect(abs(fine.timeIntervalSince(utc) - 0.000123456) < 1e-6)
    }

    /// Shapes the fast path does not take (impossible days, no zone, odd separators) get the
    /// format style's answer, lenient as it is, so results never depend on which path read them.
    @Test func unusualShapesGetTheFormatStylesAnswer() {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let whole = Date.ISO8601FormatStyle()
        for text in [
            "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-31T00:00:00Z", "2026-11-29T24:00:00Z",
            "2026-11-29T09:60:00Z", "2026-11-29T09:43:48.Z", "2026-11-29T09:43:48", "2026-11-29 09:43:48Z",
            "1900-02-29T00:00:00Z", "20261129T094348Z", "2026-11-29T09:43:48Zjunk", "2026-11-29T09:43:48+0x:00",
        ] {
            let expected = (try? style.parse(text)) ?? (try? whole.parse(text))
            #expect(ISOTimestamp.parse(text) == expected, "\(text)")
        }
        for text in ["yesterday", "", "2026-11-29"] {
            #expect(ISOTimestamp.parse(text) == nil, "\(text)")
        }
        #expect(ISOTimestamp.parse("2024-02-29T00:00:00Z") != nil)
        #expect(ISOTimestamp.parse("2000-02-29T00:00:00Z") != nil)
    }
}
