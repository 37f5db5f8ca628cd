enum TokenShellVersion {
    static let current = "0.1.0"
}
