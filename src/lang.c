/* lang.c: names of the notions shared by the syntax tree and the model. */
#include "lang.h"

/* Canonical spelling of a relation. */
const char *lang_rel_spelling(lang_rel r)
{
    switch (r) {
    case REL_EQ: return "==";
    case REL_NE: return "!=";
    case REL_GE: return ">=";
    case REL_LE: return "<=";
    case REL_GT: return ">";
    case REL_LT: return "<";
    }
    return "?";
}
