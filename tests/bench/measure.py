"""Measuring primitives for the benchmarks: wall time and peak RSS of a child, a pseudo-terminal
session, wrk, and summaries. Figures only; nothing here asserts a time."""

import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

PROMPT = re.compile(rb"tokensh [^\r\n]*> ")


class Sample:
    """One run: wall seconds and the child's peak resident set in KiB (0 when unknown)."""

    def __init__(self, seconds, peak_kib=0):
        self.seconds = seconds
        self.peak_kib = peak_kib


def timed(argv, env, stdin_path=None, cwd=None):
    """Wall time and peak RSS of one run, reaped with wait4 so the rusage is this child's alone."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    out_file = tempfile.TemporaryFile()
    err_file = tempfile.TemporaryFile()
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdin=stdin, stdout=out_file, stderr=err_file, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err_file.seek(0)
            detail = err_file.read().decode(errors="replace")[:300]
            raise RuntimeError(f"{' '.join(map(str, argv[:4]))} failed ({proc.returncode}): {detail}")
        out_file.seek(0)
        return Sample(elapsed, usage.ru_maxrss), out_file.read()
    finally:
        out_file.close()
        err_file.close()
        if stdin_path:
            stdin.close()


def succeeds(argv, env, cwd=None):
    result = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, stdin=subprocess.DEVNULL, timeout=120)
    return result.returncode == 0, result.stdout.decode(errors="replace"), result.stderr.decode(errors="replace")


def first_prompt(argv, env, cwd, rss_file=None):
    """Seconds from spawn until the prompt text appears under a pseudo-terminal; then Ctrl-D."""
    import pexpect

    command = argv
    if rss_file is not None:
        command = [time_binary(), "-f", "%M", "-o", str(rss_file), *argv]
    start = time.perf_counter()
    child = pexpect.spawn(command[0], command[1:], env=env, cwd=str(cwd), timeout=30, dimensions=(40, 120))
    child.expect(PROMPT)
    elapsed = time.perf_counter() - start
    return elapsed, child


def finish_session(child):
    """Ctrl-D until the shell ends: a key typed while libedit is still switching the terminal
    to raw mode can be dropped with the pending input, so one Ctrl-D is not always seen."""
    import pexpect

    for _ in range(20):
        child.sendeof()
        if child.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=1) == 0:
            break
    child.close()


def settle(child, timeout=10):
    """Waits until the line editor has put the terminal in its own (non-canonical) mode after
    the prompt appears, so typed input is not flushed away: polled on the terminal's ICANON
    flag, not guessed with a sleep."""
    import termios

    deadline = time.monotonic() + timeout
    while termios.tcgetattr(child.child_fd)[3] & termios.ICANON:
        if time.monotonic() > deadline:
            raise AssertionError(f"the line editor did not take the terminal within {timeout} s")
        time.sleep(0.005)


def time_binary():
    return shutil.which("time", path="/usr/bin:/bin") or "/usr/bin/time"


def read_rss(path):
    try:
        return int(Path(path).read_text().strip().splitlines()[-1])
    except (OSError, ValueError, IndexError):
        return 0


def wrk(url, token, seconds, connections=32, threads=2):
    """Requests per second, p99 latency (ms) and error count of a wrk run against url."""
    argv = [
        shutil.which("wrk") or "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
        "-H", f"authorization: Bearer {token}", url,
    ]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60)
    text = result.stdout
    rps = float(_search(r"Requests/sec:\s+([\d.]+)", text, "0"))
    p99 = _latency_ms(_search(r"^\s+99%\s+(\S+)", text, "0us"))
    errors = int(_search(r"Non-2xx or 3xx responses:\s+(\d+)", text, "0"))
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if socket:
        errors += sum(int(value) for value in socket.groups())
    requests = int(_search(r"(\d+) requests in", text, "0"))
    return {"rps": rps, "p99_ms": p99, "errors": errors, "requests": requests}


def _search(pattern, text, default):
    match = re.search(pattern, text, re.MULTILINE)
    return match.group(1) if match else default


def _latency_ms(value):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    if not match:
        return 0.0
    number, unit = float(match.group(1)), match.group(2)
    return number * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def summary(values):
    """Median, p10, p90 of a list of numbers."""
    ordered = sorted(values)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]
    return statistics.median(ordered), pick(0.1), pick(0.9)
