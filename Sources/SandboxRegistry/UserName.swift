/// npm-user-validate's username rules, so sandbox accounts are ones npm's prompts accept.
enum UserName {
    static func isValid(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 214, name == name.lowercased(), !name.hasPrefix(".") else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "-_.".unicodeScalars.contains(scalar))
        }
    }
}
