/* i18n.c: the language of messages (i18n.h).
 *
 * Only LC_MESSAGES is taken from the environment: numbers, sorting and
 * character classes stay the C locale's, so no output but the messages
 * changes with the language (CSV, reports and tables are the same bytes
 * everywhere).  The catalogue is read as UTF-8 whatever the terminal's
 * codeset, as every other text fisc prints (source lines, labels) is.
 * The catalogue folder is found from the program's location, like the
 * library folder (libpath.h), so a build tree and an installed tree each
 * find their own, and a moved install still works. */
#include <locale.h>
#include <stdio.h>
#include <sys/stat.h>
#include "i18n.h"
#include "libpath.h"

/* Whether path is a folder. */
static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Chooses the language and binds the catalogue; see i18n.h. */
void i18n_init(void)
{
    setlocale(LC_MESSAGES, "");
    const char *prog = libpath_program_dir();
    char dir[4096];
    if (prog && snprintf(dir, sizeof dir, "%s/locale", prog) < (int)sizeof dir && is_dir(dir))
        bindtextdomain(I18N_DOMAIN, dir);
    else if (prog && snprintf(dir, sizeof dir, "%s/../share/locale", prog) < (int)sizeof dir && is_dir(dir))
        bindtextdomain(I18N_DOMAIN, dir);
    bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
    textdomain(I18N_DOMAIN);
}

/* gettext, but not for "" or NULL; see i18n.h. */
const char *i18n_text(const char *s)
{
    return s && *s ? gettext(s) : s;
}
