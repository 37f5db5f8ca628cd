"""The token create wizard under a pseudo-terminal: defaults, `?`, TAB, Ctrl-C."""

import re

import pexpect

from shell import PROMPT, listed, logged_in
from shell import TOKEN_RE

PASSWORD = "correct-horse-7"


def test_wizard_defaults_help_and_tab(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD)
    child = user.spawn()
    child.expect(PROMPT)
    child.sendline("token create")
    child.expect(r"Purpose \[ci-install\]: ")
    child.sendline("?")
    child.expect("trusted publishing")
    child.expect(r"Purpose \[ci-install\]: ")
    child.sendline("")
    child.expect(r"Token name \[tokensh-read-\d{8}\]: ")
    child.sendline("")
    child.expect(r"Description \(optional\) \[none\]: ")
    child.sendline("")
    child.expect(r"Packages and scopes permission \[read-only\]: ")
    child.send("read-o\t")
    child.expect("nly")
    child.send("\r")
    child.expect(r"Which packages and scopes .*\[all\]: ")
    assert "choose one of" not in child.before, "TAB completed the permission name"
    child.sendline("")
    child.expect(r"Organizations permission \[no-access\]: ")
    child.sendline("")
    child.expect(r"Expires in how many days \[30\]: ")
    child.sendline("")
    child.expect(r"Allowed IPv4 ranges .*\[any\]: ")
    child.sendline("")
    child.expect("npm equivalent: npm token create --name tokensh-read-")
    child.expect(r"Create this token\?")
    child.sendline("")
    child.expect("(?i)password")
    child.sendline(PASSWORD)
    child.expect(r"Save to \[none\]: ")
    child.sendline("")
    child.expect(TOKEN_RE)
    token = child.after
    child.expect(PROMPT)
    transcript = child.before
    assert token not in transcript, "the token is shown exactly once"
    assert "${NPM_TOKEN}" in transcript
    child.sendline("exit")
    child.expect(pexpect.EOF)
    [entry] = listed(user)
    assert entry["access"] == "read-only" and entry["expires"] and entry["name"].startswith("tokensh-read-")
    assert token not in user.history.read_text()


def test_ctrl_c_in_the_wizard_creates_nothing(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD)
    before = len(listed(user))
    child = user.spawn()
    child.expect(PROMPT)
    child.sendline("token create --preset ci-publish")
    child.expect(r"Token name \[")
    child.sendline("release")
    child.expect(r"Description")
    child.send("\x03")
    child.expect("nothing was created")
    child.expect(PROMPT)
    child.sendline("exit")
    child.expect(pexpect.EOF)
    assert len(listed(user)) == before
    posts = [line for line in sandbox.log_text().splitlines() if "POST" in line and "/-/npm/v1/tokens" in line]
    assert posts == []


def test_leaving_the_save_question_revokes_the_token_nobody_saw(start_sandbox, tmp_path):
    """Ctrl-C or Ctrl-D at "Save to", once the token exists: it is revoked, never left live and
    unseen, and the shell goes on."""
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD)
    child = user.spawn()
    child.expect(PROMPT)
    for leave in ("c", "d", "c"):
        child.sendline("token create --name unseen --packages-and-scopes-permission read-only --packages-all "
                       "--expires 7")
        while child.expect([r"Save to \[none\]: ", r"Create this token\?[^\r\n]*: ", r"(?i)password: ",
                            r"\]: "]) != 0:
            child.sendline(PASSWORD if "assword" in child.after else "")
        child.sendcontrol(leave)
        child.expect("no place was chosen for the new token; the new token was revoked")
        child.expect(PROMPT)
        assert listed(user) == [], f"a token left live after Ctrl-{leave.upper()}"
    child.sendline("exit")
    child.expect(pexpect.EOF)
