/// Starts libFuzzer from a fuzz target's entry point.
///
/// SwiftPM links every executable on Linux with `--defsym main=<Module>_main`, so libFuzzer's
/// own `main` is never reached; each target defines `<Module>_main` with `@_cdecl` and calls
/// `FuzzDriver.run`, which hands over to `LLVMFuzzerRunDriver` (libFuzzer's documented entry
/// for programs with their own `main`).
public enum FuzzDriver {
    public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>, Int) -> CInt

    public static func run(
        _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ test: TestOneInput
    ) -> CInt {
        var argc = argc
        var argv = argv
        return LLVMFuzzerRunDriver(&argc, &argv, test)
    }
}

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ test: FuzzDriver.TestOneInput
) -> CInt
