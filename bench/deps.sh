#!/bin/sh
# deps.sh: the tools `make bench` needs, installed with apt when running as
# root through .ci/deps.sh (the one installer), otherwise says what to run.
#   bench/deps.sh            GNU time (/usr/bin/time)
#   bench/deps.sh --compare  also ledger and hledger
#   bench/deps.sh --profile  also perf and valgrind
set -eu

have() { command -v "$1" >/dev/null 2>&1; }

missing=
[ -x /usr/bin/time ] || missing="$missing time"
case "${1:-}" in
--compare)
    have ledger || missing="$missing ledger"
    have hledger || missing="$missing hledger"
    ;;
--profile)
    have perf || missing="$missing linux-perf"
    have valgrind || missing="$missing valgrind"
    ;;
esac
[ -z "$missing" ] && exit 0

# shellcheck disable=SC2086
exec "$(dirname "$0")/../.ci/deps.sh" --install "fisc bench" $missing
