/* test_outfile.c: one file written atomically, and kept its user's.
 *
 * Each test works in its own scratch directory and checks the file system
 * afterwards: the target's bytes, mode, owner and links, and that no
 * temporary .NAME.fisc-PID-XXXXXX is left.  Cases that need another user
 * (a file owned by nobody, a caller that is not root) run only as root,
 * in a child that drops to nobody where needed; they are skipped
 * otherwise. */
#define _GNU_SOURCE             /* setgroups */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "outfile.h"
#include "scratch.h"

/* outfile_write of text; the why, or "" on success. */
static const char *put(const char *p, const char *text, const outfile_opts *o)
{
    static char why[512];
    why[0] = '\0';
    int rc = outfile_write(p, text, strlen(text), o, why, sizeof why);
    assert_int_equal(rc == 0, why[0] == '\0');
    return why;
}

static const outfile_opts replace = { .replace = true };
static const outfile_opts create = { .replace = false };

static void test_new_and_replaced(void **state)
{
    scratch *s = *state;
    assert_string_equal(put(path(s, "a.fisc"), "one\n", &create), "");
    expect_file(path(s, "a.fisc"), "one\n");
    struct stat st;
    assert_int_equal(stat(path(s, "a.fisc"), &st), 0);
    mode_t mask = umask(0);
    umask(mask);
    assert_int_equal(st.st_mode & 07777, 0666 & ~mask);
    /* Not replaced without being asked to. */
    assert_non_null(strstr(put(path(s, "a.fisc"), "two\n", &create), strerror(EEXIST)));
    expect_file(path(s, "a.fisc"), "one\n");
    /* Replaced, keeping the mode. */
    assert_int_equal(chmod(path(s, "a.fisc"), 0640), 0);
    assert_string_equal(put(path(s, "a.fisc"), "two\n", &replace), "");
    expect_file(path(s, "a.fisc"), "two\n");
    assert_int_equal(stat(path(s, "a.fisc"), &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);
    assert_int_equal(count_entries(s->root), 1);
}

static void test_symlink_stays(void **state)
{
    scratch *s = *state;
    write_file(path(s, "real.fisc"), "old\n");
    assert_int_equal(symlink("real.fisc", path(s, "link.fisc")), 0);
    assert_string_equal(put(path(s, "link.fisc"), "new\n", &replace), "");
    struct stat st;
    assert_int_equal(lstat(path(s, "link.fisc"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    expect_file(path(s, "real.fisc"), "new\n");
    assert_int_equal(count_entries(s->root), 2);
    /* A new file through a dangling link is refused: the name is taken. */
    assert_int_equal(symlink("nowhere.fisc", path(s, "dangling.fisc")), 0);
    assert_non_null(strstr(put(path(s, "dangling.fisc"), "x\n", &create), strerror(EEXIST)));
    assert_int_equal(access(path(s, "nowhere.fisc"), F_OK), -1);
    assert_int_equal(count_entries(s->root), 3);
}

static void test_refusals(void **state)
{
    scratch *s = *state;
    /* Hard links: a rename would leave the other name with the old text. */
    write_file(path(s, "a.fisc"), "old\n");
    assert_int_equal(link(path(s, "a.fisc"), path(s, "b.fisc")), 0);
    assert_non_null(strstr(put(path(s, "a.fisc"), "new\n", &replace), "it has 2 hard links"));
    expect_file(path(s, "a.fisc"), "old\n");
    expect_file(path(s, "b.fisc"), "old\n");
    /* Read-only for everyone: refused, root included. */
    write_file(path(s, "ro.fisc"), "old\n");
    assert_int_equal(chmod(path(s, "ro.fisc"), 0444), 0);
    assert_non_null(strstr(put(path(s, "ro.fisc"), "new\n", &replace),
                           "it is read-only (mode 0444)"));
    expect_file(path(s, "ro.fisc"), "old\n");
    /* Edited since it was read: refused. */
    write_file(path(s, "c.fisc"), "edited\n");
    outfile_opts o = { .replace = true, .expect = "as read\n", .nexpect = 8 };
    assert_non_null(strstr(put(path(s, "c.fisc"), "new\n", &o), "it changed while fisc"));
    expect_file(path(s, "c.fisc"), "edited\n");
    o.expect = "edited\n";
    o.nexpect = 7;
    assert_string_equal(put(path(s, "c.fisc"), "new\n", &o), "");
    expect_file(path(s, "c.fisc"), "new\n");
    /* A directory is not a file. */
    assert_int_equal(mkdir(path(s, "d.fisc"), 0755), 0);
    assert_non_null(strstr(put(path(s, "d.fisc"), "new\n", &replace), strerror(EISDIR)));
    rmdir(path(s, "d.fisc"));
    assert_int_equal(count_entries(s->root), 4);          /* no temporary left */
}

static void test_owner_kept(void **state)
{
    scratch *s = *state;
    struct passwd *pw = getpwnam("nobody");
    if (geteuid() != 0 || !pw)
        skip();
    write_file(path(s, "a.fisc"), "old\n");
    assert_int_equal(chown(path(s, "a.fisc"), pw->pw_uid, pw->pw_gid), 0);
    assert_int_equal(chmod(path(s, "a.fisc"), 0664), 0);
    assert_string_equal(put(path(s, "a.fisc"), "new\n", &replace), "");
    struct stat st;
    assert_int_equal(stat(path(s, "a.fisc"), &st), 0);
    assert_int_equal(st.st_uid, pw->pw_uid);
    assert_int_equal(st.st_gid, pw->pw_gid);
    assert_int_equal(st.st_mode & 07777, 0664);
    expect_file(path(s, "a.fisc"), "new\n");
}

/* As nobody: 0 when each refusal held, else the failing step. */
static int as_nobody(scratch *s)
{
    char why[512];
    /* nobody may write it (group-writable? no: world-writable), but not
     * give it back to root. */
    if (outfile_write(path(s, "root.fisc"), "new\n", 4, &replace, why, sizeof why) == 0)
        return 1;
    if (!strstr(why, "fisc cannot keep its owner and group"))
        return 2;
    /* Not writable for nobody: refused before anything is made. */
    if (outfile_write(path(s, "mine.fisc"), "new\n", 4, &replace, why, sizeof why) == 0)
        return 3;
    if (!strstr(why, strerror(EACCES)))
        return 4;
    return 0;
}

static void test_other_users(void **state)
{
    scratch *s = *state;
    struct passwd *pw = getpwnam("nobody");
    if (geteuid() != 0 || !pw)
        skip();
    assert_int_equal(chmod(s->root, 0777), 0);
    write_file(path(s, "root.fisc"), "old\n");
    assert_int_equal(chmod(path(s, "root.fisc"), 0666), 0);
    write_file(path(s, "mine.fisc"), "old\n");
    assert_int_equal(chmod(path(s, "mine.fisc"), 0644), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (setgid(pw->pw_gid) != 0 || setgroups(0, NULL) != 0 || setuid(pw->pw_uid) != 0)
            _exit(100);
        _exit(as_nobody(s));
    }
    int st;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFEXITED(st));
    if (WEXITSTATUS(st) == 100)
        skip();
    assert_int_equal(WEXITSTATUS(st), 0);
    expect_file(path(s, "root.fisc"), "old\n");
    expect_file(path(s, "mine.fisc"), "old\n");
    assert_int_equal(count_entries(s->root), 2);
}

static void test_stale_temporaries(void **state)
{
    scratch *s = *state;
    pid_t dead = fork();
    assert_true(dead >= 0);
    if (dead == 0)
        _exit(0);
    int st;
    assert_int_equal(waitpid(dead, &st, 0), dead);
    char name[6][128];
    snprintf(name[0], sizeof name[0], ".a.fisc.fisc-%ld-Ab12cd", (long)dead);  /* stale */
    snprintf(name[1], sizeof name[1], ".a.fisc.fisc-%ld-Ab12cd", (long)getpid()); /* running */
    snprintf(name[2], sizeof name[2], ".a.fisc.fmt-Ab12cd");                 /* older fisc */
    snprintf(name[3], sizeof name[3], ".b.fisc.fisc-%ld-Ab12cd", (long)dead);  /* other file */
    snprintf(name[4], sizeof name[4], ".a.fisc.fisc-%ld-Ab12c", (long)dead);   /* not ours */
    snprintf(name[5], sizeof name[5], ".a.fisc.fisc-%ld-Zz99zz", (long)dead);  /* a directory */
    for (int i = 0; i < 5; i++)
        write_file(path(s, name[i]), "half\n");
    assert_int_equal(mkdir(path(s, name[5]), 0755), 0);
    write_file(path(s, "a.fisc"), "old\n");
    assert_string_equal(put(path(s, "a.fisc"), "new\n", &replace), "");
    assert_int_equal(access(path(s, name[0]), F_OK), -1);
    for (int i = 1; i < 6; i++)
        assert_int_equal(access(path(s, name[i]), F_OK), 0);
    rmdir(path(s, name[5]));
}

static void test_leftover_names(void **state)
{
    (void)state;
    assert_int_equal(outfile_leftover_pid(".x.tmp-123-abcDE9", ".x.tmp-"), 123);
    assert_int_equal(outfile_leftover_pid(".x.tmp-123-abcDE", ".x.tmp-"), 0);
    assert_int_equal(outfile_leftover_pid(".x.tmp-123-abcDE9z", ".x.tmp-"), 0);
    assert_int_equal(outfile_leftover_pid(".x.tmp--abcDE9", ".x.tmp-"), 0);
    assert_int_equal(outfile_leftover_pid(".x.tmp-abcDE9", ".x.tmp-"), 0);
    assert_int_equal(outfile_leftover_pid(".x.tmp-1234567890-abcDE9", ".x.tmp-"), 0);
    assert_int_equal(outfile_leftover_pid(".y.tmp-123-abcDE9", ".x.tmp-"), 0);
    assert_int_equal(outfile_leftover_pid(".x.tmp-12-ab/cd.", ".x.tmp-"), 0);
    assert_true(outfile_pid_running((long)getpid()));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_new_and_replaced, setup, teardown),
        cmocka_unit_test_setup_teardown(test_symlink_stays, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_owner_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_users, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_temporaries, setup, teardown),
        cmocka_unit_test(test_leftover_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
