#!/usr/bin/env bash
# Installs the Debian 12 packages this project needs, only those missing (run as root).
set -euo pipefail

packages=(
    cmake ninja-build g++ pkg-config    # the build
    libasio-dev                         # standalone Asio 1.22: the event loop and coroutines
    libssl-dev                          # OpenSSL 3: SHA-256, HMAC, random bytes, base64, TLS
    libsimdjson-dev                     # JSON replies of IMDS, ECS and STS
    libbson-dev                         # BSON: every MongoDB message
    libboost-test-dev                   # the unit tests
    clang-14 libclang-rt-14-dev libfuzzer-14-dev  # sanitizers and fuzzing
    clang-format clang-tidy             # the project's format and lint checks
    libmongoc-dev                       # a real MongoDB driver, for interop tests and benchmarks
)

missing=()
for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
    echo "install-deps: run as root (or install these packages yourself): ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
