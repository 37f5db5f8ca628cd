#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One line of `config list`: a value, where it came from, and whether a higher layer hides it.
public struct ConfigListEntry: Sendable, Equatable {
    public var key: String
    /// The value to show: `(protected)` for a secret key, otherwise the value with anything
    /// token-shaped or a URL password masked.
    public var displayValue: String
    public var source: ConfigSource
    public var path: String?
    /// A higher layer sets the same key; npm prints such lines commented out.
    public var isOverridden: Bool
    /// The key holds a secret (npm's `isProtected` rule).
    public var isProtected: Bool
}

/// The answer to `config get KEY`.
public enum ConfigLookup: Sendable, Equatable {
    case value(ConfigValue)
    /// The key or its value is secret; npm refuses to print it ("option is protected").
    case protected(ConfigValue)
    case unset
}

extension NpmConfig {
    /// Effective values by layer, lowest priority first like `npm config list`; defaults only
    /// when asked (npm's `-l`).
    public func list(includeDefaults: Bool = false) -> [ConfigListEntry] {
        var result: [ConfigListEntry] = []
        for (index, layer) in layers.enumerated() where includeDefaults || layer.source != .defaults {
            let higher = layers[(index + 1)...]
            for value in Self.lastValues(layer.values) {
                let overridden = higher.contains { $0.value(forKey: value.key) != nil }
                let isProtected = Self.isProtected(key: value.key)
                let shown = isProtected ? Self.protectedDisplay(key: value.key) : Self.redact(value.value)
                result.append(
                    ConfigListEntry(
                        key: value.key, displayValue: shown,
                        source: layer.source, path: layer.path, isOverridden: overridden, isProtected: isProtected))
            }
        }
        return result
    }

    /// `config get KEY`: the effective value, refused for secrets as npm does.
    public func get(_ key: String) -> ConfigLookup {
        guard let found = value(forKey: key) else { return .unset }
        if Self.isProtected(key: key) || Self.redact(found.value) != found.value {
            return .protected(found)
        }
        return .value(found)
    }

    /// npm's `isProtected` (`lib/commands/config.js`): keys starting with `_`, the bare
    /// credential names, and under a nerf dart anything with `:_` or ending in a credential name.
    /// What `config list` shows for a secret: `(protected)` as npm does, naming Basic
    /// credentials (`_auth`, `_password`) as such, since npm sends those on every request.
    static func protectedDisplay(key: String) -> String {
        key.hasSuffix("_auth") || key.hasSuffix("_password") ? "(protected: basic credentials)" : "(protected)"
    }

    public static func isProtected(key: String) -> Bool {
        let names = ["auth", "authToken", "certfile", "email", "keyfile", "password", "username"]
        if key.hasPrefix("_") || names.contains(key) {
            return true
        }
        if key.hasPrefix("//") {
            if key.contains(":_") {
                return true
            }
            return names.contains { key.hasSuffix(":" + $0) || key.hasSuffix(":_" + $0) }
        }
        return false
    }

    /// Masks what looks like a secret inside a value: npm tokens (`npm_` + 36 characters) and
    /// the userinfo of a URL (`user:***@`, as everywhere a URL is shown).
    public static func redact(_ value: String) -> String {
        RegistryURL.redact(maskTokens(value))
    }

    private static func maskTokens(_ value: String) -> String {
        let chars = Array(value)
        var out = ""
        var index = 0
        while index < chars.count {
            let isStart =
                index + 40 <= chars.count && String(chars[index..<(index + 4)]) == "npm_"
                && chars[(index + 4)..<(index + 40)].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
            if isStart {
                out += "npm_***"
                index += 40
                while index < chars.count, chars[index].isASCII, chars[index].isLetter || chars[index].isNumber {
                    index += 1
                }
            } else {
                out.append(chars[index])
                index += 1
            }
        }
        return out
    }

    private static func lastValues(_ values: [ConfigValue]) -> [ConfigValue] {
        var seen: Set<String> = []
        return values.reversed().filter { seen.insert($0.key).inserted }.reversed()
    }
}
