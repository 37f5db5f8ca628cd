"""`guide` under a pseudo-terminal: the newcomer's walkthrough in practice mode, resume and restart."""

import json
import os
import re
import stat

import pexpect

from harness import tokensh_bin
from shell import PROMPT, ShellHome

RUN = r"Run it\? \(y/n/skip\) \[y\]: "
NPM_LINES = ["npm config get registry", "npm ping", "npm login", "npm whoami", "npm token create", "npm token list"]


def spawn_practice(home):
    return pexpect.spawn(
        tokensh_bin(), ["--sandbox"], env=dict(home.env), cwd=str(home.home), encoding="utf-8", timeout=60,
        dimensions=(40, 160),
    )


def start_guide(child, command="guide"):
    child.expect(r"\(password: (\S+)\)")
    password = child.match.group(1)
    child.expect(PROMPT)
    child.sendline(command)
    return password


def accept(child, pattern):
    child.expect(pattern)
    child.sendline("")


def test_newcomer_accepting_defaults_ends_with_a_stored_read_only_token_and_a_script_that_replays(
    tmp_path, start_sandbox
):
    home = ShellHome(tmp_path / "home", "https://registry.invalid/")
    child = spawn_practice(home)
    password = start_guide(child)
    seen = []

    def step(pattern):
        child.expect(pattern)
        seen.append(child.before)

    accept(child, r"Registry \[current\]: ")
    step(RUN)
    child.sendline("")
    step(RUN)  # ping
    child.sendline("")
    step(r"\(web\) or username and password \(legacy\)\? \[legacy\]: ")
    child.sendline("")
    accept(child, r"Username \[demo\]: ")
    step(RUN)  # login
    child.sendline("")
    child.expect(r"(?i)password: ")
    child.sendline(password)
    child.expect("Logged in as demo")
    step(RUN)  # whoami
    child.sendline("")
    child.expect(r"Token name \[(tokensh-read-\d{8})\]: ")
    name = child.match.group(1)
    child.sendline("")
    child.expect(r"file +~/\.config/tokensh/" + name + r"\.token \(mode 0600")
    child.expect(r"Save to \[keyring\]: ")
    child.sendline("file")
    step(RUN)  # token create
    child.sendline("")
    while child.expect([r"Create this token\?[^\r\n]*: ", r"\]: "]) == 1:
        child.sendline("")
    child.sendline("")
    child.expect(r"(?i)password: ")
    child.sendline(password)
    child.expect(r"Saved the token in (\S+) \(mode 0600\)")
    token_file = child.match.group(1)
    step(r"_authToken=\$\{NPM_TOKEN\}")
    step(RUN)  # token list
    child.sendline("")
    child.expect(name)
    listing_start = child.after
    child.expect("Step 8 of 8")
    listing = listing_start + child.before
    child.expect(r"source: https://")
    accept(child, r"Save the 5 commands the guide ran as a replayable script\? \[Y/n\]: ")
    accept(child, r"Script file \[tokensh-guide\.tksh\]: ")
    child.expect(r"Saved tokensh-guide\.tksh")
    child.expect(PROMPT)
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()

    transcript = "".join(seen)
    for npm in NPM_LINES:
        assert npm in transcript, f"no npm equivalent `{npm}` shown"
    assert "read-only" in listing and re.search(r"20\d\d-\d\d-\d\d", listing), listing
    path = home.home / ".config" / "tokensh" / f"{name}.token"
    assert str(path) == token_file
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert re.fullmatch(r"npm_[A-Za-z0-9]{36}\n", path.read_text())

    script = (home.home / "tokensh-guide.tksh").read_text()
    assert script.startswith("#!/usr/bin/env tokensh\n# tokensh script v1\n")
    assert "login --auth-type legacy --username demo\n" in script
    assert re.search(r"token create --name " + name + r" .*--save '?file:~/\.config/tokensh/" + name, script), script
    assert "npm_" not in script and password not in script

    sandbox = start_sandbox("--user", "demo:demo-password")
    other = ShellHome(tmp_path / "other", sandbox.url)
    assert not (other.home / ".config").exists(), "a fresh machine: the replay makes the folder itself"
    replay = other.run(str(home.home / "tokensh-guide.tksh"), env={"TOKENSH_PASSWORD": "demo-password"})
    assert replay.returncode == 0, replay.stderr
    tokens = json.loads(other.run("-c", "token list --json").stdout)
    created = [token for token in tokens if token["name"] == name]
    assert len(created) == 1 and created[0]["access"] == "read-only" and created[0]["expires"], tokens
    assert stat.S_IMODE(os.stat(other.home / ".config" / "tokensh" / f"{name}.token").st_mode) == 0o600
    assert stat.S_IMODE(os.stat(other.home / ".config" / "tokensh").st_mode) == 0o700


def test_ctrl_c_pauses_the_guide_and_guide_resumes_then_restart_begins_again(tmp_path):
    home = ShellHome(tmp_path / "home", "https://registry.invalid/")
    child = spawn_practice(home)
    start_guide(child)
    accept(child, r"Registry \[current\]: ")
    accept(child, RUN)
    accept(child, RUN)  # ping
    child.expect("PONG")
    child.expect(r"\[legacy\]: ")
    child.sendcontrol("c")
    child.expect("guide paused at step 3")
    child.expect(PROMPT)
    progress = json.loads((home.home / ".local" / "state" / "tokensh" / "guide.json").read_text())
    assert progress["outcomes"] == {"registry": "done", "ping": "done"}

    child.sendline("guide")
    child.expect(r"Resuming the guide at step 3 of 8: log in")
    child.expect(r"\[legacy\]: ")
    child.sendcontrol("c")
    child.expect(PROMPT)

    child.sendline("guide --restart")
    child.expect(r"Step 1 of 8: choose the registry")
    child.expect(r"Registry \[current\]: ")
    child.sendcontrol("c")
    child.expect(PROMPT)
    progress = json.loads((home.home / ".local" / "state" / "tokensh" / "guide.json").read_text())
    assert progress["outcomes"] == {}
    child.sendeof()
    child.expect(pexpect.EOF)


def test_guide_without_a_terminal_refuses_with_exit_2(tmp_path):
    home = ShellHome(tmp_path / "home", "https://registry.invalid/")
    result = home.run("-c", "guide")
    assert result.returncode == 2
    assert "guide is interactive" in result.stderr
