/* main.c: fisc's entry point.  The command line is data (cli.h): the
 * table of commands and options is in cli_table.c, the parser and the
 * help in cli.c, each command in its own module.  Messages speak the
 * user's language (i18n.h). */
#include "cli.h"
#include "i18n.h"

int main(int argc, char **argv)
{
    i18n_init();
    return cli_main(argc, argv);
}
