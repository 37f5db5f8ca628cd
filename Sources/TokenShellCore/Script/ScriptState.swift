/// What the shell knows about scripts: the recording in progress and how deep replays nest.
public struct ScriptState: Sendable {
    public var recorder: ScriptRecorder?
    /// Replays running inside one another; bounded so a script that replays itself stops.
    public var replayDepth = 0
    public static let replayDepthLimit = 8

    public init() {}
}
