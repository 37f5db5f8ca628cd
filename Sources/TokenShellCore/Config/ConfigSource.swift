/// Where a config value came from: npm's layers, lowest priority first.
public enum ConfigSource: String, Sendable, CaseIterable, Comparable {
    case defaults = "default"
    case global
    case user
    case project
    case env
    case cli

    /// Whether the layer is a file tokensh can edit.
    public var isFile: Bool {
        self == .global || self == .user || self == .project
    }

    public static func < (lhs: ConfigSource, rhs: ConfigSource) -> Bool {
        let order = allCases
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }
}

/// One config value after npm's parsing (trimmed, `${VAR}` replaced), with its origin, so that
/// `config list` can say which file set it and `logout` knows which file to edit.
public struct ConfigValue: Sendable, Equatable {
    /// The key after interpolation, e.g. `//registry.npmjs.org/:_authToken`.
    public var key: String
    /// The value npm uses.
    public var value: String
    /// The value as written in the file, before interpolation; `nil` outside files.
    public var rawValue: String?
    public var source: ConfigSource
    /// The file for file layers.
    public var path: String?

    public init(key: String, value: String, rawValue: String? = nil, source: ConfigSource, path: String? = nil) {
        self.key = key
        self.value = value
        self.rawValue = rawValue
        self.source = source
        self.path = path
    }

    /// The value came from a `${VAR}` reference rather than a literal.
    public var isInterpolated: Bool {
        rawValue.map { !EnvInterpolation.references(in: $0).isEmpty } ?? false
    }
}

/// One layer of the resolved config.
public struct ConfigLayer: Sendable, Equatable {
    public var source: ConfigSource
    /// The file for file layers (whether or not it exists).
    public var path: String?
    /// The file exists and was read.
    public var exists: Bool
    /// The parsed file, kept for editing; `nil` for non-file layers and missing files.
    public var document: NpmrcDocument?
    /// Values in file order.
    public var values: [ConfigValue]

    public init(
        source: ConfigSource, path: String? = nil, exists: Bool = true, document: NpmrcDocument? = nil,
        values: [ConfigValue]
    ) {
        self.source = source
        self.path = path
        self.exists = exists
        self.document = document
        self.values = values
    }

    /// The last value for a key in this layer.
    public func value(forKey key: String) -> ConfigValue? {
        values.last { $0.key == key }
    }
}
