"""Side-by-side timings of tokensh, the npm CLI and curl against one sandbox.

Pairs run alternately in one loop so that machine noise hits both sides; the table shows
medians, spreads (p10-p90) and ratios. Figures, not assertions.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "interop"))
from harness import Npm, Sandbox  # noqa: E402

PASSWORD = "bench-password"


def timed(argv, env, stdin=None):
    start = time.perf_counter()
    result = subprocess.run(argv, env=env, stdin=stdin, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{argv[0]} failed: {result.stderr.strip()[:300]}")
    return elapsed


def summary(samples):
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]
    return statistics.median(ordered), pick(0.1), pick(0.9)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="few runs, to prove the harness works")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    runs = 3 if args.quick else 15

    tmp = Path(tempfile.mkdtemp(prefix="tokensh-bench-"))
    sandbox = Sandbox(tmp, "--user", f"alice:{PASSWORD}", "--seed-tokens", "0")
    try:
        npm = Npm(tmp, sandbox.url)
        status, output = npm.login_legacy("alice", PASSWORD)
        if status != 0:
            raise RuntimeError("npm login failed: " + output)
        token = npm.token()
        curl_config = tmp / "curl.cfg"
        curl_config.write_text(f'header = "authorization: Bearer {token}"\n')
        curl_config.chmod(0o600)

        cases = {
            "npm whoami": npm.argv("whoami"),
            "curl whoami": [shutil.which("curl") or "curl", "-sf", "-K", str(curl_config), sandbox.url + "-/whoami"],
        }
        tokensh = os.environ.get("TOKENSH_BIN")
        env = dict(npm.env)
        if tokensh:
            probe = subprocess.run([tokensh, "--userconfig", str(npm.userconfig), "--registry", sandbox.url, "-c", "whoami"],
                                   env=env, capture_output=True, text=True)
            if probe.returncode == 0 and probe.stdout.strip() == "alice":
                cases["tokensh -c whoami"] = [tokensh, "--userconfig", str(npm.userconfig), "--registry", sandbox.url,
                                              "-c", "whoami"]
        samples = {name: [] for name in cases}
        for _ in range(runs):
            for name, argv in cases.items():
                samples[name].append(timed(argv, env))
        results = {name: summary(values) for name, values in samples.items()}
    finally:
        sandbox.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    baseline = results["npm whoami"][0]
    if args.json:
        print(json.dumps({name: {"median_s": m, "p10_s": lo, "p90_s": hi, "runs": runs}
                          for name, (m, lo, hi) in results.items()}, indent=2))
        return
    print(f"| case | median | p10-p90 | npm whoami / case |  ({runs} runs each, alternating)")
    print("|---|---|---|---|")
    for name, (median, low, high) in results.items():
        print(f"| {name} | {median * 1000:.1f} ms | {low * 1000:.1f}-{high * 1000:.1f} ms | {baseline / median:.1f}x |")
    if "tokensh -c whoami" not in results:
        print("(tokensh -c whoami is not measured: the shell does not run commands yet)")


if __name__ == "__main__":
    main()
