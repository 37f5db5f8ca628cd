import Crypto
import CryptoExtras
import TokenShellCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The vault file: tokensh's keyring where no Secret Service runs (servers, SSH sessions,
/// containers).
///
/// One JSON object: the format's name and version, the scrypt parameters with their salt, and
/// the items sealed with ChaCha20-Poly1305 under the key scrypt derives from the passphrase.
/// The header is the cipher's associated data, so a changed parameter fails to open like a
/// changed byte of the sealed text; `length` tells a truncated file from a wrong passphrase.
///
///     {"format":"tokensh-vault","version":1,
///      "kdf":{"name":"scrypt","salt":"…","logN":15,"r":8,"p":1},
///      "cipher":"ChaChaPoly","length":123,"sealed":"…"}
struct VaultFile: Equatable {
    static let formatName = "tokensh-vault"
    static let version = 1
    /// scrypt's memory, 128·r·N bytes, at most: 256 MiB (the vault's own settings take 32).
    static let memoryLimit = 256 << 20

    struct Parameters: Equatable {
        var salt: [UInt8]
        var logN: Int
        var r: Int
        var p: Int

        /// 32 MiB and about a tenth of a second per unlock: what a person waits for once.
        static func fresh() -> Parameters {
            var generator = SystemRandomNumberGenerator()
            return Parameters(
                salt: (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }, logN: 15, r: 8, p: 1)
        }
    }

    var parameters: Parameters
    /// Nonce, ciphertext and tag.
    var sealed: [UInt8]

    struct Entry: Equatable {
        var item: KeyringItem
        var secret: Secret
    }

    /// Why a vault cannot be read; the message names the file.
    enum Problem: Error, Equatable {
        case damaged(String)
        case truncated
        case newer(Int)
        case wrongPassphrase
    }

    static func parse(_ bytes: [UInt8]) throws(Problem) -> VaultFile {
        guard let json = RegistryJSON.parse(bytes) else { throw .damaged("it is not the JSON a vault holds") }
        guard json["format"]?.stringValue == formatName else { throw .damaged("it is not a tokensh vault") }
        guard let version = json["version"]?.intValue else { throw .damaged("it has no format version") }
        guard version <= Self.version else { throw .newer(version) }
        guard version == Self.version else { throw .damaged("its format version \(version) is unknown") }
        let kdf = json["kdf"]
        guard kdf?["name"]?.stringValue == "scrypt", json["cipher"]?.stringValue == "ChaChaPoly",
            let saltText = kdf?["salt"]?.stringValue, let salt = Data(base64Encoded: saltText), !salt.isEmpty,
            let logN = kdf?["logN"]?.intValue, let r = kdf?["r"]?.intValue, let p = kdf?["p"]?.intValue,
            let length = json["length"]?.intValue
        else { throw .damaged("its key derivation or cipher settings are missing") }
        // The settings are read before anything is authenticated: bounded, so that an altered
        // file cannot make scrypt take the machine's memory or an hour.
        guard (10...20).contains(logN), (1...16).contains(r), (1...4).contains(p),
            128 * r * (1 << logN) <= Self.memoryLimit
        else { throw .damaged("its key derivation settings ask for more than tokensh allows") }
        guard let sealedText = json["sealed"]?.stringValue, let sealed = Data(base64Encoded: sealedText) else {
            throw .truncated
        }
        guard sealed.count == length else { throw .truncated }
        return VaultFile(parameters: Parameters(salt: Array(salt), logN: logN, r: r, p: p), sealed: Array(sealed))
    }

    var bytes: [UInt8] {
        let kdf = RegistryJSON.object([
            ("name", .string("scrypt")), ("salt", .string(Data(parameters.salt).base64EncodedString())),
            ("logN", .number(Double(parameters.logN))), ("r", .number(Double(parameters.r))),
            ("p", .number(Double(parameters.p))),
        ])
        let json = RegistryJSON.object([
            ("format", .string(Self.formatName)), ("version", .number(Double(Self.version))), ("kdf", kdf),
            ("cipher", .string("ChaChaPoly")), ("length", .number(Double(sealed.count))),
            ("sealed", .string(Data(sealed).base64EncodedString())),
        ])
        return Array((json.serialized + "\n").utf8)
    }

    /// What the cipher authenticates besides the sealed text: every setting of the header.
    private static func associatedData(_ parameters: Parameters) -> [UInt8] {
        let salt = Data(parameters.salt).base64EncodedString()
        return Array(
            "\(formatName)/\(version)/scrypt/\(salt)/\(parameters.logN)/\(parameters.r)/\(parameters.p)/ChaChaPoly".utf8
        )
    }

    static func deriveKey(_ passphrase: Secret, _ parameters: Parameters) throws(Problem) -> SymmetricKey {
        do {
            return try KDF.Scrypt.deriveKey(
                from: Array(passphrase.reveal().utf8), salt: parameters.salt, outputByteCount: 32,
                rounds: 1 << parameters.logN, blockSize: parameters.r, parallelism: parameters.p,
                maxMemory: memoryLimit + (1 << 20))
        } catch {
            throw .damaged("its key derivation settings cannot be used")
        }
    }

    func open(with key: SymmetricKey) throws(Problem) -> [Entry] {
        let plain: Data
        do {
            let box = try ChaChaPoly.SealedBox(combined: sealed)
            plain = try ChaChaPoly.open(box, using: key, authenticating: Self.associatedData(parameters))
        } catch {
            throw .wrongPassphrase
        }
        guard let items = RegistryJSON.parse(Array(plain))?["items"]?.arrayValue else {
            throw .damaged("its sealed contents are not a list of items")
        }
        return items.compactMap { json in
            guard let registry = json["registry"]?.stringValue, let kindText = json["kind"]?.stringValue,
                let kind = KeyringItem.Kind(rawValue: kindText), let name = json["name"]?.stringValue,
                let secret = json["secret"]?.stringValue
            else { return nil }
            let item = KeyringItem(registry: registry, kind: kind, name: name, user: json["user"]?.stringValue ?? "")
            return Entry(item: item, secret: Secret(secret))
        }
    }

    static func seal(_ entries: [Entry], key: SymmetricKey, parameters: Parameters) throws(Problem) -> VaultFile {
        let items = RegistryJSON.array(
            entries.map { entry in
                .object([
                    ("registry", .string(entry.item.registry)), ("kind", .string(entry.item.kind.rawValue)),
                    ("name", .string(entry.item.name)), ("user", .string(entry.item.user)),
                    ("secret", .string(entry.secret.reveal())),
                ])
            })
        let plain = Array(RegistryJSON.object([("items", items)]).serialized.utf8)
        do {
            let box = try ChaChaPoly.seal(plain, using: key, authenticating: associatedData(parameters))
            return VaultFile(parameters: parameters, sealed: Array(box.combined))
        } catch {
            throw .damaged("it could not be sealed")
        }
    }
}
