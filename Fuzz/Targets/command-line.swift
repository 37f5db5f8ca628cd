/// libFuzzer entry point for the `command-line` target: traps when `FuzzProperties.commandLine` is violated.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let violation = FuzzProperties.commandLine(bytes) {
        fatalError(violation)
    }
    return 0
}
