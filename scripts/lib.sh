# Shared set-up for the scripts: install what a fresh Debian machine with Swift lacks.
# Sourced, not run.

root_dir() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_system_packages() {
    local missing=()
    command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
    pkg-config --exists libedit 2>/dev/null || missing+=(libedit-dev)
    pkg-config --exists libcurl 2>/dev/null || missing+=(libcurl4-openssl-dev)
    [ -e /etc/ssl/certs/ca-certificates.crt ] || missing+=(ca-certificates)
    command -v npm >/dev/null 2>&1 || missing+=(npm)
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "installing: ${missing[*]}" >&2
        as_root apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >&2
    fi
}

ensure_test_tools() {
    local missing=()
    command -v tmux >/dev/null 2>&1 || missing+=(tmux)
    command -v git >/dev/null 2>&1 || missing+=(git)
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    # The hardening tests load the sandbox with wrk and make a TLS certificate with openssl.
    command -v wrk >/dev/null 2>&1 || missing+=(wrk)
    command -v openssl >/dev/null 2>&1 || missing+=(openssl)
    # The recording tests play a terminal recording back with it.
    command -v asciinema >/dev/null 2>&1 || missing+=(asciinema)
    if [ "${#missing[@]}" -gt 0 ]; then
        as_root apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >&2
    fi
    # Debian's own python3 is externally managed (PEP 668): its packages, not pip.
    if ! /usr/bin/python3 -c 'import pytest, pexpect' >/dev/null 2>&1; then
        echo "installing: python3-pytest python3-pexpect" >&2
        as_root apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3-pytest python3-pexpect >&2
    fi
}

# The interpreter the Python suites run with: the system's, whose packages ensure_test_tools installs.
PYTHON=/usr/bin/python3

# Release builds carry the Swift runtime and FoundationEssentials inside each binary: binding
# them from shared libraries at every start was about a quarter of `tokensh -c whoami`.
# The C++ runtime the Swift runtime uses goes in too (binding libstdc++.so's 1,700 symbols was
# another 1.3 ms): the static-stdlib link line asks for -lstdc++, and a linker script of that
# name in a folder searched first points it at the archive. Without the archive, it stays shared.
release_build() {
    local product archive cxx_dir="$PWD/.build/static-libstdc++"
    local link=()
    archive="$(clang -print-file-name=libstdc++.a 2>/dev/null || true)"
    if [ -f "$archive" ]; then
        mkdir -p "$cxx_dir"
        echo "INPUT($archive)" >"$cxx_dir/libstdc++.so"
        link=(-Xlinker -L"$cxx_dir")
    fi
    for product in "$@"; do
        swift build -c release --static-swift-stdlib "${link[@]}" --product "$product" >&2
    done
}

release_bin_path() { swift build -c release --static-swift-stdlib --show-bin-path; }
