"""Sandbox security: logout needs the token or its owner, the access log masks query values,
accounts can stay out of the process table, and the state file's temporary file is our own."""

import json
import os
import queue
import shutil
import subprocess
import threading
import urllib.error
import urllib.request

import pexpect
import pytest

from harness import tokensh_bin
from shell import PROMPT, ShellHome

PASSWORD = "correct-horse-sandbox-9"
BOB_PASSWORD = "battery-staple-sandbox-9"


def http(method, url, token=None, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def couch_login(base, name, password):
    document = {"_id": "org.couchdb.user:" + name, "name": name, "password": password, "type": "user", "roles": []}
    status, reply = http("PUT", base + "-/user/org.couchdb.user:" + name, body=document)
    assert status == 201, reply
    return reply["token"]


def cmdline(pid):
    with open(f"/proc/{pid}/cmdline", "rb") as file:
        return file.read().replace(b"\0", b" ").decode("utf-8", "replace")


def test_security_09_logout_route_needs_the_token_itself_or_its_owner(start_sandbox):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}", "--user", f"bob:{BOB_PASSWORD}")
    alice = couch_login(sandbox.url, "alice", PASSWORD)
    bob = couch_login(sandbox.url, "bob", BOB_PASSWORD)
    path = sandbox.url + "-/user/token/" + alice
    assert http("DELETE", path)[0] == 401, "revoked without any authentication"
    assert http("DELETE", path, token=bob)[0] in (401, 403, 404), "another user's bearer revoked it"
    assert http("GET", sandbox.url + "-/whoami", token=alice)[0] == 200
    # The owner may end another of their tokens; the token itself may end itself (npm logout).
    second = couch_login(sandbox.url, "alice", PASSWORD)
    assert http("DELETE", sandbox.url + "-/user/token/" + second, token=alice)[0] == 200
    assert http("GET", sandbox.url + "-/whoami", token=second)[0] == 401
    assert http("DELETE", path, token=alice)[0] == 200
    assert http("GET", sandbox.url + "-/whoami", token=alice)[0] == 401


@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed")
def test_security_09_npm_logout_still_works(start_sandbox, npm_for):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    npm = npm_for(sandbox)
    status, output = npm.login_legacy("alice", PASSWORD)
    assert status == 0, output
    token = npm.token()
    logout = npm.run("logout")
    assert logout.returncode == 0, logout.stderr
    assert http("GET", sandbox.url + "-/whoami", token=token)[0] == 401


def test_security_19_the_access_log_masks_query_values(start_sandbox):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    secret = "npm_QuerySecretQuerySecretQuerySecret00"
    http("GET", sandbox.url + f"-/whoami?token={secret}&otp=771234&password={PASSWORD}")
    http("GET", sandbox.url + "-/npm/v1/tokens?page=1&perPage=25")
    log = ""
    for _ in range(100):  # the log line is written after the reply: poll, with a bound
        log = sandbox.log_text()
        if "perPage" in log:
            break
        threading.Event().wait(0.05)
    assert "GET /-/whoami?" in log, log
    for value in (secret, "771234", PASSWORD, secret[:12]):
        assert value not in log, "the access log holds " + value
    assert "?page=1&perPage=25" in log, "paging stays readable"


def test_security_19_accounts_from_a_file_or_stdin_stay_out_of_the_process_table(start_sandbox, tmp_path):
    users = tmp_path / "users"
    users.write_text(f"# practice accounts\nalice:{PASSWORD}\n\nbob:{BOB_PASSWORD}:otp\n")
    users.chmod(0o600)
    sandbox = start_sandbox("--users-file", str(users), totp_users=["bob"])
    assert PASSWORD not in cmdline(sandbox.proc.pid) and BOB_PASSWORD not in cmdline(sandbox.proc.pid)
    home = ShellHome(tmp_path / "home", sandbox.url)
    login = home.run("-c", "login --auth-type legacy --username alice", env={"TOKENSH_PASSWORD": PASSWORD})
    assert login.returncode == 0, login.stderr
    assert "bob" in sandbox.totp

    # `-`: stdin up to an empty line; the stream stays open (and --stop-on-stdin-eof still works).
    proc = subprocess.Popen(
        [tokensh_bin(), "sandbox", "--port", "0", "--users-file", "-", "--stop-on-stdin-eof", "--no-access-log"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        proc.stdin.write(f"carol:{PASSWORD}\n\n".encode())
        proc.stdin.flush()
        lines = queue.Queue()
        threading.Thread(target=lambda: lines.put(proc.stdout.readline().decode()), daemon=True).start()
        url = lines.get(timeout=60).strip()
        assert url.startswith("http://127.0.0.1:"), proc.stderr.read().decode() if proc.poll() is not None else url
        assert PASSWORD not in cmdline(proc.pid)
        couch_login(url, "carol", PASSWORD)
        proc.stdin.close()  # EOF after the accounts stops it
        assert proc.wait(timeout=20) is not None
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_security_19_the_state_file_never_writes_through_a_planted_symlink(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    victim = tmp_path / "victim"
    victim.write_text("untouched\n")
    state = folder / "state.json"
    proc = subprocess.Popen(
        [tokensh_bin(), "sandbox", "--port", "0", "--user", f"alice:{PASSWORD}", "--state", str(state), "--no-access-log"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        lines = queue.Queue()
        threading.Thread(target=lambda: lines.put(proc.stdout.readline().decode()), daemon=True).start()
        url = lines.get(timeout=60).strip()
        # Another local user, able to write to the folder, plants the temporary file's old name.
        os.symlink(victim, folder / f".state.json.tmp-{proc.pid}")
        token = couch_login(url, "alice", PASSWORD)
        assert victim.read_text() == "untouched\n", "the state was written through the symlink"
        assert not state.is_symlink()
        assert oct(state.stat().st_mode & 0o777) == oct(0o600)
        assert token not in state.read_text()
        assert "alice" in state.read_text()
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_security_19_practice_mode_passes_no_password_on_the_command_line(tmp_path):
    home = ShellHome(tmp_path / "home", "https://registry.invalid/")
    child = pexpect.spawn(
        tokensh_bin(), ["--sandbox"], env=dict(home.env, TOKENSH_PASSWORD="demo-password"), cwd=str(home.home),
        encoding="utf-8", timeout=60, dimensions=(40, 120),
    )
    try:
        child.expect(PROMPT)
        result = subprocess.run(["ps", "-o", "pid=", "--ppid", str(child.pid)], capture_output=True, text=True)
        children = [int(pid) for pid in result.stdout.split()]
        assert children, "practice mode started no child"
        for pid in children:
            line = cmdline(pid)
            assert "demo-password" not in line and "--user " not in line, line
        child.sendline("login --auth-type legacy --username demo")
        child.expect(PROMPT)
        child.sendline("whoami")
        child.expect(r"\r\ndemo\r\n")
        child.expect(PROMPT)
        child.sendeof()
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
