/// libFuzzer entry point for the `npmrc` target: traps when `FuzzProperties.npmrc` is violated.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let violation = FuzzProperties.npmrc(bytes) {
        fatalError(violation)
    }
    return 0
}
