"""Where login and token credentials go: a `TOKENSH_TOKEN` stand-in stays in memory, `--save
project` never leaves a token only in a log, an unset `${NPM_TOKEN}` is named, and the texts
that teach the `.npmrc` line name the registry in use."""

import re

import pexpect

from harness import tokensh_bin
from shell import PROMPT, ShellHome, listed, logged_in
from shell import TOKEN_RE

PASSWORD = "correct-horse-5"
ENV = {"TOKENSH_PASSWORD": PASSWORD}
FLAGS = "--name proj --packages-and-scopes-permission read-only --packages-all --expires 30"


def saved_token(user):
    return TOKEN_RE.search(user.config_text()).group(0)


def make_project(user, registry=None):
    project = user.home / "app"
    project.mkdir()
    (project / "package.json").write_text('{"name":"app","version":"1.0.0"}\n')
    return project


def spawn_in(user, cwd, *args, env=None):
    """tokensh at a terminal, in `cwd`, running `args` (e.g. `-c LINE`)."""
    return pexpect.spawn(
        tokensh_bin(), user.argv(*args), env=dict(user.env, **(env or {})), cwd=str(cwd), encoding="utf-8",
        timeout=30, dimensions=(40, 200),
    )


def test_security_05_a_stand_in_token_is_used_for_the_run_and_never_saved(start_sandbox, tmp_path):
    sandbox, alice = logged_in(start_sandbox, tmp_path, PASSWORD)
    token = saved_token(alice)
    ci = ShellHome(tmp_path / "ci", sandbox.url)
    ci.userconfig.write_text("# the CI machine's own settings\n")
    script = ci.home / "setup.tksh"
    script.write_text("login --auth-type legacy --username alice\nwhoami\nlogin\nwhoami\ntoken list\n")
    replay = ci.run(str(script), env={"TOKENSH_TOKEN": token})
    assert replay.returncode == 0, replay.stderr
    assert replay.stdout.count("alice\n") == 2, "later commands of the run authenticate with it"
    assert ci.config_text() == "# the CI machine's own settings\n", "the stand-in never reaches the user config"
    assert token not in replay.stdout + replay.stderr

    asked = ci.run("-c", "login --save user", env={"TOKENSH_TOKEN": token})
    assert asked.returncode == 0, asked.stderr
    assert token in ci.config_text(), "saved when the line asks for it explicitly"


def test_security_16_save_project_without_a_terminal_creates_nothing(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD)
    project = make_project(user)
    result = user.run("-c", f"token create {FLAGS} --save project", env=ENV, cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert TOKEN_RE.search(result.stdout + result.stderr) is None, "no token in a CI log"
    assert "--save file:" in result.stderr
    assert not (project / ".npmrc").exists()
    assert [entry["name"] for entry in listed(user)] == [], "nothing was created"


def test_security_16_an_unset_npm_token_reference_is_named_not_sent(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD)
    project = make_project(user)
    (project / ".npmrc").write_text(f"{sandbox.nerf}:_authToken=${{NPM_TOKEN}}\n")
    unset = user.run("-c", "whoami", cwd=project)
    assert unset.returncode == 2, unset.stderr
    assert f"{sandbox.nerf}:_authToken in {project / '.npmrc'} uses ${{NPM_TOKEN}}, which is not set" in unset.stderr
    assert "export NPM_TOKEN=" in unset.stderr
    assert "login again" not in unset.stderr
    assert "/-/whoami" not in sandbox.log_text(), "the placeholder was never sent"
    logged = user.run("-c", "whoami", cwd=project, env={"NPM_TOKEN": saved_token(user)})
    assert logged.returncode == 0 and logged.stdout.strip() == "alice", logged.stderr


def test_security_21_the_username_prompt_has_one_colon(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    child = user.spawn()
    child.expect(PROMPT)
    child.sendline("login --auth-type legacy")
    child.expect(r"Username:+ ")
    assert child.after == "Username: "
    child.sendintr()
    child.expect(PROMPT)
    child.sendline("exit")
    child.expect(pexpect.EOF)


def test_security_21_npmrc_lines_in_tips_name_the_registry_in_use(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD)
    line = f"{sandbox.nerf}:_authToken=${{NPM_TOKEN}}"
    for topic in ["storage", "ci", "npmrc"]:
        result = user.run("-c", f"tips {topic}")
        assert result.returncode == 0, result.stderr
        assert line in result.stdout, (topic, result.stdout)
        assert "//registry.npmjs.org/" not in result.stdout, (topic, result.stdout)
    assert f"registry-url: {sandbox.url.rstrip('/')}" in user.run("-c", "tips ci").stdout

    # At a terminal, --save project shows the token once and the tip names the same line.
    project = make_project(user)
    child = spawn_in(user, project, "-c", f"token create {FLAGS} --save project", env=ENV)
    child.expect(pexpect.EOF)
    child.close()
    shown = child.before
    assert child.exitstatus == 0, shown
    tip = shown[shown.index("tip: a project file") :]
    assert f"`{line}`" in " ".join(tip.split()), tip
    assert "//registry.npmjs.org/" not in shown
    assert line in (project / ".npmrc").read_text()
