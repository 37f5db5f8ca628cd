"""Recordings for people: notes, `--step` replays with a resume point, `# needs:`, and an
asciicast of the terminal with every secret masked."""

import json
import os
import re
import shutil
import time

import pexpect
import pytest

from shell import PROMPT, ShellHome, listed
from shell import TOKEN_RE

PASSWORD = "correct-horse-7"
STEP_PROMPT = r"Run it\? \(y/n/skip/stop\) \[y\]: "


def create_taking_defaults(child, otp=None):
    """Answers every question of the token wizard with its default, the password prompt with
    the password and an OTP prompt with `otp()`; returns the token printed once."""
    for _ in range(30):
        found = child.expect(
            [TOKEN_RE, r"(?i)one-time[^\r\n]*: ", r"(?i)password[^\r\n]*: ", r"\[[^\]\r\n]*\]: "])
        if found == 0:
            return child.match.group(0)
        if found == 1:
            assert otp is not None, "an OTP was asked for a user without 2FA"
            child.sendline(otp())
        else:
            child.sendline(PASSWORD if found == 2 else "")
    raise AssertionError("the wizard kept asking")


def token_names(user):
    return [token["name"] for token in listed(user)]


def record_setup(sandbox, user):
    """Records setup.tksh with a note before each command, as a teammate would."""
    child = user.spawn()
    child.expect(PROMPT)
    for line, answer in [
        ("record start setup.tksh", "Recording to setup.tksh"),
        ("note Log in as the team's bot account", "Noted in setup.tksh"),
        ("login --auth-type legacy --username alice", None),
        ("note Check which account the registry sees", "Noted"),
        ("whoami", "alice"),
        ("note A read-only token for CI, valid 30 days", "Noted"),
        ("token create --name ci-read --packages-and-scopes-permission read-only --packages-all --expires 30", None),
        ("note See what tokens exist now", "Noted"),
        ("token list", "ci-read"),
        ("record stop", "Recorded 4 commands to setup.tksh"),
    ]:
        child.sendline(line)
        if line.startswith("login"):
            child.expect("(?i)password")
            child.sendline(PASSWORD)
            child.expect("(?i)logged in as alice")
        elif line.startswith("token create"):
            create_taking_defaults(child)
        else:
            child.expect(answer)
        child.expect(PROMPT)
    child.sendline("exit")
    child.expect(pexpect.EOF)
    return (user.home / "setup.tksh").read_text()


def test_a_recorded_script_with_notes_walks_through_with_step_skip_stop_and_resume(start_sandbox, tmp_path):
    first_sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    recorder = ShellHome(tmp_path / "recorder", first_sandbox.url)
    script = record_setup(first_sandbox, recorder)
    assert "# Log in as the team's bot account\nlogin --auth-type legacy --username alice\n" in script
    assert "# A read-only token for CI, valid 30 days\ntoken create --name ci-read" in script

    # A newcomer, on another registry, walks through it.
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    newcomer = ShellHome(tmp_path / "newcomer", sandbox.url)
    shutil.copy(recorder.home / "setup.tksh", newcomer.home / "setup.tksh")
    state = newcomer.home / ".local" / "state" / "tokensh" / "replay-progress"

    child = newcomer.spawn("--step", "setup.tksh")
    child.expect(r"Step 1 of 4 · setup.tksh:5\r\n  # Log in as the team's bot account\r\n")
    child.expect("login --auth-type legacy --username alice")
    child.expect("what it does: ")
    child.expect("npm: npm login")
    child.expect(STEP_PROMPT)
    child.sendline("y")
    child.expect("(?i)password")
    child.sendline(PASSWORD)
    child.expect("(?i)logged in as alice")
    child.expect(r"Step 2 of 4 · setup.tksh:7\r\n  # Check which account the registry sees\r\n  whoami\r\n")
    child.expect("npm: npm whoami")
    child.expect(STEP_PROMPT)
    child.sendline("skip")
    child.expect("Skipped setup.tksh:7")
    child.expect(r"Step 3 of 4 · setup.tksh:9\r\n  # A read-only token for CI, valid 30 days\r\n")
    child.expect("npm: npm token create")
    child.expect(STEP_PROMPT)
    child.sendline("stop")
    child.expect(r"Stopped before line 9\. `replay setup.tksh --step` \(or `tokensh --step setup.tksh`\) carries on")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "ci-read" not in token_names(newcomer), "step 3 did not run"
    assert state.read_text().startswith("7\t"), "the resume point is after the last step done"

    again = newcomer.spawn("--step", "setup.tksh")
    again.expect(r"stopped after line 7\. Carry on from there\?")
    again.sendline("")
    again.expect("Carrying on after line 7")
    again.expect(r"Step 3 of 4 · setup.tksh:9")
    before_step = again.before
    assert "Step 1 of 4" not in before_step and "Step 2 of 4" not in before_step
    again.expect(STEP_PROMPT)
    again.sendline("y")
    create_taking_defaults(again)
    again.expect(r"Step 4 of 4 · setup.tksh:11\r\n  # See what tokens exist now\r\n  token list")
    again.expect(STEP_PROMPT)
    again.sendline("")
    again.expect("ci-read")
    again.expect("Done: all 4 steps of setup.tksh.")
    again.expect(pexpect.EOF)
    again.close()
    assert again.exitstatus == 0
    assert token_names(newcomer).count("ci-read") == 1
    assert not state.exists() or state.read_text() == "", "a replay that went to the end leaves no resume point"


def test_replay_step_inside_the_shell_and_ctrl_c_at_the_question_stops(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    (user.home / "s.tksh").write_text("# Pick the scope\nset SCOPE=@acme\n# Show it\nset\n")
    child = user.spawn()
    child.expect(PROMPT)
    child.sendline("replay s.tksh --step")
    child.expect(r"Step 1 of 2 · s.tksh:2\r\n  # Pick the scope\r\n  set SCOPE=@acme")
    child.expect(STEP_PROMPT)
    child.sendline("y")
    child.expect(r"Step 2 of 2 · s.tksh:4")
    child.expect(STEP_PROMPT)
    child.sendcontrol("c")
    child.expect("Stopped before line 4")
    child.expect(PROMPT)
    child.sendline("set")
    child.expect("SCOPE=@acme")
    child.expect(PROMPT)
    child.sendline("exit")
    child.expect(pexpect.EOF)


def test_step_without_a_terminal_is_refused_before_anything_runs(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    (user.home / "s.tksh").write_text("whoami\n")
    result = user.run("--step", "s.tksh")
    assert result.returncode == 2
    assert "--step asks before each command" in result.stderr
    piped = user.run(input="replay s.tksh --step\n")
    assert piped.returncode == 2
    assert "--step asks before each command" in piped.stderr
    assert "GET /-/whoami" not in sandbox.log_text()


NEEDS_SCRIPT = """#!/usr/bin/env tokensh
# tokensh script v1
# needs: TEAM_SCOPE, ${CI_NAME}, DEPLOY_TOKEN
# Pick the scope.
set SCOPE=${TEAM_SCOPE}
ping
"""


def test_a_script_that_declares_needs_fails_before_its_first_command_naming_every_missing_one(
    start_sandbox, tmp_path
):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    script = user.home / "needs.tksh"
    script.write_text(NEEDS_SCRIPT)
    script.chmod(0o700)
    result = user.run("needs.tksh", env={"CI_NAME": "ci"})
    assert result.returncode == 2, result.stderr
    assert "needs.tksh needs TEAM_SCOPE, DEPLOY_TOKEN, which are not set" in result.stderr
    assert "export each of them in the environment before the replay" in result.stderr
    piped = user.run(input=NEEDS_SCRIPT)
    assert piped.returncode == 2
    assert "stdin needs TEAM_SCOPE, CI_NAME, DEPLOY_TOKEN, which are not set" in piped.stderr
    assert not re.search(r"^(GET|PUT|POST|DELETE|HEAD) /", sandbox.log_text(), re.M), "no line ran"

    ok = user.run("needs.tksh", env={"CI_NAME": "ci", "TEAM_SCOPE": "@acme", "DEPLOY_TOKEN": "x"})
    assert ok.returncode == 0, ok.stderr


def test_missing_needs_are_asked_once_at_a_terminal_a_secret_one_with_echo_off(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    (user.home / "needs.tksh").write_text(NEEDS_SCRIPT + "set\n")
    child = user.spawn("needs.tksh", env={"CI_NAME": "ci"})
    child.expect("needs.tksh needs TEAM_SCOPE, DEPLOY_TOKEN")
    child.expect("TEAM_SCOPE: ")
    child.sendline("@acme")
    child.expect(r"DEPLOY_TOKEN \(hidden\): ")
    child.sendline("not-echoed-value-42")
    child.expect("SCOPE=@acme")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "not-echoed-value-42" not in child.before


def cast_events(path):
    lines = path.read_text().splitlines()
    header = json.loads(lines[0])
    events = [json.loads(line) for line in lines[1:]]
    return header, events


def test_a_cast_of_login_create_and_list_is_asciicast_v2_with_every_secret_masked(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"bob:{PASSWORD}:otp", totp_users=["bob"])
    user = ShellHome(tmp_path / "home", sandbox.url)
    transcript = Transcript()
    child = user.spawn()
    child.logfile_read = transcript
    child.expect(PROMPT)
    child.sendline("record start setup.tksh --cast demo.cast")
    child.expect("recorded to demo.cast too")
    child.expect(PROMPT)
    child.sendline("login --auth-type legacy --username bob")
    child.expect("(?i)password")
    child.sendline(PASSWORD)
    child.expect("(?i)one-time")
    first_code = sandbox.otp("bob")
    child.sendline(first_code)
    child.expect("(?i)logged in as bob")
    child.expect(PROMPT)
    child.sendline(
        "token create --name demo --packages-and-scopes-permission read-only --packages-all --expires 7")
    codes = [first_code]

    def next_code():
        codes.append(sandbox.otp("bob", at=time.time() + 30 * len(codes)))
        return codes[-1]

    token = create_taking_defaults(child, otp=next_code)
    child.expect(PROMPT)
    child.sendline("token list")
    child.expect("demo")
    child.expect(PROMPT)
    child.sendline("record stop")
    child.expect("Play it with `asciinema play demo.cast`")
    child.expect(PROMPT)
    child.sendline("exit")
    child.expect(pexpect.EOF)

    cast = user.home / "demo.cast"
    assert cast.stat().st_mode & 0o777 == 0o600
    header, events = cast_events(cast)
    assert header["version"] == 2 and header["width"] == 120 and header["height"] == 40
    assert isinstance(header["timestamp"], int)
    times = [event[0] for event in events]
    assert times == sorted(times) and all(isinstance(t, float) for t in times)
    assert all(event[1] == "o" and isinstance(event[2], str) for event in events)
    raw = cast.read_text()
    text = "".join(event[2] for event in events)
    for secret in [token, PASSWORD, *codes]:
        assert secret not in raw and secret not in text
    assert token[4:12] not in raw, "no part of the token's start"
    assert "npm_••••…" + token[-4:] in text, "the token shows as the terminal showed it, masked"
    assert "login --auth-type legacy --username bob" in text, "the typed line is in the recording"
    assert "token list" in text and "demo" in text

    assert_terminal_showed(text, transcript, token)


class Transcript:
    """What a pexpect child wrote to its terminal, kept whole."""

    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)

    def flush(self):
        pass

    def text(self):
        return "".join(self.parts)


def assert_terminal_showed(recorded, transcript, token):
    """Every line the recording shows is a line the terminal showed, once the token is masked.

    Compared without white space: the line editor wraps a long typed line where the terminal's
    width ends, which a recording of the finished line does not."""
    shown = re.sub(r"\s+", "", strip_terminal(transcript.text().replace(token, "npm_••••…" + token[-4:])))
    lines = [line.strip() for line in strip_terminal(recorded).splitlines() if line.strip()]
    assert len(lines) >= 5
    for line in lines:
        assert re.sub(r"\s+", "", line) in shown, f"the terminal never showed {line!r}"


def strip_terminal(text):
    """The text a terminal would show: escape sequences dropped, a backspace taking back the
    character before it (the line editor wraps a long line with a space and a backspace), and a
    carriage return starting the line over."""
    while "\b" in text:
        text = re.sub(r"[^\b\n]\x08", "", text, count=1) if re.search(r"[^\b\n]\x08", text) else text.replace("\b", "")
    text = re.sub(r"\x1b\[[0-9;?]*[ -/]*[@-~]", "", text)
    text = re.sub(r"\x1b[()][A-Za-z0-9]|\x1b[=>]", "", text)
    return "\n".join(part.split("\r")[-1] for part in text.replace("\r\n", "\n").split("\n"))


@pytest.mark.skipif(shutil.which("asciinema") is None, reason="asciinema is installed by scripts/test")
def test_asciinema_plays_the_cast_back_as_the_terminal_showed_it(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    transcript = Transcript()
    child = user.spawn("--record-cast", "demo.cast", env={"TOKENSH_PASSWORD": PASSWORD})
    child.logfile_read = transcript
    child.expect(PROMPT)
    child.sendline("login --auth-type legacy --username alice")
    child.expect("(?i)logged in as alice")
    child.expect(PROMPT)
    child.sendline(
        "token create --name played --packages-and-scopes-permission read-only --packages-all --expires 7")
    token = create_taking_defaults(child)
    child.expect(PROMPT)
    child.sendline("exit")
    child.expect(r"Play it with `(asciinema play demo.cast)`")
    command = child.match.group(1)
    child.expect(pexpect.EOF)

    # asciinema reads keys from /dev/tty even for `cat`: run it at a terminal.
    cat = pexpect.spawn("asciinema", ["cat", "demo.cast"], cwd=str(user.home), env=dict(user.env),
                        encoding="utf-8", timeout=30, dimensions=(40, 120))
    cat.expect(pexpect.EOF)
    played = cat.before
    cat.close()
    assert cat.exitstatus == 0, played
    assert token not in played and PASSWORD not in played
    assert "npm_••••…" + token[-4:] in played
    assert "logged in as alice" in played.lower()
    assert_terminal_showed(played, transcript, token)

    # The line tokensh printed to copy works when pasted (under a terminal, as a person would).
    player = pexpect.spawn("/bin/sh", ["-c", command], cwd=str(user.home), env=dict(user.env),
                           encoding="utf-8", timeout=30, dimensions=(40, 120))
    player.expect("npm_••••…" + token[-4:])
    player.expect(pexpect.EOF)
    player.close()
    assert player.exitstatus == 0


def test_lines_history_leaves_out_are_left_out_of_the_cast_even_when_the_secret_is_learnt_later(
    start_sandbox, tmp_path
):
    """A password typed at the prompt by mistake, then used to log in; `--password=` refused."""
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    child = user.spawn("--record-cast", "s.cast")
    child.expect(PROMPT)
    child.sendline("login --password=hunterTWO-secret --username alice")
    child.expect("refused")
    child.expect(PROMPT)
    child.sendline(PASSWORD)
    child.expect("unknown command")
    child.expect(PROMPT)
    child.sendline(" whoami")
    child.expect(PROMPT)
    child.sendline("login --auth-type legacy --username alice")
    child.expect("(?i)password")
    child.sendline(PASSWORD)
    child.expect("(?i)logged in as alice")
    child.expect(PROMPT)
    child.sendline("exit")
    child.expect(pexpect.EOF)
    raw = (user.home / "s.cast").read_text()
    assert "hunterTWO-secret" not in raw
    assert PASSWORD not in raw
    _, events = cast_events(user.home / "s.cast")
    text = "".join(event[2] for event in events)
    assert text.count("•••• (not shown: it may hold a secret)") >= 2
    assert "login --auth-type legacy --username alice" in text


def test_a_record_start_that_fails_leaves_no_file_and_record_stop_keeps_the_session_cast(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    (user.home / "taken.cast").write_text("keep me")
    first = user.spawn()
    first.expect(PROMPT)
    first.sendline("record start a.tksh --cast taken.cast")
    first.expect("taken.cast already exists")
    first.expect(PROMPT)
    assert not (user.home / "a.tksh").exists(), "nothing was started, nothing was left"
    first.sendline("record start a.tksh --cast a.tksh")
    first.expect("cannot both be a.tksh")
    first.expect(PROMPT)
    first.sendline("exit")
    first.expect(pexpect.EOF)
    assert not (user.home / "a.tksh").exists()

    child = user.spawn("--record-cast", "session.cast")
    child.expect(PROMPT)
    child.sendline("record start a.tksh")
    child.expect("Recording to a.tksh")
    child.expect(PROMPT)
    child.sendline("record stop")
    child.expect("Recorded 0 commands")
    child.expect(PROMPT)
    child.sendline("help ping")
    child.expect("npm ping")
    child.expect(PROMPT)
    child.sendline("exit")
    child.expect("Terminal recording saved to session.cast")
    child.expect(pexpect.EOF)
    assert (user.home / "taken.cast").read_text() == "keep me"
    _, events = cast_events(user.home / "session.cast")
    assert "help ping" in "".join(event[2] for event in events), "record stop left the session's recording on"


def test_a_fifo_as_the_cast_is_refused_at_once(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    os.mkfifo(user.home / "f.cast")
    result = user.run("--record-cast", "f.cast", "-c", "help", timeout=20)
    assert result.returncode == 1
    assert "f.cast already exists" in result.stderr
    child = user.spawn()
    child.expect(PROMPT)
    child.sendline("record start g.tksh --cast f.cast --force")
    child.expect("not a regular file")
    child.expect(PROMPT)
    assert not (user.home / "g.tksh").exists()
    child.sendline("exit")
    child.expect(pexpect.EOF)
