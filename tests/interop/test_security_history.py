"""History forgets a secret it learns late: a password pasted at the shell prompt by mistake is a
harmless-looking line until the same text is used to log in."""

import pexpect

from shell import PROMPT, ShellHome
from test_shell_interactive import read_history

PASSWORD = "Pasted-by-mistake-7Hq"


def test_security_18_a_password_pasted_at_the_prompt_leaves_history_once_used(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    child = user.spawn()
    child.expect(PROMPT)
    child.sendline("tips")
    child.expect(PROMPT)
    child.sendline(PASSWORD)  # meant for a password prompt, typed at the shell's
    child.expect("unknown command")
    child.expect(PROMPT)
    assert PASSWORD in user.history.read_text(), "until it is known to be a secret, it is an ordinary line"

    child.sendline("login --auth-type legacy --username alice")
    child.expect(r"(?i)password: ")
    child.sendline(PASSWORD)
    child.expect("Logged in as alice")
    child.expect(PROMPT)
    assert PASSWORD not in user.history.read_text(), "the file forgets it as soon as it is known"

    # Up twice goes past the login to the line before it: `tips`, not the password.
    child.send("\x1b[A")
    child.expect("login --auth-type legacy --username alice")
    child.send("\x1b[A")
    child.send("\r")
    child.expect(PROMPT)
    recalled = child.before
    assert PASSWORD not in recalled and "unknown command" not in recalled, recalled
    assert "Tips on handling npm tokens" in recalled, recalled
    child.sendline("exit")
    child.expect(pexpect.EOF)
    child.close()

    history = read_history(user.history)
    assert PASSWORD not in history
    assert "tips" in history and "login --auth-type legacy --username alice" in history
