"""Driving the built tokensh binary: under a pseudo-terminal (pexpect) or with pipes."""

import json
import os
import re
import subprocess
import termios
import time
from pathlib import Path

import pexpect

from harness import tokensh_bin


class ShellHome:
    """A throw-away HOME with its own npm user config, for one tokensh user."""

    def __init__(self, path, registry):
        self.home = Path(path)
        self.home.mkdir(parents=True, exist_ok=True)
        self.registry = registry
        self.userconfig = self.home / ".npmrc"
        self.history = self.home / ".local" / "state" / "tokensh" / "history"
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.home),
            "TERM": "xterm",
            "LANG": "C.UTF-8",
            "npm_config_update_notifier": "false",
            "npm_config_fetch_retries": "0",
            "npm_config_cache": str(self.home / ".npm-cache"),
        }

    def argv(self, *args):
        return ["--registry", self.registry, "--userconfig", str(self.userconfig), *args]

    def spawn(self, *args, env=None):
        argv = self.argv(*args)
        merged = dict(self.env, **(env or {}))
        child = pexpect.spawn(
            tokensh_bin(), argv, env=merged, cwd=str(self.home), encoding="utf-8", timeout=20, dimensions=(40, 120)
        )
        return child

    def run(self, *args, input=None, env=None, timeout=60, cwd=None):
        merged = dict(self.env, **(env or {}))
        return subprocess.run(
            [tokensh_bin(), *self.argv(*args)],
            input=input,
            capture_output=True,
            text=True,
            env=merged,
            cwd=cwd or self.home,
            timeout=timeout,
            stdin=None if input is not None else subprocess.DEVNULL,
        )

    def config_text(self):
        return self.userconfig.read_text() if self.userconfig.exists() else ""


PROMPT = r"tokensh [^\r\n]*> "
# A token of the sandbox (npm's format); terminal escapes a prompt may end with; a question's
# `[default]` at the end of what the terminal shows.
TOKEN_RE = re.compile(r"npm_[A-Za-z0-9]{36}")
ESCAPES = r"(?:\x1b\[[0-9;?]*[A-Za-z])*"
QUESTION = r"\[[^\]\r\n]{0,80}\][ :?>]{0,3}" + ESCAPES + "$"


def wait_for_echo(child, on, timeout=10):
    """Polls the pseudo-terminal's ECHO flag until it is `on` (or off): what a password prompt
    switches, read from the terminal itself rather than guessed with a sleep."""
    deadline = time.monotonic() + timeout
    while True:
        echo = bool(termios.tcgetattr(child.child_fd)[3] & termios.ECHO)
        if echo == on:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"the terminal's echo did not go {'on' if on else 'off'} within {timeout} s")
        time.sleep(0.01)


def logged_in(start_sandbox, tmp_path, password, *args):
    """A sandbox with the user alice (and `args`), and a home logged in to it as alice."""
    sandbox = start_sandbox("--user", f"alice:{password}", *args)
    user = ShellHome(tmp_path / "home", sandbox.url)
    result = user.run("-c", "login --auth-type legacy --username alice", env={"TOKENSH_PASSWORD": password})
    assert result.returncode == 0, result.stderr
    return sandbox, user


def listed(user):
    """`token list --json` for the user, parsed."""
    result = user.run("--json", "-c", "token list")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
