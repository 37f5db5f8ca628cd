"""The sandbox under load: wrk against whoami and a token-list page, zero errors, flat memory.

A short run here (HARDENING_LOAD_SECONDS, default 5 s per endpoint at 64 connections); the
30-second run is `python3 tests/interop/servers/load.py`, which the benchmark reuses.
"""

import os
import shutil

import pytest

from servers.load import describe, problems, run_load

SECONDS = int(os.environ.get("HARDENING_LOAD_SECONDS", "5"))


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (apt-get install wrk)")
def test_sandbox_under_load(tmp_path):
    results = run_load(seconds=SECONDS, connections=64, workdir=tmp_path)
    print("\n" + describe(results))
    assert problems(results) == []
    assert results["token-list"]["requests"] > 100
