"""The interactive shell under a pseudo-terminal, as a person would use it."""

import re
import sys

import pexpect

from shell import PROMPT, ShellHome

PASSWORD = "correct-horse-7"


def read_history(path):
    """libedit's history file: a `_HiStOrY_V2_` header, then lines with octal escapes (strvis)."""
    raw = path.read_text()
    assert raw.startswith("_HiStOrY_V2_\n")
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), raw)


def run_recalled_line(user, expected):
    """A new shell whose Up arrow recalls `expected`, which Enter then runs."""
    child = user.spawn()
    child.expect(PROMPT)
    child.send("\x1b[A")
    child.expect(expected)
    child.sendline("")
    return child


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
    again = run_recalled_line(user, "whoami")
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


def test_two_shells_at_once_keep_both_histories(start_sandbox, tmp_path):
    """Each shell appends its own lines; neither rewrites the file from its memory."""
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    first = user.spawn()
    first.expect(PROMPT)
    second = user.spawn()
    second.expect(PROMPT)
    for child, line in [(first, "help whoami"), (second, "help login"), (first, "help token"), (second, "help ping")]:
        child.sendline(line)
        child.expect(PROMPT)
    first.sendline("help token")  # a repeat of the previous line is not stored twice
    first.expect(PROMPT)
    for child in (first, second):
        child.sendeof()
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
    lines = read_history(user.history).splitlines()
    assert lines[0] == "_HiStOrY_V2_"
    assert lines[1:] == ["help whoami", "help login", "help token", "help ping"]
    assert oct(user.history.stat().st_mode & 0o777) == "0o600"

    # A new shell reads all of them: Up recalls the last line either shell entered.
    again = run_recalled_line(user, "help ping")
    again.expect(PROMPT)
    again.sendeof()
    again.expect(pexpect.EOF)


def test_a_long_history_file_is_cut_back_when_a_shell_starts(start_sandbox, tmp_path):
    """Appending lets the file grow; past twice the 1,000-line limit the newest 1,000 are kept."""
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    user.history.parent.mkdir(parents=True, exist_ok=True)
    user.history.write_text("_HiStOrY_V2_\n" + "".join(f"help\\040{n}\n" for n in range(2500)))
    user.history.chmod(0o644)
    child = user.spawn()
    child.expect(PROMPT)
    child.sendline("whoami")
    child.expect(PROMPT)
    child.sendeof()
    child.expect(pexpect.EOF)
    lines = read_history(user.history).splitlines()
    assert lines[0] == "_HiStOrY_V2_"
    assert lines[1] == "help 1500" and lines[-2] == "help 2499" and lines[-1] == "whoami"
    assert len(lines) == 1 + 1000 + 1
    assert oct(user.history.stat().st_mode & 0o777) == "0o600"
    assert not list(user.history.parent.glob("*.tmp-*"))


BROWSER_SCRIPT = """#!{python}
# A stand-in browser: records the URL it was given and approves the login as a person would.
import os, re, sys, urllib.parse, urllib.request
url = sys.argv[1]
with open(os.environ["BROWSER_LOG"], "a") as log:
    log.write(url + "\\n")
page = urllib.request.urlopen(url, timeout=10).read().decode()
action = re.search(r'<form[^>]*action="([^"]*)"', page)
target = urllib.parse.urljoin(url, action.group(1)) if action else url
form = urllib.parse.urlencode({{"username": "alice", "password": os.environ["BROWSER_PASSWORD"]}}).encode()
urllib.request.urlopen(urllib.request.Request(target, data=form, method="POST"), timeout=10).read()
"""


def test_web_login_offers_the_browser_and_polls_until_approved(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    browser = tmp_path / "browser"
    browser.write_text(BROWSER_SCRIPT.format(python=sys.executable))
    browser.chmod(0o700)
    log = tmp_path / "browser.log"
    child = user.spawn(
        env={"BROWSER": str(browser), "BROWSER_LOG": str(log), "BROWSER_PASSWORD": PASSWORD}
    )
    child.expect(PROMPT)
    child.sendline("login --auth-type web")
    child.expect(r"Login at:\s+(http://\S+)")
    login_url = child.match.group(1)
    child.expect(r"Open it in your browser\? \[Y/n\]")
    child.sendline("")
    child.expect("(?i)logged in as alice", timeout=30)
    child.expect(PROMPT)
    assert "alice@" in child.after
    child.sendline("exit")
    child.expect(pexpect.EOF)
    assert log.read_text().split() == [login_url], "the browser got the login URL, once"
    assert login_url.startswith(sandbox.url)
    assert user.run("-c", "whoami").stdout.strip() == "alice"
