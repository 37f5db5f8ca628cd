"""tokensh and the real npm CLI against the sandbox's verdaccio flavour (Verdaccio 6 as its
routes answer), and token kind detection on fresh accounts."""

import json
import re
from pathlib import Path

import pexpect

from servers.loopback import LoopbackServer
from shell import PROMPT, ShellHome, listed, logged_in
from test_npm_cli import assert_log_clean, tiny_package

PASSWORD = "correct-horse-7"
# Verdaccio's legacy tokens: base64 of `IV:CIPHERTEXT` in hex, not npm_ tokens.
VERDACCIO_TOKEN_RE = re.compile(r"[A-Za-z0-9+/]{100,}={0,2}")


def revocations(sandbox):
    """Revoke requests in the sandbox's access log."""
    return [line for line in sandbox.log_text().splitlines() if line.startswith("DELETE /-/npm/v1/tokens/")]


def kinds_file(user):
    return user.home / ".local" / "state" / "tokensh" / "registry-kinds.json"


def test_verdaccio_wizard_with_every_default_creates_a_read_only_classic_token_first_try(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD, "--flavor", "verdaccio")
    assert listed(user) == [], "a fresh Verdaccio account lists no token: its login token is not listed"
    child = user.spawn()
    child.expect(PROMPT)
    child.sendline("token create")
    child.expect("This registry issues classic tokens: its token list has Verdaccio's shape")
    child.expect(r"Purpose \[ci-install\]: ")
    child.sendline("")
    child.expect(r"Access \[read-only\]: ")
    child.sendline("")
    child.expect(r"Allowed IPv4 ranges .*\[any\]: ")
    child.sendline("")
    child.expect("npm equivalent: npm token create --read-only")
    child.expect(r"Create this token\?")
    child.sendline("")
    child.expect("(?i)password")
    child.sendline(PASSWORD)
    child.expect("Verified: the registry granted what was asked.")
    child.expect(r"Save to \[none\]: ")
    child.sendline("")
    child.expect(VERDACCIO_TOKEN_RE)
    child.expect(PROMPT)
    child.sendline("exit")
    child.expect(pexpect.EOF)
    [entry] = listed(user)
    assert entry["kind"] == "classic" and entry["access"] == "read-only", entry
    assert revocations(sandbox) == [], "nothing was created and then revoked"


def test_verdaccio_batch_create_read_only_with_cidr_needs_no_terminal_or_kind_flag(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD, "--flavor", "verdaccio")
    result = user.run(
        "-c", "token create --read-only --cidr 10.0.0.0/8", env={"TOKENSH_PASSWORD": PASSWORD}, input=None
    )
    assert result.returncode == 0, result.stderr
    assert "--name" not in result.stderr and "--expires" not in result.stderr, result.stderr
    assert VERDACCIO_TOKEN_RE.search(result.stdout), result.stdout
    [entry] = listed(user)
    assert entry["kind"] == "classic" and entry["access"] == "read-only" and entry["cidr"] == ["10.0.0.0/8"], entry
    assert revocations(sandbox) == [], "nothing was created and then revoked"
    assert_log_clean(sandbox, PASSWORD)


def test_verdaccio_granular_request_answered_classic_is_revoked_and_remembered(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD, "--flavor", "verdaccio")
    env = {"TOKENSH_PASSWORD": PASSWORD}
    granular = user.run(
        "-c",
        "token create --granular --name ci --packages-and-scopes-permission read-only --packages-all --expires 7",
        env=env,
    )
    assert granular.returncode == 1, granular.stderr
    assert "revoked at once" in granular.stderr and "tokensh now remembers" in granular.stderr, granular.stderr
    assert len(revocations(sandbox)) == 1
    assert listed(user) == []
    memory = json.loads(kinds_file(user).read_text())
    assert memory["registries"][sandbox.url]["kind"] == "classic", memory
    again = user.run("-c", "token create --read-only", env=env)
    assert again.returncode == 0, again.stderr
    [entry] = listed(user)
    assert entry["kind"] == "classic" and entry["access"] == "read-only"
    assert len(revocations(sandbox)) == 1, "the second create needed no revoke"


def test_verdaccio_empty_list_message_does_not_name_npmjs(start_sandbox, tmp_path):
    _, user = logged_in(start_sandbox, tmp_path, PASSWORD, "--flavor", "verdaccio")
    result = user.run("-c", "token list")
    assert result.returncode == 0, result.stderr
    assert "No tokens." in result.stdout and "npmjs" not in result.stdout, result.stdout


def test_npmjs_fresh_account_empty_list_wizard_is_granular_and_names_npmjs(start_sandbox, tmp_path):
    _, user = logged_in(start_sandbox, tmp_path, PASSWORD)
    result = user.run("-c", "token list")
    assert "Login sessions are not listed on npmjs." in result.stdout, result.stdout
    child = user.spawn()
    child.expect(PROMPT)
    child.sendline("token create")
    child.expect("This registry issues granular tokens")
    child.expect(r"Purpose \[ci-install\]: ")
    child.sendline("")
    child.expect(r"Token name \[tokensh-read-\d{8}\]: ")
    child.sendcontrol("c")
    child.expect(PROMPT)
    child.sendline("exit")
    child.expect(pexpect.EOF)
    assert listed(user) == []


def unknown_registry(posts):
    """A registry with the token API whose empty list has npmjs's shape and whose login token is
    no npm_ token: nothing tells its kind."""

    def handle(exchange):
        if exchange.path.startswith("/-/npm/v1/tokens") and exchange.method == "GET":
            exchange.reply(200, {"objects": [], "total": 0, "urls": {}})
        else:
            posts.append(exchange.path)
            exchange.reply(404, {"error": "not found"})

    return handle


def unknown_registry_home(tmp_path, server):
    user = ShellHome(tmp_path / "home", server.url)
    nerf = "//" + server.url.split("//", 1)[1]
    user.userconfig.write_text(f"{nerf}:_authToken=eyJhbGciOiJIUzI1NiJ9.eyJuYW1lIjoiYWxpY2UifQ.c2lnbmF0dXJl\n")
    return user


def test_unknown_kind_without_terminal_names_classic_and_granular_and_sends_nothing(tmp_path):
    posts = []
    with LoopbackServer(unknown_registry(posts)) as server:
        user = unknown_registry_home(tmp_path, server)
        result = user.run("-c", "token create --read-only", env={"TOKENSH_PASSWORD": PASSWORD})
        assert result.returncode == 2, result.stderr
        assert "--classic" in result.stderr and "--granular" in result.stderr, result.stderr
        assert "read-only flag" in result.stderr and "expiry" in result.stderr, result.stderr
        assert posts == [], "nothing but the list was requested"


def test_unknown_kind_at_a_terminal_asks_with_one_line_of_explanation(tmp_path):
    posts = []
    with LoopbackServer(unknown_registry(posts)) as server:
        user = unknown_registry_home(tmp_path, server)
        child = user.spawn()
        child.expect(PROMPT)
        child.sendline("token create")
        child.expect("tokensh cannot tell which tokens")
        child.expect(r"Token kind \(classic/granular\) \[classic\]: ")
        child.sendline("")
        child.expect("This registry issues classic tokens: as you said")
        child.expect(r"Purpose \[ci-install\]: ")
        child.sendcontrol("c")
        child.expect(PROMPT)
        child.sendline("exit")
        child.expect(pexpect.EOF)
        assert posts == []


def test_npm_cli_against_verdaccio_flavour(start_sandbox, npm_for, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}", "--flavor", "verdaccio")
    npm = npm_for(sandbox)
    status, output = npm.login_legacy("alice", PASSWORD)
    assert status == 0, output
    login_token = npm.token()
    assert login_token and not login_token.startswith("npm_"), npm.config_text()
    whoami = npm.run("whoami")
    assert whoami.returncode == 0 and whoami.stdout.strip() == "alice", whoami.stderr

    created = npm.run("token", "create", "--read-only", "--cidr=127.0.0.0/8", input=PASSWORD + "\n")
    assert created.returncode == 0, created.stderr
    assert "Created read only token" in created.stdout, created.stdout
    read_only = VERDACCIO_TOKEN_RE.search(created.stdout).group(0)

    listing = npm.run("token", "list", "--json")
    assert listing.returncode == 0, listing.stderr
    [entry] = json.loads(listing.stdout)
    assert entry["readonly"] is True and entry["cidr_whitelist"] == ["127.0.0.0/8"], entry
    assert entry["token"] == read_only[:5] + "..." + read_only[-5:]

    package = tiny_package(tmp_path, "1.0.0")
    npm.userconfig.write_text(f"{sandbox.nerf}:_authToken={read_only}\n")
    refused = npm.run("publish", cwd=package)
    assert refused.returncode != 0
    assert "403" in refused.stderr and "unauthorized access" in refused.stderr, refused.stderr

    npm.userconfig.write_text(f"{sandbox.nerf}:_authToken={login_token}\n")
    revoked = npm.run("token", "revoke", entry["key"][:8])
    assert revoked.returncode == 0, revoked.stderr
    assert "Removed 1 token" in revoked.stdout
    after = npm.run("token", "list", "--json")
    assert json.loads(after.stdout) == [], after.stdout
    assert_log_clean(sandbox, PASSWORD, read_only, login_token)
