"""Secret hygiene end to end: a whole session in a temporary HOME, then a search of everything
it could have leaked into.

The session is a list of steps (`STEPS`); each step drives the shell and reports the secrets it
saw through `session.secret(...)`, plus any place a secret may legitimately be (`session.allow`,
e.g. the one display of a created token). Token create, record and audit steps are added to the
list as those commands land; the search needs no change.
"""

import os
import re
import subprocess
import sys

import pexpect

from harness import tokensh_bin
from servers.attacker_children import extra_descriptors, read_records, write_recorder
from shell import PROMPT, ShellHome
from shell import TOKEN_RE, ESCAPES, QUESTION

PASSWORD = "Tr0ub4dor&3-hygiene"
OTP_USER = "bob"
# Each TOTP code works once and only ±1 step is accepted, so the unattended part logs in as a
# second 2FA user rather than waiting for the clock.
UNATTENDED_USER = "carol"
# A third 2FA user answers its OTP through TOKENSH_OTP_COMMAND, run by a probe that records what
# the child inherited.
PROBED_USER = "erin"
# The password of a registry URL's userinfo: shown or written nowhere.
URL_PASSWORD = "Url-Pa55-in-userinfo"


class Session:
    def __init__(self, sandbox, tmp_path):
        self.sandbox = sandbox
        self.tmp = tmp_path / "tmp"
        self.tmp.mkdir()
        self.user = ShellHome(tmp_path / "home", sandbox.url)
        self.user.env["TMPDIR"] = str(self.tmp)
        self.secrets = {"password": {PASSWORD}}
        self.transcripts = []
        self.cmdlines = []
        self.allowed = []  # (label, text): a secret may appear once in that text
        self.child = None
        self.created_token = None
        self.logs = [("sandbox log", sandbox)]

    def secret(self, kind, value):
        assert value, kind
        self.secrets.setdefault(kind, set()).add(value)

    def allow(self, label, text):
        self.allowed.append((label, text))

    def tokens_in_config(self):
        for line in self.user.config_text().splitlines():
            if ":_authToken=" in line:
                self.secret("token", line.split("=", 1)[1])

    def sample_cmdlines(self):
        """argv of tokensh and everything it started, read while it runs."""
        if self.child is None:
            return
        pending = [self.child.pid]
        while pending:
            pid = pending.pop()
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as handle:
                    self.cmdlines.append((pid, handle.read().replace(b"\0", b" ")))
            except OSError:
                continue
            pending += children_of(pid)

    def spawn(self, *args, env=None):
        self.child = self.user.spawn(*args, env=env)
        self.child.logfile_read = Transcript(self)
        return self.child

    def run(self, *args, env=None):
        result = self.user.run(*args, env=env)
        self.transcripts.append(("stdout of -c " + " ".join(args), result.stdout))
        self.transcripts.append(("stderr of -c " + " ".join(args), result.stderr))
        return result


class Transcript:
    """Collects everything the pseudo-terminal showed, including anything echoed."""

    def __init__(self, session):
        self.text = []
        session.transcripts.append(("terminal", self))

    def write(self, data):
        self.text.append(data)

    def flush(self):
        pass

    def __str__(self):
        return "".join(self.text)


def children_of(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(child) for child in handle.read().split()]
    except OSError:
        return []


# MARK: - the steps


def login_with_password_and_otp(session):
    child = session.spawn()
    child.expect(PROMPT)
    child.sendline(f"login --auth-type legacy --username {OTP_USER}")
    child.expect("(?i)password")
    session.sample_cmdlines()
    child.sendline(PASSWORD)
    child.expect("(?i)one-time")
    code = session.sandbox.otp(OTP_USER)
    session.secret("otp", code)
    child.sendline(code)
    child.expect("(?i)logged in")
    child.expect(PROMPT)
    session.tokens_in_config()


def whoami(session):
    session.child.sendline("whoami")
    session.child.expect(OTP_USER)
    session.child.expect(PROMPT)


def record_and_create_a_token(session):
    """A recorded wizard run: the password and a fresh OTP at the prompts, the token shown once."""
    child = session.child
    child.sendline("record start session.tksh")
    child.expect(PROMPT)
    child.sendline("token create --name hygiene --packages-and-scopes-permission read-only --packages-all")
    shown = []
    while True:
        index = child.expect(["(?i)password: *" + ESCAPES + "$", "(?i)one-time password: *" + ESCAPES + "$", QUESTION, PROMPT])
        shown.append(child.before + child.after)
        if index == 0:
            child.sendline(PASSWORD)
        elif index == 1:
            code = session.sandbox.otp(OTP_USER, at=__import__("time").time() + 30)
            session.secret("otp", code)
            child.sendline(code)
        elif index == 2:
            child.sendline("")
        else:
            break
    created = set(TOKEN_RE.findall("".join(shown)))
    assert len(created) == 1, "".join(shown)
    token = created.pop()
    session.created_token = token
    session.secret("token", token)
    session.allow("terminal", token)  # the one display of the created token
    child.sendline("record stop")
    child.expect(PROMPT)
    script = (session.user.home / "session.tksh").read_text()
    assert "token create --name hygiene" in script


def audit_home(session):
    session.child.sendline("audit .")
    session.child.expect(PROMPT)


def ctrl_c_at_the_password_prompt(session):
    child = session.child
    child.sendline(f"login --auth-type legacy --username {OTP_USER}")
    child.expect("(?i)password")
    child.send(PASSWORD[:5])  # half typed, then abandoned
    child.sendintr()
    child.expect(PROMPT)


def logout(session):
    session.tokens_in_config()
    session.child.sendline("logout")
    session.child.expect("(?i)logged out")
    session.child.expect(PROMPT)
    session.child.sendline("exit")
    session.child.expect(pexpect.EOF)
    session.child.close()


def unattended_login_and_logout(session):
    """The same through -c, with the secrets in the environment only."""
    code = session.sandbox.otp(UNATTENDED_USER)
    session.secret("otp", code)
    env = {"TOKENSH_PASSWORD": PASSWORD, "TOKENSH_OTP": code}
    login = session.run("-c", f"login --auth-type legacy --username {UNATTENDED_USER}", env=env)
    assert login.returncode == 0, login.stderr
    session.tokens_in_config()
    assert session.run("-c", "whoami").stdout.strip() == UNATTENDED_USER
    out = session.run("-c", "logout")
    assert out.returncode == 0, out.stderr


def write_probe(session, name, tail=""):
    """A stand-in child (browser or OTP command) that records what it inherited."""
    out = session.tmp / (name + ".jsonl")
    return write_recorder(session.tmp / name, out, sys.executable, tail=tail), out


def assert_inherited_nothing(record):
    secret_names = {"TOKENSH_PASSWORD", "TOKENSH_TOKEN", "TOKENSH_OTP"}
    assert not secret_names & set(record["env"]), sorted(record["env"])
    assert extra_descriptors(record) == {}, record["fds"]


def registry_url_with_userinfo(session):
    """A registry URL holding a password: ping, registry, a recording and history keep none of it."""
    url = session.sandbox.url.replace("http://", f"http://hyg:{URL_PASSWORD}@")
    session.secret("url-password", URL_PASSWORD)
    for command in ("ping", "registry"):
        session.run("--registry", url, "-c", command)
    child = session.spawn("--registry", url)
    child.expect(PROMPT)
    child.sendline("record start userinfo.tksh")
    child.expect(PROMPT)
    child.sendline("ping")
    child.expect(PROMPT)
    child.sendline("record stop")
    child.expect(PROMPT)
    child.sendline(f"registry {url}")
    session.allow("terminal", url)  # the line as typed, echoed by the terminal
    child.expect(PROMPT)
    child.sendline("registry")
    child.expect(PROMPT)
    child.sendline("exit")
    child.expect(pexpect.EOF)
    child.close()
    assert "hyg:***@" in (session.user.home / "userinfo.tksh").read_text()


def web_login_opens_a_probe_browser(session, start_sandbox):
    """The browser gets the login URL and nothing else: no secret variable, no open socket."""
    sandbox = start_sandbox("--user", f"dave:{PASSWORD}", "--auto-approve")
    session.logs.append(("web sandbox log", sandbox))
    probe, out = write_probe(session, "browser")
    env = {
        "BROWSER": str(probe),
        "TOKENSH_PASSWORD": PASSWORD,
        "TOKENSH_TOKEN": session.created_token,
        "TOKENSH_OTP": "48151623",
    }
    session.secret("otp", "48151623")
    child = session.spawn("--registry", sandbox.url, env=env)
    child.expect(PROMPT)
    child.sendline("login --auth-type web --save none")
    child.expect(r"Open it in your browser\? \[Y/n\]")
    child.sendline("")
    child.expect("(?i)logged in as dave", timeout=30)
    child.expect(PROMPT)
    child.sendline("exit")
    child.expect(pexpect.EOF)
    child.close()
    (record,) = read_records(out)
    assert record["argv"][0].startswith(sandbox.url), "the browser got the login URL, once"
    assert_inherited_nothing(record)


def otp_command_is_a_probe(session):
    """TOKENSH_OTP_COMMAND runs with only the standard streams and no secret variable."""
    code_file = session.tmp / "code"
    probe, out = write_probe(session, "otp-command", tail=f"print(open({str(code_file)!r}).read().strip())")
    code = session.sandbox.otp(PROBED_USER)
    session.secret("otp", code)
    code_file.write_text(code + "\n")
    env = {
        "TOKENSH_PASSWORD": PASSWORD,
        "TOKENSH_TOKEN": session.created_token,
        "TOKENSH_OTP_COMMAND": str(probe),
    }
    login = session.run("-c", f"login --auth-type legacy --username {PROBED_USER} --save none", "-c", "whoami", env=env)
    assert login.returncode == 0, login.stderr
    assert PROBED_USER in login.stdout
    code_file.unlink()
    (record,) = read_records(out)  # one OTP challenge, one run of the command
    assert_inherited_nothing(record)


def tokensh_token_replay(session):
    """A replayed `login` with TOKENSH_TOKEN stands in for this run only: nothing is saved."""
    script = session.tmp / "standin.tksh"
    script.write_text(f"login --auth-type legacy --username {OTP_USER}\nwhoami\nlogin\nwhoami\n")
    userconfig = session.tmp / "standin-npmrc"
    env = dict(session.user.env, TOKENSH_TOKEN=session.created_token, TMPDIR=str(session.tmp))
    result = subprocess.run(
        [tokensh_bin(), "--registry", session.sandbox.url, "--userconfig", str(userconfig), str(script)],
        capture_output=True, text=True, env=env, cwd=session.user.home, timeout=60, stdin=subprocess.DEVNULL)
    session.transcripts.append(("stdout of the stand-in replay", result.stdout))
    session.transcripts.append(("stderr of the stand-in replay", result.stderr))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(OTP_USER) >= 2
    assert not userconfig.exists() or session.created_token not in userconfig.read_text()


STEPS = [
    login_with_password_and_otp,
    whoami,
    record_and_create_a_token,
    audit_home,
    ctrl_c_at_the_password_prompt,
    logout,
    unattended_login_and_logout,
    registry_url_with_userinfo,
    otp_command_is_a_probe,
    tokensh_token_replay,
]


# MARK: - the search


def files_under(*roots):
    for root in roots:
        for folder, _, names in os.walk(root):
            for name in names:
                path = os.path.join(folder, name)
                if os.path.isfile(path) and not os.path.islink(path):
                    yield path


def hits(session):
    needles = [(kind, value) for kind, values in session.secrets.items() for value in values]
    half = PASSWORD[:5]
    found = []
    haystacks = []
    for path in files_under(session.user.home, session.tmp):
        with open(path, "rb") as handle:
            haystacks.append((path, handle.read()))
        haystacks.append(("file name " + path, path.encode()))
    haystacks += [(label, sandbox.log_text().encode()) for label, sandbox in session.logs]
    haystacks += [(label, str(text).encode()) for label, text in session.transcripts]
    haystacks += [(f"/proc/{pid}/cmdline", cmdline) for pid, cmdline in session.cmdlines]
    for label, data in haystacks:
        for kind, value in needles:
            count = data.count(value.encode())
            count -= sum(1 for where, text in session.allowed if where == label and value in text)
            if count > 0:
                found.append(f"{kind} in {label} ({count}x)")
        # the abandoned half of a password must not linger either (it is 5 characters, so only
        # in places where nothing else is typed)
        if label.startswith(str(session.user.history)) and half.encode() in data:
            found.append(f"half-typed password in {label}")
    return found, haystacks


def test_no_secret_lands_anywhere(start_sandbox, tmp_path):
    sandbox = start_sandbox(
        "--user", f"{OTP_USER}:{PASSWORD}:otp", "--user", f"{UNATTENDED_USER}:{PASSWORD}:otp",
        "--user", f"{PROBED_USER}:{PASSWORD}:otp", totp_users=[OTP_USER, UNATTENDED_USER, PROBED_USER])
    session = Session(sandbox, tmp_path)
    for step in STEPS:
        step(session)
    web_login_opens_a_probe_browser(session, start_sandbox)

    assert session.secrets.get("token"), "the session saw no token: the search would prove nothing"
    assert len(session.secrets["otp"]) == 5
    assert session.cmdlines, "no process argv was sampled"
    found, haystacks = hits(session)
    assert found == []
    # The search covered real material: the history file, the transcript and the sandbox log.
    labels = [label for label, _ in haystacks]
    assert str(session.user.history) in labels
    assert any(label == "terminal" for label in labels)
    assert b"PUT" in dict(haystacks)["sandbox log"] or b"/-/user/" in dict(haystacks)["sandbox log"]


def test_the_search_finds_a_planted_secret(start_sandbox, tmp_path):
    """The search itself can fail: a token written to a file under HOME is found."""
    sandbox = start_sandbox("--user", f"{OTP_USER}:{PASSWORD}:otp", totp_users=[OTP_USER])
    session = Session(sandbox, tmp_path)
    token = "npm_" + "Z" * 36
    session.secret("token", token)
    (session.tmp / "leak.txt").write_text(f"oops {token}\n")
    session.transcripts.append(("stderr", f"password was {PASSWORD}"))
    found, _ = hits(session)
    assert any("leak.txt" in item for item in found)
    assert any("password in stderr" in item for item in found)
