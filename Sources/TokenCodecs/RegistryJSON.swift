/// A JSON value that keeps object keys in order.
///
/// npm sends `JSON.stringify` bodies whose key order registries and tests observe (the couch
/// login document, the granular token body), and the couch 409 merge appends the server's keys
/// in the order it sent them; Foundation's dictionaries lose that order, so the registry client
/// reads and writes JSON through this small value type.
public enum RegistryJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([RegistryJSON])
    case object([(String, RegistryJSON)])

    public static func == (lhs: RegistryJSON, rhs: RegistryJSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// The value of the first member named `key`, when this is an object.
    public subscript(key: String) -> RegistryJSON? {
        guard case .object(let members) = self else { return nil }
        // Lengths first: unequal strings of equal length are rare among an object's keys, and
        // a full comparison of two different strings costs a call into the runtime.
        let length = key.utf8.count
        return members.first { $0.0.utf8.count == length && $0.0 == key }?.1
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var intValue: Int? {
        guard case .number(let value) = self, value.rounded() == value, abs(value) < 1e15 else { return nil }
        return Int(value)
    }

    public var arrayValue: [RegistryJSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectMembers: [(String, RegistryJSON)]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// JavaScript truthiness, which npm's couch merge uses to decide which server keys to copy.
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .number(let value): value != 0 && !value.isNaN
        case .string(let value): !value.isEmpty
        case .array, .object: true
        }
    }

    /// The object with `key` set: replaced in place when present, appended otherwise.
    public func setting(_ key: String, to value: RegistryJSON) -> RegistryJSON {
        guard case .object(var members) = self else { return self }
        if let index = members.firstIndex(where: { $0.0 == key }) {
            members[index].1 = value
        } else {
            members.append((key, value))
        }
        return .object(members)
    }

    /// Compact text as `JSON.stringify` writes it: no whitespace, keys in order.
    public var serialized: String {
        var out = ""
        write(to: &out)
        return out
    }

    /// The UTF-8 bytes of `serialized`, ready for a request body.
    public var bytes: [UInt8] { Array(serialized.utf8) }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let value): out += Self.format(value)
        case .string(let value): Self.quote(value, into: &out)
        case .array(let values):
            out += "["
            for (index, value) in values.enumerated() {
                if index > 0 { out += "," }
                value.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                Self.quote(member.0, into: &out)
                out += ":"
                member.1.write(to: &out)
            }
            out += "}"
        }
    }

    private static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    private static func quote(_ text: String, into out: inout String) {
        JSONText.quote(text, into: &out)
    }
}
