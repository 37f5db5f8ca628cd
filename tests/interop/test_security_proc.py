"""Security of the processes tokensh starts and of its own process: what children inherit,
core dumps, signals sent to the shell, practice folders, and input that never ends a line."""

import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pexpect
import pytest

from harness import tokensh_bin
from servers.attacker_children import (
    children_of, extra_descriptors, process_state, read_records, web_login_registry, write_recorder,
)
from shell import PROMPT, ShellHome

PASSWORD = "correct-horse-7"
STAND_IN_TOKEN = "npm_" + "StandInTokenThatNoChildMaySee0000000"  # split: no token shape in the sources
SECRETS = ("TOKENSH_PASSWORD", "TOKENSH_TOKEN", "TOKENSH_OTP", "TOKENSH_OTP_COMMAND")


def wait_until(condition, timeout=10, what="the condition"):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


# MARK: 6. children inherit too much


def test_security_06_otp_command_gets_no_secret_and_no_descriptor(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"bob:{PASSWORD}:otp", totp_users=("bob",))
    user = ShellHome(tmp_path / "home", sandbox.url)
    code = tmp_path / "code"
    out = tmp_path / "otp.jsonl"
    otp = write_recorder(tmp_path / "otp", out, sys.executable, tail=f"print(open({str(code)!r}).read().strip())")
    # A keep-alive connection to the registry is open while the command runs.
    code.write_text(sandbox.otp("bob") + "\n")
    result = user.run(
        "-c", "login --auth-type legacy --username bob",
        env={"TOKENSH_PASSWORD": PASSWORD, "TOKENSH_TOKEN": STAND_IN_TOKEN, "TOKENSH_OTP_COMMAND": str(otp),
             "SOME_OTHER_VARIABLE": "the user's own"},
    )
    assert result.returncode == 0, result.stderr
    (record,) = read_records(out)
    env = record["env"]
    assert PASSWORD not in str(env) and STAND_IN_TOKEN not in str(env)
    assert not [name for name in ("TOKENSH_PASSWORD", "TOKENSH_TOKEN", "TOKENSH_OTP") if name in env]
    # The user's own variables pass: `oathtool --totp -b "$SECRET"` needs them.
    assert env["SOME_OTHER_VARIABLE"] == "the user's own"
    assert env["PATH"] and env["HOME"]
    assert extra_descriptors(record) == {}, record["fds"]


def test_security_06_browser_gets_no_secret_no_descriptor_and_is_detached(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}", "--auto-approve")
    user = ShellHome(tmp_path / "home", sandbox.url)
    out = tmp_path / "browser.jsonl"
    browser = write_recorder(tmp_path / "browser", out, sys.executable)
    child = user.spawn(env={"BROWSER": str(browser), "TOKENSH_PASSWORD": PASSWORD, "TOKENSH_TOKEN": STAND_IN_TOKEN})
    child.expect(PROMPT)
    child.sendline("login --auth-type web")
    child.expect(r"Login at:\s+(http://\S+)")
    login_url = child.match.group(1)
    child.expect(r"Open it in your browser\? \[Y/n\]")
    child.sendline("")
    (record,) = read_records(out)
    child.expect("(?i)logged in as alice", timeout=30)
    child.expect(PROMPT)
    assert record["argv"] == [login_url]
    assert not [name for name in SECRETS if name in record["env"]], sorted(record["env"])
    assert PASSWORD not in str(record["env"]) and STAND_IN_TOKEN not in str(record["env"])
    assert extra_descriptors(record) == {}, record["fds"]
    assert {record["fds"][fd] for fd in ("0", "1", "2")} == {"/dev/null"}, record["fds"]
    assert record["sid"] != os.getsid(child.pid), "the browser shares the shell's session (and terminal)"
    assert record["ppid"] != child.pid, "the browser is a child of the shell"
    # Once it has ended, nothing of it is left for the shell to reap.
    wait_until(lambda: (process_state(record["pid"]) or ("Z", 0))[0] == "Z", what="the browser to end")
    state = process_state(record["pid"])
    assert state is None or state[1] != child.pid, "the browser is left as the shell's zombie"
    assert [pid for pid in children_of(child.pid) if (process_state(pid) or ("", 0))[0] == "Z"] == []
    child.sendline("exit")
    child.expect(pexpect.EOF)


def test_security_06_unsafe_login_urls_never_reach_the_browser(tmp_path):
    out = tmp_path / "browser.jsonl"
    browser = write_recorder(tmp_path / "browser", out, sys.executable)
    bad_urls = [
        "javascript:alert(document.cookie)",
        "file:///etc/passwd",
        "http://127.0.0.1:9/login?" + "a" * 5000,
        "http://127.0.0.1:9/log in",
        'http://127.0.0.1:9/login"onload',
        "http://127.0.0.1:9/login\x1b[2J",
        "http://registry.example@127.0.0.1:9/login",
    ]
    with web_login_registry(bad_urls[0]) as server:
        user = ShellHome(tmp_path / "home", server.url)
        child = user.spawn(env={"BROWSER": str(browser)})
        child.expect(PROMPT)
        for url in bad_urls:
            server.current = url
            child.sendline("login --auth-type web")
            index = child.expect([r"Open it in your browser\?", r"cannot be opened safely|did not send absolute"])
            assert index == 1, f"tokensh offered to open {url[:60]!r} in the browser"
            child.expect(PROMPT)
            assert "a" * 3000 not in child.before, "the overlong URL was printed"
        child.sendline("exit")
        child.expect(pexpect.EOF)
    assert not out.exists(), "the browser ran"


# MARK: 13. core dumps


def raised_core_limit():
    resource.setrlimit(resource.RLIMIT_CORE, (1 << 20, resource.getrlimit(resource.RLIMIT_CORE)[1]))


def test_security_13_no_core_dumps_while_secrets_are_in_memory(tmp_path):
    user = ShellHome(tmp_path / "home", "https://registry.invalid/")
    child = pexpect.spawn(
        tokensh_bin(), user.argv(), env=dict(user.env, TOKENSH_PASSWORD=PASSWORD), cwd=str(user.home),
        encoding="utf-8", timeout=20, preexec_fn=raised_core_limit,
    )
    child.expect(PROMPT)
    limits = open(f"/proc/{child.pid}/limits").read()
    line = next(line for line in limits.splitlines() if line.startswith("Max core file size"))
    assert line.split()[4:6] == ["0", "0"], line
    child.sendline("exit")
    child.expect(pexpect.EOF)


def test_security_13_the_shell_is_not_dumpable(tmp_path):
    """Not dumpable: /proc/PID files belong to root, whoever runs the shell (needs root to
    start it as another user, as the test runs here)."""
    if os.geteuid() != 0:
        pytest.skip("needs root to run tokensh as another user")
    home = tempfile.mkdtemp(prefix="tokensh-dumpable-")
    try:
        os.chmod(home, 0o777)

        def as_nobody():
            os.setgid(65534)
            os.setuid(65534)

        child = pexpect.spawn(
            tokensh_bin(), ["--registry", "https://registry.invalid/", "--userconfig", home + "/npmrc"],
            env={"HOME": home, "PATH": "/usr/bin:/bin", "TERM": "xterm", "LANG": "C.UTF-8"}, cwd=home,
            encoding="utf-8", timeout=20, preexec_fn=as_nobody,
        )
        child.expect(PROMPT)
        assert os.stat(f"/proc/{child.pid}/environ").st_uid == 0, "the shell is dumpable"
        child.sendline("exit")
        child.expect(pexpect.EOF)
    finally:
        shutil.rmtree(home, ignore_errors=True)


# MARK: 20. signals reach the program that started tokensh


def spawn_under_parent(user, marker):
    """tokensh started by a non-interactive sh, so both share one process group."""
    command = " ".join(f"'{part}'" for part in [tokensh_bin(), *user.argv()])
    return pexpect.spawn(
        "/bin/sh", ["-c", f"{command}; echo {marker} $?"], env=dict(user.env), cwd=str(user.home),
        encoding="utf-8", timeout=20,
    )


def no_pending_signals(pid):
    status = open(f"/proc/{pid}/status").read()
    pending = [int(line.split()[1], 16) for line in status.splitlines() if line.startswith(("SigPnd:", "ShdPnd:"))]
    return not any(pending)


def test_security_20_sigterm_and_sighup_end_tokensh_alone(tmp_path):
    user = ShellHome(tmp_path / "home", "https://registry.invalid/")
    for attempt in range(4):
        for sig in (signal.SIGTERM, signal.SIGHUP):
            child = spawn_under_parent(user, "PARENT-ALIVE")
            child.expect(PROMPT)
            (shell_pid,) = children_of(child.pid)
            assert os.getpgid(shell_pid) == os.getpgid(child.pid), "tokensh and its parent share a group"
            if attempt % 2:
                child.send("tok")  # a half-typed line
                child.expect("tok")
            if attempt >= 2:
                # After a resize libedit re-installs its handlers; the shell's must still be in place.
                os.kill(shell_pid, signal.SIGWINCH)
                wait_until(lambda: no_pending_signals(shell_pid), what="the resize to be handled")
            os.kill(shell_pid, sig)
            child.expect(r"PARENT-ALIVE (\d+)")
            assert int(child.match.group(1)) == 128 + sig, "tokensh did not end by the signal"
            child.expect(pexpect.EOF)


# MARK: 15. practice folders


def practice_folders(tmpdir):
    return sorted(name for name in os.listdir(tmpdir) if name.startswith("tokensh-practice-"))


def practice_env(user, tmpdir):
    env = dict(user.env, TMPDIR=str(tmpdir))
    if os.environ.get("TOKENSH_SANDBOX_BIN"):
        env["TOKENSH_SANDBOX_BIN"] = os.environ["TOKENSH_SANDBOX_BIN"]
    return env


def spawn_practice(user, tmpdir):
    child = pexpect.spawn(
        tokensh_bin(), ["--sandbox"], env=practice_env(user, tmpdir), cwd=str(user.home),
        encoding="utf-8", timeout=60,
    )
    child.expect(PROMPT)
    return child


def test_security_15_practice_folder_is_removed_when_the_shell_is_killed(tmp_path):
    user = ShellHome(tmp_path / "home", "https://registry.invalid/")
    for attempt in range(3):
        for sig in (signal.SIGTERM, signal.SIGHUP):
            tmpdir = tmp_path / f"tmp-{attempt}-{sig}"
            tmpdir.mkdir()
            child = spawn_practice(user, tmpdir)
            assert len(practice_folders(tmpdir)) == 1
            os.kill(child.pid, sig)
            child.expect(pexpect.EOF)
            wait_until(lambda: practice_folders(tmpdir) == [], what=f"the practice folder to go after {sig!r}")


def test_security_15_practice_folder_of_the_guide_is_removed_on_exit(tmp_path):
    user = ShellHome(tmp_path / "home", "https://registry.invalid/")
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    child = pexpect.spawn(
        tokensh_bin(), user.argv(), env=practice_env(user, tmpdir), cwd=str(user.home), encoding="utf-8", timeout=60,
    )
    child.expect(PROMPT)
    child.sendline("guide")
    child.expect(r"Registry \[current\]: ")
    child.sendline("practice")
    child.expect(r"Run it\? \(y/n/skip\) \[y\]: ")
    assert len(practice_folders(tmpdir)) == 1
    child.sendcontrol("c")
    child.expect(PROMPT)
    child.sendline("exit")
    child.expect(pexpect.EOF)
    child.close()
    wait_until(lambda: practice_folders(tmpdir) == [], what="the guide's practice folder to go")
    # And `tokensh --sandbox` left with `exit`.
    child = spawn_practice(user, tmpdir)
    child.sendline("exit")
    child.expect(pexpect.EOF)
    wait_until(lambda: practice_folders(tmpdir) == [], what="the practice folder to go")


def test_security_15_stale_practice_folders_are_swept_at_start(tmp_path):
    user = ShellHome(tmp_path / "home", "https://registry.invalid/")
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    gone = subprocess.Popen(["true"])
    gone.wait()
    stale = tmpdir / f"tokensh-practice-{gone.pid}-12345"
    stale.mkdir(mode=0o700)
    (stale / "npmrc").write_text("//127.0.0.1:1/:_authToken=npm_stale\n")
    alive = tmpdir / f"tokensh-practice-{os.getpid()}-67890"
    alive.mkdir(mode=0o700)
    lookalike = tmpdir / f"tokensh-practice-{gone.pid}-x"
    lookalike.mkdir()
    link = tmpdir / f"tokensh-practice-{gone.pid}-999"
    link.symlink_to(alive)
    child = spawn_practice(user, tmpdir)
    assert not stale.exists(), "the folder of a shell that is gone was kept"
    assert alive.exists() and lookalike.exists() and link.is_symlink()
    child.sendline("exit")
    child.expect(pexpect.EOF)


# MARK: 7. quadratic input


def test_security_07_piped_input_is_read_in_linear_time(tmp_path):
    user = ShellHome(tmp_path / "home", "https://registry.invalid/")
    started = time.monotonic()
    result = user.run(input="help " + "x" * (1 << 20) + "\nhelp\n", timeout=30)
    elapsed = time.monotonic() - started
    assert result.returncode == 2, result.stderr[-500:]
    assert re.search(r"stdin:1: the line is longer than 64 KiB", result.stderr), result.stderr[-500:]
    assert len(result.stderr) < 2000 and "xxxx" not in result.stderr
    assert elapsed < 5, f"a 1 MiB line took {elapsed:.1f} s"
    # Many short lines, read in blocks, still run one by one to the last.
    started = time.monotonic()
    result = user.run(input="# a comment\n" * 10_000 + "   \n" * 10_000 + "registry\n", timeout=60)
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr[-500:]
    assert "registry.invalid" in result.stdout, "the last line ran"
    assert elapsed < 5, f"20,000 short lines took {elapsed:.1f} s"


def test_security_07_a_huge_line_in_a_script_file_names_the_file_and_line(tmp_path):
    user = ShellHome(tmp_path / "home", "https://registry.invalid/")
    script = tmp_path / "long.tokensh"
    script.write_text("# a script\nregistry\n" + "help " + "y" * 70_000 + "\n")
    started = time.monotonic()
    result = user.run(str(script))
    assert time.monotonic() - started < 5
    assert result.returncode == 2, result.stderr[-500:]
    assert f"{script}:3: the line is longer than 64 KiB" in result.stderr, result.stderr[-500:]
    assert result.stdout == "", "nothing ran before the refusal"


def test_security_06_audit_runs_no_command_of_the_audited_repository(tmp_path):
    """An untrusted checkout's `.git/config` (fsmonitor, textconv) runs nothing during `audit`."""
    repo = tmp_path / "repo"
    repo.mkdir()
    marker = tmp_path / "ran"
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run(git + ["init", "-q"], check=True)
    (repo / ".gitattributes").write_text("* diff=evil\n")
    (repo / ".npmrc").write_text("//registry.example/:_authToken=" + STAND_IN_TOKEN + "\n")
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "add"], check=True)
    subprocess.run(git + ["config", "diff.evil.textconv", f"sh -c 'echo textconv >> {marker}; cat \"$0\"'"], check=True)
    subprocess.run(git + ["config", "core.fsmonitor", f"echo fsmonitor >> {marker}; false #"], check=True)
    user = ShellHome(tmp_path / "home", "http://127.0.0.1:9/")
    result = user.run("-c", f"audit {repo} --git-history")
    assert ".npmrc" in result.stdout, result.stdout + result.stderr  # the audit did read the repository
    assert not marker.exists(), marker.read_text()
