#!/bin/sh
# deps.sh: makes sure the build tools are installed; installs them with apt
# when running as root, otherwise says what to run.  Checking costs a few
# stat calls, so every make target can run it first.
set -eu

have() { command -v "$1" >/dev/null 2>&1; }

missing=
have re2c || missing="$missing re2c"
have bison || missing="$missing bison"
[ -f /usr/include/cmocka.h ] || missing="$missing libcmocka-dev"
[ -z "$missing" ] && exit 0

pkgs="re2c bison libcmocka-dev"
have cc || pkgs="$pkgs gcc libc6-dev"
if [ "$(id -u)" -eq 0 ] && have apt-get; then
    echo "fisc: installing$missing"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y $pkgs
    exit 0
fi
echo "fisc: missing build tools; run: sudo apt-get install -y $pkgs" >&2
exit 1
