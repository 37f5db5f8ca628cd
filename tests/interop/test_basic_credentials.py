"""Basic credentials in an npm config (`_auth`, or `username` with `_password`), as Nexus,
Artifactory and many Verdaccio setups use: tokensh sends them as npm does, names them as basic
credentials and never shows their value (issue "Sound seams", bug 4)."""

import base64
import re

import pytest

from harness import Npm
from shell import ShellHome

PASSWORD = "correct-horse-7"


def b64(text):
    return base64.b64encode(text.encode()).decode()


CONFIGS = {
    "_auth": lambda nerf: f"{nerf}:_auth={b64('alice:' + PASSWORD)}\n",
    "username+_password": lambda nerf: f"{nerf}:username=alice\n{nerf}:_password={b64(PASSWORD)}\n",
}


@pytest.mark.parametrize("shape", sorted(CONFIGS))
def test_seams_bug_4_basic_credentials_are_sent_as_npm_sends_them(start_sandbox, tmp_path, shape):
    sandbox = start_sandbox("--flavor", "classic", "--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    user.userconfig.write_text("; the team's registry\n" + CONFIGS[shape](sandbox.nerf))
    before = user.userconfig.read_bytes()

    whoami = user.run("-c", "whoami")
    assert whoami.returncode == 0, whoami.stderr
    assert whoami.stdout == "alice\n"
    assert "basic credentials" in whoami.stderr
    assert PASSWORD not in whoami.stdout + whoami.stderr

    listing = user.run("-c", "token list")
    assert listing.returncode == 0, listing.stderr
    config = user.run("-c", "config list")
    assert config.returncode == 0, config.stderr
    assert "(protected: basic credentials)" in config.stdout
    for secret in (PASSWORD, b64(PASSWORD), b64("alice:" + PASSWORD)):
        assert secret not in config.stdout + config.stderr + listing.stdout + listing.stderr
    assert user.userconfig.read_bytes() == before, "reading never rewrites the config"

    # The same config file works for the real npm CLI, which sends it as Basic too.
    npm = Npm(tmp_path / "npm-home", sandbox.url)
    npm.home.mkdir(parents=True, exist_ok=True)
    npm.userconfig.write_bytes(before)
    tokens = npm.run("token", "list")
    assert tokens.returncode == 0, tokens.stderr
    log = sandbox.log_text()
    assert len(re.findall(r"^GET /-/npm/v1/tokens\S* 200", log, re.M)) >= 2, log
    assert PASSWORD not in log


def test_seams_bug_4_wrong_basic_credentials_are_refused_with_their_source_named(start_sandbox, tmp_path):
    sandbox = start_sandbox("--flavor", "classic", "--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    user.userconfig.write_text(f"{sandbox.nerf}:_auth={b64('alice:wrong-password')}\n")
    result = user.run("-c", "whoami")
    assert result.returncode != 0
    assert "wrong-password" not in result.stderr and b64("alice:wrong-password") not in result.stderr


def test_whoami_does_not_take_another_origins_word_for_whose_credential_it_is(tmp_path):
    """A redirect of /-/whoami to another origin: the credential was dropped on the way, so the
    answer there (mallory) says nothing about it."""
    from servers.attacker_net import collector, everything_sent, redirecting_registry

    other = collector()
    registry = redirecting_registry(other, 302, lambda exchange: True)
    try:
        user = ShellHome(tmp_path / "home", registry.url)
        user.userconfig.write_text(f"//127.0.0.1:{registry.port}/:_auth={b64('alice:' + PASSWORD)}\n")
        user.userconfig.chmod(0o600)
        result = user.run("-c", "whoami")
        assert result.returncode != 0
        assert "mallory" not in result.stdout
        status = user.run("--json", "-c", "status")
        assert "mallory" not in status.stdout and status.returncode != 0
        assert b64("alice:" + PASSWORD) not in everything_sent(other)
    finally:
        registry.stop()
        other.stop()


def test_logout_removes_basic_credentials_as_npm_does(start_sandbox, tmp_path):
    sandbox = start_sandbox("--flavor", "classic", "--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    user.userconfig.write_text(f"; mine\nfund=false\n{sandbox.nerf}:_auth={b64('alice:' + PASSWORD)}\n")
    user.userconfig.chmod(0o600)
    result = user.run("-c", "logout")
    assert result.returncode == 0, result.stderr
    assert "Removed the basic credentials" in result.stdout
    assert user.userconfig.read_text() == "; mine\nfund=false\n"
    assert user.run("-c", "whoami").returncode != 0
