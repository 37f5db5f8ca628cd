// The token codecs and text formats the sandbox shares with the shell live in their own leaf
// target; the shell's code sees them as its own.
@_exported import TokenCodecs
