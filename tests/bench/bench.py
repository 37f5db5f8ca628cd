"""Side-by-side timings of tokensh, the npm CLI and curl against one seeded sandbox.

Pairs run alternately in one loop so that machine noise hits both sides; the table shows
medians, spreads (p10-p90), ratios and peak RSS. Figures, not assertions.

    TOKENSH_BIN=.build/release/tokensh TOKENSH_BENCH_BIN=.build/release/tokensh-bench \
        python3 tests/bench/bench.py [--quick] [--json]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "interop"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import Npm, Sandbox  # noqa: E402
import measure  # noqa: E402

PASSWORD = "bench-password"
SEEDED_TOKENS = 1000
REPLAY_LINES = 1000
NOT_MEASURED = "not measured yet"


class Bench:
    def __init__(self, quick):
        self.quick = quick
        self.runs = 3 if quick else 15
        self.rows = []
        self.tmp = Path(tempfile.mkdtemp(prefix="tokensh-bench-"))
        self.tokensh = os.environ.get("TOKENSH_BIN")
        self.completion_bin = os.environ.get("TOKENSH_BENCH_BIN")
        self.sandbox = Sandbox(self.tmp, "--user", f"alice:{PASSWORD}", "--seed-tokens", str(SEEDED_TOKENS))

    def close(self):
        self.sandbox.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # --- set-up -----------------------------------------------------------------------

    def prepare(self):
        self.npm = Npm(self.tmp, self.sandbox.url)
        status, output = self.npm.login_legacy("alice", PASSWORD)
        if status != 0:
            raise RuntimeError("npm login failed: " + output)
        self.token = self.npm.token()
        self.env = dict(self.npm.env, TERM="xterm", LANG="C.UTF-8", XDG_STATE_HOME=str(self.tmp / "state"))
        self.curl_config = self.tmp / "curl.cfg"
        self.curl_config.write_text(f'header = "authorization: Bearer {self.token}"\n')
        self.curl_config.chmod(0o600)

    def tokensh_argv(self, *args):
        return [self.tokensh, "--userconfig", str(self.npm.userconfig), "--registry", self.sandbox.url, *args]

    def tokensh_works(self, *args):
        if not self.tokensh:
            return False
        ok, _, _ = measure.succeeds(self.tokensh_argv(*args), self.env, cwd=self.tmp)
        return ok

    # --- cases ------------------------------------------------------------------------

    def alternate(self, cases, runs=None):
        """Runs each (name, argv) once per round, round after round; samples per name."""
        samples = {name: [] for name, _ in cases}
        for _ in range(runs or self.runs):
            for name, argv in cases:
                sample, _ = measure.timed(argv, self.env, cwd=self.tmp)
                samples[name].append(sample)
        return samples

    def add(self, case, samples, compared=None, ratio=None, note=""):
        seconds = [sample.seconds for sample in samples]
        median, low, high = measure.summary(seconds)
        peak = max((sample.peak_kib for sample in samples), default=0)
        self.rows.append({
            "case": case, "median_ms": median * 1000, "p10_ms": low * 1000, "p90_ms": high * 1000,
            "peak_rss_mib": peak / 1024 if peak else None, "compared": compared, "ratio": ratio, "note": note,
            "runs": len(samples),
        })
        return median

    def add_missing(self, case, why):
        self.rows.append({"case": case, "note": f"{NOT_MEASURED}: {why}"})

    def whoami(self):
        cases = [("npm whoami", self.npm.argv("whoami")),
                 ("curl whoami", ["curl", "-sf", "-K", str(self.curl_config), self.sandbox.url + "-/whoami"])]
        works = self.tokensh_works("-c", "whoami")
        if works:
            cases.insert(0, ("tokensh -c whoami", self.tokensh_argv("-c", "whoami")))
        samples = self.alternate(cases)
        npm = self.add("npm whoami", samples["npm whoami"])
        curl = self.add("curl whoami (floor)", samples["curl whoami"])
        if not works:
            self.add_missing("tokensh -c whoami", "`tokensh -c whoami` does not succeed")
            return
        mine = self.add("tokensh -c whoami", samples["tokensh -c whoami"], compared="npm whoami",
                        ratio=npm / mine_or(samples["tokensh -c whoami"]))
        self.rows[-1]["note"] = f"{mine / curl:.2f}x curl"

    def exec_overhead(self):
        """What `tokensh exec` costs on top of the program it runs: config, credential, memfd, spawn."""
        true = shutil.which("true") or "/bin/true"
        mine = [self.tokensh, "exec", "--userconfig", str(self.npm.userconfig), "--registry", self.sandbox.url,
                "--", true] if self.tokensh else None
        if not mine or not measure.succeeds(mine, self.env, cwd=self.tmp)[0]:
            self.add_missing("tokensh exec -- true", "`tokensh exec -- true` does not succeed")
            return
        samples = self.alternate([("true", [true]), ("exec", mine)])
        alone = self.add("true (floor)", samples["true"])
        wrapped = self.add("tokensh exec -- true", samples["exec"])
        self.rows[-1]["note"] = f"+{(wrapped - alone) * 1000:.1f} ms over running `true` directly"

    def token_list(self):
        npm_case = ("npm token list", self.npm.argv("token", "list"))
        if not self.tokensh_works("-c", "token list"):
            samples = self.alternate([npm_case])
            self.add(f"npm token list ({SEEDED_TOKENS} tokens)", samples["npm token list"])
            self.add_missing(f"tokensh -c 'token list' ({SEEDED_TOKENS} tokens)", "`tokensh -c 'token list'` fails")
            return
        mine_case = ("tokensh token list", self.tokensh_argv("-c", "token list"))
        samples = self.alternate([mine_case, npm_case])
        npm = self.add(f"npm token list ({SEEDED_TOKENS} tokens)", samples["npm token list"])
        self.add(f"tokensh -c 'token list' ({SEEDED_TOKENS} tokens)", samples["tokensh token list"],
                 compared="npm token list", ratio=npm / mine_or(samples["tokensh token list"]))

    def first_prompt(self):
        npm_samples, mine, floor = [], [], []
        home = self.tmp / "pty-home"
        home.mkdir(exist_ok=True)
        env = dict(self.env, HOME=str(home))
        for _ in range(self.runs):
            sample, _ = measure.timed(self.npm.argv("--version"), self.env, cwd=self.tmp)
            npm_samples.append(sample)
            seconds, child = measure.first_prompt(["/bin/sh", "-c", "printf 'tokensh x> '; read x"], env, home)
            child.sendline("")
            child.close()
            floor.append(measure.Sample(seconds))
            seconds, child = measure.first_prompt(self.tokensh_argv(), env, home)
            measure.finish_session(child)
            mine.append(measure.Sample(seconds))
        npm = self.add("npm --version (npm starting any command)", npm_samples)
        self.add("first prompt, pty floor (sh printf)", floor)
        self.add("tokensh first prompt (pty)", mine, compared="npm --version", ratio=npm / mine_or(mine))
        self.interactive_session(env, home)

    def interactive_session(self, env, home):
        """Peak RSS of a session that starts, runs whoami (and token list when it works), exits."""
        rss_file = self.tmp / "interactive.rss"
        seconds, child = measure.first_prompt(self.tokensh_argv(), env, home, rss_file=rss_file)
        commands = ["whoami"] + (["token list"] if self.tokensh_works("-c", "token list") else [])
        for command in commands:
            measure.settle(child)
            child.sendline(command)
            child.expect(measure.PROMPT)
        measure.finish_session(child)
        peak = measure.read_rss(rss_file)
        self.rows.append({"case": "interactive session peak RSS (" + ", ".join(commands) + ")",
                          "peak_rss_mib": peak / 1024 if peak else None, "note": "under /usr/bin/time"})

    def replay(self):
        script = self.tmp / "replay.tksh"
        script.write_text("#!/usr/bin/env tokensh\n# tokensh script v1\n" + "whoami\n" * REPLAY_LINES)
        by_file = self.tokensh_works(str(script))
        argv = self.tokensh_argv(str(script)) if by_file else self.tokensh_argv()
        stdin = None if by_file else script
        how = "tokensh FILE" if by_file else "tokensh < FILE (piped)"
        samples, connections = [], []
        for _ in range(1 if self.quick else 5):
            before = len(self.sandbox.log_text().splitlines())
            sample, _ = measure.timed(argv, self.env, stdin_path=stdin, cwd=self.tmp)
            samples.append(sample)
            lines = self.sandbox.log_text().splitlines()[before:]
            peers = {part for line in lines if "/-/whoami" in line for part in line.split() if part.startswith("peer=")}
            connections.append(len(peers) if peers else None)
        self.add(f"replay of {REPLAY_LINES} whoami lines ({how})", samples)
        median = self.rows[-1]["median_ms"] / 1000
        counted = [c for c in connections if c is not None]
        self.rows[-1]["commands_per_s"] = REPLAY_LINES / median
        self.rows[-1]["connections"] = max(counted) if counted else None
        accepted = f"{max(counted)} TCP connection(s) accepted" if counted else "connections: the log has no peer"
        self.rows[-1]["note"] = f"{REPLAY_LINES / median:,.0f} commands/s; {accepted}"

    def completion(self):
        if not self.completion_bin or not os.path.exists(self.completion_bin):
            self.add_missing("TAB completion, 5,000 cached tokens", "no tokensh-bench binary")
            return
        iterations = "300" if self.quick else "3000"
        result = subprocess.run([self.completion_bin, "--tokens", "5000", "--iterations", iterations, "--json"],
                                capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            self.add_missing("TAB completion, 5,000 cached tokens", result.stderr.strip()[:200])
            return
        for case in json.loads(result.stdout)["cases"]:
            self.rows.append({"case": f"TAB completion, 5,000 tokens: `{case['line']}`",
                              "median_ms": case["p50_ms"], "p99_ms": case["p99_ms"],
                              "note": f"p99 {case['p99_ms']:.3f} ms, {case['candidates']} candidates, in process"})

    def load(self):
        seconds = 2 if self.quick else 10
        for name, path in (("whoami", "-/whoami"), ("token list page", "-/npm/v1/tokens")):
            result = measure.wrk(self.sandbox.url + path, self.token, seconds)
            self.rows.append({"case": f"sandbox {name} under wrk ({seconds} s, 32 connections)",
                              "rps": result["rps"], "p99_ms": result["p99_ms"], "errors": result["errors"],
                              "note": f"{result['rps']:,.0f} req/s, p99 {result['p99_ms']:.2f} ms, "
                                      f"{result['errors']} errors"})


def mine_or(samples):
    return measure.summary([sample.seconds for sample in samples])[0]


def render(rows, runs):
    lines = [f"| case | median | p10-p90 | ratio | peak RSS | notes |  ({runs} alternating runs per pair)",
             "|---|---|---|---|---|---|"]
    for row in rows:
        median = f"{row['median_ms']:.2f} ms" if row.get("median_ms") is not None else ""
        spread = f"{row['p10_ms']:.1f}-{row['p90_ms']:.1f} ms" if row.get("p10_ms") is not None else ""
        ratio = f"{row['ratio']:.1f}x faster than {row['compared']}" if row.get("ratio") else ""
        peak = f"{row['peak_rss_mib']:.1f} MiB" if row.get("peak_rss_mib") else ""
        lines.append(f"| {row['case']} | {median} | {spread} | {ratio} | {peak} | {row.get('note', '')} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="few runs, to prove the harness works")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    bench = Bench(args.quick)
    try:
        bench.prepare()
        for step in (bench.whoami, bench.exec_overhead, bench.token_list, bench.first_prompt, bench.replay,
                     bench.completion, bench.load):
            print(f"bench: {step.__name__}", file=sys.stderr, flush=True)
            step()
    finally:
        bench.close()
    if args.json:
        print(json.dumps({"runs": bench.runs, "rows": bench.rows}, indent=2))
    else:
        print(render(bench.rows, bench.runs))


if __name__ == "__main__":
    main()
