#!/usr/bin/env bash
# fuzz.sh: builds the libFuzzer targets and runs each for FUZZ_SECONDS.
# Called by `make fuzz` after it has built every object into build-fuzz/
# with clang and -fsanitize=fuzzer-no-link,address,undefined.
#
#   FUZZ_SECONDS=60 FUZZ_TARGETS="check fmt diff lsp" tests/fuzz/fuzz.sh
#
# fuzz_fmt needs src/fmt.c and fuzz_diff src/ydiff.c: a target whose
# source file is missing is skipped (and says so).  New inputs go to
# build-fuzz/corpus-NAME/ (the seeds in tests/fuzz/corpus/ are read only);
# a crash, leak or sanitizer report leaves build-fuzz/crash-NAME-* and
# makes the script exit 1.
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
    if ! $CC $FLAGS -o $B/fuzz_$t tests/fuzz/fuzz_$t.c $objs -ljansson; then
        echo "fuzz_$t: does not build"
        status=1
        continue
    fi
    built+=("$t")
done
for t in "${built[@]}"; do
    mkdir -p $B/corpus-$t
    seeds=tests/fuzz/corpus
    [ "$t" = lsp ] && seeds=tests/fuzz/corpus-lsp   # LSP sessions (mk-lsp-seeds.sh)
    echo "fuzz_$t: running for ${SECONDS_EACH}s"
    ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        $B/fuzz_$t -max_total_time="$SECONDS_EACH" -dict=tests/fuzz/fisc.dict \
            -max_len=65536 -timeout=20 -rss_limit_mb=4096 -close_fd_mask=3 \
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
