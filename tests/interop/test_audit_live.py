"""`audit --check-live`: each literal token found is asked about at its own registry only, and
a live one of the logged-in account can be revoked on the spot."""

import json
import re

import pexpect

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
