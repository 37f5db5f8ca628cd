"""The interactive shell under a pseudo-terminal, as a person would use it."""

import re
import time

import pexpect

from shell import PROMPT, ShellHome

PASSWORD = "correct-horse-7"


def read_history(path):
    """libedit's history file: a `_HiStOrY_V2_` header, then lines with octal escapes (strvis)."""
    raw = path.read_text()
    assert raw.startswith("_HiStOrY_V2_\n")
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), raw)


def test_prompt_completion_ctrl_c_login_whoami_and_history(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    child = user.spawn()
    child.expect(PROMPT)
    assert child.after.startswith("tokensh ")
    assert sandbox.host_port in child.after

    # TAB completes a command and a subcommand: the completed lines run as typed in full.
    # (libedit redraws only what changed, so the screen is checked by what the line does.)
    child.send("who\t")
    child.expect("ami ")
    child.send("\r")
    child.expect("not logged in")
    child.expect(PROMPT)
    child.send("config g\t")
    child.expect("et ")
    child.send("registry\r")
    child.expect(re.escape(sandbox.url))
    child.expect(PROMPT)

    # Ctrl-C drops the half-typed line and gives a fresh prompt; the shell runs on.
    child.send("token crea")
    child.send("\x03")
    child.expect(PROMPT)
    child.sendline("help whoami")
    child.expect("npm whoami")
    child.expect(PROMPT)

    # A legacy login asks for the password without echoing it.
    child.sendline("login --auth-type legacy --username alice")
    child.expect("(?i)password")
    child.sendline(PASSWORD)
    child.expect("(?i)logged in")
    child.expect(PROMPT)
    assert PASSWORD not in child.before
    assert "alice@" in child.after, "after a login the prompt names the user"

    child.sendline("whoami")
    child.expect("alice")
    child.expect(PROMPT)

    # Ctrl-D on an empty line exits 0.
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    history = read_history(user.history)
    assert "whoami" in history and "help whoami" in history
    assert PASSWORD not in history
    assert oct(user.history.stat().st_mode & 0o777) == "0o600"

    # After a restart the history is there: Up arrow recalls the last command.
    again = user.spawn()
    again.expect(PROMPT)
    again.send("\x1b[A")
    again.expect("whoami")
    again.sendline("")
    again.expect("alice")
    again.sendline("exit")
    again.expect(pexpect.EOF)
    again.close()
    assert again.exitstatus == 0


def test_two_factor_login_prompts_for_the_code(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"bob:{PASSWORD}:otp", totp_users=["bob"])
    user = ShellHome(tmp_path / "home", sandbox.url)
    child = user.spawn()
    child.expect(PROMPT)
    child.sendline("login --auth-type legacy --username bob")
    child.expect("(?i)password")
    child.sendline(PASSWORD)
    child.expect("(?i)one-time")
    code = sandbox.otp("bob")
    child.sendline(code)
    child.expect("(?i)logged in")
    child.expect(PROMPT)
    child.sendline("exit")
    child.expect(pexpect.EOF)
    history = read_history(user.history)
    assert "login --auth-type legacy --username bob" in history
    assert PASSWORD not in history and code not in history
