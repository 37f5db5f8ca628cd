"""Token housekeeping without a terminal: list, create from flags, revoke, rotate, prune, npm interop."""

import hashlib
import json
import re

from harness import Npm
from shell import listed, logged_in
from shell import TOKEN_RE

PASSWORD = "correct-horse-7"
ENV = {"TOKENSH_PASSWORD": PASSWORD}


def create_posts(sandbox):
    return [line for line in sandbox.log_text().splitlines() if "POST" in line and "/-/npm/v1/tokens" in line]


def create(user, flags, env=None):
    return user.run("-c", "token create " + flags, env=dict(ENV, **(env or {})))


def test_classic_list_of_2500_tokens_as_json_and_at_80_and_200_columns(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD, "--flavor", "classic", "--seed-tokens", "2500")
    entries = listed(user)
    assert len(entries) == 2501, "2500 seeded and the login token"
    assert len({entry["id"] for entry in entries}) == 2501, "short ids are unique"
    for entry in entries[:50]:
        assert entry["key"].startswith(entry["id"]) and len(entry["id"]) >= 6
        assert entry["kind"] == "classic"
        assert entry["access"] in ("read-only", "read-write")
        assert isinstance(entry["cidr"], list) and entry["expires"] is None
        assert not TOKEN_RE.fullmatch(entry["token"] or "")
    for width in (80, 200):
        table = user.run("-c", "token list", env={"COLUMNS": str(width)})
        assert table.returncode == 0, table.stderr
        lines = table.stdout.splitlines()
        assert lines[0].startswith("ID")
        rows = [line for line in lines[1:] if re.match(r"[0-9a-f]{6,} ", line)]
        assert len(rows) == 2501, f"one line per token at {width} columns"
        too_long = [line for line in lines if len(line) > width]
        assert not too_long, f"lines wider than {width}: {too_long[:3]}"
        assert "2501 tokens" in table.stdout


def test_create_from_flags_and_refusals_before_any_request(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD)
    good = create(user, "--name ci --packages-and-scopes-permission read-only --packages-all --expires 30 --save none")
    assert good.returncode == 0, good.stderr
    tokens = TOKEN_RE.findall(good.stdout)
    assert len(tokens) == 1 and tokens[0] not in good.stderr, "the token is shown once, on stdout"
    assert "Verified" in good.stderr
    assert "${NPM_TOKEN}" in good.stderr and 'NPM_TOKEN: "${{ secrets.NPM_TOKEN }}"' in good.stderr
    assert "npm token create --name ci --packages-and-scopes-permission read-only --packages-all --expires 30" in good.stderr
    [entry] = listed(user)
    assert entry["name"] == "ci" and entry["access"] == "read-only" and entry["expires"]
    assert entry["bypass_2fa"] is False
    assert entry["key"] == hashlib.sha512(tokens[0].encode()).hexdigest()

    posts = len(create_posts(sandbox))
    packages = ",".join(f"p{n}" for n in range(51))
    base = "--name x --packages-and-scopes-permission read-only"
    for flags in (
        f"{base} --expires 5 --cidr 2001:db8::/32",
        f"{base} --expires 5 --cidr 10.0.0.0/33",
        f"{base} --expires 0",
        f"{base} --expires 5 --packages {packages}",
    ):
        bad = create(user, flags)
        assert bad.returncode == 2, (flags, bad.stderr)
        assert not TOKEN_RE.search(bad.stdout)
    assert len(create_posts(sandbox)) == posts, "refused values never reach the registry"
    missing = create(user, "--packages-all")
    assert missing.returncode == 2
    assert "--name" in missing.stderr and "--expires" in missing.stderr
    assert len(create_posts(sandbox)) == posts


def test_revoke_by_prefix_and_by_name_each_remove_one(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD)
    for name in ("one", "two", "three"):
        made = create(user, f"--name {name} --preset ci-install")
        assert made.returncode == 0, made.stderr
    entries = listed(user)
    assert len(entries) == 3
    target = next(entry for entry in entries if entry["name"] == "one")
    refused = user.run("-c", f"token revoke {target['id']}")
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert len(listed(user)) == 3
    by_prefix = user.run("-c", f"token revoke {target['id']} --yes")
    assert by_prefix.returncode == 0, by_prefix.stderr
    assert {entry["name"] for entry in listed(user)} == {"two", "three"}
    by_name = user.run("-c", "token revoke --name three --yes")
    assert by_name.returncode == 0, by_name.stderr
    assert [entry["name"] for entry in listed(user)] == ["two"]
    ambiguous = user.run("-c", "token revoke 0 1 2 3 4 5 6 7 8 9 a b c d e f --yes")
    assert ambiguous.returncode == 2


def test_tokensh_and_npm_list_and_revoke_each_others_tokens(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD, "--flavor", "classic")
    npm = Npm(user.home, sandbox.url)
    npm.userconfig = user.userconfig
    npm.env["NPM_CONFIG_USERCONFIG"] = str(user.userconfig)

    made = create(user, "--read-only --cidr 192.0.2.0/24")
    assert made.returncode == 0, made.stderr
    assert "npm token create --read-only --cidr 192.0.2.0/24" in made.stderr
    ours = TOKEN_RE.search(made.stdout).group(0)
    our_key = hashlib.sha512(ours.encode()).hexdigest()
    npm_list = json.loads(npm.run("token", "list", "--json").stdout)
    ours_in_npm = next(entry for entry in npm_list if entry["key"] == our_key)
    assert ours_in_npm["readonly"] is True and ours_in_npm["cidr_whitelist"] == ["192.0.2.0/24"]
    revoked = npm.run("token", "revoke", our_key[:10])
    assert revoked.returncode == 0, revoked.stderr
    assert our_key not in {entry["key"] for entry in listed(user)}

    theirs = npm.run("token", "create", "--read-only", input=PASSWORD + "\n")
    assert theirs.returncode == 0, theirs.stderr
    their_key = hashlib.sha512(TOKEN_RE.search(theirs.stdout).group(0).encode()).hexdigest()
    entry = next(entry for entry in listed(user) if entry["key"] == their_key)
    assert entry["kind"] == "classic" and entry["access"] == "read-only"
    gone = user.run("-c", f"token revoke {entry['id']} --yes")
    assert gone.returncode == 0, gone.stderr
    assert their_key not in {e["key"] for e in json.loads(npm.run("token", "list", "--json").stdout)}


def test_a_registry_that_grants_write_for_a_read_only_request_is_caught(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD, "--fault", "grant-write")
    result = create(user, "--name ci --preset ci-install")
    assert result.returncode == 1, result.stderr
    assert "granted more than asked" in result.stderr and "read-write" in result.stderr
    assert "revoked" in result.stderr
    assert not TOKEN_RE.search(result.stdout + result.stderr), "an over-granted token is never shown"
    assert listed(user) == []


def test_rotate_keeps_the_rights_with_a_fresh_expiry(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD)
    made = create(user, "--name ci --packages-and-scopes-permission read-only --scopes @acme --expires 10 --cidr 192.0.2.0/24")
    assert made.returncode == 0, made.stderr
    [old] = listed(user)
    without_yes = user.run("-c", "token rotate --name ci", env=ENV)
    assert without_yes.returncode == 2 and len(listed(user)) == 1
    rotated = user.run("-c", "token rotate --name ci --expires 20 --yes", env=ENV)
    assert rotated.returncode == 0, rotated.stderr
    assert len(TOKEN_RE.findall(rotated.stdout)) == 1
    [new] = listed(user)
    assert new["key"] != old["key"]
    assert new["name"].startswith("ci-")
    assert new["access"] == "read-only" and new["scopes"] == ["@acme"] and new["cidr"] == ["192.0.2.0/24"]
    assert new["expires"] > old["expires"]


def test_npmjs_refuses_a_120_day_write_token_and_bypass_2fa_stays_off(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD)
    long = create(user, "--name pub --packages-and-scopes-permission read-write --packages-all --expires 120")
    assert long.returncode == 1, long.stderr
    assert "90 days" in long.stderr, long.stderr
    assert "--expires 90" in long.stderr, "the hint says what to do"
    assert listed(user) == []
    ok = create(user, "--name pub --packages-and-scopes-permission read-write --packages-all --expires 30")
    assert ok.returncode == 0, ok.stderr
    [entry] = listed(user)
    assert entry["access"] == "read-write" and entry["bypass_2fa"] is False


def test_prune_previews_then_needs_yes(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD, "--seed-tokens", "30")
    before = listed(user)
    expired = [entry for entry in before if entry["expired"]]
    assert expired, "the seeded tokens include expired ones"
    preview = user.run("-c", "token prune --expired")
    assert preview.returncode == 2 and "--yes" in preview.stderr
    assert all(entry["id"] in preview.stdout for entry in expired)
    assert len(listed(user)) == len(before)
    done = user.run("-c", "token prune --expired --yes")
    assert done.returncode == 0, done.stderr
    assert f"Revoked {len(expired)} of {len(expired)}; 0 failed." in done.stdout
    assert len(listed(user)) == len(before) - len(expired)
    kept = next(entry for entry in before if not entry["expired"])
    shown = user.run("-c", f"token show {kept['id']}")
    assert shown.returncode == 0, shown.stderr
    assert kept["key"] in shown.stdout and kept["name"] in shown.stdout
    assert not TOKEN_RE.search(shown.stdout), "show never prints a full token"
