"""`audit --check-live`: each literal token found is asked about at its own registry only, and
a live one of the logged-in account can be revoked on the spot."""

import json
import re
import subprocess

import pexpect

from harness import tokensh_bin
from servers.loopback import LoopbackServer
from shell import PROMPT, ShellHome
from shell import TOKEN_RE

PASSWORD = "correct-horse-7"


def with_tokens(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    env = {"TOKENSH_PASSWORD": PASSWORD}
    assert user.run("-c", "login --auth-type legacy --username alice", env=env).returncode == 0
    tokens = []
    for name in ("leaked", "old"):
        made = user.run(
            "-c", f"token create --name {name} --packages-and-scopes-permission read-only --packages-all --expires 7",
            env=env)
        assert made.returncode == 0, made.stderr
        tokens.append(TOKEN_RE.search(made.stdout).group(0))
    revoked = user.run("-c", "token revoke --name old --yes", env=env)
    assert revoked.returncode == 0, revoked.stderr
    return sandbox, user, env, tokens


def test_live_and_revoked_tokens_are_told_apart_and_each_goes_to_its_own_registry_only(start_sandbox, tmp_path):
    sandbox, user, env, (leaked, old) = with_tokens(start_sandbox, tmp_path)
    seen = []
    other = LoopbackServer(lambda exchange: (seen.append(exchange.headers), exchange.reply(401, {"error": "no"})))
    try:
        project = user.home / "app"
        project.mkdir()
        (project / ".env.production").write_text(f"NPM_TOKEN={leaked}\n")
        (project / ".env").write_text(f"NPM_TOKEN={old}\n")
        elsewhere = "npm_" + "Q" * 32 + "abcd"
        (project / ".npmrc").write_text(f"//127.0.0.1:{other.port}/:_authToken={elsewhere}\n")
        result = user.run("--json", "-c", "audit app --check-live --yes", env=env)
        lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
        [checks] = [line["liveChecks"] for line in lines if "liveChecks" in line]
        by_place = {check["place"].split(":")[0]: check for check in checks}
        assert len(checks) == 4, checks
        assert by_place[str(user.userconfig)]["state"] == "live", "the login in the user config is found too"
        assert by_place[".env.production"]["state"] == "live" and by_place[".env.production"]["user"] == "alice"
        assert by_place[".env"]["state"] == "invalid"
        assert by_place[".npmrc"]["registry"] == f"http://127.0.0.1:{other.port}/"
        assert by_place[".npmrc"]["state"] == "invalid"
        sent_elsewhere = " ".join(str(headers) for headers in seen)
        assert elsewhere in sent_elsewhere, "the config line's token went to its own registry"
        assert leaked not in sent_elsewhere and old not in sent_elsewhere, "no other token went there"
        assert elsewhere not in sandbox.log_text()
        for token in (leaked, old, elsewhere):
            assert token not in result.stdout + result.stderr
    finally:
        other.stop()


def test_without_a_terminal_check_live_needs_yes(start_sandbox, tmp_path):
    sandbox, user, env, (leaked, _) = with_tokens(start_sandbox, tmp_path)
    (user.home / "app").mkdir()
    (user.home / "app" / ".env").write_text(f"NPM_TOKEN={leaked}\n")
    before = sandbox.log_text().count("GET /-/whoami")
    result = user.run("-c", "audit app --check-live", env=env)
    assert result.returncode == 2
    assert "add --yes" in result.stderr
    assert sandbox.log_text().count("GET /-/whoami") == before, "nothing was sent"


def test_a_live_token_of_this_account_is_revoked_when_confirmed(start_sandbox, tmp_path):
    sandbox, user, env, (leaked, _) = with_tokens(start_sandbox, tmp_path)
    (user.home / "app").mkdir()
    (user.home / "app" / ".env").write_text(f"NPM_TOKEN={leaked}\n")
    child = user.spawn(env=env)
    child.expect(PROMPT)
    child.sendline("audit app --check-live")
    child.expect("Each token goes only to the registry it belongs to")
    child.expect(r"still work\?\s*\[y/N\]")
    child.sendline("y")
    child.expect("live: npm_")
    child.expect(r"now\?\s*\[y/N\]")
    child.sendline("y")
    child.expect("(?i)revoked")
    child.expect(PROMPT)
    child.sendline("exit")
    child.expect(pexpect.EOF)
    again = user.run("--json", "-c", "audit app --check-live --yes", env=env)
    [checks] = [json.loads(line)["liveChecks"] for line in again.stdout.splitlines() if "liveChecks" in line]
    [check] = [check for check in checks if check["place"].startswith(".env")]
    assert check["state"] == "invalid"


def test_a_cloned_projects_registry_never_gets_the_tokens_found_beside_it(start_sandbox, tmp_path):
    """A project whose .npmrc sets `registry=` to a server of its own, with a real token in its
    .env: the token has no registry line of its own, and the registry in use is the project's
    choice, so it is not sent there (nor anywhere); the user is told how to check it."""
    from servers.recorder import HeaderRecorder

    sandbox, user, env, (leaked, _) = with_tokens(start_sandbox, tmp_path)
    evil = HeaderRecorder()
    try:
        project = user.home / "cloned"
        project.mkdir()
        (project / ".npmrc").write_text(f"registry=http://127.0.0.2:{evil.port}/\n")
        (project / ".env").write_text(f"NPM_TOKEN={leaked}\n")
        result = subprocess.run(
            [tokensh_bin(), "--userconfig", str(user.userconfig), "-c", "audit --check-live --yes"],
            capture_output=True, text=True, env=dict(user.env, **env), cwd=project, stdin=subprocess.DEVNULL,
            timeout=60)
        assert all(leaked not in (header or "") for _, header in evil.seen), evil.seen
        assert "not checked: the registry in use is set by this project's .npmrc" in result.stderr, result.stderr
        assert leaked not in result.stdout + result.stderr
        # Named by the user, the registry gets it: the printed line, with the registry put in.
        named = subprocess.run(
            [tokensh_bin(), "--userconfig", str(user.userconfig), "--registry", sandbox.url, "-c",
             "audit --check-live --yes"],
            capture_output=True, text=True, env=dict(user.env, **env), cwd=project, stdin=subprocess.DEVNULL,
            timeout=60)
        assert "live" in named.stdout, named.stdout + named.stderr
    finally:
        evil.close()
