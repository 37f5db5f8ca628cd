"""Config files as an attacker on the same machine, or a cloned repository, shapes them.

The lock that serialises edits is a private file of the user's (another account cannot hold
it), waited for with a deadline and given up on Ctrl-C; config reads take only regular files of
sane size; edits keep every byte they do not change, leave one line per credential, and clean up
what a killed write left behind.
"""

import fcntl
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pexpect
import pytest

from harness import tokensh_bin
from shell import ShellHome, logged_in

PASSWORD = "correct-horse-7"
LOGIN = "login --auth-type legacy --username alice"
SECRET_ENV = {"TOKENSH_PASSWORD": PASSWORD}


def lock_path(user):
    """Where tokensh keeps the lock for the user's config: `~/.local/state/tokensh/locks/NAME-FNV1A.lock`,
    named after the config's absolute path with its folder's links resolved."""
    config = str(user.userconfig)
    canonical = os.path.join(os.path.realpath(os.path.dirname(config)), os.path.basename(config))
    value = 0xCBF29CE484222325
    for byte in canonical.encode():
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    name = re.sub(r"[^A-Za-z0-9_-]", "_", os.path.basename(config)[:40])
    return user.home / ".local" / "state" / "tokensh" / "locks" / f"{name}-{value:016x}.lock"


def hold_lock(user):
    """Takes the lock as another tokensh would (flock on the same file); returns the open file."""
    path = lock_path(user)
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    return descriptor


def dead_pid():
    """The id of a process that has exited and been reaped."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_security_08_a_held_lock_is_announced_and_times_out(start_sandbox, tmp_path):
    _, user = logged_in(start_sandbox, tmp_path, PASSWORD)
    before = user.userconfig.read_bytes()
    descriptor = hold_lock(user)
    try:
        began = time.monotonic()
        result = user.run("-c", f"{LOGIN} --scope @held", env=SECRET_ENV, timeout=60)
        elapsed = time.monotonic() - began
    finally:
        os.close(descriptor)
    assert result.returncode == 1, result.stderr
    assert f"waiting for another tokensh to finish editing {user.userconfig}" in result.stderr
    assert f"gave up after 10 s waiting for the lock file {lock_path(user)}" in result.stderr
    assert 9.5 <= elapsed < 30
    assert user.userconfig.read_bytes() == before
    # Free again: the same command goes through at once.
    result = user.run("-c", f"{LOGIN} --scope @held", env=SECRET_ENV)
    assert result.returncode == 0, result.stderr
    assert "waiting" not in result.stderr
    assert b"@held:registry=" in user.userconfig.read_bytes()


def test_security_08_ctrl_c_while_waiting_stops_at_once(start_sandbox, tmp_path):
    _, user = logged_in(start_sandbox, tmp_path, PASSWORD)
    before = user.userconfig.read_bytes()
    descriptor = hold_lock(user)
    try:
        for attempt in range(3):
            child = user.spawn("-c", f"{LOGIN} --scope @try{attempt}", env=SECRET_ENV)
            child.expect("waiting for another tokensh to finish editing")
            sent = time.monotonic()
            child.sendintr()
            child.expect("nothing was written")
            child.expect(pexpect.EOF, timeout=5)
            child.close()
            assert time.monotonic() - sent < 3
            assert child.exitstatus == 130, child.before
            assert user.userconfig.read_bytes() == before
    finally:
        os.close(descriptor)


NOBODY = 65534
AS_ANOTHER_USER = """
import fcntl, os, sys, time
try:
    descriptor = os.open(sys.argv[1], os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
except OSError as error:
    print("refused", error.errno, flush=True)
    sys.exit(0)
print("held", flush=True)
time.sleep(60)
"""


# A Python the other account can run (the test's own may live in root's home).
SYSTEM_PYTHON = "/usr/bin/python3"


def as_nobody():
    os.setgid(NOBODY)
    os.setuid(NOBODY)


@pytest.mark.skipif(
    os.geteuid() != 0 or not os.path.exists(SYSTEM_PYTHON),
    reason="needs root (and a system python3) to act as a second local user",
)
def test_security_08_another_user_cannot_hold_the_lock(start_sandbox):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    home = Path(tempfile.mkdtemp(prefix="tokensh-shared-"))
    os.chmod(home, 0o755)  # a home (or project folder) others may open, as most are
    holders = []
    try:
        user = ShellHome(home, sandbox.url)
        result = user.run("-c", LOGIN, env=SECRET_ENV)
        assert result.returncode == 0, result.stderr
        # The other account can flock the config's folder (the old lock): that no longer stalls a write.
        folder = subprocess.Popen(
            [SYSTEM_PYTHON, "-c", AS_ANOTHER_USER, str(home)], stdout=subprocess.PIPE, text=True,
            preexec_fn=as_nobody,
        )
        holders.append(folder)
        assert folder.stdout.readline().strip() == "held"
        try:
            result = user.run("-c", f"{LOGIN} --scope @shared", env=SECRET_ENV, timeout=20)
        except subprocess.TimeoutExpired:
            pytest.fail("another local user holding a lock on the config's folder stalled the write")
        assert result.returncode == 0, result.stderr
        assert "waiting" not in result.stderr
        assert "@shared:registry=" in user.config_text()
        # The lock file itself, in the user's private state folder, it cannot even open.
        lock = subprocess.run(
            [SYSTEM_PYTHON, "-c", AS_ANOTHER_USER, str(lock_path(user))], capture_output=True, text=True,
            preexec_fn=as_nobody, timeout=20,
        )
        assert lock.stdout.split() == ["refused", "13"], lock.stdout + lock.stderr
    finally:
        for holder in holders:
            holder.kill()
            holder.wait()
        shutil.rmtree(home, ignore_errors=True)


@pytest.mark.parametrize("kind", ["symlink", "shared-mode", "foreign-owner"])
def test_security_08_an_untrusted_lock_file_is_refused(start_sandbox, tmp_path, kind):
    _, user = logged_in(start_sandbox, tmp_path, PASSWORD)
    before = user.userconfig.read_bytes()
    path = lock_path(user)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    decoy = tmp_path / "decoy"
    if kind == "symlink":
        path.symlink_to(decoy)
        reason = "it is a symbolic link"
    elif kind == "shared-mode":
        path.write_bytes(b"")
        os.chmod(path, 0o644)
        reason = "its mode is 644"
    else:
        if os.geteuid() != 0:
            pytest.skip("needs root to create a file owned by another user")
        path.write_bytes(b"")
        os.chmod(path, 0o600)
        os.chown(path, NOBODY, NOBODY)
        reason = f"it belongs to user id {NOBODY}"
    result = user.run("-c", f"{LOGIN} --scope @x", env=SECRET_ENV)
    assert result.returncode == 1, result.stderr
    assert f"refusing the lock file {path}: {reason}" in result.stderr
    assert not decoy.exists()
    assert user.userconfig.read_bytes() == before


def test_security_10_special_and_huge_config_files_are_refused(tmp_path):
    user = ShellHome(tmp_path / "home", "http://127.0.0.1:9/")
    project = tmp_path / "project"
    project.mkdir()
    (project / "package.json").write_text("{}\n")
    rc = project / ".npmrc"

    def check(what, expected):
        try:
            result = user.run("-c", "config get registry", cwd=project, timeout=20)
        except subprocess.TimeoutExpired:
            pytest.fail(f"tokensh hung on a project .npmrc that is {what}")
        assert result.returncode == 1, f"{what}: exit {result.returncode}: {result.stderr}"
        assert f"{rc} is {expected}" in result.stderr, result.stderr
        assert "core dumped" not in result.stderr

    rc.symlink_to("/dev/zero")
    check("a link to /dev/zero", "a character device, not a regular file")
    rc.unlink()
    os.mkfifo(rc)
    check("a FIFO", "a named pipe (FIFO), not a regular file")
    rc.unlink()
    rc.mkdir()
    check("a folder", "a folder, not a regular file")
    rc.rmdir()
    rc.write_bytes(b"; padding\n" * 500_000)
    check("5 MB", "larger than 1 MiB")
    rc.write_bytes(b"; an ordinary project file\nfund=false\n")
    result = user.run("-c", "config get registry", cwd=project)
    assert result.returncode == 0, result.stderr


def test_security_11_an_edit_keeps_bytes_that_are_not_utf8(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    head = b"; caf\xe9 au lait\r\ninit-author-name=Jos\xe9 \xc3\x28broken\r\n"
    tail = b"; end, no final newline: na\xefve"
    user.userconfig.write_bytes(head + f"{sandbox.nerf}:_authToken=npm_old\r\n".encode() + tail)
    os.chmod(user.userconfig, 0o600)
    result = user.run("-c", LOGIN, env=SECRET_ENV)
    assert result.returncode == 0, result.stderr
    after = user.userconfig.read_bytes()
    assert after.startswith(head), after
    assert after.endswith(b"\r\n" + tail), after
    middle = after[len(head) : -len(tail) - 2]
    assert re.fullmatch(re.escape(sandbox.nerf.encode()) + rb":_authToken=npm_[A-Za-z0-9]+", middle), after
    assert b"\xef\xbf\xbd" not in after


def test_security_12_duplicate_token_lines_are_all_replaced_then_removed(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    user.userconfig.write_text(
        f"{sandbox.nerf}:_authToken=npm_staleFirst000000000000000000000000\n"
        "fund=false\n"
        f"{sandbox.nerf}:_authToken=npm_staleSecond00000000000000000000000\n"
    )
    os.chmod(user.userconfig, 0o600)
    result = user.run("-c", LOGIN, env=SECRET_ENV)
    assert result.returncode == 0, result.stderr
    text = user.config_text()
    assert "stale" not in text
    lines = [line for line in text.splitlines() if line.startswith(f"{sandbox.nerf}:_authToken=")]
    assert len(lines) == 1, text
    assert "fund=false" in text
    result = user.run("-c", "logout")
    assert result.returncode == 0, result.stderr
    assert "_authToken" not in user.config_text()


def test_security_14_leftover_temporary_files_are_cleaned_and_audited(start_sandbox, tmp_path):
    _, user = logged_in(start_sandbox, tmp_path, PASSWORD)
    token = next(line.split("=", 1)[1] for line in user.config_text().splitlines() if ":_authToken=" in line)
    abandoned = user.home / f"..npmrc.tmp-{dead_pid()}-3k9zq1"
    abandoned.write_text(f"//127.0.0.1:1/:_authToken={token}\n")
    live = user.home / f"..npmrc.tmp-{os.getpid()}-3k9zq2"
    live.write_text("fund=false\n")
    result = user.run("-c", f"{LOGIN} --scope @next", env=SECRET_ENV)
    assert result.returncode == 0, result.stderr
    assert not abandoned.exists(), "a killed write's temporary file holding a token survived the next write"
    assert live.exists(), "a live writer's temporary file was removed"
    live.unlink()

    project = tmp_path / "project"
    project.mkdir()
    (project / "package.json").write_text("{}\n")
    (project / ".npmrc").write_text("fund=false\n")
    remaining = project / f"..npmrc.tmp-{dead_pid()}-7abc"
    remaining.write_text(f"//127.0.0.1:1/:_authToken={token}\n")
    result = user.run("-c", "audit", cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "left-over temporary file holding a token" in result.stdout, result.stdout
    assert remaining.name in result.stdout
    assert token not in result.stdout + result.stderr
