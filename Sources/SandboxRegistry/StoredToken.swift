import Foundation

/// A token as the sandbox keeps it: its sha512 key and a masked display form, never the token.
struct StoredToken: Codable, Sendable, Equatable {
    enum Kind: String, Codable, Sendable {
        /// An npmjs login session token: short-lived, not listed.
        case session
        /// A classic token: read-only flag and CIDR list.
        case classic
        /// A granular access token.
        case granular
    }

    var key: String
    /// `npm_AbCd...WxYz`.
    var display: String
    var user: String
    var kind: Kind
    var name: String?
    var description: String?
    var readonly: Bool
    var cidr: [String]
    var created: Date
    var updated: Date
    var expires: Date?
    /// Granular: `packages_and_scopes_permission`.
    var access: String
    var packagesAll: Bool
    var packages: [String]
    var scopes: [String]
    var orgs: [String]
    var orgsPermission: String
    var bypass2FA: Bool
    /// The verdaccio flavour's list and revoke key: random hex, not the sha512 in `key`.
    var listKey: String? = nil
}
