"""The interactive shell under a pseudo-terminal, as a person would use it."""

import re
import time

import pexpect

from shell import PROMPT, ShellHome

PASSWORD = "correct-horse-7"


def test_prompt_completion_ctrl_c_login_whoami_and_history(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    child = user.spawn()
    child.expect(PROMPT)
    assert child.after.startswith("tokensh ")
    assert sandbox.host_port in child.after

    # TAB completes a command and a subcommand.
    child.send("who\t")
    child.expect("whoami")
    child.send("\x15")  # Ctrl-U clears the line
    child.send("config g\t")
    child.expect("config get")

    # Ctrl-C drops the half-typed line and gives a fresh prompt; the shell runs on.
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

    history = user.history.read_text()
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
    assert PASSWORD not in user.history.read_text() and code not in user.history.read_text()
