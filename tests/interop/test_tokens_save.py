"""Where a new token goes (`--save`): a private file, the user config, or a project `${NPM_TOKEN}` line."""

import re
import stat

import pexpect

from harness import Npm, tokensh_bin
from shell import listed, logged_in
from test_tokens import ENV, PASSWORD, TOKEN_RE

FLAGS = "--name ci-read --packages-and-scopes-permission read-only --packages-all --expires 30"


def test_save_to_a_private_file_keeps_the_token_out_of_stdout(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD)
    target = tmp_path / "secrets" / "ci.token"
    target.parent.mkdir()
    result = user.run("-c", f"token create {FLAGS} --save file:{target}", env=ENV)
    assert result.returncode == 0, result.stderr
    token = target.read_text().strip()
    assert TOKEN_RE.fullmatch(token), "the file holds exactly the token"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert token not in result.stdout + result.stderr, "with --save file: the token stays out of CI logs"
    assert "${NPM_TOKEN}" in result.stdout + result.stderr, "it ends with how to use the token"

    again = user.run("-c", f"token create {FLAGS.replace('ci-read', 'ci-two')} --save file:{target}", env=ENV)
    assert again.returncode != 0, "an existing file is never overwritten without --force"
    assert target.read_text().strip() == token
    assert [entry["name"] for entry in listed(user)] == ["ci-read"], "nothing is left behind when saving fails"


def test_save_to_the_user_config_replaces_the_login_and_npm_accepts_it(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD)
    before = user.config_text()
    result = user.run("-c", f"token create {FLAGS} --save user", env=ENV)
    assert result.returncode == 0, result.stderr
    after = user.config_text()
    assert after != before
    saved = re.search(re.escape(sandbox.nerf) + r":_authToken=(npm_[A-Za-z0-9]{36})", after).group(1)
    assert saved not in before
    assert "replaces" in result.stderr.lower(), "it says first that this replaces the current login"
    npm = Npm(user.home, sandbox.url)
    npm.userconfig = user.userconfig
    npm.env["NPM_CONFIG_USERCONFIG"] = str(user.userconfig)
    whoami = npm.run("whoami")
    assert whoami.returncode == 0 and whoami.stdout.strip() == "alice", whoami.stderr


def test_save_to_the_project_writes_the_variable_line_never_the_token(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD)
    project = user.home / "app"
    project.mkdir()
    (project / "package.json").write_text('{"name":"app","version":"1.0.0"}\n')
    (project / ".npmrc").write_text("# project settings\nsave-exact=true\n")
    # At a terminal, where the token is shown once (without one, --save project is refused).
    child = pexpect.spawn(
        tokensh_bin(), user.argv("-c", f"token create {FLAGS} --save project"), env=dict(user.env, **ENV),
        cwd=str(project), encoding="utf-8", timeout=30)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    text = (project / ".npmrc").read_text()
    assert text.startswith("# project settings\nsave-exact=true\n"), "other lines are kept"
    assert f"{sandbox.nerf}:_authToken=${{NPM_TOKEN}}" in text
    assert TOKEN_RE.search(text) is None, "the project file never holds the token"
