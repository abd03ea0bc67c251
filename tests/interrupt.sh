#!/usr/bin/env bash
# interrupt.sh: fisc killed while it writes loses nothing, and the next run
# cleans up after it (issue 12 item 10; docs/files.md).
#
# The kill is deterministic: the command runs under `ulimit -f 1`, so the
# first write past 1 KiB raises SIGXFSZ and the process dies on the spot,
# as it would on `kill -9`, with no chance to clean up (under `timeout`,
# in case it does not die).  Then:
#   interrupt-build      a killed build leaves DIR as it was and a
#                        .DIR.tmp-PID-XXXXXX beside it; the next build
#                        removes it and succeeds
#   interrupt-fmt-w      a killed fmt -w leaves the file as it was and a
#                        .FILE.fisc-PID-XXXXXX; the next fmt -w removes it
# Prints "ok NAME" / "FAIL NAME".  FISC may hold several words (valgrind),
# so it is expanded unquoted.
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# kill_on_write ARGS...: fisc ARGS, killed by SIGXFSZ at its first write
# past 1 KiB; prints its exit status (128 + the signal).
kill_on_write() {
    (ulimit -f 1; exec timeout 120 $FISC "$@") >/dev/null 2>&1
    echo $?
}

# A copy of the example, marked as a repository so that its import of
# ../lib is within reach (docs/security.md).
W=$T/w
mkdir -p "$W/examples" "$W/lib" "$T/.git"
cp examples/*.fisc "$W/examples/"
cp lib/*.fisc "$W/lib/"
src=$W/examples/longgang-2022.fisc

# ---- build ---------------------------------------------------------------
$FISC build "$src" -o "$W/out" >/dev/null 2>&1 || echo "FAIL interrupt-build: the first build failed"
before=$(cd "$W/out" && cksum .fisc-build *.csv report.*)
rc=$(kill_on_write build "$src" -o "$W/out")
after=$(cd "$W/out" && cksum .fisc-build *.csv report.*)
left=$(ls -A "$W" | grep -c '^\.out\.tmp-[0-9]*-......$')
if [ "$rc" -gt 128 ] && [ "$before" = "$after" ] && [ "$left" -eq 1 ]; then
    ok=1
else
    ok=0
    echo "FAIL interrupt-build: exit $rc, $left leftovers, output $( [ "$before" = "$after" ] && echo kept || echo changed)"
fi
$FISC build "$src" -o "$W/out" >/dev/null 2>"$T/err"
rc=$?
if [ "$ok" = 1 ] && [ "$rc" -eq 0 ] && [ "$(ls -A "$W" | tr '\n' ' ')" = "examples lib out " ]; then
    echo "ok interrupt-build"
elif [ "$ok" = 1 ]; then
    echo "FAIL interrupt-build: the next build exits $rc and leaves: $(ls -A "$W" | tr '\n' ' ')"
    sed 's/^/    /' "$T/err" | grep -v warning | head -n 5
fi

# ---- fmt -w ----------------------------------------------------------------
# A file whose formatted text is larger than 1 KiB, not yet canonical.
sed 's/^ *//' examples/longgang-2021.fisc >"$W/messy.fisc"
cp "$W/messy.fisc" "$T/messy.orig"
rc=$(kill_on_write fmt -w "$W/messy.fisc")
left=$(ls -A "$W" | grep -c '^\.messy\.fisc\.fisc-[0-9]*-......$')
if [ "$rc" -gt 128 ] && cmp -s "$W/messy.fisc" "$T/messy.orig" && [ "$left" -eq 1 ]; then
    $FISC fmt -w "$W/messy.fisc" >/dev/null 2>"$T/err"
    rc=$?
    if [ "$rc" -eq 0 ] && [ "$(ls -A "$W" | grep -c '^\.messy')" -eq 0 ] &&
       $FISC fmt --check "$W/messy.fisc" >/dev/null 2>&1; then
        echo "ok interrupt-fmt-w"
    else
        echo "FAIL interrupt-fmt-w: the next fmt -w exits $rc and leaves: $(ls -A "$W" | tr '\n' ' ')"
    fi
else
    echo "FAIL interrupt-fmt-w: exit $rc, $left leftovers, file $(cmp -s "$W/messy.fisc" "$T/messy.orig" && echo kept || echo changed)"
fi
