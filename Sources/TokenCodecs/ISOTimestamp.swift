#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// ISO 8601 timestamps as registries write them, `2026-11-29T09:43:48.966Z`.
///
/// A token list of 1,000 tokens carries 3,000 of them, and sorting or marking rows reads them
/// again and again: through `Date.ISO8601FormatStyle` that was about 40% of `token list`'s
/// instructions. The common shape is read here in integer arithmetic; anything else (other
/// offsets, week dates, odd precision) still goes to the format style.
public enum ISOTimestamp {
    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, else whatever the format style accepts.
    public static func parse(_ text: String) -> Date? {
        if let date = parseCommonShape(text) { return date }
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let whole = Date.ISO8601FormatStyle()
        return (try? fractional.parse(text)) ?? (try? whole.parse(text))
    }

    /// `Date.toISOString()`: UTC with milliseconds.
    public static func format(_ date: Date) -> String {
        render(date, dayOnly: false)
    }

    /// The UTC day, `2026-11-29`.
    public static func day(_ date: Date) -> String {
        render(date, dayOnly: true)
    }

    /// Written digit by digit into one buffer: string interpolation and padding cost about
    /// 10,000 instructions a timestamp, and a token table prints 2,000 of them.
    private static func render(_ date: Date, dayOnly: Bool) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let ms = millis - seconds * 1000
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let secondOfDay = seconds - days * 86400
        let (year, month, day) = civil(fromDays: days)
        let yearText = (0...9999).contains(year) ? nil : String(year)
        let capacity = (dayOnly ? 10 : 24) + (yearText?.utf8.count ?? 4) - 4
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            var index = 0
            func put(_ byte: UInt8) {
                buffer[index] = byte
                index += 1
            }
            func put(_ value: Int64, width: Int) {
                var divisor: Int64 = 1
                for _ in 1..<width { divisor *= 10 }
                for _ in 0..<width {
                    put(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                    divisor /= 10
                }
            }
            if let yearText {
                for byte in yearText.utf8 { put(byte) }
            } else {
                put(year, width: 4)
            }
            put(UInt8(ascii: "-"))
            put(month, width: 2)
            put(UInt8(ascii: "-"))
            put(day, width: 2)
            if !dayOnly {
                put(UInt8(ascii: "T"))
                put(secondOfDay / 3600, width: 2)
                put(UInt8(ascii: ":"))
                put(secondOfDay % 3600 / 60, width: 2)
                put(UInt8(ascii: ":"))
                put(secondOfDay % 60, width: 2)
                put(UInt8(ascii: "."))
                put(ms, width: 3)
                put(UInt8(ascii: "Z"))
            }
            return index
        }
    }

    private static func parseCommonShape(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parseCommonShape(bytes: $0) }
    }

    private static func parseCommonShape(bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var index = 0
        func digits(_ count: Int) -> Int64? {
            guard index + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for _ in 0..<count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int64(digit)
                index += 1
            }
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = digits(4), expect(UInt8(ascii: "-")), let month = digits(2), expect(UInt8(ascii: "-")),
            let day = digits(2), expect(UInt8(ascii: "T")), let hour = digits(2), expect(UInt8(ascii: ":")),
            let minute = digits(2), expect(UInt8(ascii: ":")), let second = digits(2),
            (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), hour < 24, minute < 60,
            second < 60
        else { return nil }
        var fraction = 0.0
        if expect(UInt8(ascii: ".")) {
            // Digits past nanoseconds cannot change a Double of this size; they are read and dropped.
            var numerator: Int64 = 0
            var denominator: Int64 = 1
            let start = index
            while index < bytes.count, case let digit = bytes[index] &- UInt8(ascii: "0"), digit < 10 {
                if denominator < 1_000_000_000 {
                    numerator = numerator * 10 + Int64(digit)
                    denominator *= 10
                }
                index += 1
            }
            guard index > start else { return nil }
            fraction = Double(numerator) / Double(denominator)
        }
        var offset: Int64 = 0
        if expect(UInt8(ascii: "Z")) {
            offset = 0
        } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign: Int64 = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let hours = digits(2), expect(UInt8(ascii: ":")), let minutes = digits(2), hours < 24, minutes < 60
            else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        let seconds = days(fromYear: year, month: month, day: day) * 86400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Howard Hinnant's days-from-civil: days since 1970-01-01.
    private static func days(fromYear year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Howard Hinnant's civil-from-days.
    private static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
