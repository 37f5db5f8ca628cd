"""`tokensh --sandbox` runs the sandbox registry as a child process and stops it on exit."""

import os
import select
import signal
import subprocess

import pexpect

from harness import tokensh_bin
from shell import PROMPT, ShellHome


def server_children(pid):
    result = subprocess.run(["ps", "-o", "pid=,comm=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(line.split()[0]) for line in result.stdout.splitlines() if "tokensh-sandbox" in line]


def spawn_practice(home, env=None):
    return pexpect.spawn(
        tokensh_bin(), ["--sandbox"], env=dict(home.env, **(env or {})), cwd=str(home.home), encoding="utf-8",
        timeout=60, dimensions=(40, 120),
    )


def exits_within(pid, seconds):
    """Waits on a pidfd (readable once the process has ended), not by polling."""
    try:
        descriptor = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        readable, _, _ = select.select([descriptor], [], [], seconds)
        return bool(readable)
    finally:
        os.close(descriptor)


def test_practice_mode_logs_in_to_its_own_sandbox_and_stops_it_on_exit(tmp_path):
    home = ShellHome(tmp_path / "home", "https://registry.invalid/")
    child = spawn_practice(home, {"TOKENSH_PASSWORD": "demo-password"})
    child.expect(r"practice mode: a sandbox registry at http://127\.0\.0\.1:\d+/")
    child.expect(PROMPT)
    servers = server_children(child.pid)
    assert len(servers) == 1, "the sandbox runs as one tokensh-sandbox child"
    child.sendline("login --auth-type legacy --username demo")
    child.expect(PROMPT)
    child.sendline("whoami")
    child.expect(r"\r\ndemo\r\n")
    child.expect(PROMPT)
    assert "GET /-/whoami" not in child.before, "practice mode prints no access log"
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert exits_within(servers[0], 10), "the sandbox outlived the shell"


def test_the_sandbox_stops_when_the_shell_is_killed(tmp_path):
    home = ShellHome(tmp_path / "home", "https://registry.invalid/")
    child = spawn_practice(home)
    child.expect(PROMPT)
    servers = server_children(child.pid)
    assert len(servers) == 1
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    assert exits_within(servers[0], 10), "the sandbox outlived a killed shell"
