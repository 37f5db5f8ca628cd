"""`tips` and `audit` end to end: a temporary git repository with planted tokens, run by the built binary."""

import json
import os
import stat
import subprocess
import zlib

import pytest

from harness import tokensh_bin

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def npm_token(random_part):
    """A well-formed npm token (CRC32 tail in Base62), never issued by any registry."""
    assert len(random_part) == 30
    value = zlib.crc32(random_part.encode())
    digits = ""
    while True:
        digits = ALPHABET[value % 62] + digits
        value //= 62
        if value == 0:
            break
    return "npm_" + random_part + digits.rjust(6, "0")


TRACKED = npm_token("Trk0000000000000000000000000ed")
NPMRC = npm_token("Nrc0000000000000000000000000rc")
ENV = npm_token("Env0000000000000000000000000nv")
HISTORY = npm_token("His0000000000000000000000000ry")
USERCONF = npm_token("Usr0000000000000000000000000cf")
REMOVED = npm_token("Old0000000000000000000000000ld")
LEGACY = "a73c9572-f1b9-4983-983d-ba3ac3cc913d"
YARN = "verdaccio-secret-value-123"
ALL_SECRETS = [TRACKED, NPMRC, ENV, HISTORY, USERCONF, REMOVED, LEGACY, YARN]


def git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


class Fixture:
    def __init__(self, tmp_path):
        self.home = tmp_path / "home"
        self.home.mkdir()
        self.repo = tmp_path / "repo"
        self.repo.mkdir()
        self.userconfig = self.home / ".npmrc"
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.home),
            "LANG": "C.UTF-8",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.com",
        }
        git(self.repo, "init", "-q")

    def write(self, relative, text, mode=None):
        path = self.repo / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        if mode is not None:
            path.chmod(mode)
        return path

    def commit(self, message):
        subprocess.run(["git", "-C", str(self.repo), "add", "-A"], check=True, env=self.env)
        subprocess.run(["git", "-C", str(self.repo), "commit", "-qm", message], check=True, env=self.env)

    # A loopback port nothing listens on: the audit's registry checks never leave the machine.
    def audit(self, *args, registry="http://127.0.0.1:9/"):
        line = "audit " + " ".join(args)
        return subprocess.run(
            [tokensh_bin(), "--registry", registry, "--userconfig", str(self.userconfig), "-c", line],
            capture_output=True,
            text=True,
            env=self.env,
            cwd=self.repo,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )


@pytest.fixture
def planted(tmp_path):
    fx = Fixture(tmp_path)
    fx.write("old.sh", f"export NPM_TOKEN={REMOVED}\n")
    fx.commit("add a deploy script")
    (fx.repo / "old.sh").unlink()
    fx.write("src/config.js", f"// settings\nconst token = '{TRACKED}';\n")
    fx.write(".npmrc", f"@corp:registry=http://npm.corp.example/\n//registry.npmjs.org/:_authToken={NPMRC}\n")
    fx.write("docs/setup.txt", f"line one\nour npm key: {LEGACY}\n")
    fx.write(".gitignore", ".env*\n.yarnrc.yml\n")
    fx.commit("remove the deploy script, add the app")
    fx.write(".env.local", f"NPM_TOKEN={ENV}\n")
    fx.write(".yarnrc.yml", f'npmRegistryServer: "https://registry.npmjs.org"\nnpmAuthToken: "{YARN}"\n')
    (fx.home / ".bash_history").write_text(f"ls\nnpm publish --token {HISTORY}\n")
    fx.userconfig.write_text(f"//registry.npmjs.org/:_authToken={USERCONF}\n//npm.corp.example/:_authToken=${{CORP}}\n")
    fx.userconfig.chmod(0o644)
    return fx


def findings(result):
    return json.loads(result.stdout)["findings"]


def assert_no_secret(result):
    for secret in ALL_SECRETS:
        assert secret not in result.stdout, secret
        assert secret not in result.stderr, secret


def test_audit_finds_every_planted_problem_and_prints_no_token(planted):
    result = planted.audit("--json")
    assert result.returncode == 1, result.stderr
    assert_no_secret(result)
    found = findings(result)
    for item in found:
        assert set(item) >= {"severity", "kind", "file", "line", "message", "fix"}
        assert item["severity"] in ("high", "medium", "low", "info")
    places = {(f["kind"], f["file"], f["line"]) for f in found}
    home = planted.home
    assert ("literal-token", "src/config.js", 2) in places
    assert ("literal-token", ".npmrc", 2) in places
    assert ("literal-token", ".env.local", 1) in places
    assert ("literal-credential", ".yarnrc.yml", 2) in places
    assert ("legacy-token", "docs/setup.txt", 2) in places
    assert ("literal-token", str(home / ".bash_history"), 2) in places
    assert ("user-config-token", str(planted.userconfig), 1) in places
    assert ("config-permissions", str(planted.userconfig), None) in places
    assert ("insecure-registry", str(planted.userconfig), 2) in places
    assert not any(f["kind"] == "token-in-git-history" for f in found)
    severity = {(f["kind"], f["file"]): f["severity"] for f in found}
    assert severity[("literal-token", "src/config.js")] == "high"
    assert severity[("user-config-token", str(planted.userconfig))] == "info"
    assert severity[("config-permissions", str(planted.userconfig))] == "high"
    assert "not logged in" in result.stderr


def test_audit_text_names_place_fix_and_masked_token(planted):
    result = planted.audit()
    assert result.returncode == 1
    assert_no_secret(result)
    assert "src/config.js:2" in result.stdout
    assert TRACKED[:8] + "..." + TRACKED[-4:] in result.stdout
    assert "fix: " in result.stdout
    assert "high-severity" in result.stderr


def test_git_history_finds_a_token_a_later_commit_removed(planted):
    result = planted.audit("--json", "--git-history")
    assert_no_secret(result)
    history = [f for f in findings(result) if f["kind"] == "token-in-git-history"]
    assert [(f["file"], f["line"]) for f in history] == [("old.sh", 1)]


def test_fix_tightens_modes_and_replaces_the_project_token_after_a_backup(planted):
    before = sorted(p.relative_to(planted.repo) for p in planted.repo.rglob("*") if ".git" not in p.parts)
    original = (planted.repo / ".npmrc").read_text()
    result = planted.audit("--fix")
    assert_no_secret(result)
    assert stat.S_IMODE(planted.userconfig.stat().st_mode) == 0o600
    assert USERCONF in planted.userconfig.read_text()
    fixed = (planted.repo / ".npmrc").read_text()
    assert fixed == original.replace(NPMRC, "${NPM_TOKEN}")
    backups = list((planted.home / ".local" / "state" / "tokensh" / "backups").iterdir())
    assert len(backups) == 1
    assert backups[0].read_text() == original
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    after = sorted(p.relative_to(planted.repo) for p in planted.repo.rglob("*") if ".git" not in p.parts)
    assert before == after
    again = planted.audit("--json")
    kinds = {(f["kind"], f["file"]) for f in findings(again)}
    assert ("literal-token", ".npmrc") not in kinds
    assert ("config-permissions", str(planted.userconfig)) not in kinds


def test_a_clean_project_has_no_findings(tmp_path):
    fx = Fixture(tmp_path)
    fx.write(".npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n")
    fx.write(".yarnrc.yml", 'npmAuthToken: "${NPM_TOKEN}"\n')
    fx.write("index.js", "module.exports = process.env.NPM_TOKEN\n")
    fx.commit("clean")
    fx.userconfig.write_text("registry=https://registry.npmjs.org/\n")
    fx.userconfig.chmod(0o600)
    result = fx.audit("--json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert findings(result) == []
    text = fx.audit()
    assert text.returncode == 0
    assert "No findings." in text.stdout


def test_tips_myths_and_topics(tmp_path):
    fx = Fixture(tmp_path)

    def tips(line):
        return subprocess.run(
            [tokensh_bin(), "-c", line], capture_output=True, text=True, env=fx.env, cwd=fx.repo, timeout=30
        )

    myths = tips("tips myths")
    assert myths.returncode == 0
    assert "npm publish --token" in myths.stdout
    assert "source: https://" in myths.stdout
    for topic in ["storage", "ci", "least-privilege", "expiry", "2fa", "trusted-publishing", "leaked", "npmrc"]:
        result = tips(f"tips {topic}")
        assert result.returncode == 0, topic
        assert "source: https://" in result.stdout, topic
    unknown = tips("tips passwords")
    assert unknown.returncode == 2
    assert "trusted-publishing" in unknown.stderr


def test_audit_checks_the_registrys_tokens_when_logged_in(start_sandbox, tmp_path):
    sandbox = start_sandbox("--flavor", "classic", "--user", "alice:pw-alice-1", "--seed-tokens", "2")
    fx = Fixture(tmp_path)
    fx.userconfig.write_text("")
    fx.userconfig.chmod(0o600)
    login = subprocess.run(
        [tokensh_bin(), "--registry", sandbox.url, "--userconfig", str(fx.userconfig), "-c",
         "login --auth-type legacy --username alice"],
        capture_output=True, text=True, env=dict(fx.env, TOKENSH_PASSWORD="pw-alice-1"), cwd=fx.repo, timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert login.returncode == 0, login.stderr
    result = fx.audit("--json", registry=sandbox.url)
    assert "not logged in" not in result.stderr and "could not list" not in result.stderr, result.stderr
    registry = [f for f in findings(result) if f["file"] is None]
    assert registry, result.stdout
    assert {f["kind"] for f in registry} <= {"token-never-expires", "write-token-without-cidr", "bypass-2fa-token"}
    assert "token-never-expires" in {f["kind"] for f in registry}
    assert all(f["line"] is None for f in registry)
    token = fx.userconfig.read_text().split("_authToken=")[1].strip()
    assert token not in result.stdout + result.stderr
