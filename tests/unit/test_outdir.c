/* test_outdir.c: the atomic output directory, and what it may replace.
 *
 * Every test works in its own mkdtemp scratch directory under TMPDIR (or
 * /tmp) and checks the filesystem afterwards: the target holds exactly the
 * new files (and their list) after commit, exactly the old bytes after
 * abort or a failure, and no temporary or backup directory is left beside
 * it.  Ownership: a directory is replaced only when empty, when its list
 * names everything in it, or (written before lists) when it holds only
 * files the build writes again.  Leftovers of a killed build (a child
 * that exits between begin and commit) are removed by the next build,
 * and nothing else is.  The read-only-parent case drops to user nobody in
 * a child when run as root (root ignores permissions). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "outdir.h"
#include "scratch.h"

/* Writes name = text into od. */
static void put(outdir *od, const char *name, const char *text)
{
    FILE *f = outdir_open(od, name);
    assert_non_null(f);
    fputs(text, f);
}

/* The list in dir: its names, one a line, after the header comments. */
static void expect_list(const char *dir, const char *names)
{
    char p[1100];
    snprintf(p, sizeof p, "%s/" OUTDIR_MARKER, dir);
    char *got = read_file(p);
    assert_non_null(got);
    assert_true(strncmp(got, "fisc-build 1\n", 13) == 0);
    const char *s = got + 13;
    while (*s == '#')
        s = strchr(s, '\n') + 1;
    assert_string_equal(s, names);
    free(got);
}

static void test_fresh(void **state)
{
    scratch *s = *state;
    outdir od;
    /* Trailing slashes are fine (the default is "out/<stem>/"). */
    assert_int_equal(outdir_begin(path(s, "out/"), &od), 0);
    assert_int_equal(count_entries(s->root), 1);      /* the temporary one */
    assert_int_equal(access(path(s, "out"), F_OK), -1);
    put(&od, "t01.csv", "项目,总计\n");
    put(&od, "report.json", "{}\n");
    assert_int_equal(outdir_commit(&od), 0);
    assert_string_equal(od.warn, "");
    expect_file(path(s, "out/t01.csv"), "项目,总计\n");
    expect_file(path(s, "out/report.json"), "{}\n");
    expect_list(path(s, "out"), "t01.csv\nreport.json\n");
    assert_int_equal(count_entries(path(s, "out")), 3);
    assert_int_equal(count_entries(s->root), 1);      /* no leftovers */
    /* Made with the mode mkdir would give, not mkdtemp's 0700. */
    struct stat st;
    assert_int_equal(stat(path(s, "out"), &st), 0);
    mode_t mask = umask(0);
    umask(mask);
    assert_int_equal(st.st_mode & 0777, 0777 & ~mask);
    /* Finished: further calls fail or do nothing. */
    assert_null(outdir_open(&od, "x.csv"));
    outdir_abort(&od);
}

/* One complete build of the given files (name, text, name, text, ...). */
static void build(const char *dir, int n, const char *const *files)
{
    outdir od;
    assert_int_equal(outdir_begin(dir, &od), 0);
    for (int i = 0; i + 1 < n; i += 2)
        put(&od, files[i], files[i + 1]);
    assert_int_equal(outdir_commit(&od), 0);
    assert_string_equal(od.warn, "");
}

/* Two tables, one name: the second open is refused (EEXIST) and the list
 * names the file once, also after the set of names has grown many times. */
static void test_name_twice(void **state)
{
    scratch *s = *state;
    outdir od;
    assert_int_equal(outdir_begin(path(s, "out"), &od), 0);
    char name[32];
    for (int i = 0; i < 300; i++) {
        snprintf(name, sizeof name, "t%03d.csv", i);
        put(&od, name, "x\n");
    }
    for (int i = 0; i < 300; i += 37) {
        snprintf(name, sizeof name, "t%03d.csv", i);
        assert_null(outdir_open(&od, name));
        assert_non_null(strstr(outdir_error(&od), strerror(EEXIST)));
    }
    put(&od, "t300.csv", "x\n");
    assert_int_equal(outdir_commit(&od), 0);
    char list[300 * 9 + 10] = "";
    for (int i = 0; i <= 300; i++) {
        snprintf(name, sizeof name, "t%03d.csv\n", i);
        strcat(list, name);
    }
    expect_list(path(s, "out"), list);
    assert_int_equal(count_entries(path(s, "out")), 302);
}

static void test_commit_replaces(void **state)
{
    scratch *s = *state;
    static const char *const first[] = { "t01.csv", "old\n", "t99.csv", "a table since removed\n" };
    static const char *const second[] = { "t01.csv", "new\n" };
    build(path(s, "out"), 4, first);
    build(path(s, "out"), 2, second);
    expect_file(path(s, "out/t01.csv"), "new\n");
    assert_int_equal(access(path(s, "out/t99.csv"), F_OK), -1);  /* wholesale */
    expect_list(path(s, "out"), "t01.csv\n");
    assert_int_equal(count_entries(path(s, "out")), 2);
    assert_int_equal(count_entries(s->root), 1);      /* backup removed */
}

static void test_refuses_user_file(void **state)
{
    scratch *s = *state;
    static const char *const files[] = { "t01.csv", "x\n" };
    build(path(s, "out"), 2, files);
    /* A file the user put into the output: kept, the build refused. */
    write_file(path(s, "out/notes.txt"), "my notes\n");
    outdir od;
    assert_int_equal(outdir_begin(path(s, "out"), &od), -1);
    assert_non_null(strstr(outdir_error(&od), "'notes.txt', which fisc did not write there"));
    expect_file(path(s, "out/notes.txt"), "my notes\n");
    expect_file(path(s, "out/t01.csv"), "x\n");
    assert_int_equal(count_entries(s->root), 1);
    /* Added while the build runs: commit judges again and refuses. */
    assert_int_equal(unlink(path(s, "out/notes.txt")), 0);
    assert_int_equal(outdir_begin(path(s, "out"), &od), 0);
    put(&od, "t01.csv", "y\n");
    assert_int_equal(mkdir(path(s, "out/mine"), 0755), 0);
    assert_int_equal(outdir_commit(&od), -1);
    assert_non_null(strstr(outdir_error(&od), "'mine'"));
    expect_file(path(s, "out/t01.csv"), "x\n");
    assert_int_equal(count_entries(path(s, "out")), 3);
    assert_int_equal(count_entries(s->root), 1);      /* temp removed */
    /* A list that is not fisc's is not trusted. */
    assert_int_equal(rmdir(path(s, "out/mine")), 0);
    write_file(path(s, "out/" OUTDIR_MARKER), "t01.csv\n");
    assert_int_equal(outdir_begin(path(s, "out"), &od), -1);
    assert_non_null(strstr(outdir_error(&od), "is not a list fisc wrote"));
    assert_int_equal(count_entries(s->root), 1);
}

static void test_empty_dir(void **state)
{
    scratch *s = *state;
    /* An empty directory is fine, and its mode is kept. */
    assert_int_equal(mkdir(path(s, "out"), 0700), 0);
    assert_int_equal(chmod(path(s, "out"), 0750), 0);
    static const char *const files[] = { "t01.csv", "x\n" };
    build(path(s, "out"), 2, files);
    expect_file(path(s, "out/t01.csv"), "x\n");
    struct stat st;
    assert_int_equal(stat(path(s, "out"), &st), 0);
    assert_int_equal(st.st_mode & 07777, 0750);
    assert_int_equal(count_entries(s->root), 1);
}

static void test_directory_without_list(void **state)
{
    scratch *s = *state;
    /* Written by fisc before it kept a list: taken as earlier output when
     * every entry is a file this build writes again. */
    assert_int_equal(mkdir(path(s, "out"), 0755), 0);
    write_file(path(s, "out/t01.csv"), "old\n");
    write_file(path(s, "out/report.txt"), "old report\n");
    static const char *const files[] = { "t01.csv", "new\n", "report.txt", "r\n",
                                         "report.json", "{}\n" };
    build(path(s, "out"), 6, files);
    expect_file(path(s, "out/t01.csv"), "new\n");
    expect_list(path(s, "out"), "t01.csv\nreport.txt\nreport.json\n");
    /* One with a file this build does not write is refused at commit,
     * untouched. */
    assert_int_equal(mkdir(path(s, "old"), 0755), 0);
    write_file(path(s, "old/t01.csv"), "old\n");
    write_file(path(s, "old/t99.csv"), "maybe the user's\n");
    outdir od;
    assert_int_equal(outdir_begin(path(s, "old"), &od), 0);
    put(&od, "t01.csv", "new\n");
    assert_int_equal(outdir_commit(&od), -1);
    assert_non_null(strstr(outdir_error(&od), "'t99.csv', which this build does not write"));
    expect_file(path(s, "old/t01.csv"), "old\n");
    expect_file(path(s, "old/t99.csv"), "maybe the user's\n");
    assert_int_equal(count_entries(path(s, "old")), 2);
    assert_int_equal(count_entries(s->root), 2);
}

/* Makes PARENT/NAME, a directory, with the given list (NULL: none) and
 * files (name, text, ...). */
static void leftover(const scratch *s, const char *name, const char *list, int n,
                     const char *const *files)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/%s", s->root, name);
    assert_int_equal(mkdir(dir, 0700), 0);
    char p[1100];
    if (list) {
        snprintf(p, sizeof p, "%s/" OUTDIR_MARKER, dir);
        write_file(p, list);
    }
    for (int i = 0; i + 1 < n; i += 2) {
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        write_file(p, files[i + 1]);
    }
}

/* A pid that no process has: a child that has exited and been reaped. */
static long dead_pid(void)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(0);
    int st;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    return (long)pid;
}

static void test_leftovers(void **state)
{
    scratch *s = *state;
    static const char *const files[] = { "t01.csv", "old\n" };
    build(path(s, "out"), 2, files);

    /* A build killed between begin and commit. */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        outdir od;
        if (outdir_begin(path(s, "out"), &od) != 0)
            _exit(1);
        FILE *f = outdir_open(&od, "t01.csv");
        if (!f || fputs("half", f) < 0 || fflush(f) != 0)
            _exit(2);
        _exit(0);                       /* as if killed: no commit, no abort */
    }
    int st;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    assert_int_equal(count_entries(s->root), 2);

    long dead = dead_pid();
    char name[7][128];
    snprintf(name[0], sizeof name[0], ".out.old-%ld-Ab12cd", dead);   /* killed between renames */
    snprintf(name[1], sizeof name[1], ".out.tmp-%ld-Zz9zz9", dead);   /* a user's file inside */
    snprintf(name[2], sizeof name[2], ".out.tmp-%ld-qqqqqq", (long)getpid());  /* running */
    snprintf(name[3], sizeof name[3], ".out.tmp-abcdef");             /* not fisc's name */
    snprintf(name[4], sizeof name[4], ".other.tmp-%ld-abcdef", dead); /* another target */
    snprintf(name[5], sizeof name[5], ".out.tmp-%ld-empty1", dead);   /* no list, empty */
    snprintf(name[6], sizeof name[6], ".out.old-%ld-nolist", dead);   /* no list, files */
    static const char *const report[] = { "report.txt", "r\n" };
    static const char *const mine[] = { "t01.csv", "x\n", "keep.txt", "user's\n" };
    leftover(s, name[0], "fisc-build 1\n# c\nreport.txt\n", 2, report);
    leftover(s, name[1], "fisc-build 1\nt01.csv\n", 4, mine);
    leftover(s, name[2], "fisc-build 1\nreport.txt\n", 2, report);
    leftover(s, name[3], "fisc-build 1\nreport.txt\n", 2, report);
    leftover(s, name[4], "fisc-build 1\nreport.txt\n", 2, report);
    leftover(s, name[5], NULL, 0, NULL);
    leftover(s, name[6], NULL, 2, report);
    assert_int_equal(count_entries(s->root), 9);

    outdir od;
    assert_int_equal(outdir_begin(path(s, "out"), &od), 0);
    put(&od, "t01.csv", "new\n");
    assert_int_equal(outdir_commit(&od), 0);
    assert_non_null(strstr(od.warn, "of an interrupted build in place: it holds files fisc did not write"));
    expect_file(path(s, "out/t01.csv"), "new\n");
    /* Gone: the killed child's, name[0], name[5].  Kept: the rest, and of
     * name[1] exactly the user's file. */
    assert_int_equal(access(path(s, name[0]), F_OK), -1);
    assert_int_equal(access(path(s, name[5]), F_OK), -1);
    assert_int_equal(count_entries(path(s, name[1])), 1);
    char keep[256];
    snprintf(keep, sizeof keep, "%s/keep.txt", name[1]);
    expect_file(path(s, keep), "user's\n");
    for (int i = 2; i <= 6; i++)
        if (i != 5)
            assert_int_equal(access(path(s, name[i]), F_OK), 0);
    assert_int_equal(count_entries(s->root), 1 + 5);
}

static void test_leftover_of_another_user(void **state)
{
    scratch *s = *state;
    struct passwd *pw = getpwnam("nobody");
    if (geteuid() != 0 || !pw)
        skip();                         /* only root can make one */
    char name[128];
    snprintf(name, sizeof name, ".out.tmp-%ld-abcdef", dead_pid());
    static const char *const report[] = { "report.txt", "r\n" };
    leftover(s, name, "fisc-build 1\nreport.txt\n", 2, report);
    assert_int_equal(chown(path(s, name), pw->pw_uid, pw->pw_gid), 0);
    static const char *const files[] = { "t01.csv", "x\n" };
    build(path(s, "out"), 2, files);
    assert_int_equal(count_entries(path(s, name)), 2);
}

static void test_abort_keeps_old(void **state)
{
    scratch *s = *state;
    assert_int_equal(mkdir(path(s, "out"), 0755), 0);
    write_file(path(s, "out/t01.csv"), "old,1\n");
    write_file(path(s, "out/report.txt"), "old report\n");
    outdir od;
    assert_int_equal(outdir_begin(path(s, "out"), &od), 0);
    put(&od, "t01.csv", "new,2\n");
    put(&od, "report.txt", "new report\n");     /* left open: abort closes it */
    outdir_abort(&od);
    expect_file(path(s, "out/t01.csv"), "old,1\n");
    expect_file(path(s, "out/report.txt"), "old report\n");
    assert_int_equal(count_entries(path(s, "out")), 2);
    assert_int_equal(count_entries(s->root), 1);      /* temp removed */
    outdir_abort(&od);                                  /* idempotent */
}

static void test_target_is_file(void **state)
{
    scratch *s = *state;
    write_file(path(s, "out"), "precious\n");
    outdir od;
    assert_int_equal(outdir_begin(path(s, "out"), &od), -1);
    assert_non_null(strstr(outdir_error(&od), "not a directory"));
    expect_file(path(s, "out"), "precious\n");
    assert_int_equal(count_entries(s->root), 1);
    outdir_abort(&od);                                  /* harmless */
}

static void test_refuses_foreign_dir(void **state)
{
    scratch *s = *state;
    assert_int_equal(mkdir(path(s, "src"), 0755), 0);
    write_file(path(s, "src/main.c"), "int main(void) { return 0; }\n");
    outdir od;
    assert_int_equal(outdir_begin(path(s, "src"), &od), -1);
    assert_non_null(strstr(outdir_error(&od), "main.c"));
    expect_file(path(s, "src/main.c"), "int main(void) { return 0; }\n");
    assert_int_equal(count_entries(s->root), 1);
    /* A subdirectory is not earlier output either. */
    assert_int_equal(mkdir(path(s, "out"), 0755), 0);
    assert_int_equal(mkdir(path(s, "out/sub"), 0755), 0);
    assert_int_equal(outdir_begin(path(s, "out"), &od), -1);
    assert_int_equal(access(path(s, "out/sub"), F_OK), 0);
    /* Neither . nor .. can be replaced. */
    assert_int_equal(outdir_begin(path(s, "."), &od), -1);
    assert_int_equal(outdir_begin(path(s, "out/.."), &od), -1);
    assert_int_equal(outdir_begin("", &od), -1);
}

static void test_missing_parent(void **state)
{
    scratch *s = *state;
    outdir od;
    assert_int_equal(outdir_begin(path(s, "no/such/out"), &od), -1);
    assert_non_null(strstr(outdir_error(&od), "does not exist"));
    assert_int_equal(access(path(s, "no"), F_OK), -1);  /* not created */
    assert_int_equal(count_entries(s->root), 0);
}

/* The read-only-parent scenario; 0 when it behaved, else a failure code.
 * Plain returns, not cmocka asserts: it may run in a child process. */
static int readonly_case(scratch *s)
{
    outdir od;
    if (outdir_begin(path(s, "ro/out"), &od) != -1)
        return 1;
    if (!strstr(outdir_error(&od), strerror(EACCES)))
        return 2;
    char *old = read_file(path(s, "ro/out/t01.csv"));
    int bad = !old || strcmp(old, "old\n") != 0;
    free(old);
    if (bad)
        return 3;
    return count_entries(path(s, "ro")) == 1 ? 0 : 4;
}

static void test_readonly_parent(void **state)
{
    scratch *s = *state;
    assert_int_equal(mkdir(path(s, "ro"), 0755), 0);
    assert_int_equal(mkdir(path(s, "ro/out"), 0755), 0);
    write_file(path(s, "ro/out/t01.csv"), "old\n");
    assert_int_equal(chmod(path(s, "ro"), 0555), 0);
    if (access(path(s, "ro"), W_OK) != 0) {
        assert_int_equal(readonly_case(s), 0);
    } else {
        /* Root ignores permissions: run the case as nobody in a child. */
        struct passwd *pw = getpwnam("nobody");
        if (!pw || chmod(s->root, 0755) != 0)
            skip();
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            if (setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0)
                _exit(100);
            if (access(path(s, "ro"), W_OK) == 0)
                _exit(101);
            _exit(readonly_case(s));
        }
        int st;
        assert_int_equal(waitpid(pid, &st, 0), pid);
        assert_true(WIFEXITED(st));
        if (WEXITSTATUS(st) == 100 || WEXITSTATUS(st) == 101)
            skip();         /* cannot drop privileges here */
        assert_int_equal(WEXITSTATUS(st), 0);
    }
    chmod(path(s, "ro"), 0755);
    expect_file(path(s, "ro/out/t01.csv"), "old\n");
}

static void test_bad_names(void **state)
{
    scratch *s = *state;
    outdir od;
    assert_int_equal(outdir_begin(path(s, "out"), &od), 0);
    assert_null(outdir_open(&od, "../escape.csv"));
    assert_null(outdir_open(&od, ""));
    assert_null(outdir_open(&od, ".."));
    put(&od, "t01.csv", "x\n");
    assert_null(outdir_open(&od, "t01.csv"));   /* two tables, one name */
    assert_non_null(strstr(outdir_error(&od), "t01.csv"));
    outdir_abort(&od);
    assert_int_equal(count_entries(s->root), 0);
    assert_int_equal(access(path(s, "escape.csv"), F_OK), -1);
}

static void test_write_error(void **state)
{
    scratch *s = *state;
    if (access("/dev/full", W_OK) != 0)
        skip();
    assert_int_equal(mkdir(path(s, "out"), 0755), 0);
    write_file(path(s, "out/t01.csv"), "old\n");
    outdir od;
    assert_int_equal(outdir_begin(path(s, "out"), &od), 0);
    put(&od, "t01.csv", "new\n");
    /* Swap a stream for one that fails on flush, as a full disk would. */
    FILE *full = fopen("/dev/full", "w");
    assert_non_null(full);
    fputs("data", full);
    fclose(od.files[0]);
    od.files[0] = full;
    assert_int_equal(outdir_commit(&od), -1);
    assert_non_null(strstr(outdir_error(&od), strerror(ENOSPC)));
    expect_file(path(s, "out/t01.csv"), "old\n");
    assert_int_equal(count_entries(s->root), 1);
}

static void test_symlink_target(void **state)
{
    scratch *s = *state;
    assert_int_equal(mkdir(path(s, "real"), 0755), 0);
    write_file(path(s, "real/t01.csv"), "old\n");
    assert_int_equal(symlink("real", path(s, "link")), 0);
    outdir od;
    assert_int_equal(outdir_begin(path(s, "link"), &od), 0);
    put(&od, "t01.csv", "new\n");
    assert_int_equal(outdir_commit(&od), 0);
    struct stat st;
    assert_int_equal(lstat(path(s, "link"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));                 /* the link stays */
    expect_file(path(s, "link/t01.csv"), "new\n");
    assert_int_equal(count_entries(s->root), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fresh, setup, teardown),
        cmocka_unit_test_setup_teardown(test_name_twice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_commit_replaces, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_user_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_dir, setup, teardown),
        cmocka_unit_test_setup_teardown(test_directory_without_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_leftovers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_leftover_of_another_user, setup, teardown),
        cmocka_unit_test_setup_teardown(test_abort_keeps_old, setup, teardown),
        cmocka_unit_test_setup_teardown(test_target_is_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_foreign_dir, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_parent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readonly_parent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_symlink_target, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
