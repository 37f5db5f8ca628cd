"""Every command line tokensh prints for the user to copy works when pasted into a fresh shell.

The lines come from the built binary: the guide's "Try it here" line, the npm equivalents of
`--dry-run` and `help`, the CI step after `token create` and the tips. Each runs with the real
npm CLI against the sandbox (through bash, as pasted), and its effect is checked.

A CI step is played the way GitHub Actions plays it: actions/setup-node with `registry-url`
writes `//HOST/:_authToken=${NODE_AUTH_TOKEN}` and `registry=URL` to a user config of its own
and points NPM_CONFIG_USERCONFIG at it; the step's `env:` gives the secret; the project holds
the committed `.npmrc` line. `npm whoami` stands in for the step's `npm ci`: it needs nothing
but the credential, and answers who the registry took the token for.
"""

import json
import os
import re
import shlex
import subprocess

import pexpect

from harness import tokensh_bin
from shell import PROMPT, ShellHome, listed, logged_in
from shell import TOKEN_RE

PASSWORD = "correct-horse-7"
RUN = r"Run it\? \(y/n/skip\) \[y\]: "


def fresh_shell_env(home):
    """What a new terminal has: a HOME, a PATH, and nothing tokensh set up."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "npm_config_update_notifier": "false",
        "npm_config_fetch_retries": "0",
        "npm_config_cache": str(home / ".npm-cache"),
        "NO_COLOR": "1",
    }


def paste(line, env, cwd, timeout=60):
    return subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", line], capture_output=True, text=True, env=env, cwd=cwd,
        timeout=timeout, stdin=subprocess.DEVNULL,
    )


def npm_words(line):
    """The words npm itself is given (its argv), after the environment assignments before it."""
    words = shlex.split(line)
    return words[words.index("npm") :]


def assert_no_secret_in_argv(line, token):
    for word in npm_words(line):
        assert token not in word and not TOKEN_RE.search(word), f"a token in npm's arguments: {line}"
        assert "$(" not in word and "`" not in word, f"npm's arguments expand to a secret: {line}"


# MARK: - CI steps and .npmrc lines


def committed_lines(text, nerf):
    """The `.npmrc` lines a text tells the user to commit for this registry."""
    return sorted({match.group(0) for match in re.finditer(re.escape(nerf) + r":_authToken=\$\{\w+\}", text)})


def ci_step(text):
    """setup-node's registry-url and the step's `env:` secrets, read from a printed CI snippet."""
    registry = re.search(r"registry-url:\s*(\S+?)\s*\}?\s*$", text, re.MULTILINE)
    secrets = dict(re.findall(r"(\w+):\s*\"?\$\{\{\s*secrets\.(\w+)\s*\}\}", text))
    assert re.search(r"- run: npm ", text), f"no `run: npm` step in:\n{text}"
    assert secrets, f"no secret handed to the step in:\n{text}"
    return (registry.group(1) if registry else None), secrets


def run_ci_step(tmp_path, text, nerf, secret_values, label):
    """Plays a printed CI snippet with its committed `.npmrc` line; returns `npm whoami`'s result."""
    folder = tmp_path / f"ci-{label}"
    runner, project, home = folder / "runner", folder / "project", folder / "home"
    for path in (runner, project, home):
        path.mkdir(parents=True)
    env = fresh_shell_env(home)
    lines = committed_lines(text, nerf)
    assert lines, f"{label}: no .npmrc line for {nerf} in:\n{text}"
    (project / ".npmrc").write_text("".join(line + "\n" for line in lines))
    registry, secrets = ci_step(text)
    if registry is not None:  # what actions/setup-node does with registry-url (src/authutil.ts)
        url = registry if registry.endswith("/") else registry + "/"
        userconfig = runner / ".npmrc"
        userconfig.write_text(re.sub(r"^\w+:", "", url) + ":_authToken=${NODE_AUTH_TOKEN}\nregistry=" + url + "\n")
        env["NPM_CONFIG_USERCONFIG"] = str(userconfig)
    for name, secret in secrets.items():
        env[name] = secret_values[secret]
    return paste("npm whoami", env, project)


# MARK: - the tests


def test_seams_bug_6_the_guides_try_it_line_and_ci_step_work_when_pasted(tmp_path):
    home = ShellHome(tmp_path / "home", "https://registry.invalid/")
    child = pexpect.spawn(
        tokensh_bin(), ["--sandbox"], env=dict(home.env), cwd=str(home.home), encoding="utf-8", timeout=60,
        dimensions=(40, 400),
    )
    try:
        child.expect(r"practice mode: a sandbox registry at (http://\S+/)")
        registry = child.match.group(1)
        child.expect(r"\(password: (\S+)\)")
        password = child.match.group(1)
        child.expect(PROMPT)
        child.sendline("guide")
        for pattern in (r"Registry \[current\]: ", RUN, RUN, r"\[legacy\]: ", r"Username \[demo\]: ", RUN):
            child.expect(pattern)
            child.sendline("")
        child.expect(r"(?i)password: ")
        child.sendline(password)
        child.expect("Logged in as demo")
        child.expect(RUN)  # whoami
        child.sendline("")
        child.expect(r"Token name \[(tokensh-read-\d{8})\]: ")
        child.sendline("")
        child.expect(r"Save to \[keyring\]: ")
        child.sendline("file")
        child.expect(RUN)  # token create
        child.sendline("")
        while child.expect([r"Create this token\?[^\r\n]*: ", r"\]: "]) == 1:
            child.sendline("")
        child.sendline("")
        child.expect(r"(?i)password: ")
        child.sendline(password)
        child.expect(r"Saved the token in (\S+) \(mode 0600\)")
        token = open(child.match.group(1)).read().strip()
        child.expect(RUN)  # token list: the storage advice is printed before it
        advice = child.before.replace("\r\n", "\n")

        nerf = "//" + registry.split("//", 1)[1]
        try_it = re.search(r"Try it here: (.*)", advice)
        assert try_it, f"no 'Try it here' line in:\n{advice}"
        line = try_it.group(1).strip()
        assert_no_secret_in_argv(line, token)
        pasted = paste(line, fresh_shell_env(home.home), home.home)
        assert pasted.returncode == 0, f"`{line}` failed in a fresh shell:\n{pasted.stderr}"
        assert pasted.stdout.strip() == "demo", pasted.stdout

        result = run_ci_step(tmp_path, advice, nerf, {"NPM_TOKEN": token}, "guide")
        assert result.returncode == 0, f"the guide's CI step does not authenticate npm:\n{advice}\n{result.stderr}"
        assert result.stdout.strip() == "demo"

        child.sendcontrol("c")
        child.expect(PROMPT)
        child.sendeof()
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)


def test_seams_bug_6_token_creates_ci_step_and_the_tips_authenticate_npm(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD, "--flavor", "classic")
    created = user.run(
        "-c", "token create --classic --read-only --name ci --save file:ci.token", env={"TOKENSH_PASSWORD": PASSWORD}
    )
    assert created.returncode == 0, created.stderr
    token = (user.home / "ci.token").read_text().strip()
    result = run_ci_step(tmp_path, created.stderr, sandbox.nerf, {"NPM_TOKEN": token}, "token-create")
    assert result.returncode == 0, f"token create's CI step does not authenticate npm:\n{created.stderr}\n{result.stderr}"
    assert result.stdout.strip() == "alice"

    tip = user.run("-c", "tips ci")
    assert tip.returncode == 0, tip.stderr
    result = run_ci_step(tmp_path, tip.stdout, sandbox.nerf, {"NPM_TOKEN": token}, "tips-ci")
    assert result.returncode == 0, f"`tips ci` does not authenticate npm:\n{tip.stdout}\n{result.stderr}"
    assert result.stdout.strip() == "alice"

    # The tips that teach the committed line alone: with the registry chosen and NPM_TOKEN set
    # from the secret, npm is logged in.
    for topic in ("storage", "npmrc", "myths"):
        text = user.run("-c", f"tips {topic}").stdout
        lines = committed_lines(text, sandbox.nerf)
        assert lines == [f"{sandbox.nerf}:_authToken=${{NPM_TOKEN}}"], (topic, text)
        project = tmp_path / f"tip-{topic}"
        project.mkdir()
        (project / ".npmrc").write_text(f"registry={sandbox.url}\n" + lines[0] + "\n")
        env = dict(fresh_shell_env(project), NPM_TOKEN=token)
        whoami = paste("npm whoami", env, project)
        assert whoami.returncode == 0 and whoami.stdout.strip() == "alice", (topic, whoami.stderr)


def npm_line(user, command):
    """The npm equivalent `--dry-run` prints for one tokensh command."""
    result = user.run("--dry-run", "-c", command)
    assert result.returncode == 0, result.stderr
    found = re.search(r"^\s+npm: (.*)$", result.stdout + result.stderr, re.MULTILINE)
    assert found, f"no npm line for `{command}`:\n{result.stdout}{result.stderr}"
    assert found.group(1) != "(no npm equivalent)", command
    return found.group(1)


def test_seams_bug_6_npm_equivalents_do_what_the_tokensh_command_does(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD, "--flavor", "classic", "--seed-tokens", "3")
    # npm and tokensh read the same user config, as on the user's machine.
    with open(user.userconfig, "a") as config:
        config.write(f"registry={sandbox.url}\n")
    env = dict(fresh_shell_env(user.home), NPM_CONFIG_USERCONFIG=str(user.userconfig))

    def npm(command):
        line = npm_line(user, command)
        return line, paste(line, env, user.home)

    line, result = npm("ping")
    assert result.returncode == 0, (line, result.stderr)

    line, result = npm("whoami")
    assert (result.returncode, result.stdout.strip()) == (0, "alice"), (line, result.stderr)

    line, result = npm("config get registry")
    assert result.stdout.strip() == sandbox.url, (line, result.stdout, result.stderr)

    line, result = npm("config list")
    assert result.returncode == 0 and f"registry = \"{sandbox.url}\"" in result.stdout, (line, result.stdout)

    ids = [entry["id"] for entry in listed(user)]
    line, result = npm("token list")
    assert result.returncode == 0, (line, result.stderr)
    for short in ids:
        assert short[:6] in result.stdout, (line, short, result.stdout)

    # token create: npm asks for the password itself.
    before = {entry["key"] for entry in listed(user)}
    line = npm_line(user, "token create --classic --read-only --cidr 192.0.2.0/24 --name x")
    child = pexpect.spawn("bash", ["--norc", "--noprofile", "-c", line], env=env, cwd=str(user.home), encoding="utf-8")
    child.expect(r"(?i)password:?\s*")
    child.sendline(PASSWORD)
    child.expect(pexpect.EOF, timeout=60)
    child.close()
    assert child.exitstatus == 0, (line, child.before)
    [new] = [entry for entry in listed(user) if entry["key"] not in before]
    assert new["access"] == "read-only" and new["cidr"] == ["192.0.2.0/24"], (line, new)

    line, result = npm(f"token revoke {new['id']}")
    assert result.returncode == 0, (line, result.stderr)
    assert new["key"] not in {entry["key"] for entry in listed(user)}, line

    other = "http://127.0.0.1:9/other/"
    line, result = npm(f"registry {other}")
    assert result.returncode == 0, (line, result.stderr)
    assert f"registry={other}" in user.config_text(), (line, user.config_text())
    user.userconfig.write_text(user.config_text().replace(f"registry={other}", f"registry={sandbox.url}"))

    login_token = next(line.split("=", 1)[1] for line in user.config_text().splitlines() if ":_authToken=" in line)
    line, result = npm("logout")
    assert result.returncode == 0, (line, result.stderr)
    assert ":_authToken=" not in user.config_text(), line
    assert user.run("-c", "whoami", env={"TOKENSH_TOKEN": login_token}).returncode == 3, "npm logout revoked it"

    line = npm_line(user, "login --auth-type legacy --username alice")
    child = pexpect.spawn("bash", ["--norc", "--noprofile", "-c", line], env=env, cwd=str(user.home), encoding="utf-8")
    child.expect("Username:")
    child.sendline("alice")
    child.expect("Password:")
    child.sendline(PASSWORD)
    child.expect(pexpect.EOF, timeout=60)
    child.close()
    assert child.exitstatus == 0, (line, child.before)
    assert user.run("-c", "whoami").stdout.strip() == "alice", "tokensh uses the login npm made"


def test_seams_bug_6_help_names_npm_commands_that_exist(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    overview = user.run("-c", "help")
    assert overview.returncode == 0, overview.stderr
    commands = re.findall(r"^  ([a-z]+(?: [a-z]+)?)(?= |$)", overview.stdout, re.MULTILINE)
    assert len(commands) > 10, overview.stdout
    env = fresh_shell_env(user.home)
    checked = 0
    for command in commands:
        text = user.run("-c", f"help {command}").stdout
        found = re.search(r"npm equivalent:\n\s+(npm [^\n]*)", text)
        if not found:
            continue
        words = found.group(1).split()
        usage = [word for word in words[:3] if re.fullmatch(r"[a-z-]+", word)][:3]
        result = paste(shlex.join([*usage, "--usage"]), env, user.home)
        assert result.returncode == 0 and "Unknown command" not in result.stdout + result.stderr, (command, words)
        checked += 1
    assert checked >= 8, f"only {checked} help texts named an npm command"
