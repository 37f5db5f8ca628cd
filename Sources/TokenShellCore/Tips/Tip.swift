/// One short lesson: what to do, the exact line or step, and where the claim comes from.
public struct Tip: Sendable, Equatable {
    public var topic: TipTopic
    /// One line, shown in the topic list.
    public var title: String
    /// A few lines of advice; concrete lines to copy are indented by four spaces.
    public var body: String
    /// Public pages that back the advice (design §6: every claim names a source).
    public var sources: [String]

    public init(topic: TipTopic, title: String, body: String, sources: [String]) {
        self.topic = topic
        self.title = title
        self.body = body
        self.sources = sources
    }

    /// The tip as `tips TOPIC` prints it.
    public var rendered: String {
        var text = "\(topic.rawValue): \(title)\n\n\(body)\n\n"
        for source in sources {
            text += "source: \(source)\n"
        }
        return text
    }
}
