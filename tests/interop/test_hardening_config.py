"""Config integrity: a kill -9 at any moment leaves the user config old or new, never partial,
and concurrent writers lose nothing.

The write path is a real one: `login --scope @S --save user` with the token supplied by
TOKENSH_TOKEN (the unattended login of design §2; without --save user that token is never
saved) checks the token with whoami, then adds `@S:registry=URL` and the registry's
`_authToken` line to the user config through the locked, atomic writer.
"""

import os
import random
import statistics
import subprocess
import time

import pytest

from harness import tokensh_bin
from shell import ShellHome

PASSWORD = "correct-horse-7"
KILL_RUNS = int(os.environ.get("HARDENING_KILL_RUNS", "200"))


@pytest.fixture
def registry(start_sandbox, tmp_path):
    """A sandbox and a real token for alice on it."""
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    setup = ShellHome(tmp_path / "setup", sandbox.url)
    login = setup.run("-c", "login --auth-type legacy --username alice", env={"TOKENSH_PASSWORD": PASSWORD})
    assert login.returncode == 0, login.stderr
    token = next(line.split("=", 1)[1] for line in setup.config_text().splitlines() if ":_authToken=" in line)
    return sandbox, token


def big_config(sandbox, token):
    """A user config large enough that writing it takes a while, already holding the login."""
    lines = [f"# line {n}: a comment that must survive byte for byte ; with = signs" for n in range(4000)]
    lines.append(f"{sandbox.nerf}:_authToken={token}")
    return "\n".join(lines) + "\n"


def leftovers(folder, name=".npmrc"):
    return sorted(entry for entry in os.listdir(folder) if entry.startswith(f".{name}.tmp"))


def test_kill_9_at_random_moments_leaves_the_config_old_or_new(registry, tmp_path):
    sandbox, token = registry
    user = ShellHome(tmp_path / "home", sandbox.url)
    user.userconfig.write_text(big_config(sandbox, token))
    os.chmod(user.userconfig, 0o600)
    env = dict(user.env, TOKENSH_TOKEN=token)

    def start(scope):
        return subprocess.Popen(
            [tokensh_bin(), *user.argv("-c", f"login --scope @{scope} --save user")],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=user.home,
        )

    # How long a whole run takes, so that kills land anywhere from start-up to the last rename.
    durations = []
    for n in range(5):
        began = time.monotonic()
        proc = start(f"warmup{n}")
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        durations.append(time.monotonic() - began)
    window = statistics.median(durations) * 1.2

    # A fresh seed each run covers new moments; HARDENING_SEED replays a failure's.
    seed = int(os.environ.get("HARDENING_SEED") or random.SystemRandom().randrange(2**32))
    replay = f"seed {seed} (HARDENING_SEED={seed} replays it)"
    print(replay)
    rng = random.Random(seed)
    outcomes = {"old": 0, "new": 0}
    for n in range(KILL_RUNS):
        old = user.userconfig.read_bytes()
        scope = f"kill{n}"
        expected = f"@{scope}:registry={sandbox.url}\n".encode()
        proc = start(scope)
        time.sleep(rng.uniform(0, window))
        proc.kill()
        proc.communicate(timeout=30)
        now = user.userconfig.read_bytes()
        if now == old:
            outcomes["old"] += 1
        else:
            assert expected in now, f"run {n}: the config is neither old nor new ({len(now)} bytes); {replay}"
            assert now.replace(expected, b"", 1) == old, f"run {n}: more than the new line changed; {replay}"
            outcomes["new"] += 1
        assert oct(os.stat(user.userconfig).st_mode & 0o777) == "0o600", replay
    print(f"kill -9 runs: {KILL_RUNS}, window {window * 1000:.0f} ms, outcomes {outcomes}")
    assert outcomes["old"] > 0 and outcomes["new"] > 0, f"{outcomes}; {replay}"  # kills landed before and after the write

    # A writer killed while holding the lock must not block the next one, and whatever temporary
    # files dead writers left are cleaned up by it.
    proc = start("after")
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert f"@after:registry={sandbox.url}" in user.config_text()
    assert leftovers(user.home) == []


def test_four_processes_writing_fifty_entries_each_lose_nothing(registry, tmp_path):
    sandbox, token = registry
    user = ShellHome(tmp_path / "home", sandbox.url)
    user.userconfig.write_text("# shared config\nfund=false\n")
    os.chmod(user.userconfig, 0o600)
    env = dict(user.env, TOKENSH_TOKEN=token)
    writers, each = 4, 50

    def argv(process):
        commands = []
        for n in range(each):
            commands += ["-c", f"login --scope @p{process}-{n} --save user"]
        return [tokensh_bin(), *user.argv(*commands)]

    procs = [
        subprocess.Popen(
            argv(p), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
            cwd=user.home,
        )
        for p in range(writers)
    ]
    errors = [proc.communicate(timeout=300)[1] for proc in procs]
    assert [proc.returncode for proc in procs] == [0] * writers, errors

    text = user.config_text()
    missing = [
        f"@p{p}-{n}"
        for p in range(writers)
        for n in range(each)
        if f"@p{p}-{n}:registry={sandbox.url}\n" not in text
    ]
    assert missing == [], f"{len(missing)} entries lost, e.g. {missing[:5]}"
    assert text.startswith("# shared config\nfund=false\n")
    assert text.count(f"{sandbox.nerf}:_authToken=") == 1
    assert oct(os.stat(user.userconfig).st_mode & 0o777) == "0o600"
    assert leftovers(user.home) == []
