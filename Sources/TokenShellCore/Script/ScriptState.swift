/// What the shell knows about scripts: the recording in progress and how deep replays nest.
public struct ScriptState: Sendable {
    public var recorder: ScriptRecorder?
    /// Replays running inside one another; bounded so a script that replays itself stops.
    public var replayDepth = 0
    /// The terminal recording was started by `record start --cast` (so `record stop` ends it),
    /// not by `--record-cast` for the whole session.
    public var castBelongsToRecording = false
    public static let replayDepthLimit = 8

    public init() {}
}
