"""Help texts name a value by what it holds (`-c <command>`, `--record <file>`), not by the
flag's own name (`--record <record>`), in `tokensh --help`, `tokensh sandbox --help` and the
shell's `help COMMAND`."""

import re

from harness import tokensh_bin
from shell import ShellHome
import subprocess

# Flags whose name already is the noun for what they hold.
NAME_IS_THE_NOUN = {"name", "port"}

ARGUMENT_PARSER_OPTION = re.compile(r"^\s+(?:-\w, )?(--?[a-z][a-z0-9-]*)(?:, --?[a-z][a-z0-9-]*)? <([^>]+)>", re.MULTILINE)
SHELL_FLAG = re.compile(r"^\s+(?:-\w, )?--([a-z][a-z0-9-]*) ([A-Z@][A-Z0-9@|:=_.-]*)\b", re.MULTILINE)


def echoes_the_flag(flag, placeholder):
    flag = flag.lstrip("-").lower()
    # `@SCOPE` shows the value's form, which the bare flag name does not.
    value = placeholder.lower()
    return flag not in NAME_IS_THE_NOUN and value in (flag, flag + "s", flag.rstrip("s"))


def offenders(pairs):
    return [f"{flag} {placeholder}" for flag, placeholder in pairs if echoes_the_flag(flag, placeholder)]


def test_command_line_placeholders_say_what_the_value_is():
    root = subprocess.run([tokensh_bin(), "--help"], capture_output=True, text=True, timeout=30)
    assert root.returncode == 0, root.stderr
    pairs = ARGUMENT_PARSER_OPTION.findall(root.stdout)
    assert len(pairs) >= 5, root.stdout
    assert offenders(pairs) == [], root.stdout
    for expected in ("-c <command>", "--record <file>", "--registry <url>", "--userconfig <file>"):
        assert expected in root.stdout, f"`{expected}` missing from:\n{root.stdout}"

    sandbox = subprocess.run([tokensh_bin(), "sandbox", "--help"], capture_output=True, text=True, timeout=30)
    assert sandbox.returncode == 0, sandbox.stderr
    pairs = ARGUMENT_PARSER_OPTION.findall(sandbox.stdout)
    assert len(pairs) >= 5, sandbox.stdout
    assert offenders(pairs) == [], sandbox.stdout


def test_shell_help_placeholders_say_what_the_value_is(tmp_path):
    user = ShellHome(tmp_path / "home", "http://127.0.0.1:9/")
    overview = user.run("-c", "help")
    assert overview.returncode == 0, overview.stderr
    commands = re.findall(r"^  ([a-z]+(?: [a-z]+)?)(?= |$)", overview.stdout, re.MULTILINE)
    assert len(commands) > 10, overview.stdout
    found = []
    for command in commands:
        text = user.run("-c", f"help {command}").stdout
        found += [(f"{command} --{flag}", placeholder) for flag, placeholder in SHELL_FLAG.findall(text)]
    assert len(found) >= 10, found
    assert [f"{where} {placeholder}" for where, placeholder in found if echoes_the_flag(where.split("--")[1], placeholder)] == []
