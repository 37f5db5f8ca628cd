"""The real npm CLI (10.x) against `tokensh sandbox`: every command npm users run."""

import json
import re
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

from shell import ShellHome
from shell import TOKEN_RE

PASSWORD = "correct-horse-7"


def http(method, url, token=None, body=None, headers=None):
    request = urllib.request.Request(url, method=method, data=body, headers=dict(headers or {}))
    if token:
        request.add_header("authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def assert_log_clean(sandbox, *secrets):
    log = sandbox.log_text()
    assert log.strip(), "the sandbox wrote no access log"
    for secret in secrets:
        if secret:
            assert secret not in log, "a secret reached the sandbox's access log"


def logged_in(start_sandbox, npm_for, *args, user="alice"):
    sandbox = start_sandbox("--user", f"{user}:{PASSWORD}", *args)
    npm = npm_for(sandbox)
    status, output = npm.login_legacy(user, PASSWORD)
    assert status == 0, output
    return sandbox, npm


def test_ping(start_sandbox, npm_for):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    result = npm_for(sandbox).run("ping")
    assert result.returncode == 0, result.stderr
    assert "PONG" in result.stderr


def test_legacy_login_then_whoami(start_sandbox, npm_for):
    sandbox, npm = logged_in(start_sandbox, npm_for)
    token = npm.token()
    assert token and TOKEN_RE.fullmatch(token), npm.config_text()
    assert f"{sandbox.nerf}:_authToken=" in npm.config_text()
    whoami = npm.run("whoami")
    assert whoami.returncode == 0, whoami.stderr
    assert whoami.stdout.strip() == "alice"
    assert_log_clean(sandbox, PASSWORD, token)


def test_legacy_login_with_wrong_password_is_refused(start_sandbox, npm_for):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    npm = npm_for(sandbox)
    status, output = npm.login_legacy("alice", "not-the-password")
    assert status != 0
    assert npm.token() is None


def test_web_login_with_auto_approve(start_sandbox, npm_for):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}", "--auto-approve")
    npm = npm_for(sandbox)
    result = npm.run("login", input="")
    assert result.returncode == 0, result.stderr
    assert "Login at:" in result.stdout
    assert npm.token(), npm.config_text()
    assert npm.run("whoami").stdout.strip() == "alice"


def test_web_login_approved_through_the_html_page(start_sandbox, npm_for):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    npm = npm_for(sandbox)
    child = subprocess.Popen(
        npm.argv("login"), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=npm.env
    )
    try:
        assert child.stdout.readline().strip() == "Login at:"
        login_url = child.stdout.readline().strip()
        assert login_url.startswith(sandbox.url)
        status, page = http("GET", login_url)
        assert status == 200 and "<form" in page
        action = re.search(r'<form[^>]*action="([^"]*)"', page)
        target = urllib.parse.urljoin(login_url, action.group(1)) if action else login_url
        form = urllib.parse.urlencode({"username": "alice", "password": PASSWORD}).encode()
        status, _ = http("POST", target, body=form, headers={"content-type": "application/x-www-form-urlencoded"})
        assert status in (200, 201, 302, 303)
        child.wait(timeout=30)
        assert child.returncode == 0, child.stderr.read()
    finally:
        if child.poll() is None:
            child.kill()
    assert npm.run("whoami").stdout.strip() == "alice"


def test_classic_token_create_with_and_without_cidr(start_sandbox, npm_for):
    sandbox, npm = logged_in(start_sandbox, npm_for, "--flavor", "classic")
    publish = npm.run("token", "create", input=PASSWORD + "\n")
    assert publish.returncode == 0, publish.stderr
    assert "Created publish token" in publish.stdout
    publish_token = TOKEN_RE.search(publish.stdout).group(0)

    read_only = npm.run("token", "create", "--read-only", "--cidr=10.0.0.0/8,192.168.1.0/24", input=PASSWORD + "\n")
    assert read_only.returncode == 0, read_only.stderr
    assert "Created read only token" in read_only.stdout
    assert "with IP whitelist: 10.0.0.0/8,192.168.1.0/24" in read_only.stdout
    read_only_token = TOKEN_RE.search(read_only.stdout).group(0)

    listed = json.loads(npm.run("token", "list", "--json").stdout)
    by_token_prefix = {entry["key"]: entry for entry in listed}
    import hashlib

    ro_entry = by_token_prefix[hashlib.sha512(read_only_token.encode()).hexdigest()]
    assert ro_entry["readonly"] is True
    assert ro_entry["cidr_whitelist"] == ["10.0.0.0/8", "192.168.1.0/24"]
    pub_entry = by_token_prefix[hashlib.sha512(publish_token.encode()).hexdigest()]
    assert pub_entry["readonly"] is False and pub_entry["cidr_whitelist"] is None
    for entry in listed:
        assert not TOKEN_RE.fullmatch(entry["token"]), "a list must never carry a full token"
    assert_log_clean(sandbox, PASSWORD, publish_token, read_only_token, npm.token())


def test_token_create_for_a_2fa_user_needs_the_otp(start_sandbox, npm_for):
    sandbox = start_sandbox("--flavor", "classic", "--user", f"bob:{PASSWORD}:otp", totp_users=["bob"])
    npm = npm_for(sandbox)
    status, output = npm.login_legacy("bob", PASSWORD, otp=lambda: sandbox.otp("bob"))
    assert status == 0, output
    assert npm.run("whoami").stdout.strip() == "bob"

    without = npm.run("token", "create", input=PASSWORD + "\n")
    assert without.returncode != 0
    assert "EOTP" in without.stderr

    wrong = npm.run("token", "create", "--otp=000000", input=PASSWORD + "\n")
    assert wrong.returncode != 0

    code = sandbox.otp("bob", at=time.time() + 30)
    created = npm.run("token", "create", f"--otp={code}", input=PASSWORD + "\n")
    assert created.returncode == 0, created.stderr
    assert TOKEN_RE.search(created.stdout)

    reused = npm.run("token", "create", f"--otp={code}", input=PASSWORD + "\n")
    assert reused.returncode != 0, "a TOTP code must be accepted once only"
    assert_log_clean(sandbox, PASSWORD, code, TOKEN_RE.search(created.stdout).group(0))


def test_npmjs_flavour_refuses_the_classic_create_body(start_sandbox, npm_for):
    sandbox, npm = logged_in(start_sandbox, npm_for)
    result = npm.run("token", "create", input=PASSWORD + "\n")
    assert result.returncode != 0
    assert "granular" in result.stderr.lower(), result.stderr


def test_token_list_follows_every_page(start_sandbox, npm_for):
    sandbox, npm = logged_in(start_sandbox, npm_for, "--seed-tokens", "60")
    listed = npm.run("token", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    objects = json.loads(listed.stdout)
    assert len(objects) == 60, "npmjs flavour: 60 seeded tokens, the login session token not listed"
    assert len({entry["key"] for entry in objects}) == 60
    pages = [line for line in sandbox.log_text().splitlines() if "/-/npm/v1/tokens" in line and "GET" in line]
    assert len(pages) >= 3, "60 tokens should span at least three pages"

    text = npm.run("token", "list")
    assert text.returncode == 0, text.stderr
    assert len(re.findall(r" with id [0-9a-f]{6,} created ", text.stdout)) == 60


def test_token_list_under_a_prefix_across_pages(start_sandbox, npm_for):
    sandbox, npm = logged_in(start_sandbox, npm_for, "--prefix", "/sub/", "--flavor", "classic", "--seed-tokens", "55")
    objects = json.loads(npm.run("token", "list", "--json").stdout)
    assert len(objects) == 56  # 55 seeded and the login token


def test_revoke_with_the_id_that_npm_token_list_printed(start_sandbox, npm_for):
    sandbox, npm = logged_in(start_sandbox, npm_for, "--flavor", "classic")
    created = npm.run("token", "create", "--read-only", input=PASSWORD + "\n")
    token = TOKEN_RE.search(created.stdout).group(0)
    import hashlib

    key = hashlib.sha512(token.encode()).hexdigest()
    listing = npm.run("token", "list").stdout
    ids = re.findall(r" with id ([0-9a-f]+) created ", listing)
    short = next(i for i in ids if key.startswith(i))
    revoked = npm.run("token", "revoke", short)
    assert revoked.returncode == 0, revoked.stderr
    assert "Removed 1 token" in revoked.stdout
    keys = {entry["key"] for entry in json.loads(npm.run("token", "list", "--json").stdout)}
    assert key not in keys
    status, _ = http("GET", sandbox.url + "-/whoami", token=token)
    assert status == 401, "a revoked token must be refused"


def test_logout_then_whoami_fails(start_sandbox, npm_for):
    sandbox, npm = logged_in(start_sandbox, npm_for)
    token = npm.token()
    logout = npm.run("logout")
    assert logout.returncode == 0, logout.stderr
    assert npm.token() is None
    whoami = npm.run("whoami")
    assert whoami.returncode != 0
    assert "ENEEDAUTH" in whoami.stderr
    status, _ = http("GET", sandbox.url + "-/whoami", token=token)
    assert status == 401, "logout must revoke the session token on the registry"


def test_login_and_whoami_under_a_prefix(start_sandbox, npm_for):
    sandbox, npm = logged_in(start_sandbox, npm_for, "--prefix", "/sub/")
    assert sandbox.url.endswith("/sub/")
    assert f"{sandbox.nerf}:_authToken=" in npm.config_text()
    assert sandbox.nerf.endswith("/sub/")
    assert npm.run("whoami").stdout.strip() == "alice"


def tiny_package(tmp_path, version):
    package = tmp_path / f"tiny-{version}"
    package.mkdir()
    (package / "package.json").write_text(json.dumps({"name": "tokensh-tiny", "version": version, "main": "index.js"}))
    (package / "index.js").write_text("module.exports = 42\n")
    return package


def test_publish_refused_with_read_only_token_and_accepted_with_publish_token(start_sandbox, npm_for, tmp_path):
    sandbox, npm = logged_in(start_sandbox, npm_for, "--flavor", "classic")
    read_only = TOKEN_RE.search(npm.run("token", "create", "--read-only", input=PASSWORD + "\n").stdout).group(0)
    publish = TOKEN_RE.search(npm.run("token", "create", input=PASSWORD + "\n").stdout).group(0)

    package = tiny_package(tmp_path, "1.0.0")
    npm.userconfig.write_text(f"{sandbox.nerf}:_authToken={read_only}\n")
    refused = npm.run("publish", cwd=package)
    assert refused.returncode != 0
    assert "403" in refused.stderr or "401" in refused.stderr, refused.stderr

    npm.userconfig.write_text(f"{sandbox.nerf}:_authToken={publish}\n")
    accepted = npm.run("publish", cwd=package)
    assert accepted.returncode == 0, accepted.stderr
    view = npm.run("view", "tokensh-tiny", "version")
    assert view.returncode == 0, view.stderr
    assert view.stdout.strip() == "1.0.0"
    assert_log_clean(sandbox, PASSWORD, read_only, publish)


def test_npmjs_asks_a_2fa_user_for_the_otp_to_publish_in_a_session(start_sandbox, npm_for, tmp_path):
    """npmjs enforces 2FA for publishing with a login session; a granular token needs bypass 2FA."""
    sandbox = start_sandbox("--user", f"bob:{PASSWORD}:otp", "--user", f"carol:{PASSWORD}:otp", totp_users=["bob", "carol"])
    npm = npm_for(sandbox)
    status, output = npm.login_legacy("bob", PASSWORD, otp=lambda: sandbox.otp("bob"))
    assert status == 0, output
    session = npm.token()

    first = tiny_package(tmp_path, "1.0.0")
    without = npm.run("publish", cwd=first)
    assert without.returncode != 0
    assert "EOTP" in without.stderr or "one-time password" in without.stderr, without.stderr
    code = sandbox.otp("bob", at=time.time() + 30)
    published = npm.run("publish", f"--otp={code}", cwd=first)
    assert published.returncode == 0, published.stderr
    assert npm.run("view", "tokensh-tiny", "version").stdout.strip() == "1.0.0"

    # carol makes two granular write tokens with tokensh, one bypassing 2FA.
    carol = ShellHome(tmp_path / "carol", sandbox.url)
    login = carol.run(
        "-c", "login --auth-type legacy --username carol", env={"TOKENSH_PASSWORD": PASSWORD, "TOKENSH_OTP": sandbox.otp("carol")}
    )
    assert login.returncode == 0, login.stderr
    made = carol.run(
        "-c",
        "token create --name ci-publish --packages-and-scopes-permission read-write --packages-all --expires 7 --bypass-2fa",
        env={"TOKENSH_PASSWORD": PASSWORD, "TOKENSH_OTP": sandbox.otp("carol", at=time.time() + 30)},
    )
    assert made.returncode == 0, made.stderr
    bypass = TOKEN_RE.search(made.stdout).group(0)
    npm.userconfig.write_text(f"{sandbox.nerf}:_authToken={bypass}\n")
    unattended = npm.run("publish", cwd=tiny_package(tmp_path, "1.0.1"))
    assert unattended.returncode == 0, unattended.stderr
    assert npm.run("view", "tokensh-tiny", "version").stdout.strip() == "1.0.1"
    assert_log_clean(sandbox, PASSWORD, code, bypass, session)
