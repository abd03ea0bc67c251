#!/usr/bin/env bash
# fuzz.sh: builds the libFuzzer targets and runs each for FUZZ_SECONDS.
# Called by `make fuzz` after it has built every object into build-fuzz/
# with clang and -fsanitize=fuzzer-no-link,address,undefined.
#
#   FUZZ_SECONDS=60 FUZZ_TARGETS="check fmt diff lsp" tests/fuzz/fuzz.sh
# (FUZZ_LDLIBS: the libraries the program links with, from the Makefile)
#
# fuzz_fmt needs src/fmt.c and fuzz_diff src/ydiff.c: a target whose
# source file is missing is skipped (and says so).  The targets that read
# budgets (check, fmt, diff) link the grammar-aware mutator
# (tests/fuzz/mutator.h); every target reads the dictionary.
# Seeds, read only: tests/fuzz/corpus/, every .fisc of examples/, lib/,
# tests/errors/, tests/golden/ and tests/fuzz/regressions/, gathered into
# build-fuzz/seeds/ (for diff: pairs OLD 0x01 NEW of the golden diffs and
# the seed's two years, in build-fuzz/seeds-diff/).  New inputs go to
# build-fuzz/corpus-NAME/; a crash, leak, timeout or sanitizer report
# leaves build-fuzz/crash-NAME-{crash,leak,timeout,oom}-* and makes the
# script exit 1.  Copy such an input to tests/fuzz/regressions/ (a diff
# input as NAME.diff: OLD 0x01 NEW) so `make test` replays it.
#
# The acceptance run, once every package touching the pipeline has landed:
#   make fuzz FUZZ_SECONDS=600          (every target, 10 minutes each)
set -u
cd "$(dirname "$0")/../.."
CC=${FUZZ_CC:-clang}
SECONDS_EACH=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-check fmt diff lsp}
B=build-fuzz
FLAGS="-std=c11 -O1 -g -D_POSIX_C_SOURCE=200809L -Iinclude -I$B -fno-omit-frame-pointer
       -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
objs=$(ls $B/*.o | grep -v '/main\.o$')
status=0
rm -rf $B/seeds $B/seeds-diff
mkdir -p $B/seeds $B/seeds-diff
for f in examples/*.fisc lib/*.fisc tests/errors/*.fisc tests/errors/inputs/*.fisc \
         tests/golden/*/*.fisc tests/fuzz/regressions/*.fisc; do
    [ -f "$f" ] && cp "$f" "$B/seeds/$(echo "$f" | tr / _)"
done
pair() { { cat "$1"; printf '\001'; cat "$2"; } >"$B/seeds-diff/$3"; }
pair examples/longgang-2021.fisc examples/longgang-2022.fisc longgang
G=tests/golden/diff
for p in base:one base:struct base:cols base:yuan match-old:match-new; do
    [ -f "$G/${p%%:*}.fisc" ] && [ -f "$G/${p#*:}.fisc" ] && pair "$G/${p%%:*}.fisc" "$G/${p#*:}.fisc" "${p/:/-}"
done
for f in tests/fuzz/regressions/*.diff; do
    [ -f "$f" ] && cp "$f" "$B/seeds-diff/"
done
built=()
for t in $TARGETS; do
    case $t in
        fmt)  need=src/fmt.c ;;
        diff) need=src/ydiff.c ;;
        *)    need= ;;
    esac
    if [ -n "$need" ] && [ ! -f "$need" ]; then
        echo "fuzz_$t: skipped ($need does not exist yet)"
        continue
    fi
    # shellcheck disable=SC2086
    if ! $CC $FLAGS -o $B/fuzz_$t tests/fuzz/fuzz_$t.c $objs ${FUZZ_LDLIBS:--ljansson}; then
        echo "fuzz_$t: does not build"
        status=1
        continue
    fi
    built+=("$t")
done
for t in "${built[@]}"; do
    mkdir -p $B/corpus-$t
    seeds="tests/fuzz/corpus $B/seeds"
    [ "$t" = diff ] && seeds="$seeds $B/seeds-diff"
    [ "$t" = lsp ] && seeds=tests/fuzz/corpus-lsp   # LSP sessions (mk-lsp-seeds.sh)
    echo "fuzz_$t: running for ${SECONDS_EACH}s"
    ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        $B/fuzz_$t -max_total_time="$SECONDS_EACH" -dict=tests/fuzz/fisc.dict \
            -max_len=65536 -timeout=20 -rss_limit_mb=2048 -close_fd_mask=3 \
            -print_final_stats=1 -artifact_prefix=$B/crash-$t- \
            $B/corpus-$t $seeds >$B/fuzz_$t.log 2>&1
    rc=$?
    tail -n 12 $B/fuzz_$t.log | grep -E 'stat::|Done|ERROR|SUMMARY|crash|leak' || true
    if [ $rc -ne 0 ]; then
        echo "fuzz_$t: FAILED (exit status $rc); see $B/fuzz_$t.log"
        status=1
    else
        echo "fuzz_$t: ok"
    fi
done
exit $status
