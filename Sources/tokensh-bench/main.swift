// Times TAB completion in process against a cache of many tokens: p50 and p99 per line.
// Figures only; `scripts/bench` prints them in its table.
import TokenShellCore

#if canImport(Glibc)
    import Glibc
#endif

let options = CompletionBenchmark.Options.parse(Array(CommandLine.arguments.dropFirst()))
let report = CompletionBenchmark(tokens: options.tokens, iterations: options.iterations).run()
print(options.json ? report.json : report.text)
