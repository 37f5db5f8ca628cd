"""Security: text from a registry or the file system never drives the terminal.

A hostile registry (servers/attacker_terminal.py) puts ESC sequences, BEL, 8-bit CSI, carriage
returns, backspaces and bidi overrides in every string it controls; a project `.npmrc` and a
file name do the same. tokensh prints them as visible stand-ins (`^[`, `<U+009B>`), on the line
they belong to; `--json` escapes them.
"""

import json
import os
import subprocess
import unicodedata

import pexpect

from harness import tokensh_bin
from servers.attacker_terminal import HOSTILE, TOKEN_KEY, HostileRegistry, unsafe_bytes
from shell import ShellHome

TOKEN = "npm_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"


def logged_in_home(tmp_path, registry):
    user = ShellHome(tmp_path / "home", registry)
    host = registry.split("://", 1)[1]
    user.userconfig.write_text(f"//{host}:_authToken={TOKEN}\n")
    os.chmod(user.userconfig, 0o600)
    return user


def run_bytes(user, *args, cwd=None, timeout=30):
    """tokensh with pipes, its output kept as bytes: nothing decoded, nothing hidden."""
    return subprocess.run(
        [tokensh_bin(), *user.argv(*args)], capture_output=True, env=user.env, cwd=cwd or user.home,
        stdin=subprocess.DEVNULL, timeout=timeout,
    )


def assert_safe(result, pty=False):
    for name, data in (("stdout", result.stdout), ("stderr", result.stderr)):
        found = unsafe_bytes(data, pty=pty)
        assert not found, f"{name} holds {found[:5]} in {data[:600]!r}"
        data.decode("utf-8")  # valid UTF-8: nothing cut inside a character


def columns(line):
    """Terminal columns of a line: East Asian wide and fullwidth characters take two."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def no_forged_lines(text):
    """The `hint:` inside the hostile text stays on the line of the value it belongs to."""
    return all(not line.startswith("hint: run `rm") for line in text.splitlines())


def test_security_04_whoami_name_and_registry_errors(tmp_path):
    with HostileRegistry() as server:
        user = logged_in_home(tmp_path, server.url)
        result = run_bytes(user, "-c", "whoami")
        assert result.returncode == 0, result.stderr
        assert_safe(result)
        out = result.stdout.decode()
        assert out.startswith("eve^[]0;pwned^G^[[2J<U+009B>31m^M^H^?<U+202E>evil<U+2066>x<U+2069>^Jhint:"), out
        assert out.count("\n") == 1
        # An error message of the registry, and one from a 404 on an unknown path.
        result = run_bytes(user, "-c", "ping")
        assert result.returncode != 0
        assert_safe(result)
        assert "^[]0;pwned^G" in result.stderr.decode(), result.stderr
        assert no_forged_lines(result.stderr.decode())


def test_security_04_www_authenticate_header(tmp_path):
    with HostileRegistry(www_authenticate="Negotiate\x1b]0;pwned\x07\x1b[2J\xc2\x9b\r") as server:
        user = logged_in_home(tmp_path, server.url)
        result = run_bytes(user, "-c", "whoami")
        assert result.returncode != 0
        assert_safe(result)
        assert "Negotiate^[]0;pwned^G" in result.stderr.decode(), result.stderr
        assert no_forged_lines(result.stderr.decode())


def test_security_04_token_list_and_show(tmp_path):
    with HostileRegistry() as server:
        user = logged_in_home(tmp_path, server.url)
        for width in ("20", "47", "80", "200"):
            result = subprocess.run(
                [tokensh_bin(), *user.argv("-c", "token list")], capture_output=True,
                env=dict(user.env, COLUMNS=width), cwd=user.home, stdin=subprocess.DEVNULL, timeout=30,
            )
            assert result.returncode == 0, result.stderr
            assert_safe(result)
            lines = result.stdout.decode().splitlines()
            assert lines[0].startswith("ID"), lines
            assert TOKEN_KEY[:6] in lines[1]
            assert len(lines) == 4, lines  # header, one row, the count, the marks legend
            assert all(columns(line) <= int(width) for line in lines), lines
        result = run_bytes(user, "-c", "token show " + TOKEN_KEY[:6])
        assert result.returncode == 0, result.stderr
        assert_safe(result)
        shown = result.stdout.decode()
        assert "description:  ^[]0;pwned^G" in shown, shown
        assert no_forged_lines(shown)


def test_security_04_json_output_escapes_controls(tmp_path):
    with HostileRegistry() as server:
        user = logged_in_home(tmp_path, server.url)
        for command in ("token list", "whoami"):
            result = run_bytes(user, "--json", "-c", command)
            assert result.returncode == 0, result.stderr
            assert_safe(result)
            text = result.stdout.decode()
            assert "\\u001b]0;pwned\\u0007" in text and "\\u009b" in text and "\\u202e" in text, text
            parsed = json.loads(text)
            # The data itself is unchanged: JSON carries it, escaped.
            if command == "whoami":
                assert parsed.startswith("eve" + HOSTILE)
            else:
                assert parsed[0]["description"].startswith(HOSTILE)


def test_security_04_web_login_and_web_otp_urls(tmp_path):
    with HostileRegistry() as server:
        user = ShellHome(tmp_path / "home", server.url)
        result = run_bytes(user, "-c", "login --auth-type web")
        assert result.returncode != 0
        assert_safe(result)
        out = result.stdout.decode()
        # A login URL with control characters is refused before it is shown or opened (item 6).
        assert "login URL the registry sent cannot be opened safely" in result.stderr.decode(), result.stderr
        assert "pwned" not in out, out
        assert no_forged_lines(out) and no_forged_lines(result.stderr.decode())
        user = logged_in_home(tmp_path / "second", server.url)
        result = run_bytes(user, "-c", "token revoke " + TOKEN_KEY[:6] + " --yes")
        assert result.returncode != 0
        assert_safe(result)
        text = result.stdout.decode() + result.stderr.decode()
        assert "auth/^[]0;pwned^G" in text, text


def test_security_04_project_npmrc_values_in_config_list_and_get(tmp_path):
    user = ShellHome(tmp_path / "home", "http://127.0.0.1:9/")
    project = tmp_path / "project"
    project.mkdir()
    (project / "package.json").write_text("{}\n")
    (project / ".npmrc").write_bytes(
        b"color-scheme=\x1b]0;pwned\x07\x1b[2J\xc2\x9b31m\r\x08\xe2\x80\xaeevil\n"
        b'banner="\\u001b[2J\\nhint: run `rm -rf ~` now"\n'
    )
    for command in ("config list", "config get color-scheme", "config get banner"):
        result = run_bytes(user, "-c", command, cwd=project)
        assert result.returncode == 0, (command, result.stderr)
        assert_safe(result)
        assert no_forged_lines(result.stdout.decode())
    assert result.stdout.decode() == "^[[2J^Jhint: run `rm -rf ~` now\n"


def test_security_04_audit_file_names(tmp_path):
    user = ShellHome(tmp_path / "home", "http://127.0.0.1:9/")
    project = tmp_path / "project"
    project.mkdir()
    hostile = project / ".env.\x1b]0;pwned\x07\x1b[2J\u202e\nhint: fake"
    hostile.write_text(f"NPM_TOKEN={TOKEN}\n")
    for args in (("-c", "audit ."), ("--json", "-c", "audit .")):
        result = run_bytes(user, *args, cwd=project)
        assert result.returncode in (0, 1), result.stderr
        assert_safe(result)
        out = result.stdout.decode()
        assert ".env.^[]0;pwned^G" in out or ".env.\\u001b]0;pwned\\u0007" in out, out
        assert all(not line.startswith("hint: fake") for line in out.splitlines())


def test_security_04_interactive_prompt_after_whoami(tmp_path):
    with HostileRegistry() as server:
        user = logged_in_home(tmp_path, server.url)
        child = pexpect.spawn(
            tokensh_bin(), user.argv("--no-history"), env=user.env, cwd=str(user.home), timeout=20,
            dimensions=(40, 200),
        )
        try:
            child.expect(rb"tokensh [^\r\n]*> ")
            child.sendline("whoami")
            child.expect(rb"@127\.0\.0\.1:\d+> ")
            shown = child.before + child.after
            for sequence in (b"\x1b]0;", b"\x07", b"\x1b[2J", b"\xc2\x9b", b"\xe2\x80\xae", b"\x08", b"\x7f"):
                assert sequence not in shown, (sequence, shown)
            assert b"tokensh eve^[]0;pwned^G^[[2J<U+009B>31m^M^H^?<U+202E>evil" in shown, shown
            child.sendline("exit")
            child.expect(pexpect.EOF)
        finally:
            child.close(force=True)
