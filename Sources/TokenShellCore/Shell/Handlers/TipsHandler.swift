/// `tips [TOPIC]`: the topic list, or one topic's advice with its sources.
enum TipsHandler {
    static func run(_ command: ParsedCommand, _ shell: Shell) throws {
        guard let name = command.positionals.first else {
            if shell.options.json {
                let items = TipTopic.allCases.map { topic in
                    "{\"topic\":\(JSONText.quote(topic.rawValue)),\"title\":\(JSONText.quote(TipLibrary.tip(topic).title))}"
                }
                shell.io.output("[" + items.joined(separator: ",") + "]\n")
            } else {
                shell.io.output(TipLibrary.overview)
            }
            return
        }
        guard let topic = TipTopic(rawValue: name.lowercased()) else {
            let shown = SecretPatterns.containsCredentialShape(name) ? "" : " '\(name)'"
            throw ShellError(
                .usage, "there is no tips topic\(shown)",
                hint: "topics: " + TipTopic.names.joined(separator: ", "), code: "EUSAGE")
        }
        let tip = TipLibrary.tip(topic, registry: shell.registryForDisplay)
        if shell.options.json {
            shell.io.output(
                "{\"topic\":\(JSONText.quote(topic.rawValue)),\"title\":\(JSONText.quote(tip.title)),"
                    + "\"body\":\(JSONText.quote(tip.body)),"
                    + "\"sources\":[\(tip.sources.map(JSONText.quote).joined(separator: ","))]}\n")
        } else {
            shell.io.output(tip.rendered)
        }
    }
}
