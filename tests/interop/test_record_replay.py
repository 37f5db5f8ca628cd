"""Record a session as a script, then replay it: by file, shebang, pipe and `replay`, unattended."""

import os
import random
import re
import shutil
import socket
import stat
import subprocess
import time
from pathlib import Path

import pexpect

from harness import tokensh_bin
from shell import PROMPT, ShellHome

PASSWORD = "correct-horse-7"
HEADER_RE = (
    r"\A#!/usr/bin/env tokensh\n# tokensh script v1\n"
    r"# recorded \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ against (\S+)\n"
)


def requests_in(sandbox):
    """The access log's request lines (method, path, status)."""
    return [line for line in sandbox.log_text().splitlines() if re.match(r"^(GET|PUT|POST|DELETE|HEAD) /", line)]


def write_script(path, text, mode=0o700):
    path.write_text(text)
    path.chmod(mode)
    return path


def test_a_recorded_terminal_session_replays_unattended_elsewhere(start_sandbox, tmp_path):
    first = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", first.url)
    script = user.home / "setup.tksh"
    child = user.spawn()
    child.expect(PROMPT)
    child.sendline("record start setup.tksh")
    child.expect("Recording to setup.tksh")
    child.expect(PROMPT)
    child.sendline("set WHO=alice")
    child.expect(PROMPT)
    child.sendline("login --auth-type legacy --username ${WHO}")
    child.expect("(?i)password")
    child.sendline(PASSWORD)
    child.expect("(?i)logged in as alice")
    child.expect(PROMPT)
    child.sendline("help whoami")
    child.expect("npm whoami")
    child.expect(PROMPT)
    child.sendline("whoamj")
    child.expect("unknown command")
    child.expect(PROMPT)
    child.sendline("whoami")
    child.expect("alice")
    child.expect(PROMPT)
    child.sendline("record status")
    child.expect("3 commands so far")
    child.expect(PROMPT)
    child.sendline("record stop")
    child.expect("Recorded 3 commands to setup.tksh")
    child.expect(PROMPT)
    child.sendline("exit")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    text = script.read_text()
    header = re.match(HEADER_RE, text)
    assert header, text
    assert header.group(1) == first.url
    assert text[header.end():] == "set WHO=alice\nlogin --auth-type legacy --username ${WHO}\nwhoami\n"
    assert PASSWORD not in text
    assert "npm_" not in text
    assert stat.S_IMODE(script.stat().st_mode) == 0o700

    # Unattended, against a fresh registry and a fresh home: the password from the environment.
    second = start_sandbox("--user", f"alice:{PASSWORD}")
    other = ShellHome(tmp_path / "other", second.url)
    replay = other.run(str(script), env={"TOKENSH_PASSWORD": PASSWORD})
    assert replay.returncode == 0, replay.stderr
    assert replay.stdout.strip().splitlines()[-1] == "alice"
    assert f"{second.nerf}:_authToken=npm_" in other.config_text()
    assert PASSWORD not in replay.stdout + replay.stderr
    assert any("PUT /-/user/org.couchdb.user:alice" in line for line in requests_in(second))


def test_a_two_factor_login_records_no_otp_and_replays_with_an_otp_command(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"bob:{PASSWORD}:otp", totp_users=["bob"])
    user = ShellHome(tmp_path / "home", sandbox.url)
    child = user.spawn("--record", "bob.tksh")
    child.expect(PROMPT)
    child.sendline("login --auth-type legacy --username bob")
    child.expect("(?i)password")
    child.sendline(PASSWORD)
    child.expect("(?i)one-time password|otp")
    code = sandbox.otp("bob")
    child.sendline(code)
    child.expect("(?i)logged in as bob")
    child.expect(PROMPT)
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    script = user.home / "bob.tksh"
    text = script.read_text()
    assert text.endswith("\nlogin --auth-type legacy --username bob\n"), text
    assert code not in text and PASSWORD not in text and "npm_" not in text

    fresh = start_sandbox("--user", f"bob:{PASSWORD}:otp", totp_users=["bob"])
    code_file = tmp_path / "code"
    code_file.write_text(fresh.otp("bob") + "\n")
    other = ShellHome(tmp_path / "other", fresh.url)
    replay = other.run(
        "--registry", fresh.url, str(script), "--echo",
        env={"TOKENSH_PASSWORD": PASSWORD, "TOKENSH_OTP_COMMAND": f"cat {code_file}"},
    )
    assert replay.returncode == 0, replay.stderr
    assert "+ login --auth-type legacy --username bob" in replay.stderr
    assert f"{fresh.nerf}:_authToken=npm_" in other.config_text()


def test_the_shebang_runs_the_script_with_tokensh_on_path(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    record = user.run("--record", "s.tksh", "-c", "login --auth-type legacy --username alice", "-c", "whoami",
                      env={"TOKENSH_PASSWORD": PASSWORD})
    assert record.returncode == 0, record.stderr
    script = user.home / "s.tksh"
    assert os.access(script, os.X_OK)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "tokensh").symlink_to(tokensh_bin())
    env = dict(user.env, PATH=f"{bin_dir}:{user.env['PATH']}", TOKENSH_PASSWORD=PASSWORD,
               NPM_CONFIG_USERCONFIG=str(user.home / "fresh.npmrc"))
    result = subprocess.run([str(script)], capture_output=True, text=True, env=env, cwd=user.home, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "alice"
    assert "_authToken=npm_" in (user.home / "fresh.npmrc").read_text()


def test_piped_stdin_and_replay_inside_the_shell(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    script = write_script(user.home / "s.tksh", (
        "#!/usr/bin/env tokensh\n# tokensh script v1\n"
        "# recorded 2026-11-29T10:00:00Z against http://127.0.0.1:9/\n"
        "set WHO=alice\nlogin --auth-type legacy --username ${WHO}\nwhoami\n"
    ))
    env = {"TOKENSH_PASSWORD": PASSWORD}
    piped = user.run("--registry", sandbox.url, input=script.read_text(), env=env)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.strip().splitlines()[-1] == "alice"

    # Inside the shell `--registry` on the replay overrides the recorded (dead) registry.
    inside = user.run("-c", f"replay s.tksh --registry {sandbox.url}", "-c", "whoami", env=env)
    assert inside.returncode == 0, inside.stderr
    assert inside.stdout.strip().splitlines()[-2:] == ["alice", "alice"]
    # Without an override the recorded registry is used, and it is unreachable: exit 4, FILE:LINE.
    dead = user.run("-c", "source s.tksh", env=env)
    assert dead.returncode == 4, dead.stderr
    assert "s.tksh:5: error:" in dead.stderr
    assert "127.0.0.1:9" in dead.stderr


def test_a_bad_line_stops_with_file_and_line_and_keep_going_runs_on(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    assert user.run("-c", "login --auth-type legacy --username alice", env={"TOKENSH_PASSWORD": PASSWORD}).returncode == 0
    script = write_script(user.home / "bad.tksh", "# setup\nwhoami\nset A=1\ntoken lisst\nwhoami\nping --nope\nwhoami\n")
    stopped = user.run(str(script))
    assert stopped.returncode == 2
    assert re.search(rf"^{re.escape(str(script))}:4: error: ", stopped.stderr, re.M), stopped.stderr
    assert stopped.stdout.split() == ["alice"], "nothing after line 4 ran"

    going = user.run("--keep-going", "--echo", str(script))
    assert going.returncode == 2
    assert going.stdout.split() == ["alice", "alice", "alice"]
    assert f"{script}:4: error:" in going.stderr and f"{script}:6: error:" in going.stderr
    assert "+ whoami" in going.stderr and "+ set A=1" in going.stderr
    assert f"2 commands failed: {script}:4, {script}:6" in going.stderr

    # A command that fails at the registry gives its own exit code (3: not logged in / refused).
    logged_out = ShellHome(tmp_path / "nobody", sandbox.url)
    write_script(logged_out.home / "who.tksh", "whoami\nping\n")
    direct = logged_out.run("-c", "whoami")
    replayed = logged_out.run(str(logged_out.home / "who.tksh"))
    assert replayed.returncode == direct.returncode != 0
    assert f"{logged_out.home / 'who.tksh'}:1: error: not logged in" in replayed.stderr


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


DRY_SCRIPT = (
    "#!/usr/bin/env tokensh\n# tokensh script v1\n# recorded 2026-11-29T10:00:00Z against {registry}\n"
    "set NAME=ci-read\n"
    "login --auth-type legacy --username alice\n"
    "token create --name ${{NAME}} --packages-and-scopes-permission read-only --packages-all --expires 30 "
    "--cidr 192.0.2.0/24\n"
    "token list\n"
    "token revoke --name ${{NAME}}\n"
    "record start other.tksh\n"
)


def test_dry_run_against_an_unreachable_registry_succeeds(tmp_path):
    registry = f"http://127.0.0.1:{closed_port()}/"
    user = ShellHome(tmp_path / "home", registry)
    script = write_script(user.home / "dry.tksh", DRY_SCRIPT.format(registry=registry))
    before = sorted(p.name for p in user.home.iterdir())
    result = user.run("--dry-run", str(script), env={})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"{script}:5: login --auth-type legacy --username alice\n    npm: npm login --auth-type legacy" in out
    assert (
        f"{script}:6: token create --name ${{NAME}} --packages-and-scopes-permission read-only --packages-all "
        "--expires 30 --cidr 192.0.2.0/24\n    npm: npm token create --name ci-read "
        "--packages-and-scopes-permission read-only --packages-all --expires 30 --cidr 192.0.2.0/24" in out
    )
    assert "npm 11.7" in out
    assert f"{script}:7: token list\n    npm: npm token list" in out
    assert f"{script}:8: token revoke --name ${{NAME}}" in out
    assert sorted(p.name for p in user.home.iterdir()) == before, "a dry run writes no file"


def test_dry_run_sends_the_sandbox_no_request(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    script = write_script(user.home / "dry.tksh", DRY_SCRIPT.format(registry=sandbox.url))
    assert user.run("-c", "ping").returncode == 0
    seen = len(requests_in(sandbox))
    assert seen >= 1, "the access log shows requests"
    dry = user.run("--dry-run", str(script), env={"TOKENSH_PASSWORD": PASSWORD})
    assert dry.returncode == 0, dry.stderr
    inside = user.run("-c", "replay dry.tksh --dry-run", env={"TOKENSH_PASSWORD": PASSWORD})
    assert inside.returncode == 0, inside.stderr
    assert "npm: npm token list" in inside.stdout
    piped = user.run("--dry-run", input="whoami\nlogin --auth-type legacy --username alice\n")
    assert piped.returncode == 0 and "stdin:2: login" in piped.stdout
    assert len(requests_in(sandbox)) == seen
    assert not (user.home / "other.tksh").exists()
    assert not user.userconfig.exists()


def test_dry_run_reports_every_bad_line(tmp_path):
    user = ShellHome(tmp_path / "home", f"http://127.0.0.1:{closed_port()}/")
    script = write_script(user.home / "bad.tksh", "whoami\ntoken lisst\nwhoami --nope\nlogin --password x\n")
    result = user.run("--dry-run", str(script))
    assert result.returncode == 2
    for line in (2, 3, 4):
        assert f"{script}:{line}: error:" in result.stderr
    assert "3 lines are not valid" in result.stderr
    assert result.stdout.count("npm: npm whoami") == 1


def test_unknown_versions_and_binary_files_are_refused(tmp_path):
    user = ShellHome(tmp_path / "home", f"http://127.0.0.1:{closed_port()}/")
    v2 = write_script(user.home / "v2.tksh", "#!/usr/bin/env tokensh\n# tokensh script v2\nwhoami\n")
    result = user.run(str(v2))
    assert result.returncode == 2
    assert "tokensh script v2" in result.stderr and "reads v1" in result.stderr
    assert "whoami" not in result.stderr + result.stdout

    piped = user.run(input=v2.read_text())
    assert piped.returncode == 2 and "reads v1" in piped.stderr

    # Random bytes from a seed the failure messages name (TOKENSH_TEST_SEED replays them).
    seed = int(os.environ.get("TOKENSH_TEST_SEED") or random.SystemRandom().randrange(2**32))
    rng = random.Random(seed)
    for name, data in (
        ("random.bin", rng.randbytes(4096)),
        ("elf", Path(tokensh_bin()).read_bytes()[:65536]),
        ("latin1.txt", "caf\xe9 whoami\n".encode("latin-1")),
        ("escapes.txt", b"whoami\n\x1b[2J\x1b[H\n"),
    ):
        path = user.home / name
        path.write_bytes(data)
        result = user.run(str(path))
        assert result.returncode == 2, (name, f"seed {seed}", result.returncode, result.stderr)
        assert f"{path} is not a tokensh script" in result.stderr, result.stderr
        assert len(result.stderr) < 600, "one clear message, not a screenful"
        assert result.stdout == ""

    piped_binary = subprocess.run(
        [tokensh_bin(), *user.argv()], input=rng.randbytes(2048), capture_output=True, env=user.env, timeout=30
    )
    assert piped_binary.returncode == 2, f"seed {seed}"
    assert b"is not a tokensh script" in piped_binary.stderr

    assert user.run(str(user.home)).returncode == 2
    missing = user.run(str(user.home / "nope.tksh"))
    assert missing.returncode == 1 and "no such file" in missing.stderr


def test_secrets_never_reach_the_script(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    assert user.run("-c", "login --auth-type legacy --username alice", env={"TOKENSH_PASSWORD": PASSWORD}).returncode == 0
    token = re.search(r"_authToken=(npm_\w+)", user.config_text()).group(1)
    result = user.run(
        "--record", "s.tksh",
        "-c", "whoami",
        "-c", f"set LEAK={token}",
        "-c", f"set PW={PASSWORD}",
        "-c", "login --auth-type legacy --username alice",
        "-c", "set OK=yes",
        env={"TOKENSH_PASSWORD": PASSWORD},
    )
    assert result.returncode == 0, result.stderr
    text = (user.home / "s.tksh").read_text()
    assert token not in text and PASSWORD not in text
    assert re.match(HEADER_RE, text)
    assert text.endswith("whoami\nlogin --auth-type legacy --username alice\nset OK=yes\n"), text
    assert result.stderr.count("not recorded in s.tksh") == 2


def test_record_refuses_an_existing_file_and_force_replaces_it(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    existing = write_script(user.home / "keep.tksh", "whoami\n", mode=0o644)
    refused = user.run("--record", "keep.tksh", "-c", "ping")
    assert refused.returncode == 1 and "already exists" in refused.stderr
    assert existing.read_text() == "whoami\n"
    inside = user.run("-c", "record start keep.tksh", "-c", "ping")
    assert inside.returncode == 1 and "--force" in inside.stderr
    forced = user.run("-c", "record start keep.tksh --force", "-c", "ping", "-c", "record stop")
    assert forced.returncode == 0, forced.stderr
    assert existing.read_text().endswith("\nping\n")
    assert stat.S_IMODE(existing.stat().st_mode) == 0o700


def test_a_missing_secret_stops_an_unattended_replay_at_once(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    script = write_script(user.home / "s.tksh", "login --auth-type legacy --username alice\nping\n")
    start = time.monotonic()
    result = user.run(str(script), env={})
    assert time.monotonic() - start < 10
    assert result.returncode == 2
    assert f"{script}:1: error:" in result.stderr and "TOKENSH_PASSWORD" in result.stderr
    assert "PONG" not in result.stdout

    # TOKENSH_TOKEN stands in for the login (e.g. a web login nobody can approve).
    donor = ShellHome(tmp_path / "donor", sandbox.url)
    assert donor.run("-c", "login --auth-type legacy --username alice", env={"TOKENSH_PASSWORD": PASSWORD}).returncode == 0
    token = re.search(r"_authToken=(npm_\w+)", donor.config_text()).group(1)
    write_script(user.home / "who.tksh", "login --auth-type legacy --username alice\nwhoami\n")
    stand_in = user.run(str(user.home / "who.tksh"), env={"TOKENSH_TOKEN": token})
    assert stand_in.returncode == 0, stand_in.stderr
    assert stand_in.stdout.strip().splitlines()[-1] == "alice"
    assert token not in stand_in.stdout + stand_in.stderr


def test_replay_throughput_of_a_thousand_commands(start_sandbox, tmp_path):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}")
    user = ShellHome(tmp_path / "home", sandbox.url)
    assert user.run("-c", "login --auth-type legacy --username alice", env={"TOKENSH_PASSWORD": PASSWORD}).returncode == 0
    script = write_script(user.home / "many.tksh", "whoami\n" * 1000)
    argv = [tokensh_bin(), *user.argv(str(script))]
    start = time.monotonic()
    result = subprocess.run(argv, capture_output=True, text=True, env=user.env, cwd=user.home, timeout=300)
    elapsed = time.monotonic() - start
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["alice"] * 1000
    whoamis = [line for line in requests_in(sandbox) if line.startswith("GET /-/whoami ")]
    assert len(whoamis) == 1000
    rate = 1000 / elapsed

    # The same replay under strace, counting TCP connects: keep-alive means one connection.
    connects = None
    strace = shutil.which("strace")
    if strace:
        log = tmp_path / "strace.log"
        traced = subprocess.run(
            [strace, "-f", "-qq", "-e", "trace=connect", "-o", str(log), *argv],
            capture_output=True, text=True, env=user.env, cwd=user.home, timeout=300,
        )
        if traced.returncode == 0:
            connects = sum(1 for line in log.read_text().splitlines() if "connect(" in line and "AF_INET" in line)
            assert 1 <= connects <= 2, f"{connects} TCP connections for 1000 requests: keep-alive is not working"
    print(f"\nreplay throughput: {rate:.0f} commands/s ({elapsed:.2f} s for 1000); TCP connections: {connects}")
    assert rate > 20
