/* floor.c: the "read + sum in C" floor for `make bench`: reads FILE whole
 * into memory (as a compiler does) and sums every number in it: runs of
 * ASCII digits, with ',' between digit groups and an optional '.'
 * fraction.  Prints the count and the sum (in 1/10000 units) so the work
 * cannot be optimised away.  No checking at all: nothing can be faster and
 * still look at every figure. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: bench-floor FILE\n", stderr);
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    struct stat st;
    size_t cap = 1 << 20, len = 0;
    if (fstat(fileno(f), &st) == 0 && st.st_size > 0)
        cap = (size_t)st.st_size + 1; /* one read; the doubling is for pipes */
    unsigned char *buf = malloc(cap + 1);
    for (;;) {
        if (!buf) {
            fputs("bench-floor: out of memory\n", stderr);
            return 2;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (len < cap)
            break;
        cap *= 2;
        buf = realloc(buf, cap + 1);
    }
    fclose(f);
    buf[len] = '\0';

    int64_t sum = 0;
    long count = 0;
    for (size_t i = 0; i < len;) {
        if (buf[i] < '0' || buf[i] > '9') {
            i++;
            continue;
        }
        int64_t v = 0;
        int frac = -1;
        for (;;) {
            unsigned char ch = buf[i];
            if (ch >= '0' && ch <= '9') {
                if (frac < 4) {
                    v = v * 10 + (ch - '0');
                    if (frac >= 0)
                        frac++;
                }
                i++;
            } else if (ch == ',' && buf[i + 1] >= '0' && buf[i + 1] <= '9') {
                i++;
            } else if (ch == '.' && frac < 0 && buf[i + 1] >= '0' && buf[i + 1] <= '9') {
                frac = 0;
                i++;
            } else {
                break;
            }
        }
        for (int k = frac < 0 ? 0 : frac; k < 4; k++)
            v *= 10;
        sum += v;
        count++;
    }
    printf("%ld numbers, sum %lld\n", count, (long long)sum);
    free(buf);
    return 0;
}
