/// Defaults for services that cannot touch script files (fakes, embedders): record and replay
/// then fail with a clear message instead of every conformer having to stub them.
extension ShellServices {
    public func readScriptFile(_ path: String) throws(ShellError) -> [UInt8] {
        throw ShellError(.failure, "cannot read scripts here", hint: "run the script with the tokensh executable")
    }

    public func writeScriptFile(_ path: String, contents: String, replacing: Bool) throws(ShellError) {
        throw ShellError(.failure, "cannot write scripts here", hint: "record with the tokensh executable")
    }
}
