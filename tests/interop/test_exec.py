"""`tokensh exec` and the shell's `exec`: the registry's credential goes to one child through its
environment, with the real npm CLI against the sandbox. After each run nothing holds the token:
no file under HOME or TMPDIR, no process's argv (sampled while the child runs), no history or
recording."""

import json
import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import pexpect

from harness import tokensh_bin
from servers.recorder import HeaderRecorder
from shell import PROMPT, ShellHome

PASSWORD = "exec-horse-7"


# MARK: - helpers


class ExecUser:
    """A HOME and TMPDIR for a tokensh user whose credential comes only from TOKENSH_TOKEN."""

    def __init__(self, tmp_path, sandbox, token, name="user"):
        self.shell = ShellHome(tmp_path / name / "home", sandbox.url)
        self.tmpdir = tmp_path / name / "tmp"
        self.tmpdir.mkdir(parents=True)
        self.sandbox = sandbox
        self.token = token
        self.shell.userconfig.write_text("; the user's own settings\ncolor=false\nfund=false\n")
        self.env = dict(
            self.shell.env, TMPDIR=str(self.tmpdir), TOKENSH_TOKEN=token, TOKENSH_PASSWORD=PASSWORD,
            TOKENSH_OTP="123456", npm_config_audit="false",
        )

    def argv(self, *command):
        return [tokensh_bin(), "exec", "--registry", self.sandbox.url, "--userconfig", str(self.shell.userconfig),
                "--", *command]

    def run(self, *command, cwd=None, timeout=60):
        return subprocess.run(
            self.argv(*command), capture_output=True, text=True, env=self.env, cwd=cwd or self.shell.home,
            timeout=timeout, stdin=subprocess.DEVNULL)

    def spawn(self, *command, cwd=None):
        argv = self.argv(*command)
        return pexpect.spawn(argv[0], argv[1:], env=self.env, cwd=str(cwd or self.shell.home), encoding="utf-8",
                             timeout=30, dimensions=(40, 200))

    def assert_no_token_in_files(self):
        for root in (self.shell.home, self.tmpdir):
            for path in Path(root).rglob("*"):
                if path.is_file() and not path.is_symlink():
                    assert self.token.encode() not in path.read_bytes(), f"the token is in {path}"


class ArgvSampler:
    """Reads every process's /proc/PID/cmdline over and over while a run lasts."""

    def __init__(self, token):
        self.token = token.encode()
        self.samples = 0
        self.found = []
        self.running = True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self):
        while self.running:
            for entry in os.listdir("/proc"):
                if not entry.isdigit():
                    continue
                try:
                    with open(f"/proc/{entry}/cmdline", "rb") as handle:
                        if self.token in handle.read():
                            self.found.append(entry)
                except OSError:
                    pass
            self.samples += 1

    def stop(self):
        self.running = False
        self.thread.join()
        assert self.samples > 0
        assert self.found == [], f"the token was in the argv of processes {self.found}"


def issue_token(start_sandbox, tmp_path, *users, totp_users=(), who="alice", otp=None):
    """A sandbox with `users`, and a login token for `who`, made in a HOME apart from the user's."""
    sandbox = start_sandbox(*users, totp_users=totp_users)
    issuer = ShellHome(tmp_path / "issuer", sandbox.url)
    env = {"TOKENSH_PASSWORD": PASSWORD}
    if otp:
        env["TOKENSH_OTP"] = otp(sandbox)
    login = issuer.run("-c", f"login --auth-type legacy --username {who}", env=env)
    assert login.returncode == 0, login.stderr
    token = re.search(r"_authToken=(npm_\w+)", issuer.config_text()).group(1)
    return sandbox, token


def tiny_package(folder, name, version):
    folder.mkdir(parents=True)
    (folder / "package.json").write_text(json.dumps({"name": name, "version": version, "main": "index.js"}))
    (folder / "index.js").write_text("module.exports = 42\n")
    return folder


# MARK: - npm through tokensh exec


def test_exec_npm_whoami_and_the_childs_environment(start_sandbox, tmp_path):
    sandbox, token = issue_token(start_sandbox, tmp_path, "--user", f"alice:{PASSWORD}")
    user = ExecUser(tmp_path, sandbox, token)
    sampler = ArgvSampler(token)
    try:
        whoami = user.run("sh", "-c", "npm whoami; sleep 0.5")
    finally:
        sampler.stop()
    assert whoami.returncode == 0, whoami.stderr
    assert whoami.stdout.strip() == "alice"

    seen = user.run("sh", "-c", 'env; echo "--- config"; cat "$NPM_CONFIG_USERCONFIG"')
    assert seen.returncode == 0, seen.stderr
    environment, config = seen.stdout.split("--- config\n")
    names = dict(line.split("=", 1) for line in environment.splitlines() if "=" in line)
    variables = [name for name in names if name.startswith("TOKENSH_EXEC_TOKEN")]
    assert len(variables) == 1 and re.fullmatch(r"TOKENSH_EXEC_TOKEN_[0-9A-F]{16}", variables[0]), variables
    variable = variables[0]
    assert names[variable] == token
    for secret in ("TOKENSH_TOKEN", "TOKENSH_PASSWORD", "TOKENSH_OTP"):
        assert secret not in names, f"{secret} reached the child"
    assert [value for name, value in names.items() if token in value] == [token], "the token in a second variable"
    assert names["NPM_CONFIG_USERCONFIG"].startswith("/dev/fd/")
    # The user's settings byte for byte, then the one placeholder line.
    assert config == (
        "; the user's own settings\ncolor=false\nfund=false\n" + sandbox.nerf + ":_authToken=${" + variable + "}\n")
    # A new name each run: a project file cannot name it in advance.
    again = user.run("sh", "-c", "env")
    assert variable not in again.stdout and "TOKENSH_EXEC_TOKEN_" in again.stdout
    user.assert_no_token_in_files()


def test_exec_npm_install_of_a_package_published_to_the_sandbox(start_sandbox, tmp_path):
    sandbox, token = issue_token(start_sandbox, tmp_path, "--user", f"alice:{PASSWORD}")
    user = ExecUser(tmp_path, sandbox, token)
    package = tiny_package(tmp_path / "user" / "home" / "src" / "exec-tiny", "exec-tiny", "1.0.0")
    published = user.run("npm", "publish", cwd=package)
    assert published.returncode == 0, published.stderr

    project = user.shell.home / "project"
    project.mkdir()
    (project / "package.json").write_text(json.dumps({"name": "consumer", "version": "1.0.0"}))
    sampler = ArgvSampler(token)
    try:
        installed = user.run("npm", "install", "exec-tiny", cwd=project, timeout=120)
    finally:
        sampler.stop()
    assert installed.returncode == 0, installed.stderr
    assert json.loads((project / "node_modules" / "exec-tiny" / "package.json").read_text())["version"] == "1.0.0"
    user.assert_no_token_in_files()
    assert token not in sandbox.log_text()


def test_exec_npm_publish_asks_a_2fa_user_for_the_otp_at_the_terminal(start_sandbox, tmp_path):
    sandbox, token = issue_token(
        start_sandbox, tmp_path, "--user", f"bob:{PASSWORD}:otp", totp_users=["bob"], who="bob",
        otp=lambda sandbox: sandbox.otp("bob"))
    user = ExecUser(tmp_path, sandbox, token)
    package = tiny_package(tmp_path / "user" / "home" / "src" / "exec-otp", "exec-otp", "1.0.0")
    sampler = ArgvSampler(token)
    child = user.spawn("npm", "publish", cwd=package)
    try:
        child.expect("Enter OTP:", timeout=60)
        child.sendline(sandbox.otp("bob", at=time.time() + 30))
        child.expect(pexpect.EOF, timeout=60)
    finally:
        sampler.stop()
        child.close()
    assert child.exitstatus == 0, child.before
    view = user.run("npm", "view", "exec-otp", "version")
    assert view.stdout.strip() == "1.0.0", view.stderr
    user.assert_no_token_in_files()


# MARK: - status and signals


def test_exec_passes_the_childs_exit_status_on(start_sandbox, tmp_path):
    sandbox, token = issue_token(start_sandbox, tmp_path, "--user", f"alice:{PASSWORD}")
    user = ExecUser(tmp_path, sandbox, token)
    assert user.run("sh", "-c", "exit 7").returncode == 7
    assert user.run("sh", "-c", "kill -TERM $$").returncode == 143
    assert user.run("true").returncode == 0
    missing = user.run("no-such-program-here")
    assert missing.returncode == 127 and "command not found" in missing.stderr

    # SIGTERM sent to tokensh reaches the child, whose own status is then tokensh's.
    child = user.spawn("sh", "-c", 'trap "echo got-term; exit 5" TERM; echo ready; while :; do sleep 0.1; done')
    child.expect("ready")
    os.kill(child.pid, signal.SIGTERM)
    child.expect("got-term")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 5, (child.exitstatus, child.signalstatus)


def test_ctrl_c_at_the_terminal_reaches_the_child_and_not_tokensh(start_sandbox, tmp_path):
    sandbox, token = issue_token(start_sandbox, tmp_path, "--user", f"alice:{PASSWORD}")
    user = ExecUser(tmp_path, sandbox, token)
    script = ('n=0; trap \'n=$((n+1)); echo "caught-int-$n"; [ "$n" -lt 5 ] || exit 9\' INT; echo ready; '
              'while :; do sleep 1 & wait $!; done')
    child = user.spawn("sh", "-c", script)
    child.expect("ready")
    for number in range(1, 6):
        child.sendintr()
        child.expect(f"caught-int-{number}\r\n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 9, (child.exitstatus, child.signalstatus)


# MARK: - refusals


def test_exec_refuses_without_credential_over_plain_http_and_with_secrets_in_arguments(start_sandbox, tmp_path):
    sandbox, token = issue_token(start_sandbox, tmp_path, "--user", f"alice:{PASSWORD}")
    user = ExecUser(tmp_path, sandbox, token)
    del user.env["TOKENSH_TOKEN"]
    nobody = user.run("npm", "whoami")
    assert nobody.returncode == 3, nobody.stderr
    assert "not logged in" in nobody.stderr and "login" in nobody.stderr

    user.env["TOKENSH_TOKEN"] = token
    insecure = subprocess.run(
        [tokensh_bin(), "exec", "--registry", "http://registry.example.invalid/", "--", "true"],
        capture_output=True, text=True, env=user.env, stdin=subprocess.DEVNULL, timeout=30)
    assert insecure.returncode == 2 and "plain http" in insecure.stderr

    for words in (["npm", "publish", "--otp=123456"], ["npm", "whoami", f"--//x/:_authToken={token}"]):
        refused = user.run(*words)
        assert refused.returncode == 2, refused.stderr
        assert token not in refused.stderr and "123456" not in refused.stderr


# MARK: - inside the shell


def test_the_shells_exec_under_a_terminal_then_the_shell_goes_on(start_sandbox, tmp_path):
    sandbox, token = issue_token(start_sandbox, tmp_path, "--user", f"alice:{PASSWORD}")
    user = ExecUser(tmp_path, sandbox, token)
    record = user.shell.home / "session.tksh"
    child = user.shell.spawn("--record", str(record), env=user.env)
    child.expect(PROMPT)
    # The child reads the terminal in line mode, with echo: the line editor has let go of it.
    child.sendline("exec sh -c 'printf \"name-$((6*7))? \"; read answer; echo \"hello-$((6*7)) $answer\"'")
    child.expect(r"name-42\? ")
    child.sendline("bob")
    child.expect("hello-42 bob")
    child.expect(PROMPT)
    child.sendline("exec npm whoami")
    child.expect("\r\nalice\r\n")
    child.expect(PROMPT)
    # Markers the child prints as $((…)): the terminal's echo of the typed line cannot match them.
    child.sendline(
        "exec sh -c 'trap \"echo caught-$((6*7)); exit 3\" INT; echo ready-$((6*7)); while :; do sleep 1 & wait $!; done'")
    child.expect("ready-42")
    child.sendintr()
    child.expect("caught-42")
    child.expect("exited with status 3")
    child.expect(PROMPT)
    child.sendline("whoami")
    child.expect("alice")
    child.expect(PROMPT)
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    recorded = record.read_text()
    assert "exec npm whoami\n" in recorded
    assert token not in recorded
    assert token not in user.shell.history.read_text()
    user.assert_no_token_in_files()


def test_recorded_exec_line_names_the_command_only(start_sandbox, tmp_path):
    sandbox, token = issue_token(start_sandbox, tmp_path, "--user", f"alice:{PASSWORD}")
    user = ExecUser(tmp_path, sandbox, token)
    record = user.shell.home / "exec.tksh"
    ran = user.shell.run("--record", str(record), "-c", "exec npm whoami --json", env=user.env)
    assert ran.returncode == 0, ran.stderr
    lines = [line for line in record.read_text().splitlines() if not line.startswith("#")]
    assert lines == ["exec -- npm whoami --json"]
    replayed = user.shell.run(str(record), env=user.env)
    assert replayed.returncode == 0, replayed.stderr
    assert json.loads(replayed.stdout) == "alice"


# MARK: - help: npm's own way, pasted


def test_help_exec_shows_npms_own_way_and_it_works_when_pasted(start_sandbox, tmp_path):
    sandbox, token = issue_token(start_sandbox, tmp_path, "--user", f"alice:{PASSWORD}")
    user = ExecUser(tmp_path, sandbox, token)
    shown = user.shell.run("-c", "help exec", env=user.env)
    assert shown.returncode == 0, shown.stderr
    text = re.sub(r"\n +", " ", shown.stdout)
    npmrc_line = re.search(r"echo '(//registry\.npmjs\.org/:_authToken=\$\{NPM_TOKEN\})' >> \.npmrc", text)
    command = re.search(r"(read -rs NPM_TOKEN && NPM_TOKEN=\"\$NPM_TOKEN\" npm whoami)", text)
    assert npmrc_line and command, shown.stdout
    # Pasted as shown, for the sandbox in place of registry.npmjs.org.
    project = tmp_path / "npm-only"
    project.mkdir()
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path / "npm-only-home"), "npm_config_update_notifier": "false",
           "npm_config_registry": sandbox.url, "npm_config_cache": str(tmp_path / "npm-only-cache")}
    setup = npmrc_line.group(0).replace("//registry.npmjs.org/", sandbox.nerf)
    for line in (setup, command.group(1)):
        pasted = subprocess.run(["bash", "--norc", "--noprofile", "-c", line], input=token + "\n", capture_output=True,
                                text=True, env=env, cwd=project, timeout=60)
        assert pasted.returncode == 0, (line, pasted.stderr)
    assert pasted.stdout.strip() == "alice"


def test_a_cloned_projects_npmrc_cannot_name_the_exec_variable_for_its_own_registry(start_sandbox, tmp_path):
    """The variable's name is new each run: a project `.npmrc` that points a scope at its own
    server with `${TOKENSH_EXEC_TOKEN…}` as the token gets nothing."""
    sandbox, token = issue_token(start_sandbox, tmp_path, "--user", f"alice:{PASSWORD}")
    user = ExecUser(tmp_path, sandbox, token)
    evil = HeaderRecorder()
    try:
        project = user.shell.home / "cloned"
        project.mkdir()
        (project / ".npmrc").write_text(
            f"@evil:registry=http://127.0.0.2:{evil.port}/\n"
            f"//127.0.0.2:{evil.port}/:_authToken=${{TOKENSH_EXEC_TOKEN}}\n")
        viewed = user.run("npm", "view", "@evil/thing", cwd=project)
        assert viewed.returncode != 0
        assert all(token not in (header or "") for _, header in evil.seen), evil.seen
        # The registry of the run itself still gets it.
        whoami = user.run("npm", "whoami", cwd=project)
        assert whoami.stdout.strip() == "alice", whoami.stderr
    finally:
        evil.close()
    assert token not in viewed.stdout + viewed.stderr
