"""The keyring store: whole sessions with the Secret Service (GNOME Keyring on a private session
bus started here) and with the encrypted vault file, then a search of everything a session could
have leaked into: the home folder, the temporary folder, the argument vectors of every process,
the history and the recordings."""

import json
import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import pexpect
import pytest

from harness import tokensh_bin
from shell import PROMPT, ShellHome
from shell import TOKEN_RE, ESCAPES, QUESTION

PASSWORD = "Keyring-Pa55-alice"
VAULT_PASSPHRASE = "vault passphrase 4 tests"
USER = "alice"


class SecretService:
    """A private session bus (`dbus-run-session`) with an unlocked GNOME Keyring on it; never the
    user's own. Both processes are ended by their pids."""

    def __init__(self, home):
        self.runtime = Path(home) / "runtime"
        self.runtime.mkdir(mode=0o700, parents=True)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "XDG_RUNTIME_DIR": str(self.runtime)}
        self.bus = subprocess.Popen(
            ["dbus-run-session", "--", "sh", "-c", 'echo "$DBUS_SESSION_BUS_ADDRESS"; exec sleep 600'],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env, text=True,
            start_new_session=True,
        )
        self.address = self.bus.stdout.readline().strip()
        assert self.address, "dbus-run-session printed no bus address"
        self.env = dict(env, DBUS_SESSION_BUS_ADDRESS=self.address)
        self.daemon = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=self.env,
        )
        self.daemon.stdin.write(b"keyring-unlock-password")
        self.daemon.stdin.close()
        deadline = time.monotonic() + 20
        while subprocess.run(["secret-tool", "search", "--all", "xdg:schema", "none"], env=self.env,
                             capture_output=True).returncode not in (0, 1):
            assert time.monotonic() < deadline, "the keyring did not come up"
            time.sleep(0.1)
        # The service answers once it owns its name on the bus.
        while not self.owns_name():
            assert time.monotonic() < deadline, "no Secret Service on the private bus"
            time.sleep(0.1)

    def owns_name(self):
        result = subprocess.run(
            ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
             "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets"],
            env=self.env, capture_output=True, text=True)
        return "boolean true" in result.stdout

    def items(self):
        """(kind, name, registry) of tokensh's items."""
        result = subprocess.run(
            ["secret-tool", "search", "--all", "xdg:schema", "dev.tokensh.Credential"],
            env=self.env, capture_output=True, text=True)
        items, current = [], {}
        for line in (result.stdout + "\n" + result.stderr).splitlines():
            if line.startswith("[/"):
                if current:
                    items.append(current)
                current = {}
            elif line.startswith("attribute."):
                key, _, value = line[len("attribute."):].partition(" = ")
                current[key] = value
        if current:
            items.append(current)
        return sorted((item.get("kind"), item.get("name"), item.get("registry")) for item in items)

    def lookup(self, kind, name, registry):
        result = subprocess.run(
            ["secret-tool", "lookup", "registry", registry, "kind", kind, "name", name],
            env=self.env, capture_output=True, text=True)
        return result.stdout

    def stop(self):
        if self.daemon.poll() is None:
            self.daemon.send_signal(signal.SIGTERM)
            try:
                self.daemon.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.daemon.kill()
                self.daemon.wait()
        # dbus-run-session leaves its dbus-daemon (and what the bus activated) running when it is
        # signalled: the whole process group it leads is this fixture's, so it ends together.
        try:
            os.killpg(self.bus.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.bus.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.bus.pid, signal.SIGKILL)
            self.bus.wait()


@pytest.fixture
def secret_service(tmp_path):
    started = []

    def start(home):
        service = SecretService(home)
        started.append(service)
        return service

    yield start
    for service in started:
        service.stop()


class Watch:
    """Everything a session shows or leaves, and every secret it used."""

    def __init__(self, user, tmp, sandbox):
        self.user = user
        # The sandbox is the test's fixture: its accounts are on its own command line.
        self.fixture_pid = str(sandbox.proc.pid)
        self.tmp = tmp
        self.secrets = {PASSWORD, VAULT_PASSPHRASE}
        self.otps = set()
        self.cmdlines = []
        self.sampling = True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    @staticmethod
    def _parent(pid):
        try:
            with open(f"/proc/{pid}/stat") as handle:
                return handle.read().rsplit(")", 1)[1].split()[1]
        except (OSError, IndexError):
            return "0"

    def _ours(self, pid):
        """Started by this test (the shell, npm, the keyring daemon): other processes of the
        machine, another test's included, are not this session's."""
        me = str(os.getpid())
        for _ in range(64):
            pid = self._parent(pid)
            if pid == me:
                return True
            if pid in ("0", "1"):
                return False
        return False

    def _sample(self):
        while self.sampling:
            for entry in os.listdir("/proc"):
                if entry.isdigit() and entry != self.fixture_pid and self._ours(entry):
                    try:
                        with open(f"/proc/{entry}/cmdline", "rb") as handle:
                            self.cmdlines.append(handle.read().replace(b"\0", b" ").decode("utf-8", "replace"))
                    except OSError:
                        pass
            time.sleep(0.02)

    def stop(self):
        self.sampling = False
        self.thread.join(timeout=5)

    def files(self):
        for root in (self.user.home, self.tmp):
            for path in Path(root).rglob("*"):
                if path.is_file() and not path.is_symlink():
                    yield path

    def assert_nothing_leaked(self, known_tokens):
        self.stop()
        assert known_tokens, "the session made no token to look for"
        secrets = self.secrets | self.otps | set(known_tokens)
        for path in self.files():
            data = path.read_bytes()
            text = data.decode("utf-8", "replace")
            assert not TOKEN_RE.search(text), f"a token in {path}"
            for secret in secrets:
                assert secret.encode() not in data, f"a secret in {path}"
        assert self.cmdlines, "no argument vector was sampled"
        for line in set(self.cmdlines):
            assert not TOKEN_RE.search(line), f"a token in a process's arguments: {line[:80]}"
            for secret in secrets:
                assert secret not in line, f"a secret in a process's arguments: {line[:80]}"


def answer(child, sandbox, watch, until=PROMPT, creating_vault=False):
    """Answers the password, OTP and passphrase prompts and the questions (with their defaults)
    until `until`; returns what the terminal showed."""
    shown = []
    while True:
        index = child.expect([
            r"(?i)(one-time password|Enter OTP): *" + ESCAPES + "$",
            r"New vault passphrase: *" + ESCAPES + "$",
            r"Same passphrase again: *" + ESCAPES + "$",
            r"Vault passphrase: *" + ESCAPES + "$",
            r"(?i)password: *" + ESCAPES + "$",
            QUESTION,
            until,
        ], timeout=60)
        shown.append(child.before + child.after)
        if index == 0:
            # Each code works once and the registry accepts the next step's too; past that, the
            # clock has to move on.
            while True:
                fresh = [sandbox.otp(USER, time.time() + ahead) for ahead in (0, 30)]
                unused = [code for code in fresh if code not in watch.otps]
                if unused:
                    code = unused[0]
                    break
                time.sleep(30 - time.time() % 30 + 0.2)
            watch.otps.add(code)
            child.sendline(code)
        elif index in (1, 2, 3):
            child.sendline(VAULT_PASSPHRASE)
        elif index == 4:
            child.sendline(PASSWORD)
        elif index == 5:
            child.sendline("")
        else:
            return "".join(shown)


def start_user(start_sandbox, tmp_path, env):
    sandbox = start_sandbox("--user", f"{USER}:{PASSWORD}:otp", totp_users=[USER])
    user = ShellHome(tmp_path / "home", sandbox.url)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    user.env.update(env, TMPDIR=str(tmp), TOKENSH_UNLOCK_MINUTES="2")
    return sandbox, user, tmp


def full_session(sandbox, user, watch, place):
    """login → token create into the keyring → rotate → account use → status → logout, recorded."""
    child = user.spawn("--record", "session.tksh", "--record-cast", "session.cast")
    child.expect(PROMPT)
    child.sendline(f"login --auth-type legacy --username {USER} --store keyring --as work")
    out = answer(child, sandbox, watch)
    assert f"Saved in {place} as the account work" in out, out
    assert "[work]>" in child.after, child.after

    child.sendline("token create --name ci1 --packages-and-scopes-permission read-write --packages-all "
                   "--expires 7 --save keyring:ci")
    out = answer(child, sandbox, watch)
    assert f"Saved the token in {place} as ci." in out, out
    assert not TOKEN_RE.search(out), "the token was shown although it went to the keyring"

    pasted = re.search(r"Use it without ever seeing it: (tokensh exec [^\r\n]*)", out)
    assert pasted, out
    assert_pasted_line_works(pasted.group(1), user)

    child.sendline("account list")
    out = answer(child, sandbox, watch)
    assert re.search(r"\* work \(alice\)", out), out

    # npm publish through exec, as the 2FA user: npm asks for the OTP at the terminal.
    package = user.home / "pkg"
    package.mkdir()
    (package / "package.json").write_text(json.dumps({"name": "keyring-pkg", "version": "1.0.0"}))
    (package / "index.js").write_text("module.exports = 1;\n")
    child.sendline("exec -- npm publish ./pkg")
    out = answer(child, sandbox, watch)
    assert "+ keyring-pkg@1.0.0" in out, out

    child.sendline("token rotate --name ci1 --yes")
    out = answer(child, sandbox, watch)
    assert "The new token replaces ci in the keyring." in out, out
    assert f"Saved the token in {place} as ci." in out, out
    assert "Removed the token ci" not in out, out

    assert_pasted_line_works(pasted.group(1), user)

    child.sendline("account use work")
    out = answer(child, sandbox, watch)
    assert "Using the account work (alice)" in out, out

    child.sendline("status")
    out = answer(child, sandbox, watch)
    assert "account work" in out and "alice" in out, out

    child.sendline("logout")
    out = answer(child, sandbox, watch)
    assert f"removed the account work from {place}" in out, out
    child.sendline("exit")
    child.expect(pexpect.EOF)
    child.close()
    script = (user.home / "session.tksh").read_text()
    assert "login --auth-type legacy --username alice --store keyring --as work" in script, script
    assert "--save keyring:ci" in script, script
    return script


def assert_pasted_line_works(line, user):
    """The line tokensh printed, pasted into bash: the keyring's token works, unseen."""
    env = dict(user.env, PATH=os.path.dirname(tokensh_bin()) + ":" + user.env["PATH"])
    result = subprocess.run(["bash", "-c", line], capture_output=True, text=True, env=env, cwd=user.home,
                            stdin=subprocess.DEVNULL, timeout=120)
    assert result.returncode == 0, line + "\n" + result.stderr
    assert result.stdout.strip() == USER, result.stdout
    assert not TOKEN_RE.search(result.stdout + result.stderr)


def test_secret_service_session_keeps_every_secret_out_of_files_and_argv(start_sandbox, secret_service, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    service = secret_service(home)
    sandbox, user, tmp = start_user(start_sandbox, tmp_path, {
        "DBUS_SESSION_BUS_ADDRESS": service.address, "XDG_RUNTIME_DIR": str(service.runtime)})
    watch = Watch(user, tmp, sandbox)
    tokens = []
    full_session(sandbox, user, watch, "the Secret Service")
    items = service.items()
    assert items == [("token", "ci", sandbox.url)], items
    ci = service.lookup("token", "ci", sandbox.url)
    assert TOKEN_RE.fullmatch(ci), "the keyring's ci item is not a token"
    tokens.append(ci)
    assert not user.userconfig.exists(), user.config_text()
    watch.assert_nothing_leaked(tokens)


def test_vault_session_then_the_unlock_window_and_lock(start_sandbox, tmp_path):
    sandbox, user, tmp = start_user(start_sandbox, tmp_path, {"TOKENSH_KEYRING": "vault"})
    watch = Watch(user, tmp, sandbox)
    vault = user.home / ".local" / "share" / "tokensh" / "vault"
    full_session(sandbox, user, watch, "the vault ~/.local/share/tokensh/vault")
    assert vault.exists() and (vault.stat().st_mode & 0o777) == 0o600
    assert not user.userconfig.exists(), user.config_text()

    # Within the unlock window a second tokensh, with no terminal and no passphrase, reads it.
    listed = user.run("-c", "account list")
    assert listed.returncode == 0, listed.stderr
    assert "No accounts in the vault" in listed.stdout
    locked = user.run("-c", "lock")
    assert locked.returncode == 0 and "Locked the vault" in locked.stdout, locked.stdout + locked.stderr
    after = user.run("-c", "account list")
    assert after.returncode == 2 and "ELOCKED" not in after.stdout, after.stdout
    assert "is locked and there is no terminal to ask for its passphrase" in after.stderr, after.stderr

    # At a terminal it asks, once, and then it is unlocked for the next run again.
    child = user.spawn("-c", "account list")
    child.expect("Vault passphrase: ")
    child.sendline(VAULT_PASSPHRASE)
    child.expect("No accounts in the vault")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    again = user.run("-c", "account list")
    assert again.returncode == 0, again.stderr
    user.run("-c", "lock")
    # The vault holds the rotated ci token; no plain text of it anywhere.
    watch.assert_nothing_leaked(["npm_" + "x" * 36])


def test_keyring_never_falls_back_to_a_plain_file(start_sandbox, tmp_path):
    sandbox, user, tmp = start_user(start_sandbox, tmp_path, {"TOKENSH_KEYRING": "secret-service"})
    result = user.run("-c", f"login --auth-type legacy --username {USER} --store keyring",
                      env={"TOKENSH_PASSWORD": PASSWORD, "TOKENSH_OTP": sandbox.otp(USER)})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "no Secret Service answers on the session bus" in result.stderr, result.stderr
    assert "TOKENSH_KEYRING=vault" in result.stderr
    assert not user.userconfig.exists()
    assert not (user.home / ".local" / "share" / "tokensh").exists()
    # Nothing was sent to the registry either: the keyring is checked before the login.
    assert user.run("-c", "ping").returncode == 0
    log = sandbox.log_text()
    assert "/-/ping" in log, log
    assert "/-/user/" not in log, log


def test_a_damaged_vault_is_left_as_it_is_and_nothing_is_created(start_sandbox, tmp_path):
    sandbox, user, tmp = start_user(start_sandbox, tmp_path, {"TOKENSH_KEYRING": "vault",
                                                              "TOKENSH_VAULT_PASSPHRASE": VAULT_PASSPHRASE})
    made = user.run("-c", f"login --auth-type legacy --username {USER} --store keyring --as work",
                    env={"TOKENSH_PASSWORD": PASSWORD, "TOKENSH_OTP": sandbox.otp(USER)})
    assert made.returncode == 0, made.stderr
    vault = user.home / ".local" / "share" / "tokensh" / "vault"
    good = vault.read_text()
    user.run("-c", "lock")
    cases = [
        (good[: len(good) // 2], "is damaged"),
        (good.replace('"version":1', '"version":7'), "was written by a newer tokensh (format 7"),
        (re.sub(r'"sealed":"(.)', lambda m: '"sealed":"' + ("B" if m.group(1) != "B" else "C"), good), "does not open"),
    ]
    for contents, message in cases:
        vault.write_text(contents)
        result = user.run("-c", "token create --name x --packages-and-scopes-permission read-only --packages-all "
                          "--save keyring:x", env={"TOKENSH_PASSWORD": PASSWORD})
        assert result.returncode == 1, result.stdout + result.stderr
        assert message in result.stderr, result.stderr
        assert vault.read_text() == contents
    # The good vault back: nothing was created while it could not be read.
    vault.write_text(good)
    wrong = user.run("-c", "account list", env={"TOKENSH_VAULT_PASSPHRASE": "not the passphrase"})
    assert wrong.returncode == 1, wrong.stdout + wrong.stderr
    assert "TOKENSH_VAULT_PASSPHRASE does not open the vault" in wrong.stderr, wrong.stderr
    assert vault.read_text() == good
    listed = user.run("--json", "-c", "token list")
    assert listed.returncode == 0, listed.stderr
    assert '"x"' not in listed.stdout, listed.stdout


GUIDE_RUN = r"Run it\? \(y/n/skip\) \[y\]: "


def test_the_guide_offers_the_keyring_first_and_its_try_it_line_works_when_pasted(tmp_path):
    """A newcomer taking every default in practice mode: the token goes to the vault (its
    passphrase asked before anything is created), and the printed exec line works in bash."""
    home = ShellHome(tmp_path / "home", "https://registry.invalid/")
    env = dict(home.env, TOKENSH_KEYRING="vault", TOKENSH_UNLOCK_MINUTES="2")
    child = pexpect.spawn(tokensh_bin(), ["--sandbox"], env=env, cwd=str(home.home), encoding="utf-8", timeout=60,
                          dimensions=(40, 400))
    try:
        child.expect(r"\(password: (\S+)\)")
        password = child.match.group(1)
        child.expect(PROMPT)
        child.sendline("guide")
        for pattern in (r"Registry \[current\]: ", GUIDE_RUN, GUIDE_RUN, r"\[legacy\]: ", r"Username \[demo\]: ",
                        GUIDE_RUN):
            child.expect(pattern)
            child.sendline("")
        child.expect(r"(?i)password: ")
        child.sendline(password)
        child.expect("Logged in as demo")
        child.expect(GUIDE_RUN)  # whoami
        child.sendline("")
        child.expect(r"Token name \[(tokensh-read-\d{8})\]: ")
        name = child.match.group(1)
        child.sendline("")
        child.expect("keyring  encrypted in your keyring")
        child.expect(r"Save to \[keyring\]: ")
        child.sendline("")
        child.expect(GUIDE_RUN)  # token create --save keyring:NAME
        assert f"--save keyring:{name}" in child.before
        child.sendline("")
        # The wizard's questions, then the new vault's passphrase (twice), then the account
        # password: the passphrase is settled before the token exists.
        order = []
        while True:
            index = child.expect([r"New vault passphrase: ", r"Same passphrase again: ", r"(?i)password: ",
                                  r"\]: ", r"Saved the token in the vault ~/.local/share/tokensh/vault as (\S+)\."])
            order.append(index)
            if index in (0, 1):
                child.sendline(VAULT_PASSPHRASE)
            elif index == 2:
                child.sendline(password)
            elif index == 3:
                child.sendline("")
            else:
                break
        assert child.match.group(1) == name
        asked = [index for index in order if index in (0, 1, 2)]
        assert asked == [0, 1, 2], order
        child.expect(GUIDE_RUN)  # token list: the storage advice comes before it
        advice = child.before.replace("\r\n", "\n")
        assert "The trade-off" in advice, advice
        try_it = re.search(r"Try it here: (.*)", advice)
        assert try_it, advice
        line = try_it.group(1).strip()
        assert line.startswith("tokensh exec --registry ") and f"--token {name} -- npm whoami" in line, line
        pasted = subprocess.run(
            ["bash", "--norc", "--noprofile", "-c", line], capture_output=True, text=True, cwd=home.home,
            env=dict(home.env, PATH=os.path.dirname(tokensh_bin()) + ":" + home.env["PATH"]),
            stdin=subprocess.DEVNULL, timeout=120)
        assert pasted.returncode == 0, line + "\n" + pasted.stderr
        assert pasted.stdout.strip() == "demo", pasted.stdout
        child.sendcontrol("c")
        child.expect(PROMPT)
        child.sendline("lock")
        child.expect("Locked the vault")
        child.sendeof()
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    for path in home.home.rglob("*"):
        if path.is_file():
            assert not TOKEN_RE.search(path.read_bytes().decode("utf-8", "replace")), f"a token in {path}"


def test_audit_fix_moves_the_user_configs_token_into_the_keyring_keeping_every_other_byte(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"{USER}:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    user.env.update(TOKENSH_KEYRING="vault", TOKENSH_VAULT_PASSPHRASE=VAULT_PASSPHRASE, TOKENSH_UNLOCK_MINUTES="1")
    login = user.run("-c", f"login --auth-type legacy --username {USER}", env={"TOKENSH_PASSWORD": PASSWORD})
    assert login.returncode == 0, login.stderr
    token_line = next(line for line in user.config_text().splitlines() if ":_authToken=" in line)
    before = b"; my settings\r\nfund=false\n" + token_line.encode() + b"\n# keep me \xff\ncolor=false"
    user.userconfig.write_bytes(before)

    unattended = user.run("-c", "audit --fix")
    assert "skipped: the token for" in unattended.stdout, unattended.stdout + unattended.stderr
    assert user.userconfig.read_bytes() == before

    fixed = user.run("--yes", "-c", "audit --fix")
    assert re.search(r"fixed: the token for http://127\.0\.0\.1:\d+/ moved from \S*\.npmrc into the vault "
                     r"~/\.local/share/tokensh/vault as the account default", fixed.stdout), fixed.stdout
    assert user.userconfig.read_bytes() == before.replace(token_line.encode() + b"\n", b"")
    assert not TOKEN_RE.search(user.userconfig.read_bytes().decode("utf-8", "replace"))
    whoami = user.run("-c", "whoami", "-c", "account list")
    assert whoami.returncode == 0, whoami.stderr
    assert whoami.stdout.splitlines()[0] == USER
    assert "* default" in whoami.stdout, whoami.stdout
    user.run("-c", "lock")


def test_accounts_the_store_setting_and_revoke_cleaning_the_keyring(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"{USER}:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    user.env.update(TOKENSH_KEYRING="vault", TOKENSH_VAULT_PASSPHRASE=VAULT_PASSPHRASE, TOKENSH_UNLOCK_MINUTES="1",
                    TOKENSH_PASSWORD=PASSWORD)
    # The store setting: a variable of the shell (or the environment) sends logins to the keyring.
    first = user.run("--record", "accounts.tksh", "-c", "set TOKENSH_STORE=keyring",
                     "-c", f"login --auth-type legacy --username {USER} --as work",
                     "-c", f"login --auth-type legacy --username {USER} --as home")
    assert first.returncode == 0, first.stderr
    assert not user.userconfig.exists()
    script = (user.home / "accounts.tksh").read_text()
    assert "--store keyring --as work" in script and "--store keyring --as home" in script, script
    assert not TOKEN_RE.search(script) and PASSWORD not in script

    listed = user.run("--json", "-c", "account list")
    accounts = {entry["name"]: entry for entry in json.loads(listed.stdout)["accounts"]}
    assert set(accounts) == {"work", "home"} and accounts["home"]["inUse"] and not accounts["work"]["inUse"]

    child = user.spawn()
    child.expect(PROMPT)
    assert "[home]>" in child.after, child.after
    child.sendline("account use work")
    child.expect("Using the account work")
    child.expect(PROMPT)
    assert "[work]>" in child.after, child.after
    child.sendline("account remove home")
    child.expect("Removed the account home from the vault")
    child.expect(PROMPT)
    child.sendline("account remove nobody")
    child.expect("has no account nobody")
    child.expect(PROMPT)
    child.sendline("exit")
    child.expect(pexpect.EOF)
    child.close()
    after = json.loads(user.run("--json", "-c", "account list").stdout)["accounts"]
    assert [entry["name"] for entry in after] == ["work"]

    # A token saved in the keyring and then revoked leaves the keyring with it.
    made = user.run("-c", "token create --name tmp --packages-and-scopes-permission read-only --packages-all --expires 7 "
                    "--save keyring")
    assert made.returncode == 0, made.stderr
    assert "Saved the token in the vault ~/.local/share/tokensh/vault as tmp." in made.stderr, made.stderr
    revoked = user.run("-c", "token revoke --name tmp --yes")
    assert revoked.returncode == 0, revoked.stderr
    assert "Removed the token tmp from the vault" in revoked.stderr + revoked.stdout
    used = user.run("-c", "exec --token tmp -- true")
    assert used.returncode == 2 and "has no token tmp" in used.stderr, used.stderr
    # The store setting picks where a new token goes too: no --save, no question, the keyring.
    stored = user.run("-c", "set TOKENSH_STORE=keyring",
                      "-c", "token create --name bysetting --packages-and-scopes-permission read-only "
                      "--packages-all --expires 7")
    assert stored.returncode == 0, stored.stderr
    assert "Saved the token in the vault ~/.local/share/tokensh/vault as bysetting." in stored.stderr, stored.stderr
    assert not TOKEN_RE.search(stored.stdout + stored.stderr), "the token was shown although it went to the keyring"
    # A scope's login: the secret in the keyring, the scope's registry (a setting) in the config.
    scoped = user.run("-c", f"login --auth-type legacy --username {USER} --scope @acme --as scoped")
    assert scoped.returncode == 0, scoped.stderr
    assert user.config_text() == f"@acme:registry={sandbox.url}\n", user.config_text()
    user.run("-c", "lock")


def test_a_keyring_that_cannot_be_written_is_found_out_before_the_login(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"{USER}:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    blocker = user.home / "not-a-folder"
    blocker.write_text("")
    user.env.update(TOKENSH_KEYRING="vault", TOKENSH_VAULT_PASSPHRASE=VAULT_PASSPHRASE, XDG_DATA_HOME=str(blocker))
    result = user.run("-c", f"login --auth-type legacy --username {USER} --store keyring",
                      env={"TOKENSH_PASSWORD": PASSWORD})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "cannot create" in result.stderr and "XDG_DATA_HOME" in result.stderr, result.stderr
    assert user.run("-c", "ping").returncode == 0
    log = sandbox.log_text()
    assert "/-/ping" in log and "/-/user/" not in log, log


def test_audit_fix_never_takes_an_existing_accounts_name(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"{USER}:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    user.env.update(TOKENSH_KEYRING="vault", TOKENSH_VAULT_PASSPHRASE=VAULT_PASSPHRASE, TOKENSH_UNLOCK_MINUTES="1",
                    TOKENSH_PASSWORD=PASSWORD)
    for name in ("default", "npmrc", "npmrc-3"):
        made = user.run("-c", f"login --auth-type legacy --username {USER} --as {name}")
        assert made.returncode == 0, made.stderr
    before = {entry["name"] for entry in json.loads(user.run("--json", "-c", "account list").stdout)["accounts"]}
    plain = user.run("-c", f"login --auth-type legacy --username {USER} --store npmrc")
    assert plain.returncode == 0 and ":_authToken=" in user.config_text(), plain.stderr
    fixed = user.run("--yes", "-c", "audit --fix")
    assert "as the account npmrc-2" in fixed.stdout, fixed.stdout
    after = {entry["name"] for entry in json.loads(user.run("--json", "-c", "account list").stdout)["accounts"]}
    assert after == before | {"npmrc-2"}, after
    user.run("-c", "lock")


KEY_PROBE = r"""
import ctypes, hashlib, sys
keyutils = ctypes.CDLL("libkeyutils.so.1")
keyutils.keyctl_read_alloc.argtypes = [ctypes.c_int32, ctypes.POINTER(ctypes.c_void_p)]
description = b"tokensh:vault:" + hashlib.sha256(sys.argv[1].encode()).hexdigest()[:16].encode()
for ring in (-3, -5):  # the session keyring, the user's session keyring
    key = keyutils.keyctl_search(ctypes.c_int32(ring), b"user", description, 0)
    if key > 0:
        buffer = ctypes.c_void_p()
        if keyutils.keyctl_read_alloc(key, ctypes.byref(buffer)) > 0:
            print("READ")
            sys.exit(0)
print("DENIED")
"""


def test_an_exec_child_cannot_read_the_vaults_unlocked_key(start_sandbox, tmp_path):
    """The key waits in the kernel keyring for the next tokensh; an exec child (and whatever it
    runs: lifecycle scripts) gets a session keyring of its own, so it holds its one token and
    cannot open the vault with every other."""
    sandbox = start_sandbox("--user", f"{USER}:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    user.env.update(TOKENSH_KEYRING="vault", TOKENSH_UNLOCK_MINUTES="1")
    made = user.run("-c", f"login --auth-type legacy --username {USER} --as work",
                    env={"TOKENSH_PASSWORD": PASSWORD, "TOKENSH_VAULT_PASSPHRASE": VAULT_PASSPHRASE})
    assert made.returncode == 0, made.stderr
    vault = str(user.home / ".local" / "share" / "tokensh" / "vault")
    probe = tmp_path / "probe.py"
    probe.write_text(KEY_PROBE)
    # Another process of the user, outside exec, finds the unlocked key (as a second tokensh does).
    sibling = subprocess.run(["/usr/bin/python3", str(probe), vault], capture_output=True, text=True, env=user.env)
    assert sibling.stdout.strip() == "READ", sibling.stdout + sibling.stderr
    child = user.run("-c", f"exec -- /usr/bin/python3 {probe} {vault}")
    assert child.returncode == 0, child.stderr
    assert child.stdout.strip() == "DENIED", child.stdout
    user.run("-c", "lock")


def test_a_registry_urls_password_never_becomes_a_keyring_attribute(start_sandbox, secret_service, tmp_path):
    """Secret Service attributes are readable by anyone who can list items, locked or not: the
    registry they name is the URL without its password."""
    home = tmp_path / "home"
    home.mkdir()
    service = secret_service(home)
    sandbox = start_sandbox("--user", f"{USER}:{PASSWORD}")
    with_password = sandbox.url.replace("http://", f"http://{USER}:{PASSWORD}@")
    user = ShellHome(home, with_password)
    user.env.update(DBUS_SESSION_BUS_ADDRESS=service.address, XDG_RUNTIME_DIR=str(service.runtime))
    made = user.run("-c", f"login --auth-type legacy --username {USER} --store keyring --as work",
                    env={"TOKENSH_PASSWORD": PASSWORD})
    assert made.returncode == 0, made.stderr
    listed = subprocess.run(["secret-tool", "search", "--all", "xdg:schema", "dev.tokensh.Credential"],
                            env=service.env, capture_output=True, text=True)
    shown = listed.stdout + listed.stderr
    assert f"attribute.registry = {sandbox.url}" in shown, shown
    assert PASSWORD not in shown
    assert user.run("-c", "whoami").stdout.strip() == USER


def test_rotating_an_accounts_token_keeps_it_an_account(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"{USER}:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    user.env.update(TOKENSH_KEYRING="vault", TOKENSH_VAULT_PASSPHRASE=VAULT_PASSPHRASE, TOKENSH_UNLOCK_MINUTES="1",
                    TOKENSH_PASSWORD=PASSWORD)
    assert user.run("-c", f"login --auth-type legacy --username {USER} --store npmrc").returncode == 0
    made = user.run("-c", "token create --name rot1 --packages-and-scopes-permission read-write --packages-all "
                    "--expires 7 --save user")
    assert made.returncode == 0, made.stderr
    moved = user.run("-c", "audit --fix --yes")
    assert "as the account default" in moved.stdout, moved.stdout + moved.stderr
    rotated = user.run("--yes", "-c", "token rotate --name rot1")
    assert rotated.returncode == 0, rotated.stderr
    assert "The new token replaces default in the keyring." in rotated.stderr, rotated.stderr
    assert "Removed the account default" not in rotated.stderr + rotated.stdout
    accounts = json.loads(user.run("--json", "-c", "account list").stdout)["accounts"]
    assert [entry["name"] for entry in accounts] == ["default"], accounts
    assert user.run("-c", "whoami").stdout.strip() == USER, "the account logs in with the new token"
    user.run("-c", "lock")
