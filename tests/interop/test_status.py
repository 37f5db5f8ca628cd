"""`status`: every credential tokensh or npm would use, each registry asked at once with its
own timeout, and an exit status that sums it up."""

import base64
import json
import re
import subprocess
import socket
import threading
import time

import pexpect

from shell import PROMPT, ShellHome

PASSWORD = "correct-horse-7"


def b64(text):
    return base64.b64encode(text.encode()).decode()


class SilentServer:
    """Accepts connections on loopback and never answers: a registry that hangs."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.held = []
        self.stopped = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.stopped:
            try:
                connection, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(connection)

    def close(self):
        self.stopped = True
        for connection in self.held:
            connection.close()
        self.sock.close()


def logged_in_home(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    result = user.run("-c", "login --auth-type legacy --username alice", env={"TOKENSH_PASSWORD": PASSWORD})
    assert result.returncode == 0, result.stderr
    return sandbox, user


def status(user, *args, env=None):
    result = user.run("--json", "-c", " ".join(["status", *args]), env=env, timeout=120)
    return result, json.loads(result.stdout)


def test_status_reports_every_registry_with_who_kind_and_store(start_sandbox, tmp_path):
    sandbox, user = logged_in_home(start_sandbox, tmp_path)
    private = start_sandbox("--flavor", "classic", "--user", f"bob:{PASSWORD}")
    with open(user.userconfig, "a") as config:
        config.write(f"@team:registry={private.url}\n{private.nerf}:_auth={b64('bob:' + PASSWORD)}\n")
    result, report = status(user)
    assert result.returncode == 0, result.stderr
    entries = {entry["registry"]: entry for entry in report["registries"]}
    assert entries[sandbox.url]["user"] == "alice"
    assert entries[sandbox.url]["kind"] == "login session"
    assert entries[sandbox.url]["store"] == str(user.userconfig)
    assert entries[private.url] | {"problems": []} == {
        "registry": private.url, "user": "bob", "kind": "basic", "store": str(user.userconfig),
        "expires": None, "state": "ok", "problems": []}
    assert report["exitCode"] == 0
    text = user.run("-c", "status")
    assert text.returncode == 0
    assert f"ok: {sandbox.url} as alice (login session, in {user.userconfig})" in text.stdout
    assert PASSWORD not in text.stdout + text.stderr + result.stdout + result.stderr


def test_status_exit_codes_go_by_the_worst_finding(start_sandbox, tmp_path):
    sandbox, user = logged_in_home(start_sandbox, tmp_path)
    user.userconfig.chmod(0o644)
    result, report = status(user)
    assert result.returncode == 1 and report["exitCode"] == 1
    [entry] = report["registries"]
    assert entry["state"] == "attention"
    [problem] = [problem for problem in entry["problems"] if "can be read by other users (mode 644)" in problem]
    # The printed fix works when pasted into a shell.
    fix = re.search(r"`([^`]+)`", problem).group(1)
    assert subprocess.run(["/bin/sh", "-c", fix], cwd=user.home, timeout=10).returncode == 0
    fixed, report = status(user)
    assert fixed.returncode == 0 and report["registries"][0]["state"] == "ok", fixed.stderr

    refusing = start_sandbox("--flavor", "classic", "--user", f"bob:{PASSWORD}")
    with open(user.userconfig, "a") as config:
        config.write(f"@bob:registry={refusing.url}\n{refusing.nerf}:_auth={b64('bob:not-the-password')}\n")
    result, report = status(user)
    assert result.returncode == 3, result.stderr
    assert "not-the-password" not in result.stdout + result.stderr

    silent = SilentServer()
    try:
        with open(user.userconfig, "a") as config:
            config.write(f"@gone:registry=http://127.0.0.1:{silent.port}/\n"
                         f"//127.0.0.1:{silent.port}/:_authToken=npm_{'a' * 36}\n")
        result, report = status(user, "--timeout", "2")
        assert result.returncode == 4, result.stderr
        states = {entry["registry"]: entry["state"] for entry in report["registries"]}
        assert states[f"http://127.0.0.1:{silent.port}/"] == "unreachable"
        assert states[refusing.url] == "refused"
    finally:
        silent.close()


def test_registries_that_hang_are_asked_at_once_each_with_its_own_timeout(start_sandbox, tmp_path):
    """Six silent registries and a 3 s timeout: asked one after another that is 18 s, and two at
    a time (as many as this machine has cores) 9 s."""
    sandbox, user = logged_in_home(start_sandbox, tmp_path)
    servers = [SilentServer() for _ in range(6)]
    try:
        with open(user.userconfig, "a") as config:
            for index, server in enumerate(servers):
                config.write(f"@s{index}:registry=http://127.0.0.1:{server.port}/\n"
                             f"//127.0.0.1:{server.port}/:_authToken=npm_{'b' * 36}\n")
        started = time.monotonic()
        result, report = status(user, "--timeout", "3")
        elapsed = time.monotonic() - started
        assert result.returncode == 4
        assert [entry["state"] for entry in report["registries"]].count("unreachable") == 6
        assert report["registries"][0]["user"] == "alice", "the working registry still answers"
        assert elapsed < 8, f"took {elapsed:.1f} s: the registries were not asked at once"
    finally:
        for server in servers:
            server.close()


def test_a_plain_http_registry_elsewhere_is_not_asked(start_sandbox, tmp_path):
    sandbox, user = logged_in_home(start_sandbox, tmp_path)
    with open(user.userconfig, "a") as config:
        config.write("@far:registry=http://registry.example.invalid/\n"
                     "//registry.example.invalid/:_authToken=${FAR_TOKEN}\n")
    result, report = status(user, env={"FAR_TOKEN": "npm_" + "c" * 36})
    entries = {entry["registry"]: entry for entry in report["registries"]}
    far = entries["http://registry.example.invalid/"]
    assert far["state"] == "attention"
    assert any(problem.startswith("plain http: not asked") for problem in far["problems"])
    assert result.returncode == 1


def test_ctrl_c_during_status_cancels_it_and_the_shell_stays(start_sandbox, tmp_path):
    sandbox, user = logged_in_home(start_sandbox, tmp_path)
    silent = SilentServer()
    try:
        with open(user.userconfig, "a") as config:
            config.write(f"@gone:registry=http://127.0.0.1:{silent.port}/\n"
                         f"//127.0.0.1:{silent.port}/:_authToken=npm_{'d' * 36}\n")
        child = user.spawn()
        child.expect(PROMPT)
        for _ in range(5):
            child.sendline("status --timeout 30")
            child.expect("asking|ok:|unreachable", timeout=10)
            child.sendcontrol("c")
            child.expect("interrupted", timeout=10)
            child.expect(PROMPT)
            # The spinner ended with the command: no frame of it after the prompt (it used to
            # keep drawing, and the next try saw its stale "asking").
            assert child.expect(["asking", pexpect.TIMEOUT], timeout=0.5) == 1, "a spinner frame after the prompt"
        child.sendline("whoami")
        child.expect("alice")
        child.expect(PROMPT)
        child.sendline("exit")
        child.expect(pexpect.EOF)
    finally:
        silent.close()


def test_a_password_pasted_into_the_config_as_it_is_is_named_and_the_printed_fix_works(start_sandbox, tmp_path):
    """npm stores `_password` as base64: a password written there as it is gets sent as something
    else. status says so, and the line it prints (with the password put in) makes it right."""
    sandbox = start_sandbox("--flavor", "classic", "--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    user.userconfig.write_text(f"{sandbox.nerf}:username=alice\n{sandbox.nerf}:_password={PASSWORD}\n")
    user.userconfig.chmod(0o600)
    plain = user.run("-c", "status")
    assert plain.returncode == 3, plain.stdout + plain.stderr
    line = re.search(r"store there what `([^`]+)` prints", plain.stdout)
    assert line and f"{sandbox.nerf}:_password is not base64" in plain.stdout, plain.stdout
    encoded = subprocess.run(["bash", "-c", line.group(1).replace("PASSWORD", PASSWORD)], capture_output=True,
                             text=True, check=True).stdout.strip()
    user.userconfig.write_text(f"{sandbox.nerf}:username=alice\n{sandbox.nerf}:_password={encoded}\n")
    fixed = user.run("-c", "status")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "not base64" not in fixed.stdout


def test_registries_on_one_host_under_different_paths_are_asked_at_once_too(start_sandbox, tmp_path):
    """Four registries on one silent host, each under its own path (as Nexus and Artifactory
    serve several): each has a transport of its own, so a 3 s timeout costs 3 s, not 12."""
    sandbox, user = logged_in_home(start_sandbox, tmp_path)
    silent = SilentServer()
    try:
        with open(user.userconfig, "a") as config:
            for index in range(4):
                url = f"http://127.0.0.1:{silent.port}/repo{index}/"
                config.write(f"@p{index}:registry={url}\n//127.0.0.1:{silent.port}/repo{index}/:_authToken="
                             f"npm_{'c' * 36}\n")
        started = time.monotonic()
        result, report = status(user, "--timeout", "3")
        elapsed = time.monotonic() - started
        assert result.returncode == 4
        assert [entry["state"] for entry in report["registries"]].count("unreachable") == 4
        assert elapsed < 8, f"took {elapsed:.1f} s: registries on one host were asked one after another"
    finally:
        silent.close()
