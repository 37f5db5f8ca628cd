"""The issue's main acceptance test: a recorded terminal session that logs in, creates two tokens
with the wizard, lists them and revokes one, replayed unattended against a fresh sandbox."""

import json
import re
import socket

import pexpect
import pytest

from shell import PROMPT, ShellHome
from shell import TOKEN_RE, ESCAPES, QUESTION

PASSWORD = "correct-horse-7"
CIDR = "192.0.2.0/24"
# A question waiting for its answer ends the output so far: its default in brackets, then at most
# a colon or question mark (and whatever escape sequences the line editor adds).
PASSWORD_PROMPT = r"(?i)password: *" + ESCAPES + "$"


def commands_unavailable(tmp_path, *commands):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    user = ShellHome(tmp_path / "probe", f"http://127.0.0.1:{port}/")
    for command in commands:
        result = user.run("-c", command)
        if "not available in this version" in result.stderr:
            return command
    return None


@pytest.fixture
def token_commands(tmp_path):
    missing = commands_unavailable(tmp_path, "token create --name probe", "token list", "token revoke --name probe")
    if missing:
        pytest.skip(f"`{missing}` is not available in this build yet")


def answer_wizard(child, seen):
    """Takes every default the wizard offers, types the password when asked, until the prompt."""
    while True:
        index = child.expect([PASSWORD_PROMPT, QUESTION, PROMPT], timeout=30)
        seen.append(child.before + child.after)
        if index == 0:
            child.sendline(PASSWORD)
        elif index == 1:
            child.sendline("")
        else:
            return "".join(seen)


def tokens_of(user):
    listing = user.run("-c", "token list --json")
    assert listing.returncode == 0, listing.stderr
    return sorted((t["name"], t["access"], tuple(t["cidr"]), t["kind"]) for t in json.loads(listing.stdout))


def test_recorded_token_session_replays_to_the_same_state(token_commands, start_sandbox, tmp_path):
    first = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", first.url)
    child = user.spawn()
    child.expect(PROMPT)
    child.sendline("record start tokens.tksh")
    child.expect(PROMPT)
    child.sendline("login --auth-type legacy --username alice")
    child.expect("(?i)password")
    child.sendline(PASSWORD)
    child.expect("(?i)logged in as alice")
    child.expect(PROMPT)

    shown = []
    child.sendline(f"token create --name ci-read --cidr {CIDR}")
    answer_wizard(child, shown)
    child.sendline("token create --name pkg-read --packages @acme/one,@acme/two")
    answer_wizard(child, shown)
    created = set(TOKEN_RE.findall("".join(shown)))
    assert len(created) >= 2, "".join(shown)

    child.sendline("token list")
    child.expect(PROMPT)
    table = child.before
    row = next(line for line in table.splitlines() if "ci-read" in line)
    short_id = row.split()[0]
    child.sendline(f"token revoke {short_id}")
    while child.expect([r"\[[yY]/[nN]\]", PROMPT]) == 0:
        child.sendline("y")
    child.sendline("record stop")
    child.expect(PROMPT)
    child.sendline("exit")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    text = (user.home / "tokens.tksh").read_text()
    assert text.startswith("#!/usr/bin/env tokensh\n# tokensh script v1\n# recorded ")
    assert PASSWORD not in text
    for token in created:
        assert token not in text
    assert TOKEN_RE.search(text) is None
    lines = text.splitlines()
    ci = next(line for line in lines if line.startswith("token create --name ci-read"))
    for flag in ("--packages-and-scopes-permission read-only", "--packages-all", "--expires 30", f"--cidr {CIDR}"):
        assert flag in ci, ci
    pkg = next(line for line in lines if line.startswith("token create --name pkg-read"))
    assert "--packages @acme/one,@acme/two" in pkg, pkg
    assert "--packages-and-scopes-permission read-only" in pkg
    assert "token list" in lines
    assert "token revoke --name ci-read --yes" in lines, "confirmed at the terminal, so the replay needs no answer"
    assert "login --auth-type legacy --username alice" in lines

    # Unattended against a fresh sandbox: the same tokens, permissions and CIDRs.
    second = start_sandbox("--user", f"alice:{PASSWORD}")
    other = ShellHome(tmp_path / "other", second.url)
    replay = other.run(str(user.home / "tokens.tksh"), env={"TOKENSH_PASSWORD": PASSWORD})
    assert replay.returncode == 0, replay.stderr
    assert PASSWORD not in replay.stdout + replay.stderr
    assert tokens_of(other) == tokens_of(user)
    assert [t[0] for t in tokens_of(other)] == ["pkg-read"]
