"""tokensh without a terminal: -c, piped stdin, the environment's secrets, exit codes, npm interop."""

import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import re

from harness import Npm
from shell import ShellHome

PASSWORD = "correct-horse-7"
# Another registry's token already in the user config: token-shaped, built here so no literal
# token sits in the repository.
OTHER_REGISTRY_TOKEN = "npm_keepthisone" + "A" * 25


def login_with_env(user, name="alice", extra_env=None):
    env = {"TOKENSH_PASSWORD": PASSWORD, **(extra_env or {})}
    return user.run("-c", f"login --auth-type legacy --username {name}", env=env)


def test_login_writes_a_config_that_npm_accepts(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    result = login_with_env(user)
    assert result.returncode == 0, result.stderr
    assert f"{sandbox.nerf}:_authToken=npm_" in user.config_text()
    assert PASSWORD not in result.stdout + result.stderr
    npm = Npm(user.home, sandbox.url)
    npm.userconfig = user.userconfig
    npm.env["NPM_CONFIG_USERCONFIG"] = str(user.userconfig)
    whoami = npm.run("whoami")
    assert whoami.returncode == 0, whoami.stderr
    assert whoami.stdout.strip() == "alice"
    assert oct(user.userconfig.stat().st_mode & 0o777) == "0o600"


def test_tokensh_reads_what_npm_login_wrote(start_sandbox, tmp_path, npm_for):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    npm = npm_for(sandbox)
    status, output = npm.login_legacy("alice", PASSWORD)
    assert status == 0, output
    user = ShellHome(npm.home, sandbox.url)
    user.userconfig = npm.userconfig
    result = user.run("-c", "whoami")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "alice"


def test_two_factor_login_from_the_environment(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"bob:{PASSWORD}:otp", totp_users=["bob"])
    user = ShellHome(tmp_path / "home", sandbox.url)
    wrong = login_with_env(user, "bob", {"TOKENSH_OTP": "000000"})
    assert wrong.returncode == 3, wrong.stderr
    assert re.search(r"(?i)one-time password", wrong.stderr)
    good = login_with_env(user, "bob", {"TOKENSH_OTP": sandbox.otp("bob")})
    assert good.returncode == 0, good.stderr
    assert user.run("-c", "whoami").stdout.strip() == "bob"


def test_two_factor_login_with_an_otp_command(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"bob:{PASSWORD}:otp", totp_users=["bob"])
    user = ShellHome(tmp_path / "home", sandbox.url)
    code_file = tmp_path / "code"
    code_file.write_text(sandbox.otp("bob") + "\n")
    result = login_with_env(user, "bob", {"TOKENSH_OTP_COMMAND": f"cat {code_file}"})
    assert result.returncode == 0, result.stderr


def test_web_otp_user_logs_in_through_the_web_flow(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"carol:{PASSWORD}:webotp", "--auto-approve")
    user = ShellHome(tmp_path / "home", sandbox.url)
    result = login_with_env(user, "carol")
    assert result.returncode == 0, result.stderr
    assert user.run("-c", "whoami").stdout.strip() == "carol"


def session_is_live(sandbox, token):
    request = urllib.request.Request(sandbox.url + "-/whoami", headers={"authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status == 200
    except urllib.error.HTTPError as error:
        assert error.code == 401, f"whoami answered {error.code}"
        return False


def test_expired_session_is_explained(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}", "--session-ttl", "1")
    user = ShellHome(tmp_path / "home", sandbox.url)
    assert login_with_env(user).returncode == 0
    token = next(line.split("=", 1)[1] for line in user.config_text().splitlines() if ":_authToken=" in line)
    # Poll the registry itself until the session has lapsed, rather than sleep past the TTL.
    deadline = time.monotonic() + 20
    while session_is_live(sandbox, token):
        assert time.monotonic() < deadline, "the 1-second session did not expire within 20 s"
        time.sleep(0.1)
    result = user.run("-c", "whoami")
    assert result.returncode == 3
    assert "2 hours" in result.stderr
    assert "login" in result.stderr


def test_web_login_with_auto_approve(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}", "--auto-approve")
    user = ShellHome(tmp_path / "home", sandbox.url)
    result = user.run("-c", "login --auth-type web")
    assert result.returncode == 0, result.stderr
    assert user.run("-c", "whoami").stdout.strip() == "alice"


def test_web_login_approved_on_the_page_while_the_shell_polls(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    child = subprocess.Popen(
        [*__import__("harness").tokensh_bin().split(), *user.argv("-c", "login --auth-type web")],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=user.env, cwd=user.home,
    )
    try:
        url = None
        deadline = time.time() + 20
        seen = ""
        while url is None and time.time() < deadline:
            line = child.stdout.readline() or child.stderr.readline()
            seen += line
            match = re.search(r"(http://127\.0\.0\.1:\d+/\S*)", line)
            if match and "done" not in match.group(1):
                url = match.group(1)
        assert url, f"the login URL was not printed: {seen!r}"
        page = urllib.request.urlopen(url, timeout=10).read().decode()
        action = re.search(r'<form[^>]*action="([^"]*)"', page)
        target = urllib.parse.urljoin(url, action.group(1)) if action else url
        form = urllib.parse.urlencode({"username": "alice", "password": PASSWORD}).encode()
        urllib.request.urlopen(urllib.request.Request(target, data=form, method="POST"), timeout=10).read()
        child.wait(timeout=30)
        assert child.returncode == 0, child.stderr.read()
    finally:
        if child.poll() is None:
            child.kill()
    assert user.run("-c", "whoami").stdout.strip() == "alice"


def test_editing_keeps_every_other_line(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    original = (
        "# my settings\n"
        "; another comment\n"
        "//other.example.com/:_authToken=${OTHER_TOKEN}\n"
        "//registry.example.org/:_authToken=" + OTHER_REGISTRY_TOKEN + "\n"
        "some-unknown-key = spaced value\n"
        "@corp:registry=https://npm.corp.example/\n"
        "\n"
        "[section]\n"
        "x=1\n"
    )
    user.userconfig.write_text(original)
    user.userconfig.chmod(0o600)
    assert login_with_env(user).returncode == 0
    after = user.config_text().splitlines(keepends=True)
    added = [line for line in after if line.startswith(f"{sandbox.nerf}:_authToken=npm_")]
    assert len(added) == 1
    after.remove(added[0])
    assert "".join(after) == original, "every other line must be kept byte for byte"
    lines = user.config_text().splitlines()
    assert lines.index(added[0].rstrip("\n")) < lines.index("[section]"), "the key must stay out of [section]"


def test_concurrent_logins_to_two_registries_lose_nothing(start_sandbox, tmp_path):
    first = start_sandbox("--user", f"alice:{PASSWORD}")
    second = start_sandbox("--user", f"alice:{PASSWORD}")
    config = tmp_path / "shared.npmrc"
    config.write_text("# shared\n")
    results = []

    def login(sandbox):
        # One user (one HOME, so one lock folder) logging in to two registries at once: the lock
        # serialises the two edits. Two users sharing one file do not exclude each other (the
        # later rename wins, as with npm): that is no case for this test.
        user = ShellHome(tmp_path / "home", sandbox.url)
        user.userconfig = config
        results.append(login_with_env(user))

    threads = [threading.Thread(target=login, args=(s,)) for s in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
    text = config.read_text()
    assert text.startswith("# shared\n")
    assert f"{first.nerf}:_authToken=" in text and f"{second.nerf}:_authToken=" in text


def test_piped_login_without_a_password_fails_at_once(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    start = time.monotonic()
    result = user.run(input="login --auth-type legacy --username alice\n", timeout=20)
    assert time.monotonic() - start < 10
    assert result.returncode == 2
    assert "TOKENSH_PASSWORD" in result.stderr


def test_password_and_otp_flags_are_refused(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    result = user.run("-c", f"login --username alice --password {PASSWORD}")
    assert result.returncode == 2
    assert "TOKENSH_PASSWORD" in result.stderr
    assert PASSWORD not in result.stderr + result.stdout


def test_refused_connection_exits_4_with_a_hint(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    user = ShellHome(tmp_path / "home", f"http://127.0.0.1:{port}/")
    start = time.monotonic()
    result = user.run("-c", "ping")
    assert time.monotonic() - start < 11
    assert result.returncode == 4
    assert f"127.0.0.1:{port}" in result.stderr
    assert "registry" in result.stderr.lower()


def test_unknown_command_suggests(tmp_path):
    user = ShellHome(tmp_path / "home", "http://127.0.0.1:9/")
    result = user.run("-c", "whoamj")
    assert result.returncode == 2
    assert "whoami" in result.stderr
