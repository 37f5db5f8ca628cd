"""Bugs found where the parts meet (issue "Sound seams"): each test is named after its bug."""

import ctypes
import ctypes.util
import fcntl
import locale
import platform
import re
import subprocess
import time
from pathlib import Path

import pexpect

from harness import tokensh_bin
from shell import PROMPT, ShellHome, listed, logged_in

PASSWORD = "correct-horse-7"


def numbered_lines(text):
    """`history` output as (number, line) pairs."""
    return [(int(m.group(1)), m.group(2)) for m in re.finditer(r"^ *(\d+)  (.*?)\r?$", text, re.M)]


def test_seams_bug_1_history_lists_the_typed_commands(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    child = user.spawn()
    child.expect(PROMPT)
    for line in ("help whoami", "help ping", "config get registry"):
        child.sendline(line)
        child.expect(PROMPT)
    child.sendline("history")
    child.expect(PROMPT)
    assert numbered_lines(child.before) == [(1, "help whoami"), (2, "help ping"), (3, "config get registry")]
    child.sendline("history 2")
    child.expect(PROMPT)
    assert numbered_lines(child.before) == [(3, "config get registry"), (4, "history")]
    child.sendline("exit")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
