"""Terminal safety: no way out of tokensh leaves the terminal without echo or in raw mode.

tokensh runs inside `bash -c` under a pseudo-terminal, and that bash runs `stty -a` before and
after it. A non-interactive bash is used on purpose: an interactive bash restores the terminal
itself when a foreground job dies of a signal, which would hide exactly the bug looked for here.
That bash traps TERM, HUP and QUIT (a trap, unlike an ignored signal, is not inherited): libedit
re-sends a signal it caught to its whole process group, and an interactive parent shell would
not be in that group or would ignore it.
"""

import os
import re
import shlex
import signal
import time

import pexpect
import pytest

from harness import tokensh_bin
from shell import PROMPT, ShellHome, wait_for_echo

PASSWORD = "correct-horse-7"


def flags(stty_output):
    """The on/off words of `stty -a` (`echo`, `-icanon`, ...), which is what a leak would change."""
    words = set()
    for line in stty_output.splitlines():
        if "=" in line or line.startswith("speed"):
            continue
        words.update(word for word in line.split() if re.fullmatch(r"-?[a-z0-9]+", word))
    return words


def children_of(pid):
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


class Wrapped:
    """`bash -c 'stty -a; tokensh ARGS; echo STATUS=$?; stty -a'` under a pseudo-terminal."""

    def __init__(self, user, *args, env=None):
        command = " ".join(shlex.quote(part) for part in [tokensh_bin(), *user.argv(*args)])
        script = f"trap : TERM HUP QUIT; stty -a; echo BEGIN; {command}; echo STATUS=$?; echo AFTER; stty -a; echo END"
        self.child = pexpect.spawn(
            "bash", ["--norc", "--noprofile", "-c", script],
            env=dict(user.env, **(env or {})), cwd=str(user.home), encoding="utf-8", timeout=20,
            dimensions=(40, 120),
        )
        self.child.expect("BEGIN")
        self.before = flags(self.child.before)

    def tokensh_pid(self):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            pids = children_of(self.child.pid)
            if pids:
                return pids[0]
            time.sleep(0.02)
        raise AssertionError("tokensh did not start")

    def finish(self):
        self.child.expect(r"STATUS=(\d+)")
        status = int(self.child.match.group(1))
        self.child.expect("AFTER")
        self.child.expect("END")
        after = flags(self.child.before)
        self.child.expect(pexpect.EOF)
        return status, after

    def close(self):
        self.child.close(force=True)


@pytest.fixture
def user(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    return ShellHome(tmp_path / "home", sandbox.url)


def assert_restored(before, after):
    assert "echo" in after and "-echo" not in after, sorted(after)
    assert "icanon" in after, sorted(after)
    assert after == before, f"changed: {sorted(before ^ after)}"


SIGNALS = {
    "SIGINT": (signal.SIGINT, 130),
    "SIGTERM": (signal.SIGTERM, 128 + signal.SIGTERM),
    "SIGHUP": (signal.SIGHUP, 128 + signal.SIGHUP),
    "SIGQUIT": (signal.SIGQUIT, 128 + signal.SIGQUIT),
}


@pytest.mark.parametrize("name", SIGNALS)
def test_a_signal_at_the_password_prompt_of_a_command_restores_echo(user, name):
    number, expected = SIGNALS[name]
    wrapped = Wrapped(user, "-c", "login --auth-type legacy --username alice")
    try:
        wrapped.child.expect("Password:")
        wait_for_echo(wrapped.child, on=False)  # the prompt is written just before echo goes off
        if number == signal.SIGINT:
            wrapped.child.sendintr()  # Ctrl-C from the keyboard, as a person would
        else:
            os.kill(wrapped.tokensh_pid(), number)
        status, after = wrapped.finish()
        assert status == expected
        assert_restored(wrapped.before, after)
    finally:
        wrapped.close()
    assert ":_authToken=" not in user.config_text()


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_signal_at_the_password_prompt_inside_the_interactive_shell(user, name):
    number, _ = SIGNALS[name]
    wrapped = Wrapped(user, "--no-history")
    try:
        wrapped.child.expect(PROMPT)
        wrapped.child.sendline("login --auth-type legacy --username alice")
        wrapped.child.expect("Password:")
        wait_for_echo(wrapped.child, on=False)
        if number == signal.SIGINT:
            wrapped.child.sendintr()
            wrapped.child.expect(PROMPT)  # Ctrl-C cancels the command, not the shell
            wrapped.child.sendline("exit")
        else:
            os.kill(wrapped.tokensh_pid(), number)
        status, after = wrapped.finish()
        assert status == (0 if number == signal.SIGINT else 128 + number)
        assert_restored(wrapped.before, after)
    finally:
        wrapped.close()


@pytest.mark.parametrize("way_out", ["exit", "ctrl-d", "SIGTERM", "SIGHUP", "SIGQUIT"])
def test_every_way_out_of_the_line_editor_restores_the_terminal(user, way_out):
    wrapped = Wrapped(user, "--no-history")
    try:
        wrapped.child.expect(PROMPT)
        wrapped.child.send("who")  # half a line typed: libedit is mid-edit once it has echoed it
        wrapped.child.expect_exact("who")
        if way_out == "exit":
            wrapped.child.send("\x15exit\r")
        elif way_out == "ctrl-d":
            wrapped.child.send("\x15")
            wrapped.child.sendeof()
        else:
            os.kill(wrapped.tokensh_pid(), SIGNALS[way_out][0])
        status, after = wrapped.finish()
        if way_out in SIGNALS:
            assert status == SIGNALS[way_out][1]
        else:
            assert status == 0
        assert_restored(wrapped.before, after)
    finally:
        wrapped.close()


def test_a_failing_login_after_the_prompt_restores_echo(user):
    wrapped = Wrapped(user, "-c", "login --auth-type legacy --username alice")
    try:
        wrapped.child.expect("Password:")
        wrapped.child.sendline("wrong-password")
        status, after = wrapped.finish()
        assert status == 3
        assert_restored(wrapped.before, after)
    finally:
        wrapped.close()
