/* test_cli.c: the command table and its parser.
 *
 * The table's invariants, which the help, man page and completions rely
 * on (unique spellings per command, every value named, help that fits a
 * line), and the parser on every spelling it accepts and refuses: the
 * command runs only with what the table allows. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "source.h"

/* ---- the table ---------------------------------------------------------- */

typedef struct seen {
    char names[64][80];
    size_t n;
} seen;

/* Records a spelling; fails on one the command already takes. */
static void add_name(seen *s, const char *a, const char *b)
{
    assert_true(s->n < 64);
    snprintf(s->names[s->n], sizeof s->names[0], "%s%s", a, b);
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->names[i], s->names[s->n]) == 0)
            fail_msg("'%s' is spelled twice in one command's options", s->names[i]);
    s->n++;
}

static void check_option(const cli_option *o, void *ctx)
{
    seen *s = ctx;
    assert_true(o->id > CLI_OPT_NONE && o->id < CLI_OPT_COUNT);
    assert_true(o->short_name || o->long_name || o->prefix);
    assert_false(o->prefix && (o->short_name || o->long_name));
    char letter[2] = { o->short_name, '\0' };
    if (o->short_name)
        add_name(s, "-", letter);
    if (o->long_name)
        add_name(s, "--", o->long_name);
    if (o->prefix)
        add_name(s, o->prefix, "");
    /* A value is named in help exactly when there is one. */
    assert_true((o->type == CLI_FLAG) == (o->arg == NULL));
    assert_true(o->type != CLI_CHOICE || (o->choices && o->choices[0]));
    assert_true(!o->prefix || o->type != CLI_FLAG);
    /* One line that fits beside the spelling column on 80 columns. */
    assert_non_null(o->help);
    assert_null(strchr(o->help, '\n'));
    assert_true(src_display_width(o->help, strlen(o->help)) <= 55);
}

static void test_table(void **state)
{
    (void)state;
    size_t n;
    const cli_command *c = cli_commands(&n);
    assert_true(n >= 8);
    for (size_t i = 0; i < n; i++) {
        assert_ptr_equal(cli_find(c[i].name), &c[i]);
        assert_non_null(c[i].run);
        assert_true(c[i].max_files < 0 || c[i].max_files >= c[i].min_files);
        assert_non_null(c[i].summary);
        assert_null(strchr(c[i].summary, '\n'));
        assert_true(strlen(c[i].summary) <= 56);
        /* Descriptions: lines of at most 72 columns, ending in a newline. */
        const char *d = c[i].description;
        assert_true(strlen(d) > 0 && d[strlen(d) - 1] == '\n');
        for (const char *line = d; *line;) {
            const char *end = strchr(line, '\n');
            assert_true(src_display_width(line, (size_t)(end - line)) <= 72);
            line = end + 1;
        }
        seen s = { { { 0 } }, 0 };
        cli_each_option(&c[i], check_option, &s);
    }
    assert_null(cli_find("bogus"));
}

/* ---- the parser ----------------------------------------------------------- */

/* Parses the words of line (split on spaces) for command cmd, with pre
 * before the command's name; returns cli_parse's status. */
static int parse(const char *cmd, const char *pre, const char *line, cli_args *a)
{
    static char bufs[2][256];
    static char *words[2][32];
    int counts[2] = { 0, 0 };
    const char *src[2] = { pre, line };
    for (int k = 0; k < 2; k++) {
        snprintf(bufs[k], sizeof bufs[k], "%s", src[k]);
        for (char *w = strtok(bufs[k], " "); w; w = strtok(NULL, " "))
            words[k][counts[k]++] = w;
    }
    memset(a, 0, sizeof *a);
    FILE *null = fopen("/dev/null", "w");
    int st = cli_parse(cli_find(cmd), counts[0], words[0], counts[1], words[1], a, null);
    fclose(null);
    return st;
}

static void test_values(void **state)
{
    (void)state;
    cli_args a;
    assert_int_equal(parse("build", "", "b.fisc -o out/x", &a), -1);
    assert_string_equal(a.value[CLI_OPT_OUTPUT], "out/x");
    assert_int_equal(a.nfiles, 1);
    assert_string_equal(a.files[0], "b.fisc");
    free(a.files);
    assert_int_equal(parse("build", "", "-oout/y b.fisc", &a), -1);
    assert_string_equal(a.value[CLI_OPT_OUTPUT], "out/y");
    free(a.files);
    assert_int_equal(parse("build", "", "--output=out/z b.fisc --crlf", &a), -1);
    assert_string_equal(a.value[CLI_OPT_OUTPUT], "out/z");
    assert_non_null(a.value[CLI_OPT_CRLF]);
    assert_null(a.value[CLI_OPT_NO_BOM]);
    free(a.files);
    assert_int_equal(parse("report", "", "--format json r.fisc", &a), -1);
    assert_string_equal(a.value[CLI_OPT_FORMAT], "json");
    free(a.files);
    /* The last one given wins. */
    assert_int_equal(parse("report", "", "--format=json --format=csv r.fisc", &a), -1);
    assert_string_equal(a.value[CLI_OPT_FORMAT], "csv");
    free(a.files);
}

static void test_compile_options(void **state)
{
    (void)state;
    cli_args a;
    assert_int_equal(parse("check", "--strict --max-errors 7", "-Wno-footing a.fisc -Werror=identity b.fisc", &a), -1);
    assert_true(a.driver.strict);
    assert_int_equal(a.driver.max_errors, 7);
    assert_int_equal(a.driver.nsilenced, 1);
    assert_string_equal(a.driver.silenced[0], "footing");
    assert_int_equal(a.driver.npromoted, 1);
    assert_string_equal(a.driver.promoted[0], "identity");
    assert_int_equal(a.nfiles, 2);
    assert_ptr_equal(a.driver.tally, &a.tally);
    free(a.files);
    /* Defaults, and a check named twice counts once. */
    assert_int_equal(parse("check", "", "-Wno-footing -Wno-footing a.fisc", &a), -1);
    assert_int_equal(a.driver.max_errors, 50);
    assert_false(a.driver.strict);
    assert_int_equal(a.driver.nsilenced, 1);
    assert_int_equal(a.driver.color, DIAG_COLOR_AUTO);
    free(a.files);
    assert_int_equal(parse("check", "--color=never", "a.fisc", &a), -1);
    assert_int_equal(a.driver.color, DIAG_COLOR_NEVER);
    free(a.files);
    assert_int_equal(parse("diff", "", "--color always a b", &a), -1);
    assert_int_equal(a.driver.color, DIAG_COLOR_ALWAYS);
    free(a.files);
}

static void test_operands(void **state)
{
    (void)state;
    cli_args a;
    /* "--" ends the options; "-" is a file. */
    assert_int_equal(parse("check", "", "-- -x.fisc --strict", &a), -1);
    assert_int_equal(a.nfiles, 2);
    assert_string_equal(a.files[0], "-x.fisc");
    assert_string_equal(a.files[1], "--strict");
    assert_false(a.driver.strict);
    free(a.files);
    assert_int_equal(parse("diff", "", "- new.fisc", &a), -1);
    assert_string_equal(a.files[0], "-");
    free(a.files);
    assert_int_equal(parse("diff", "", "- -", &a), 2);
    free(a.files);
    assert_int_equal(parse("textconv", "", "-", &a), 2);
    free(a.files);
    assert_int_equal(parse("check", "", "", &a), 2);
    free(a.files);
    assert_int_equal(parse("diff", "", "one", &a), 2);
    free(a.files);
    assert_int_equal(parse("diff", "", "one two three", &a), 2);
    free(a.files);
    assert_int_equal(parse("help", "", "", &a), -1);
    free(a.files);
}

static void test_refused(void **state)
{
    (void)state;
    cli_args a;
    const char *bad[][3] = {
        { "check", "", "--bogus a" },             /* unknown */
        { "check", "", "-o x a" },                /* build's, not check's */
        { "check", "", "--strict=1 a" },          /* a flag with a value */
        { "check", "", "-Wno-bogus a" },          /* not a check */
        { "check", "", "-Wno- a" },               /* no check */
        { "check", "", "--max-errors=-1 a" },
        { "check", "", "--max-errors=1000001 a" },
        { "check", "", "--max-errors= a" },
        { "check", "", "a --max-errors" },        /* no value */
        { "report", "", "--format=xml a" },
        { "check", "", "--color=sometimes a" },
        { "build", "", "-o a" },                  /* -o takes the file: none left */
        { "build", "", "--output= a" },           /* empty folder name */
        { "fmt", "--strict", "a" },               /* not a compiling command */
        { "build", "--crlf", "a" },               /* own options go after the name */
        { "build", "", "-w a" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int st = parse(bad[i][0], bad[i][1], bad[i][2], &a);
        if (st != 2)
            fail_msg("fisc %s %s %s: status %d, want 2", bad[i][1], bad[i][0], bad[i][2], st);
        free(a.files);
    }
}

/* help and --help print the same bytes. */
static void test_help_text(void **state)
{
    (void)state;
    size_t n;
    const cli_command *c = cli_commands(&n);
    for (size_t i = 0; i < n; i++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&buf, &len);
        cli_help(m, &c[i]);
        fclose(m);
        assert_true(strncmp(buf, "usage: fisc ", 12) == 0);
        assert_non_null(strstr(buf, "  -h, --help"));
        assert_non_null(strstr(buf, "  --color WHEN"));
        assert_true((strstr(buf, "  --strict") != NULL) == ((c[i].common & CLI_COMPILES) != 0));
        assert_true((strstr(buf, "  --allow-import-anywhere") != NULL) == ((c[i].common & CLI_IMPORTS) != 0));
        free(buf);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_compile_options),
        cmocka_unit_test(test_operands),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_help_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
