import TokenShellCore

/// Builds a `Completer` with a context of N cached token ids and names, and times `complete`
/// on the lines a person types most when a long token list is cached.
struct CompletionBenchmark {
    struct Options {
        var tokens = 5000
        var iterations = 2000
        var json = false

        static func parse(_ arguments: [String]) -> Options {
            var options = Options()
            var iterator = arguments.makeIterator()
            while let argument = iterator.next() {
                switch argument {
                case "--tokens": options.tokens = iterator.next().flatMap(Int.init) ?? options.tokens
                case "--iterations": options.iterations = iterator.next().flatMap(Int.init) ?? options.iterations
                case "--json": options.json = true
                default: continue
                }
            }
            return options
        }
    }

    struct Case {
        let line: String
        let candidates: Int
        let p50: Double
        let p99: Double
        let max: Double
    }

    struct Report {
        let tokens: Int
        let iterations: Int
        let cases: [Case]

        var text: String {
            var lines = ["TAB completion with \(tokens) cached tokens, \(iterations) iterations per line"]
            for item in cases {
                lines.append(
                    "\(item.line.debugDescription): \(item.candidates) candidates, p50 \(format(item.p50)) ms, "
                        + "p99 \(format(item.p99)) ms, max \(format(item.max)) ms")
            }
            return lines.joined(separator: "\n")
        }

        var json: String {
            let items = cases.map { item in
                "{\"line\":\(item.line.debugDescription),\"candidates\":\(item.candidates),"
                    + "\"p50_ms\":\(format(item.p50)),\"p99_ms\":\(format(item.p99)),\"max_ms\":\(format(item.max))}"
            }
            return "{\"tokens\":\(tokens),\"iterations\":\(iterations),\"cases\":[\(items.joined(separator: ","))]}"
        }

        private func format(_ milliseconds: Double) -> String {
            let rounded = (milliseconds * 10_000).rounded() / 10_000
            return String(rounded)
        }
    }

    let tokens: Int
    let iterations: Int

    func run() -> Report {
        let context = CachedTokens(count: tokens)
        let completer = Completer()
        let lines = ["token revoke ", "token revoke 7f", "token revoke --name ", "token revoke --name ci-", "tok"]
        let cases = lines.map { line in
            var samples: [Double] = []
            samples.reserveCapacity(iterations)
            var candidates = 0
            for _ in 0..<iterations {
                let start = ContinuousClock.now
                let completion = completer.complete(textBeforeCursor: line, context: context)
                let elapsed = ContinuousClock.now - start
                candidates = completion.candidates.count
                samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3)
            }
            samples.sort()
            let percentile = { (q: Double) in samples[min(samples.count - 1, Int(q * Double(samples.count)))] }
            return Case(
                line: line, candidates: candidates, p50: percentile(0.5), p99: percentile(0.99),
                max: samples.last ?? 0)
        }
        return Report(tokens: tokens, iterations: iterations, cases: cases)
    }
}

/// A completion context holding what a `token list` of N tokens leaves in the session.
struct CachedTokens: CompletionContext {
    let tokenIDs: [String]
    let tokenNames: [String]

    init(count: Int) {
        var generator = SplitMix64(state: 42)
        var ids: [String] = []
        var names: [String] = []
        ids.reserveCapacity(count)
        names.reserveCapacity(count)
        let purposes = ["ci-read", "ci-publish", "laptop", "deploy", "renovate", "release"]
        for index in 0..<count {
            ids.append(String(generator.next(), radix: 16).prefix(8).description)
            names.append("\(purposes[index % purposes.count])-\(index)")
        }
        tokenIDs = ids
        tokenNames = names
    }
}
