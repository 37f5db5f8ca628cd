"""scripts/install: stripped binaries in PREFIX/bin and the completion scripts where bash, zsh
and fish look under PREFIX/share.

A release build takes minutes, so the test installs the binaries already built (the folder of
TOKENSH_BIN) through TOKENSH_INSTALL_FROM: everything after the build is the script's own path.
"""

import os
import subprocess
from pathlib import Path

from harness import ROOT, tokensh_bin

COMPLETIONS = {
    "bash": "share/bash-completion/completions/tokensh",
    "zsh": "share/zsh/site-functions/_tokensh",
    "fish": "share/fish/vendor_completions.d/tokensh.fish",
}


def has_symbol_table(path):
    sections = subprocess.run(["readelf", "-S", "-W", str(path)], capture_output=True, text=True, check=True).stdout
    return ".symtab" in sections


def test_install_puts_stripped_binaries_and_completion_scripts_under_the_prefix(tmp_path):
    build = Path(tokensh_bin()).parent
    prefix = tmp_path / "prefix"
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "install"), str(prefix)],
        env=dict(os.environ, TOKENSH_INSTALL_FROM=str(build)), capture_output=True, text=True, timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    print(result.stdout)

    for name in ("tokensh", "tokensh-sandbox"):
        installed = prefix / "bin" / name
        assert os.access(installed, os.X_OK), f"{installed} is not installed"
        assert not has_symbol_table(installed), f"{installed} is not stripped"
        assert installed.stat().st_size < (build / name).stat().st_size
        assert f"installed {installed} (" in result.stdout, "the sizes before and after are reported"

    tokensh = prefix / "bin" / "tokensh"
    version = subprocess.run([str(tokensh), "--version"], capture_output=True, text=True, timeout=30)
    assert version.returncode == 0 and version.stdout.strip(), version.stderr
    # tokensh runs tokensh-sandbox from its own folder: the installed pair must find each other.
    sandbox_help = subprocess.run([str(tokensh), "sandbox", "--help"], capture_output=True, text=True, timeout=30)
    assert sandbox_help.returncode == 0 and "--seed-tokens" in sandbox_help.stdout, sandbox_help.stderr

    for shell, relative in COMPLETIONS.items():
        script = prefix / relative
        assert script.is_file(), f"no {shell} completion at {script}"
        made = subprocess.run(
            [str(tokensh), "--generate-completion-script", shell], capture_output=True, text=True, timeout=30
        )
        assert script.read_text() == made.stdout, f"the {shell} script is not what tokensh generates"
        assert "registry" in made.stdout and "userconfig" in made.stdout, f"the {shell} script lacks the options"
    assert (prefix / COMPLETIONS["zsh"]).read_text().startswith("#compdef tokensh")
    assert "complete -c 'tokensh'" in (prefix / COMPLETIONS["fish"]).read_text()
    loaded = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", f"source {prefix / COMPLETIONS['bash']} && complete -p tokensh"],
        capture_output=True, text=True, timeout=30,
    )
    assert loaded.returncode == 0 and "tokensh" in loaded.stdout, loaded.stderr
