"""Revoke, rotate and prune ask at a terminal: no (the default) keeps everything, yes acts."""

import io
import re

import pexpect

from shell import PROMPT, listed, logged_in
from shell import TOKEN_RE

PASSWORD = "correct-horse-7"
ENV = {"TOKENSH_PASSWORD": PASSWORD}


def deletes(sandbox):
    return [line for line in sandbox.log_text().splitlines() if "DELETE" in line and "/-/npm/v1/tokens" in line]


def finish(child):
    child.sendline("exit")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_revoke_asks_and_only_yes_revokes(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD)
    made = user.run("-c", "token create --name one --preset ci-install", env=ENV)
    assert made.returncode == 0, made.stderr
    child = user.spawn()
    child.expect(PROMPT)

    child.sendline("token revoke --name one")
    child.expect("To be revoked")
    child.expect(r"Revoke this token\? \[y/N\]")
    child.sendline("")  # the default is no
    child.expect("nothing was revoked")
    child.expect(PROMPT)
    assert deletes(sandbox) == []
    assert [entry["name"] for entry in listed(user)] == ["one"]

    child.sendline("token revoke --name one")
    child.expect(r"\[y/N\]")
    child.sendline("y")
    child.expect("Revoked [0-9a-f]+ \\(one\\)")
    child.expect(PROMPT)
    finish(child)
    assert len(deletes(sandbox)) == 1
    assert listed(user) == []


def test_revoking_the_shells_own_token_asks_a_second_time(start_sandbox, tmp_path):
    # The classic flavour lists the login token, so the shell's own token can be chosen.
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD, "--flavor", "classic")
    [own] = listed(user)
    child = user.spawn()
    child.expect(PROMPT)

    child.sendline(f"token revoke {own['id']}")
    child.expect(r"Revoke this token\? \[y/N\]")
    child.sendline("y")
    child.expect("the token this shell uses")
    child.expect(r"Revoke the token this shell is logged in with\? \[y/N\]")
    child.sendline("n")
    child.expect("nothing was revoked")
    child.expect(PROMPT)
    assert deletes(sandbox) == []

    child.sendline(f"token revoke {own['id']}")
    child.expect(r"Revoke this token\? \[y/N\]")
    child.sendline("y")
    child.expect(r"logged in with\? \[y/N\]")
    child.sendline("yes")
    child.expect("Revoked")
    child.expect(PROMPT)
    finish(child)
    assert len(deletes(sandbox)) == 1
    after = user.run("-c", "whoami")
    assert after.returncode != 0, "the revoked token no longer works"


def test_rotate_asks_before_creating_and_before_revoking_the_old_token(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD, "--flavor", "classic")
    made = user.run("-c", "token create --read-only --cidr 192.0.2.0/24", env=ENV)
    assert made.returncode == 0, made.stderr
    [old] = [entry for entry in listed(user) if entry["access"] == "read-only"]
    child = user.spawn()
    transcript = io.StringIO()
    child.logfile_read = transcript
    child.expect(PROMPT)

    child.sendline(f"token rotate {old['id']} --save none")
    child.expect(r"Create the new token\? \[Y/n\]")
    child.sendline("n")
    child.expect("nothing was created")
    child.expect(PROMPT)
    assert len(listed(user)) == 2

    child.sendline(f"token rotate {old['id']} --save none")
    child.expect(r"Create the new token\? \[Y/n\]")
    child.sendline("")  # the default is yes
    child.expect("(?i)password")
    child.sendline(PASSWORD)
    child.expect(r"Revoke the old token [0-9a-f]+ now\?.*\[y/N\]")
    child.sendline("")  # the default is no: the old token stays until every user of it moved
    child.expect(f"The old token {old['id']} was kept")
    child.expect(PROMPT)
    finish(child)
    assert "Password:" in transcript.getvalue() and PASSWORD not in transcript.getvalue(), "asked with echo off"
    entries = listed(user)
    assert len(entries) == 3 and old["key"] in {entry["key"] for entry in entries}
    new = [entry for entry in entries if entry["access"] == "read-only" and entry["key"] != old["key"]]
    assert len(new) == 1 and new[0]["cidr"] == ["192.0.2.0/24"]
    assert deletes(sandbox) == []


def test_prune_previews_and_asks(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD, "--seed-tokens", "30")
    before = listed(user)
    expired = [entry for entry in before if entry["expired"]]
    assert expired
    child = user.spawn()
    child.expect(PROMPT)
    child.sendline("token prune --expired")
    child.expect("Tokens to revoke")
    child.expect(rf"Revoke these {len(expired)} tokens?\? \[y/N\]")
    child.sendline("n")
    child.expect("nothing was revoked")
    child.expect(PROMPT)
    assert len(listed(user)) == len(before)

    child.sendline("token prune --expired")
    child.expect(r"\[y/N\]")
    child.sendline("y")
    child.expect(f"Revoked {len(expired)} of {len(expired)}; 0 failed.")
    child.expect(PROMPT)
    finish(child)
    assert len(listed(user)) == len(before) - len(expired)


def test_a_full_token_missing_from_the_list_is_never_sent_over_http(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD)
    stranger = "npm_" + "Q7" * 18
    for args in (("-c", "token revoke ${STRANGER}"), ("-c", "token revoke ${STRANGER} --yes")):
        result = user.run(*args, env={"STRANGER": stranger})
        assert result.returncode == 1, result.stderr
        assert "not in the token list" in result.stderr
        assert "over plain http" in result.stderr and "token list" in result.stderr
        assert stranger not in result.stdout + result.stderr
        assert "npm_Q7Q7...Q7Q7" in result.stderr
    assert stranger not in sandbox.log_text()
    assert deletes(sandbox) == []
