/* fuzz_diff.c: `fisc diff OLD NEW` on two arbitrary inputs.
 *
 * The input is split at its first 0x01 byte (a byte no budget contains):
 * before it OLD, after it NEW (NEW = OLD when there is none, which must
 * report no difference).  Each is written to a file and cmd_diff runs on
 * the command line the table's parser makes of them, in all three output
 * formats.  Run with -close_fd_mask=3: libFuzzer keeps its own and the
 * sanitizers' reports on a duplicate of stderr. */
#include "common.h"
#include "mutator.h"
#include "ydiff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    if (fz_unsafe(data, n))
        return -1;
    const uint8_t *sep = memchr(data, 0x01, n);
    size_t n1 = sep ? (size_t)(sep - data) : n;
    const char *oldp = fz_write(0, "old.fisc", data, n1);
    const char *newp = sep ? fz_write(1, "new.fisc", sep + 1, n - n1 - 1)
                           : fz_write(1, "new.fisc", data, n1);
    static const char *formats[] = { "--format=text", "--format=csv", "--format=json" };
    const char *fmt = formats[n % 3];
    char *argv[] = { (char *)oldp, (char *)newp, (char *)fmt, NULL };
    cli_args a;
    memset(&a, 0, sizeof a);
    if (cli_parse(cli_find("diff"), 0, NULL, 3, argv, &a, stderr) != -1)
        abort();
    int st = cmd_diff(&a);
    free(a.files);
    if (st < 0 || st > 2)
        abort();
    if (!sep && st == 1) {
        fprintf(stderr, "fisc diff: a file differs from itself\n");
        abort();
    }
    fflush(stdout);
    return 0;
}
