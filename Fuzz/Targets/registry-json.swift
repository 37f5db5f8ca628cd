/// libFuzzer entry point for the `registry-json` target: traps when `FuzzProperties.registryJSON` is violated.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let violation = FuzzProperties.registryJSON(bytes) {
        fatalError(violation)
    }
    return 0
}
