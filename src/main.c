/* main.c: fisc's entry point.  The command line is data (cli.h): the
 * table of commands and options is in cli_table.c, the parser and the
 * help in cli.c, each command in its own module. */
#include "cli.h"

int main(int argc, char **argv)
{
    return cli_main(argc, argv);
}
