"""Bugs found where the parts meet (issue "Sound seams"): each test is named after its bug."""

import ctypes
import ctypes.util
import fcntl
import locale
import platform
import re
import subprocess
import time
from pathlib import Path

import pexpect

from harness import tokensh_bin
from shell import PROMPT, ShellHome, listed, logged_in
from shell import TOKEN_RE

PASSWORD = "correct-horse-7"


def numbered_lines(text):
    """`history` output as (number, line) pairs."""
    return [(int(m.group(1)), m.group(2)) for m in re.finditer(r"^ *(\d+)  (.*?)\r?$", text, re.M)]


def test_seams_bug_1_history_lists_the_typed_commands(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    child = user.spawn()
    child.expect(PROMPT)
    for line in ("help whoami", "help ping", "config get registry"):
        child.sendline(line)
        child.expect(PROMPT)
    child.sendline("history")
    child.expect(PROMPT)
    assert numbered_lines(child.before) == [(1, "help whoami"), (2, "help ping"), (3, "config get registry")]
    child.sendline("history 2")
    child.expect(PROMPT)
    assert numbered_lines(child.before) == [(3, "config get registry"), (4, "history")]
    child.sendline("exit")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


REVOKE_FAILS = ("--fault", "500,path=/-/npm/v1/tokens/token/")


def assert_reported_live(result, user):
    """The create failed, said the rollback failed, and named the one live token by its id."""
    assert result.returncode != 0, result.stderr
    assert "was revoked" not in result.stderr, result.stderr
    assert "failed" in result.stderr and "still live" in result.stderr, result.stderr
    assert not TOKEN_RE.search(result.stdout + result.stderr), "the unchecked token is never shown"
    [entry] = listed(user)
    assert f"token revoke {entry['id']}" in result.stderr, result.stderr


def test_seams_bug_2_an_over_granted_token_whose_revoke_fails_is_reported_live(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD, "--fault", "grant-write", *REVOKE_FAILS)
    result = user.run("-c", "token create --name ci --preset ci-install", env={"TOKENSH_PASSWORD": PASSWORD})
    assert "granted more than asked" in result.stderr, result.stderr
    assert_reported_live(result, user)


def test_seams_bug_2_an_unsaved_token_whose_revoke_fails_is_reported_live(start_sandbox, tmp_path):
    """The save waits for a config lock another process holds, gives up, and the revoke fails too."""
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD, *REVOKE_FAILS)
    locks = list((user.home / ".local" / "state" / "tokensh" / "locks").glob("*.lock"))
    assert len(locks) == 1, locks  # the login's edit of the user config made it
    with open(locks[0], "r+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        result = user.run(
            "-c", "token create --name ci --preset ci-install --save user", env={"TOKENSH_PASSWORD": PASSWORD}
        )
    assert "waiting for the lock file" in result.stderr, result.stderr
    assert_reported_live(result, user)


def run_timed(user, *args, env):
    started = time.monotonic()
    try:
        result = user.run(*args, env=env, timeout=60)
    except subprocess.TimeoutExpired:
        raise AssertionError("still waiting for the approval after 60 s") from None
    return result, time.monotonic() - started


def test_seams_bug_3_a_web_otp_nobody_approves_ends_at_the_deadline(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"carol:{PASSWORD}:webotp")  # no --auto-approve: 202 for ever
    user = ShellHome(tmp_path / "home", sandbox.url)
    env = {"TOKENSH_PASSWORD": PASSWORD, "TOKENSH_APPROVAL_TIMEOUT": "3"}
    result, elapsed = run_timed(user, "-c", "login --auth-type legacy --username carol", env=env)
    assert result.returncode == 1, result.stderr
    assert "nobody approved the one-time password in the browser within 3 seconds" in result.stderr
    assert "Authenticate your account at:" in result.stdout
    assert 3 <= elapsed < 30, elapsed
    assert user.config_text() == "", "nothing was saved"


def test_seams_bug_3_a_web_login_nobody_approves_ends_at_the_deadline(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    result, elapsed = run_timed(user, "-c", "login --auth-type web", env={"TOKENSH_APPROVAL_TIMEOUT": "3"})
    assert result.returncode == 1, result.stderr
    assert "nobody approved the login within 3 seconds" in result.stderr
    assert 3 <= elapsed < 30, elapsed
    assert user.config_text() == ""


def test_seams_bug_7_a_wrong_password_at_the_end_of_the_wizard_asks_only_for_the_password(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD)
    child = user.spawn()
    child.expect(PROMPT)
    child.sendline("token create --preset ci-install")
    child.expect(r"Token name \[[^\]]*\]: ")
    child.sendline("kept-answers")
    # Every other question takes its default.
    while child.expect([r"Create this token\? \[Y/n\]", r"\]: "]) == 1:
        child.sendline("")
    child.sendline("")
    child.expect("Password: ")
    child.sendline("not-the-password")
    child.expect("refused the password")
    index = child.expect(["Password: ", r"Token name \[", PROMPT])
    assert index == 0, "only the password is asked again, not the wizard"
    child.sendline(PASSWORD)
    child.expect(r"Save to \[none\]: ")
    child.sendline("")
    child.expect(TOKEN_RE)
    child.expect(PROMPT)
    child.sendline("exit")
    child.expect(pexpect.EOF)
    [entry] = listed(user)
    assert entry["name"] == "kept-answers" and entry["access"] == "read-only"


WIDE_NAMES = ["名前🙂-ci", "🚀東京-deploy-pipeline-for-the-web-app", "🈂🈐-release", "\U0001b001\U0001b002-kana", "東京" * 12]


def terminal_columns(line):
    """Columns as the C library's wcwidth counts them (what terminals follow), not characters."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.wcwidth.argtypes = [ctypes.c_wchar]
    previous = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
    try:
        return sum(max(libc.wcwidth(character), 0) for character in line)
    finally:
        locale.setlocale(locale.LC_CTYPE, previous)


def test_seams_bug_8_token_list_rows_with_wide_names_fit_the_terminal(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD)
    for name in WIDE_NAMES:
        made = user.run("-c", f"token create --name '{name}' --preset ci-install", env={"TOKENSH_PASSWORD": PASSWORD})
        assert made.returncode == 0, made.stderr
    for columns in (24, 40, 57, 80, 200):
        child = pexpect.spawn(
            tokensh_bin(), user.argv("--no-color", "-c", "token list"), env=user.env, cwd=str(user.home),
            encoding="utf-8", timeout=30, dimensions=(40, columns),
        )
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0, child.before
        # What the terminal shows: the spinner's line is overwritten (carriage return, erase line).
        shown = child.before.replace("\x1b[K", "").replace("\r\n", "\n").split("\n")
        lines = [line.split("\r")[-1] for line in shown]
        start = next(index for index, line in enumerate(lines) if line.startswith("ID "))
        table = lines[start : start + 1 + len(WIDE_NAMES)]
        assert len(table) == 1 + len(WIDE_NAMES)
        for line in table:
            assert terminal_columns(line) <= columns, f"{columns} columns: {line!r}"
        if columns >= 200:
            assert all(any(name in line for line in table) for name in WIDE_NAMES), "nothing is cut at this width"


TRIES = 20


# The number of write(2) in the system-call table of the machines the tests run on.
WRITE_SYSCALL = {"x86_64": 1, "aarch64": 64}[platform.machine()]


def blocked_writing_to(pid, descriptor):
    """Whether `pid` is blocked in write(2) to `descriptor` (/proc/PID/syscall: number, arguments)."""
    fields = Path(f"/proc/{pid}/syscall").read_text().split()
    return len(fields) > 1 and fields[0] == str(WRITE_SYSCALL) and int(fields[1], 16) == descriptor


def hold_between_two_questions(child):
    """Answers `?` to the question on screen many times without reading the output, until tokensh
    is blocked writing the help to stderr: after reading an answer, before drawing the next prompt.
    (libedit draws prompts on stdout, so a block there is inside a read: read a little, go on.)"""
    child.send("?\r" * 1500)
    deadline = time.monotonic() + 30
    while not blocked_writing_to(child.pid, 2):
        assert time.monotonic() < deadline, "tokensh never blocked writing the help"
        if blocked_writing_to(child.pid, 1):
            child.read_nonblocking(64, timeout=1)  # a prompt or echo in the way: let it past
        else:
            time.sleep(0.002)  # still writing: look again


def test_seams_bug_5_ctrl_c_between_two_wizard_questions_cancels_the_wizard(start_sandbox, tmp_path):
    sandbox, user = logged_in(start_sandbox, tmp_path, PASSWORD)
    child = user.spawn()
    child.expect(PROMPT)
    lost = []
    for attempt in range(TRIES):
        child.sendline("token create --preset ci-install")
        child.expect(r"Token name \[[^\]]*\]: ")
        child.sendline(f"try-{attempt}")
        child.expect(r"Description \(optional\) \[none\]: ")
        hold_between_two_questions(child)
        child.sendintr()  # also drops the `?` answers not read yet
        if child.expect(["nothing was created", pexpect.TIMEOUT], timeout=10) == 1:
            lost.append(attempt)  # the question waits: cancel it to go on counting
            child.sendintr()
            child.expect("nothing was created")
        child.expect(PROMPT)
    child.sendline("exit")
    child.expect(pexpect.EOF)
    assert lost == [], f"Ctrl-C lost in {len(lost)} of {TRIES} tries"
    assert listed(user) == []


def test_seams_bug_5_ctrl_d_right_after_a_commands_output_ends_the_shell(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    lost = 0
    for attempt in range(TRIES):
        child = user.spawn("--no-history")
        child.expect(PROMPT)
        child.sendline("login --auth-type legacy --username alice --save none")
        child.expect("Password: ")
        child.sendline(PASSWORD)
        child.expect("Logged in as alice")
        child.expect(PROMPT)
        child.sendline("whoami")
        child.expect("alice\r\n")
        child.sendeof()
        if child.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=5) == 1:
            lost += 1
            child.sendline("exit")
            child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
    assert lost == 0, f"Ctrl-D lost in {lost} of {TRIES} tries"
