"""Secrets in what tokensh shows and writes: a registry URL's password, and input echoed back
in error messages (an expanded `${TOKENSH_TOKEN}`, a password pasted at the prompt)."""

import json
import os
import re

import pexpect

from shell import PROMPT, ShellHome

URL_PASSWORD = "SECRETPW-q7Zr"
STAND_IN = "standin-Kx81-abcdef"
PASTED = "Hunter2!pasted%9x"
ANSWER = r"[^\r\n]*\[[^\]\r\n]*\]: "


def files_under(root):
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            if os.path.isfile(path) and not os.path.islink(path):
                yield path


def leaks(root, texts, needle):
    found = [path for path in files_under(root) if needle.encode() in open(path, "rb").read()]
    found += [label for label, text in texts if needle in text]
    return found


class Transcript:
    def __init__(self):
        self.parts = []

    def write(self, data):
        self.parts.append(data)

    def flush(self):
        pass

    def __str__(self):
        return "".join(self.parts)


def run_guide_to_the_end(child):
    """The guide with the current registry: registry and ping run, every later step skipped,
    then its commands saved as a script."""
    runs = 0
    while True:
        index = child.expect(
            [
                r"Save the \d+ commands? the guide ran[^\r\n]*\[Y/n\]: ",
                r"Run it\? \(y/n/skip\) \[y\]: ",
                r"Username[^\r\n]*: ",
                r"Script file \[[^\]]*\]: ",
                r"\[Y/n\]: ",
                ANSWER,
                PROMPT,
            ],
            timeout=30,
        )
        if index == 0:
            child.sendline("y")
        elif index == 1:
            runs += 1
            child.sendline("y" if runs <= 2 else "n")
        elif index == 2:
            child.sendline("alice")
        elif index == 3:
            child.sendline("")
        elif index == 4:
            child.sendline("n")
        elif index == 5:
            child.sendline("")
        else:
            return


def test_security_02_a_password_in_the_registry_url_is_never_shown_or_written(start_sandbox, tmp_path):
    # The URL's userinfo is alice's own login: npm sends it as Basic auth, and so may tokensh, to
    # that registry only.
    sandbox = start_sandbox("--user", f"alice:{URL_PASSWORD}")
    url = sandbox.url.replace("http://", f"http://alice:{URL_PASSWORD}@")
    redacted = sandbox.url.replace("http://", "http://alice:***@")
    user = ShellHome(tmp_path / "home", url)
    texts = []

    def run(*args, env=None):
        result = user.run(*args, env=env)
        texts.append((f"stdout of {args}", result.stdout))
        texts.append((f"stderr of {args}", result.stderr))
        return result

    before_login = run("-c", "whoami")
    assert before_login.returncode == 3 and redacted in before_login.stderr, before_login.stderr
    recorded = run("--record", "rec.tksh", "-c", "ping", "-c", "registry", "-c", f"registry {url}")
    assert recorded.returncode == 0, recorded.stderr
    assert f"PONG from {redacted}" in recorded.stdout
    assert f"Using {redacted}" in recorded.stdout
    as_json = run("--json", "-c", "ping", "-c", "registry")
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout.splitlines()[0])["registry"] == redacted
    login = run("-c", "login --auth-type legacy --username alice", env={"TOKENSH_PASSWORD": URL_PASSWORD})
    assert login.returncode == 0, login.stderr
    assert f"on {redacted}" in login.stdout
    assert f"{sandbox.nerf}:_authToken=npm_" in user.config_text()
    header = (user.home / "rec.tksh").read_text()
    assert f"against {redacted}" in header

    transcript = Transcript()
    child = user.spawn()
    child.logfile_read = transcript
    child.expect(PROMPT)
    for line in ["registry", "ping", f"registry {url}", "whoami"]:
        child.sendline(line)
        child.expect(PROMPT)
    child.sendline("guide")
    run_guide_to_the_end(child)
    child.sendline("exit")
    child.expect(pexpect.EOF)
    child.close()
    script = (user.home / "tokensh-guide.tksh").read_text()
    assert f"against {redacted}" in script and "ping" in script
    assert user.history.exists() and "ping" in user.history.read_text()
    # Typed by the person, the URL shows on the terminal as typed: only what tokensh prints counts.
    shown = str(transcript).replace(f"registry {url}", "")
    texts.append(("terminal", shown))

    assert leaks(user.home, texts, URL_PASSWORD) == []


def error_lines(text):
    return [line for line in text.splitlines() if "error" in line]


def test_security_17_error_messages_never_echo_a_secret(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", "alice:pw-alice-17")
    user = ShellHome(tmp_path / "home", sandbox.url)
    env = {"TOKENSH_TOKEN": STAND_IN}
    inputs = ["help ${TOKENSH_TOKEN}", "registry ${TOKENSH_TOKEN}", PASTED]
    for mode in [[], ["--json"]]:
        for line in inputs:
            result = user.run(*mode, "-c", line, env=env)
            assert result.returncode == 2, (line, result.stderr)
            assert error_lines(result.stderr), (line, result.stderr)
            if mode:
                assert json.loads(result.stderr.splitlines()[-1])["error"]["code"] == "EUSAGE"
            assert STAND_IN not in result.stdout + result.stderr, (line, result.stderr)
            assert PASTED not in result.stdout + result.stderr, (line, result.stderr)

    for mode in [[], ["--json"]]:
        child = user.spawn(*mode, env=env)
        child.expect(PROMPT)
        for line in inputs:
            child.sendline(line)
            child.expect(PROMPT)
            # What tokensh printed: everything after the echo of the typed line.
            printed = child.before.split("\n", 1)[1] if "\n" in child.before else ""
            assert re.search(r"error", printed), (line, printed)
            assert STAND_IN not in printed and PASTED not in printed, (line, printed)
        child.sendline("exit")
        child.expect(pexpect.EOF)
        child.close()

    # A config that cannot be read is reported in words, not as a dump of the error value.
    user.userconfig.mkdir()
    broken = user.run("-c", "whoami")
    assert broken.returncode != 0
    assert "is a folder, not a regular file" in broken.stderr, broken.stderr
    assert "ShellError(" not in broken.stderr and "status:" not in broken.stderr, broken.stderr


def test_security_17_set_never_lists_a_secret(tmp_path):
    """`set` shows variables: one holding an expanded secret or a token is masked like a message."""
    user = ShellHome(tmp_path / "home", "http://127.0.0.1:9/")
    token = "npm_" + "Qz7" * 12
    result = user.run(
        "-c", "set pw=${TOKENSH_PASSWORD}", "-c", f"set tok={token}", "-c", "set plain=visible", "-c", "set",
        env={"TOKENSH_PASSWORD": "Pw-Xy7zzQ-set"})
    assert result.returncode == 0, result.stderr
    assert "plain=visible" in result.stdout
    assert "pw=" in result.stdout and "tok=" in result.stdout
    assert "Pw-Xy7zzQ-set" not in result.stdout + result.stderr
    assert token not in result.stdout + result.stderr
