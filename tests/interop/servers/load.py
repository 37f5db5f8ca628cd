#!/usr/bin/env python3
"""Load on the sandbox with wrk: whoami and a token-list page, N seconds at C connections each.

Prints requests/s, latency percentiles, errors and the sandbox's resident memory (sampled from
/proc while the load runs), and exits non-zero on any error, non-2xx answer or memory growth.
The benchmark reuses `run_load`; the test suite runs it briefly (test_hardening_load.py).

    TOKENSH_BIN=.build/release/tokensh python3 tests/interop/servers/load.py [--seconds 30] [--connections 64] [--json]
"""

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from harness import Sandbox  # noqa: E402

PASSWORD = "load-test-password-1"

LUA = r"""
wrk.headers["Authorization"] = "Bearer %s"
wrk.headers["npm-command"] = "%s"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests":%%d,"duration_us":%%d,"connect":%%d,"read":%%d,"write":%%d,"status":%%d,"timeout":%%d,' ..
    '"p50_us":%%d,"p90_us":%%d,"p99_us":%%d,"max_us":%%d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
"""


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def login(url, user="alice"):
    body = json.dumps({"_id": f"org.couchdb.user:{user}", "name": user, "password": PASSWORD, "type": "user",
                       "roles": [], "date": "2026-01-01T00:00:00.000Z"}).encode()
    request = urllib.request.Request(f"{url}-/user/org.couchdb.user:{user}", data=body, method="PUT",
                                     headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["token"]


def wrk(url, path, token, command, seconds, connections, threads, workdir):
    script = Path(workdir) / f"{command}.lua"
    script.write_text(LUA % (token, command))
    result = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s",
         "-s", str(script), url + path],
        capture_output=True, text=True, timeout=seconds + 60,
    )
    line = next((l for l in result.stdout.splitlines() if l.startswith("WRK ")), None)
    if result.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed: {result.stdout}\n{result.stderr}")
    figures = json.loads(line[4:])
    figures["requests_per_second"] = figures["requests"] / (figures["duration_us"] / 1e6)
    figures["errors"] = sum(figures[k] for k in ("connect", "read", "write", "status", "timeout"))
    return figures


def run_load(seconds=30, connections=64, threads=2, seed_tokens=200, workdir=None):
    """Starts a sandbox, loads whoami then one token-list page; returns the figures per endpoint."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed (apt-get install wrk)")
    workdir = workdir or tempfile.mkdtemp(prefix="tokensh-load-")
    sandbox = Sandbox(workdir, "--user", f"alice:{PASSWORD}", "--seed-tokens", str(seed_tokens))
    try:
        token = login(sandbox.url)
        results = {}
        for name, path in (("whoami", "-/whoami"), ("token-list", "-/npm/v1/tokens?page=1&perPage=25")):
            samples = []
            stop = threading.Event()

            def sample():
                while not stop.is_set():
                    samples.append((time.monotonic(), rss_kib(sandbox.proc.pid)))
                    stop.wait(0.25)

            sampler = threading.Thread(target=sample, daemon=True)
            before = rss_kib(sandbox.proc.pid)
            started = time.monotonic()
            sampler.start()
            figures = wrk(sandbox.url, path, token, name, seconds, connections, threads, workdir)
            stop.set()
            sampler.join()
            # Flat memory: what the process holds once warmed up (after the first quarter) against
            # the most it ever held.
            warm = [kib for at, kib in samples if at - started >= seconds / 4] or [kib for _, kib in samples]
            figures.update(
                rss_before_kib=before,
                rss_warm_kib=warm[0],
                rss_peak_kib=max(kib for _, kib in samples),
                rss_end_kib=rss_kib(sandbox.proc.pid),
            )
            results[name] = figures
        results["sandbox_alive"] = sandbox.proc.poll() is None
        return results
    finally:
        sandbox.stop()


def problems(results, growth_limit_kib=64 * 1024):
    found = []
    if not results.get("sandbox_alive"):
        found.append("the sandbox died under load")
    for name, figures in results.items():
        if not isinstance(figures, dict):
            continue
        if figures["errors"]:
            found.append(f"{name}: {figures['errors']} errors ({figures})")
        if figures["requests"] == 0:
            found.append(f"{name}: no request completed")
        growth = figures["rss_end_kib"] - figures["rss_warm_kib"]
        if growth > growth_limit_kib:
            found.append(f"{name}: memory grew {growth} KiB after warm-up")
    return found


def describe(results):
    lines = ["| endpoint | requests/s | p50 ms | p99 ms | max ms | errors | RSS warm → peak → end (MiB) |",
             "|---|---|---|---|---|---|---|"]
    for name, f in results.items():
        if not isinstance(f, dict):
            continue
        lines.append(
            f"| {name} | {f['requests_per_second']:.0f} | {f['p50_us'] / 1000:.2f} | {f['p99_us'] / 1000:.2f} | "
            f"{f['max_us'] / 1000:.1f} | {f['errors']} | "
            f"{f['rss_warm_kib'] / 1024:.1f} → {f['rss_peak_kib'] / 1024:.1f} → {f['rss_end_kib'] / 1024:.1f} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = run_load(args.seconds, args.connections, args.threads)
    print(json.dumps(results, indent=2) if args.json else describe(results))
    found = problems(results)
    for problem in found:
        print("problem: " + problem, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
