/* resolve.c: from syntax tree to model.
 *
 * The parser accepts any item in any block; this pass gives each item its
 * meaning where it stands and reports, with both locations, everything
 * structural: items out of place, undefined or ambiguous names, duplicate
 * lines and codes, codes that do not extend their parent's, values that
 * do not fit their columns, unknown units, malformed numbers, missing or
 * cyclic imports.  Values are parsed here into exact amounts; deriving
 * the ones left out and checking identities is check.c's job.
 *
 * Name lookups go through hash maps keyed by interned pointers, so a
 * million-line budget resolves in linear time. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ast.h"
#include "i18n.h"
#include "ir.h"
#include "label.h"
#include "libpath.h"
#include "load.h"
#include "model.h"
#include "pmap.h"
#include "prose.h"
#include "spell.h"
#include "suggest.h"

/* Imports deeper than this are reported (a chain, not a cycle). */
#define RESOLVE_MAX_IMPORT_DEPTH 16
/* Bytes in a table's id: `fisc build` names its CSV file <id>.csv, and
 * file names stop at 255 bytes (143 on some encrypted file systems), so
 * the id is bounded here, where check sees it, not when build fails. */
#define RESOLVE_MAX_TABLE_ID 128
/* Undefined names a compilation looks for a "did you mean" for: each
 * search reads every name of its kind, and past the first few dozen the
 * reader fixes the first ones first. */
#define RESOLVE_MAX_SUGGEST 64

/* A classification: codes to entries. */
typedef struct cl_entry {
    const char *code, *label;
    span at;
    struct cl_entry *parent;
} cl_entry;

typedef struct classification {
    const char *id;
    span at;
    pmap by_code;            /* code -> index in entries */
    cl_entry **entries;
    size_t n, cap;
} classification;

/* A named column set, columns NAME { ... }.  Its columns are resolved the
 * first time a table takes it as its first columns and shared by every
 * later such table (the columns' indexes are then the same): forty tables
 * that take one set of 2,000 columns hold one copy, not forty.  A table
 * that takes it after other columns builds its own, quietly: the set's
 * errors are reported once. */
typedef struct colset {
    const ast_item *item;
    m_col **cols;            /* the shared columns, or NULL */
    size_t ncols;
    bool reported;           /* its errors have been reported */
    bool inline_block;       /* a table's own columns { ... }, shared (when
                                streaming) with the tables whose block reads
                                the same, byte for byte */
} colset;

typedef struct loaded_file {
    const char *path;
    const src_file *src;
    ast_file *ast;           /* NULL: the main file, streamed (no tree kept) */
    uint64_t dev, ino;       /* identity: one file, however its path is spelled */
    bool done;               /* fully imported (cycle detection) */
    bool active;             /* on the import stack */
} loaded_file;

typedef struct resolver {
    arena *a;
    strtab *names;
    diag_list *d;
    m_model *m;
    loaded_file **files;
    size_t nfiles, capfiles;
    classification **cls;
    size_t ncls, capcls;
    colset **colsets;        /* named column sets: columns NAME { ... } */
    size_t ncolsets, capcolsets;
    pmap colset_ids;         /* id -> index in colsets */
    pmap inline_sets;        /* (interned text of a columns block, NULL) -> colset */
    pmap col_names;          /* (parent column, label) -> 1: duplicate columns */
    char *sb;                /* scratch for joining label paths */
    size_t sbcap;
    pmap table_ids;          /* id -> index in m->tables */
    size_t captables, capchecks;
    bool has_budget;         /* a budget header was resolved ... */
    span budget_at;          /* ... here */
    bool syntax_errors;      /* the main file did not parse cleanly */
    const char *import_root; /* where to look when a relative import fails */
    const resolve_opts *o;   /* the reader and the library rule */
    const load_reach *reach; /* which files an import or previous may read */
    /* the lines of each table by label and code, for references (made
     * when a table is first looked into): (table, NULL) -> index in rix */
    pmap row_indexes;
    struct row_index *rix;
    size_t nrix, caprix;
    ir_builder ir;           /* checks compiled so far, and their references */
    ir_builder pir;          /* the same for the placeholders of narratives' text */
    size_t capphs;
    struct template_def **templates; /* templates defined (template NAME { ... }) */
    size_t ntemplates, captemplates;
    const char *tpl_name;    /* the template the budget follows (`template NAME`), or NULL */
    bool consolidated;       /* `consolidated`: the tables are several departments' */
    span tpl_at;             /* ... named here */
    /* Streaming (docs/architecture.md §1): the main file's top-level items
     * are resolved as they are parsed, each tree in scratch, reset after
     * the item.  Items before the budget header wait (pending) for it. */
    bool streaming;
    arena *scratch;
    const src_file *main_src;
    const char *path;        /* the main file's path */
    const ast_item **pending;
    size_t npending, cappending;
    bool all_library;        /* every top-level item so far is a library item ... */
    bool any_item;           /* ... and there was one (an empty file is no library) */
    size_t bound_sites;      /* references bound so far (streaming) */
    size_t bound_psites;     /* ... of placeholders */
    unsigned nsuggest;       /* "did you mean" searches so far */
    /* tables whose text holds a syntax error the parser skipped: what is
     * missing from them (a line, a column) is the syntax error's doing */
    struct damage { const m_table *t; unsigned what; } *damaged;
    size_t ndamaged, capdamaged;
} resolver;

/* Room for element n of the growing array p (a side block: growth leaves
 * nothing behind); a table's arrays are copied out exactly (exact) once
 * the table is complete. */
static void *grow(resolver *r, void *p, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return p;
    size_t ncap = *cap ? *cap * 2 : 8;
    p = arena_side_grow(r->a, p, *cap * elem, ncap * elem);
    *cap = ncap;
    return p;
}

/* The n elements of side block p in an exactly sized block; p is freed. */
static void *exact(resolver *r, void *p, size_t n, size_t elem)
{
    void *q = n ? arena_alloc(r->a, n * elem) : NULL;
    if (n)
        memcpy(q, p, n * elem);
    arena_side_free(r->a, p);
    return q;
}

static span no_span(void)
{
    span s = { NULL, 0, 0 };
    return s;
}

static const char *intern(resolver *r, const char *s)
{
    return strtab_intern(r->names, s, strlen(s));
}

/* The key label s is matched by (label.h): `维修(护)费` is `维修（护）费`. */
static const char *key(resolver *r, const char *s)
{
    return label_key(r->names, s);
}

/* ---- one error per root cause ------------------------------------------- */

/* Whether the n bytes of name occur in text[0..len). */
static bool occurs(const char *text, size_t len, const char *name, size_t n)
{
    for (size_t i = 0; n && i + n <= len; i++)
        if (text[i] == name[0] && memcmp(text + i, name, n) == 0)
            return true;
    return false;
}

/* Whether the skipped text sk is a check: it defines nothing. */
static bool skipped_check(span sk)
{
    const char *p = sk.file->text + sk.begin, *end = sk.file->text + sk.end;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return end - p > 5 && memcmp(p, "check", 5) == 0 && (p[5] == ' ' || p[5] == '\t');
}

/* Whether name is written where the parser skipped a syntax error, in a
 * file read so far (ast_file.skipped), other than a check: that line
 * would have defined it, so naming it is not another error. */
static bool lost(resolver *r, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < r->nfiles; i++) {
        const ast_file *af = r->files[i]->ast;
        for (size_t j = 0; af && j < af->nskipped; j++) {
            span sk = af->skipped[j];
            if (!skipped_check(sk) && occurs(sk.file->text + sk.begin, sk.end - sk.begin, name, n))
                return true;
        }
    }
    return false;
}

/* Whether the text of item it (its head to its closing brace) holds
 * something the parser skipped, other than a check. */
static bool holds_skipped(resolver *r, const ast_item *it)
{
    uint32_t end = it->has_block ? it->end.end : it->at.end;
    for (size_t i = 0; i < r->nfiles; i++) {
        const ast_file *af = r->files[i]->ast;
        for (size_t j = 0; af && j < af->nskipped; j++)
            if (af->skipped[j].file == it->at.file && af->skipped[j].begin < end &&
                af->skipped[j].end > it->at.begin && !skipped_check(af->skipped[j]))
                return true;
    }
    return false;
}

enum { LOST_COLUMNS = 1, LOST_LINES = 2 };

/* What table item it lost to syntax errors: LOST_COLUMNS when one fell in
 * a columns block, LOST_LINES in a rows block (or a narrative's lines),
 * both when one fell between them (a block's own head did not parse). */
static unsigned table_losses(resolver *r, const ast_item *it)
{
    if (!holds_skipped(r, it))
        return 0;
    unsigned lost_in_kids = 0;
    bool elsewhere = true;
    for (size_t i = 0; i < it->nkids; i++) {
        const ast_item *k = it->kids[i];
        if (!holds_skipped(r, k))
            continue;
        lost_in_kids |= k->kind == ITEM_COLUMNS ? LOST_COLUMNS : LOST_LINES;
        elsewhere = false;
    }
    /* a skipped span outside every kid (or beside one that holds one) */
    for (size_t i = 0; i < r->nfiles && !elsewhere; i++) {
        const ast_file *af = r->files[i]->ast;
        for (size_t j = 0; af && j < af->nskipped && !elsewhere; j++) {
            span sk = af->skipped[j];
            if (sk.file != it->at.file || sk.begin >= it->end.end || sk.end <= it->at.begin || skipped_check(sk))
                continue;
            bool inside = false;
            for (size_t k = 0; k < it->nkids && !inside; k++) {
                const ast_item *kid = it->kids[k];
                uint32_t end = kid->has_block ? kid->end.end : kid->at.end;
                inside = sk.begin >= kid->at.begin && sk.begin < end;
            }
            elsewhere = !inside;
        }
    }
    return elsewhere ? LOST_COLUMNS | LOST_LINES : lost_in_kids;
}

/* Whether t lost columns (LOST_COLUMNS) or lines (LOST_LINES) to a syntax
 * error: a column it lacks (a reference may spell it otherwise than the
 * bad line did: `基本 支出`, `基本支出`), a count of values that does not
 * fit its columns, a code that does not extend the one of a parent that
 * is not there, is the syntax error's doing. */
static bool damaged(const resolver *r, const m_table *t, unsigned what)
{
    for (size_t i = 0; i < r->ndamaged; i++)
        if (r->damaged[i].t == t)
            return (r->damaged[i].what & what) != 0;
    return false;
}

/* ---- did you mean ------------------------------------------------------ */

/* Starts a search for names near want (suggest.h); none past
 * RESOLVE_MAX_SUGGEST searches. */
static void suggest_begin(resolver *r, suggest *s, const char *want)
{
    suggest_init(s, r->nsuggest < RESOLVE_MAX_SUGGEST ? want : "");
    r->nsuggest++;
}

/* Attaches to dg the fix that writes name (as source spells it) at `at`. */
static void fix_name(resolver *r, diag *dg, span at, const char *name)
{
    const char *text = spell_label(r->a, name);
    diag_fix(r->d, dg, at, text, arena_printf(r->a, _("change to %s"), text));
}

/* ---- files and imports ------------------------------------------------ */

/* dir of `from` joined with rel, unless rel is absolute. */
static const char *join_path(resolver *r, const char *from, const char *rel)
{
    if (rel[0] == '/')
        return rel;
    const char *slash = strrchr(from, '/');
    if (!slash)
        return rel;
    return arena_printf(r->a, "%.*s/%s", (int)(slash - from), from, rel);
}

/* The file a relative name from from_path means.  When it is not there
 * and an import root is set, the name is tried under the root with its
 * leading "./" and "../" dropped: git diff hands fisc a copy of the old
 * version in a temporary folder, where "../lib/x.fisc" leads nowhere. */
static const char *locate(resolver *r, const char *from_path, const char *rel)
{
    const char *path = join_path(r, from_path, rel);
    if (!r->import_root || rel[0] == '/' || access(path, R_OK) == 0)
        return path;
    const char *tail = rel;
    while (strncmp(tail, "./", 2) == 0 || strncmp(tail, "../", 3) == 0)
        tail += tail[1] == '/' ? 2 : 3;
    const char *alt = arena_printf(r->a, "%s/%s", r->import_root, tail);
    return access(alt, R_OK) == 0 ? alt : path;
}

/* The file an import names: as locate finds it, else in a library folder
 * (libpath.h: -I, FISC_PATH, the installed share/fisc/lib); *missing when
 * it is in none of them. */
static const char *locate_import(resolver *r, const char *from_path, const char *rel, bool *missing)
{
    const char *path = locate(r, from_path, rel);
    *missing = false;
    if (access(path, F_OK) == 0)
        return path;
    const char *lib = libpath_find(r->a, r->reach->libdirs, rel);
    *missing = !lib;
    return lib ? lib : path;
}

/* Why a library is nowhere: the folders it was looked for in. */
static const char *not_found(resolver *r, const char *from_path)
{
    const char *slash = strrchr(from_path, '/');
    const char *dir = slash ? arena_strndup(r->a, from_path, (size_t)(slash - from_path)) : ".";
    const char *dirs = "";
    for (const char *const *d = r->reach->libdirs; d && *d; d++)
        dirs = arena_printf(r->a, "%s%s%s", dirs, *dirs ? ", " : "", *d);
    if (!*dirs)
        return arena_printf(r->a, _("not beside this file (in %s), and no library folder is given (-I DIR or %s)"),
                            dir, LIBPATH_ENV);
    return arena_printf(r->a, _("not beside this file (in %s) nor in a library folder (%s)"), dir, dirs);
}

/* The identity of the file at path: device and inode, or 0, 0. */
static void identify(const char *path, uint64_t *dev, uint64_t *ino)
{
    struct stat st;
    *dev = *ino = 0;
    if (stat(path, &st) == 0) {
        *dev = (uint64_t)st.st_dev;
        *ino = (uint64_t)st.st_ino;
    }
}

/* The file already loaded that path names, or NULL: by device and inode
 * ("a.fisc", "./x/../a.fisc", a symlink and a hard link are one file),
 * else by the path as spelled (an editor's buffer not on disk). */
static loaded_file *find_file(resolver *r, const char *path)
{
    uint64_t dev, ino;
    identify(path, &dev, &ino);
    for (size_t i = 0; i < r->nfiles; i++) {
        const loaded_file *lf = r->files[i];
        if (ino ? lf->dev == dev && lf->ino == ino : strcmp(lf->path, path) == 0)
            return r->files[i];
    }
    return NULL;
}

/* Loads path, named at `from` by an import or previous (`what` says which)
 * or, when from has no file, given on the command line.  A file named by
 * another must be within reach; one already loaded is not read again; a
 * file that is not fisc source is reported without a byte of it (for the
 * main file its location only, and it compiles as an empty file). */
static loaded_file *load_parsed(resolver *r, const char *path, span from, const char *what, src_file *f,
                                const char *why);

/* The text of path (see load), or NULL with *why set. */
static src_file *read_text(resolver *r, const char *path, span from, const char **why)
{
    *why = NULL;
    /* "-" on the command line is standard input, shown as <stdin>; its
     * imports resolve from the current folder (join_path finds no '/'). */
    return !from.file && strcmp(path, "-") == 0 ? src_read_fd(r->a, "<stdin>", 0, 0, why)
         : r->o->read                           ? r->o->read(r->o->read_ctx, r->a, path, why)
                                                : src_load(r->a, path, why);
}

/* "cannot import 'x': why" or "cannot read last year's budget 'x': why"
 * (what: "import" or not), the file not fisc source when stranger. */
static void cannot(resolver *r, span from, const char *what, const char *path, const char *why, bool stranger)
{
    bool imp = strcmp(what, "import") == 0;
    if (imp && stranger)
        diag_add(r->d, DIAG_ERROR, from, "import", "cannot import '%s': not a fisc source file: %s", path, why);
    else if (imp)
        diag_add(r->d, DIAG_ERROR, from, "import", "cannot import '%s': %s", path, why);
    else if (stranger)
        diag_add(r->d, DIAG_ERROR, from, "import", "cannot read last year's budget '%s': not a fisc source file: %s",
                 path, why);
    else
        diag_add(r->d, DIAG_ERROR, from, "import", "cannot read last year's budget '%s': %s", path, why);
}

/* Whether path may be read when named at from (else reported). */
static bool within_reach(resolver *r, const char *path, span from, const char *what)
{
    const char *why;
    if (from.file && (why = load_outside(r->reach, r->a, path)) != NULL) {
        cannot(r, from, what, path, why, false);
        return false;
    }
    return true;
}

static loaded_file *load(resolver *r, const char *path, span from, const char *what)
{
    if (!within_reach(r, path, from, what))
        return NULL;
    loaded_file *lf = find_file(r, path);
    if (lf)
        return lf;
    const char *why;
    src_file *f = read_text(r, path, from, &why);
    return load_parsed(r, path, from, what, f, why);
}

/* load, given what load_read gave: parses f and registers the file. */
static loaded_file *load_parsed(resolver *r, const char *path, span from, const char *what, src_file *f,
                                const char *why)
{
    loaded_file *lf;
    uint32_t at = 0;
    ast_file *ast = !f ? NULL : from.file ? load_parse(r->a, r->names, r->d, f, &why, &at)
                                          : load_named(r->a, r->names, r->d, f);
    if (!ast || (why && from.file)) {
        if (from.file)
            cannot(r, from, what, path, why, ast != NULL);
        else
            diag_add(r->d, DIAG_ERROR, from, NULL, "cannot read '%s': %s", path, why);
        return NULL;
    }
    lf = arena_alloc(r->a, sizeof *lf);
    lf->path = path;
    lf->src = f;
    lf->ast = ast;
    lf->dev = f->dev;
    lf->ino = f->ino;
    if (!lf->ino)       /* read from memory: the file on disk it stands for */
        identify(path, &lf->dev, &lf->ino);
    r->files = grow(r, r->files, &r->capfiles, r->nfiles, sizeof *r->files);
    r->files[r->nfiles++] = lf;
    return lf;
}

static void resolve_classification(resolver *r, const ast_item *it);

static colset *find_colset(resolver *r, const char *id)
{
    const size_t *ix = pmap_get(&r->colset_ids, id, NULL);
    return ix ? r->colsets[*ix] : NULL;
}

/* columns NAME { ... } at the top level: a column set tables can use. */
static void define_colset(resolver *r, const ast_item *it)
{
    if (!it->id || !it->has_block) {
        diag_add(r->d, DIAG_ERROR, it->at, NULL,
                 "'columns' belongs in a table; at the top level, name it to define a column set: columns NAME { ... }");
        return;
    }
    bool found;
    size_t *slot = pmap_slot(r->a, &r->colset_ids, it->id, NULL, &found);
    if (found) {
        diag *dg = diag_add(r->d, DIAG_ERROR, it->id_at, "duplicate", "column set %s is defined twice", it->id);
        diag_note(r->d, dg, r->colsets[*slot]->item->id_at, "first defined here");
        return;
    }
    colset *cs = arena_alloc(r->a, sizeof *cs);
    /* a streamed item dies with its scratch arena; tables read the set later */
    cs->item = r->streaming && it->at.file == r->main_src ? ast_copy_item(r->a, it, NULL) : it;
    r->colsets = grow(r, r->colsets, &r->capcolsets, r->ncolsets, sizeof *r->colsets);
    *slot = r->ncolsets;
    r->colsets[r->ncolsets++] = cs;
}

static void do_import(resolver *r, const ast_item *imp, const char *from_path, int depth);

static void define_template(resolver *r, const ast_item *it);

/* The items a file shares with the files that import it: imports,
 * classifications, column sets and templates.  False for any other
 * item. */
static bool library_item(resolver *r, const ast_item *it, const char *path, int depth)
{
    switch (it->kind) {
    case ITEM_IMPORT:
        do_import(r, it, path, depth);
        return true;
    case ITEM_CLASSIFICATION:
        resolve_classification(r, it);
        return true;
    case ITEM_COLUMNS:
        define_colset(r, it);
        return true;
    case ITEM_TEMPLATE:
        define_template(r, it);
        return true;
    default:
        return false;
    }
}

/* Imports the classifications of the file an import item names. */
static void do_import(resolver *r, const ast_item *imp, const char *from_path, int depth)
{
    bool missing;
    const char *path = locate_import(r, from_path, imp->title, &missing);
    if (missing && !r->o->read && libpath_is_name(imp->title)) {
        diag_add(r->d, DIAG_ERROR, imp->title_at, "import", "cannot import '%s': %s", imp->title,
                 not_found(r, from_path));
        return;
    }
    loaded_file *lf = load(r, path, imp->title_at, "import");
    if (!lf)
        return;
    if (lf->active) {
        diag *dg = diag_add(r->d, DIAG_ERROR, imp->title_at, "import",
                            "import cycle: '%s' imports itself through this import", path);
        for (size_t i = 0; lf->ast && i < lf->ast->nitems; i++)
            if (lf->ast->items[i]->kind == ITEM_IMPORT)
                diag_note(r->d, dg, lf->ast->items[i]->title_at, "'%s' starts an import here", path);
        return;
    }
    if (lf->done)
        return;
    if (depth >= RESOLVE_MAX_IMPORT_DEPTH) {
        diag_add(r->d, DIAG_ERROR, imp->title_at, "limit",
                 "imports nested deeper than %d files (the import-depth limit)", RESOLVE_MAX_IMPORT_DEPTH);
        return;
    }
    lf->active = true;
    for (size_t i = 0; i < lf->ast->nitems; i++) {
        const ast_item *it = lf->ast->items[i];
        if (!library_item(r, it, path, depth + 1))
            diag_add(r->d, DIAG_ERROR, it->at, "import",
                     "an imported file holds classifications, column sets, templates and imports only; this %s is "
                     "not imported",
                     ast_item_kind_name(it->kind));
    }
    lf->active = false;
    lf->done = true;
}

/* ---- numbers and values ----------------------------------------------- */

static bool all_digits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

static const unit_info *money_unit(resolver *r, const m_table *t)
{
    if (t && t->unit)
        return t->unit;
    if (r->m->budget.unit)
        return r->m->budget.unit;
    return unit_lookup("元", strlen("元"));
}

/* The unit nearest the unknown one written (of kind `kind`, any when
 * KIND_NONE), or NULL. */
static const char *near_unit(resolver *r, const char *written, qty_kind kind)
{
    suggest sg;
    suggest_begin(r, &sg, written);
    for (unsigned i = 1; unit_at(i); i++)
        if (kind == KIND_NONE || unit_at(i)->kind == kind)
            suggest_offer(&sg, unit_at(i)->name);
    return suggest_best(&sg);
}

/* Parses a written number into *out.  Reports and returns false on error. */
static bool read_number(resolver *r, const ast_value *v, const unit_info *dflt, m_value *out)
{
    if (v->kind != VAL_NUMBER) {
        diag_add(r->d, DIAG_ERROR, v->at, NULL, "expected a number here");
        return false;
    }
    const unit_info *u = dflt;
    if (v->unit) {
        u = unit_lookup(v->unit, strlen(v->unit));
        if (!u) {
            const char *best = near_unit(r, v->unit, KIND_NONE);
            if (!best) {
                diag_add(r->d, DIAG_ERROR, ast_unit_span(v), "unit",
                         "unknown unit '%s' (money: 元 千元 万元 亿元; rate: %%; or a count such as 人 台 个)", v->unit);
            } else {
                diag *dg = diag_add(r->d, DIAG_ERROR, ast_unit_span(v), "unit", "unknown unit '%s'; did you mean '%s'?",
                                    v->unit, best);
                diag_fix(r->d, dg, ast_unit_span(v), best, arena_printf(r->a, _("change to %s"), best));
            }
            return false;
        }
    }
    char why[160];
    int places = 0;
    dec x;
    dec_status st = dec_parse(v->text, v->len, u->pow10, &x, &places, why, sizeof why);
    if (st != DEC_OK) {
        diag *dg = diag_add(r->d, DIAG_ERROR, v->at,
                            st == DEC_ERR_OVERFLOW || st == DEC_ERR_DIGITS ? "limit" : NULL, "%s", why);
        /* The limit is stated in 元; say what it is in the unit written. */
        if (st == DEC_ERR_OVERFLOW && u->kind == KIND_MONEY && u->pow10 > 0) {
            int64_t most = INT64_MAX / DEC_ONE;
            for (int i = 0; i < u->pow10; i++)
                most /= 10;
            diag_note(r->d, dg, v->at, "in %s the largest amount is %lld %s", u->name, (long long)most, u->name);
        }
        return false;
    }
    if (v->neg)
        x = -x;
    memset(out, 0, sizeof *out);
    out->present = out->declared = true;
    out->kind = u->kind;
    m_value_set_unit(out, u);
    out->v = x;
    out->places = places;
    m_value_set_at(out, v->at);
    out->plus = v->plus;
    return true;
}

/* A value in a cell of column c (NULL: a narrative's single column). */
static void read_cell(resolver *r, const m_table *t, const m_col *c, const ast_value *v, m_value *out)
{
    memset(out, 0, sizeof *out);
    switch (v->kind) {
    case VAL_DERIVED:
        return;
    case VAL_TEXT:
        if (c && !c->text) {
            diag_add(r->d, DIAG_ERROR, v->at, "type",
                     "text in the amount column '%s' (mark a text column with 'text')", c->header);
            return;
        }
        out->present = out->declared = true;
        out->kind = KIND_TEXT;
        out->str = v->text;
        m_value_set_at(out, v->at);
        return;
    case VAL_WORD:
        return;
    case VAL_BLANK:
        /* nothing printed: 0 in sums, of whatever kind it meets */
        out->present = out->declared = out->blank = true;
        out->kind = c && c->text ? KIND_TEXT : KIND_MONEY;
        m_value_set_unit(out, c && c->text ? NULL : t->prec ? t->prec[c ? c->index : 0].unit : money_unit(r, t));
        if (c && c->text)
            out->str = "";
        m_value_set_at(out, v->at);
        return;
    case VAL_NUMBER:
        if (c && c->text) {
            diag_add(r->d, DIAG_ERROR, v->at, "type", "a number in the text column '%s' (quote it as text)",
                     c->header);
            return;
        }
        /* a number without a unit is in its column's unit */
        read_number(r, v, t->prec ? t->prec[c ? c->index : 0].unit : money_unit(r, t), out);
        return;
    }
}

/* `rounding R` of a table, a narrative or a column: relative to the
 * scope's unit when R has none (0.01), else an amount (100 元). */
static void read_rounding(resolver *r, const ast_value *v, m_rounding *out)
{
    memset(out, 0, sizeof *out);
    if (v->kind != VAL_NUMBER || v->neg) {
        diag_add(r->d, DIAG_ERROR, v->at, NULL, "rounding unit must be a positive number");
        return;
    }
    const unit_info *u = v->unit ? unit_lookup(v->unit, strlen(v->unit)) : NULL;
    if (v->unit && (!u || u->kind != KIND_MONEY)) {
        diag_add(r->d, DIAG_ERROR, ast_unit_span(v), "unit",
                 "a rounding is an amount of money (元, 千元, 万元 or 亿元), not '%s'", v->unit);
        return;
    }
    char why[160];
    int places;
    dec x;
    if (dec_parse(v->text, v->len, u ? u->pow10 : 0, &x, &places, why, sizeof why) != DEC_OK) {
        diag_add(r->d, DIAG_ERROR, v->at, NULL, "%s", why);
        return;
    }
    if (x <= 0) {
        diag_add(r->d, DIAG_ERROR, v->at, NULL, "rounding unit must be positive");
        return;
    }
    out->amount = x;
    out->pow10 = u ? (signed char)u->pow10 : M_RELATIVE;
}

/* ---- the document's own metadata ---------------------------------------- */

/* The year written at s[i..) -- four ASCII digits 1900..2099, or four
 * Chinese numerals (二〇二一), then blanks and 年 -- as *year, its length
 * through 年 in *len; false when none starts there. */
static bool year_at(const char *s, size_t i, int *year, size_t *len)
{
    static const char *const digit[] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "○", "零" };
    const char *p = s + i;
    int y = 0;
    size_t k = 0;
    if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
        return false;
    for (int n = 0; n < 4; n++) {
        if (p[k] >= '0' && p[k] <= '9') {
            y = y * 10 + (p[k] - '0');
            k++;
            continue;
        }
        int d = -1;
        for (int j = 0; j < 12 && d < 0; j++)
            if (strncmp(p + k, digit[j], 3) == 0)
                d = j < 10 ? j : 0;
        if (d < 0)
            return false;
        y = y * 10 + d;
        k += 3;
    }
    if (p[k] >= '0' && p[k] <= '9')
        return false;               /* five digits: not a year */
    while (p[k] == ' ' || strncmp(p + k, "　", 3) == 0)
        k += p[k] == ' ' ? 1 : 3;
    if (strncmp(p + k, "年", 3) != 0 || y < 1900 || y > 2099)
        return false;
    *year = y;
    *len = k + 3;
    return true;
}

/* The span of text[off..off+len) where text is written at `at` (a name,
 * or a string in quotes): found in the source when it is there as
 * written, else the whole of `at`. */
static span text_span(span at, const char *text, size_t off, size_t len)
{
    const char *src = at.file ? at.file->text + at.begin : NULL;
    size_t n = at.end - at.begin;
    for (size_t i = 0; src && i + len <= n; i++)
        if (memcmp(src + i, text + off, len) == 0) {
            span s = { at.file, at.begin + (uint32_t)i, at.begin + (uint32_t)(i + len) };
            return s;
        }
    return at;
}

/* The years of `marks` (years 2019 ...), each four digits; 0 for one that
 * is not (reported). */
static int mark_year(resolver *r, const ast_value *v)
{
    if (v->len != 4 || v->neg || v->unit || strspn(v->text, "0123456789") < 4) {
        diag_add(r->d, DIAG_ERROR, v->at, "year", "'years' lists years of four digits");
        return 0;
    }
    return atoi(arena_strndup(r->a, v->text, 4));
}

/* Whether text (with its marks) has anything for check_years to look at:
 * every year written ends in 年, so a text without one names none (most
 * labels; asked first so that `what` is only made when needed). */
static bool year_text(const char *text, const ast_values *marks)
{
    return text && (marks->n || strstr(text, "年"));
}

/* A year written in text (`what`: "the title of t01"), at `at`, must be
 * the budget's year or the one before (the year it compares with), or be
 * marked on purpose (marks: years 2019 ...); a mark must name a year the
 * text has that needs it. */
static void check_years(resolver *r, const char *text, span at, const ast_values *marks, const char *what)
{
    int budget = r->m->budget.year;
    if (!budget || !text || !r->main_src || at.file != r->main_src)
        return;     /* a library, or a text the budget's file did not write */
    unsigned used = 0;          /* bit i: marks->v[i] named a year here */
    bool some = strstr(text, "年") != NULL;     /* see year_text */
    for (size_t i = 0; some && text[i]; i++) {
        int y;
        size_t len;
        if (!year_at(text, i, &y, &len))
            continue;
        bool marked = false;
        for (size_t m = 0; m < marks->n && m < 32; m++)
            if (mark_year(r, &marks->v[m]) == y) {
                marked = true;
                used |= 1u << m;
            }
        if (y != budget && y != budget - 1 && !marked)
            diag_add(r->d, DIAG_ERROR, text_span(at, text, i, len), "year",
                     "%s names %d, neither the budget's year (%d) nor the year it compares with (%d); "
                     "a year named on purpose is marked: years %d", what, y, budget, budget - 1, y);
        i += len - 1;
    }
    for (size_t m = 0; m < marks->n && m < 32; m++) {
        int y = mark_year(r, &marks->v[m]);
        if (!y)
            continue;
        if (!(used & (1u << m)))
            diag_add(r->d, DIAG_WARNING, marks->v[m].at, "year", "%s names no year %d: remove it from 'years'",
                     what, y);
        else if (y == budget)
            diag_add(r->d, DIAG_WARNING, marks->v[m].at, "year",
                     "%d is the budget's year: it needs no mark (remove it from 'years')", y);
        else if (y == budget - 1)
            diag_add(r->d, DIAG_WARNING, marks->v[m].at, "year",
                     "%d is the year the budget compares with: it needs no mark (remove it from 'years')", y);
    }
}

/* 'years' where nothing is year-checked (a classification entry, an
 * indicator). */
static void misplaced_years(resolver *r, const ast_item *k)
{
    if (k->years.n)
        diag_add(r->d, DIAG_ERROR, k->years.v[0].at, NULL,
                 "'years' marks a title, a note or a label of a table or narrative");
}

/* Where s holds a template's placeholder (上海市 XX 局, XXX万元): a run of
 * two or more X, x, ×, Ｘ or ｘ not inside an ASCII word (Exxon, xx-large);
 * its offset and byte length in *off, *len. */
static bool placeholder(const char *s, size_t *off, size_t *len)
{
    static const char *const ex[] = { "X", "x", "×", "Ｘ", "ｘ" };
    for (size_t i = 0; s[i];) {
        unsigned char c = (unsigned char)s[i];
        if (c != 'X' && c != 'x' && c != 0xC3 && c != 0xEF) {
            i++;            /* no X begins here (× is C3 97, Ｘ and ｘ EF ..) */
            continue;
        }
        size_t k = i, n = 0;
        for (bool more = true; more;) {
            more = false;
            for (size_t j = 0; j < 5; j++) {
                size_t l = strlen(ex[j]);
                if (strncmp(s + k, ex[j], l) == 0) {
                    k += l;
                    n++;
                    more = true;
                    break;
                }
            }
        }
        bool word = (i > 0 && (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '-' || s[i - 1] == '_')) ||
                    isalnum((unsigned char)s[k]) || s[k] == '-' || s[k] == '_';
        if (n >= 2 && !word) {
            *off = i;
            *len = k - i;
            return true;
        }
        i = k > i ? k : i + 1;
    }
    return false;
}

/* A template's placeholder left in a title, note or 部门 line is an error. */
static bool check_placeholder(resolver *r, const char *text, span at, const char *what)
{
    size_t off, len;
    if (!text || !r->main_src || at.file != r->main_src || !placeholder(text, &off, &len))
        return false;
    diag_add(r->d, DIAG_ERROR, text_span(at, text, off, len), "placeholder",
             "%s holds '%.*s', a template's placeholder left in", what, (int)len, text + off);
    return true;
}

/* A table's 部门 line (department "…") names the budget's department (in
 * a consolidated budget, any of its departments); a line printed
 * otherwise is acknowledged with known "…". */
static void check_department(resolver *r, const m_table *t, const ast_item *k)
{
    const ast_value *v = &k->args.v[0];
    const char *entity = r->m->budget.entity;
    bool bad = check_placeholder(r, v->text, v->at, arena_printf(r->a, _("the 部门 line of %s"), t->id));
    if (!bad && entity && !r->consolidated && !label_same(v->text, entity)) {
        bad = true;
        if (!k->known)
            diag_add(r->d, DIAG_ERROR, v->at, "department",
                     "the 部门 line of %s names '%s', not this budget's department '%s' (a line printed so is "
                     "acknowledged with known \"...\")", t->id, v->text, entity);
        else
            diag_add(r->d, DIAG_NOTE, v->at, "department", "the 部门 line of %s names '%s', not '%s' (known: %s)",
                     t->id, v->text, entity, k->known);
    }
    if (k->known && !bad)
        diag_add(r->d, DIAG_WARNING, k->known_at, "known",
                 "the 部门 line of %s names this budget's department: remove 'known'", t->id);
}

/* ---- the budget header ------------------------------------------------ */

static void resolve_budget(resolver *r, const ast_item *b)
{
    m_budget *bg = &r->m->budget;
    if (r->has_budget) {
        diag *dg = diag_add(r->d, DIAG_ERROR, b->at, NULL, "a second budget header");
        diag_note(r->d, dg, r->budget_at, "the first is here");
        return;
    }
    r->has_budget = true;
    r->budget_at = b->at;
    bg->entity = b->title;
    check_placeholder(r, b->title, b->title_at, "the budget's name");
    bg->at = b->at;
    bg->tolerance = TOL_DEFAULT;
    const ast_item *rounding = NULL;
    bool have_year = false;
    for (size_t i = 0; i < b->nkids; i++) {
        const ast_item *it = b->kids[i];
        if (it->kind != ITEM_ATTR) {
            diag_add(r->d, DIAG_ERROR, it->at, NULL, "a %s does not belong in the budget header",
                     ast_item_kind_name(it->kind));
            continue;
        }
        const ast_value *v = it->args.n ? &it->args.v[0] : NULL;   /* NULL: `empty` */
        switch (it->attr) {
        case ATTR_YEAR: {
            char buf[16];
            if (v->len > 4 || !memchr("0123456789", v->text[0], 10) || v->len < 4) {
                diag_add(r->d, DIAG_ERROR, v->at, NULL, "year must be four digits");
                break;
            }
            memcpy(buf, v->text, v->len);
            buf[v->len] = '\0';
            if (!all_digits(buf)) {
                diag_add(r->d, DIAG_ERROR, v->at, NULL, "year must be four digits");
                break;
            }
            bg->year = atoi(buf);
            have_year = true;
            break;
        }
        case ATTR_UNIT: {
            const unit_info *u = unit_lookup(v->text, v->len);
            const char *best = u ? NULL : near_unit(r, arena_strndup(r->a, v->text, v->len), KIND_MONEY);
            if (best) {
                diag *dg = diag_add(r->d, DIAG_ERROR, v->at, "unit", "unknown unit '%.*s'; did you mean '%s'?",
                                    (int)v->len, v->text, best);
                diag_fix(r->d, dg, v->at, best, arena_printf(r->a, _("change to %s"), best));
            } else if (!u || u->kind != KIND_MONEY)
                diag_add(r->d, DIAG_ERROR, v->at, "unit",
                         "the budget's unit must be money (元, 千元, 万元 or 亿元), not '%.*s'", (int)v->len,
                         v->text);
            else
                bg->unit = u;
            break;
        }
        case ATTR_ROUNDING:
            rounding = it;
            break;
        case ATTR_TOLERANCE:
            if (v->kind == VAL_WORD) {
                bg->tolerance = (v->len == 5 && memcmp(v->text, "exact", 5) == 0) ? TOL_EXACT : TOL_DEFAULT;
            } else {
                m_value x;
                if (read_number(r, v, money_unit(r, NULL), &x)) {
                    bg->tolerance = TOL_WITHIN;
                    bg->fixed_tolerance = x.v;
                }
            }
            break;
        case ATTR_PREVIOUS:
            bg->previous = v->text;
            bg->previous_at = v->at;
            break;
        case ATTR_TEMPLATE:
            r->tpl_name = strtab_intern(r->names, v->text, v->len);
            r->tpl_at = it->at;
            break;
        case ATTR_CONSOLIDATED:
            r->consolidated = true;
            break;
        case ATTR_FINAL:
            bg->final = true;
            break;
        default:
            diag_add(r->d, DIAG_ERROR, it->at, NULL, "'%s' belongs in a table, not the budget header",
                     ast_attr_name(it->attr));
        }
    }
    if (!have_year && !r->syntax_errors)
        diag_add(r->d, DIAG_ERROR, b->at, NULL, "the budget header has no year (add: year 2022)");
    if (rounding) {
        m_value x;
        if (read_number(r, &rounding->args.v[0], money_unit(r, NULL), &x)) {
            if (x.v <= 0)
                diag_add(r->d, DIAG_ERROR, rounding->args.v[0].at, NULL, "rounding unit must be positive");
            else
                bg->rounding = x.v;
        }
    } else {
        bg->rounding = 0;
        dec_shift(DEC_ONE, money_unit(r, NULL)->pow10, &bg->rounding);
    }
}

/* ---- classifications -------------------------------------------------- */

static classification *find_classification(resolver *r, const char *id)
{
    for (size_t i = 0; i < r->ncls; i++)
        if (r->cls[i]->id == id)
            return r->cls[i];
    return NULL;
}

/* known "..." where no identity is claimed (a classification entry, a
 * column, an indicator). */
static void misplaced_known(resolver *r, const ast_item *k)
{
    if (k->known)
        diag_add(r->d, DIAG_ERROR, k->known_at, NULL,
                 "'known' acknowledges a published discrepancy: it ends a check or a line of a table or narrative");
}

/* `chart` marks a line of rows or of a narrative (docs/publish.md): it
 * means nothing on a column, a classification entry or an indicator. */
static void no_chart(resolver *r, const ast_item *k, const char *what)
{
    if (k->kind == ITEM_LINE && k->chart)   /* a line's field: any other item shares its storage */
        diag_add(r->d, DIAG_ERROR, k->at, NULL,
                 "'chart' marks a line of a table's rows or of a narrative, not %s", what);
}

static void class_entries(resolver *r, classification *c, const ast_item *it, cl_entry *parent);

/* Entry k of a classification's definition, under parent (NULL: the top),
 * and its children. */
static void class_add(resolver *r, classification *c, const ast_item *k, cl_entry *parent)
{
    if (k->kind != ITEM_LINE) {
        diag_add(r->d, DIAG_ERROR, k->at, NULL, "a classification holds codes and names only, not a %s",
                 ast_item_kind_name(k->kind));
        return;
    }
    if (!k->code || !k->label) {
        diag_add(r->d, DIAG_ERROR, k->at, NULL, "a classification entry needs a code and a name");
        return;
    }
    if (k->values.n || k->ncmp)
        diag_add(r->d, DIAG_ERROR, k->values.n ? k->values.v[0].at : k->at, NULL,
                 "a classification entry has no values (amounts belong in a table)");
    misplaced_known(r, k);
    misplaced_years(r, k);
    no_chart(r, k, _("a classification entry"));
    if (!all_digits(k->code)) {
        diag_add(r->d, DIAG_ERROR, k->code_at, NULL, "code '%s' must be digits only", k->code);
        return;
    }
    if (parent && (strncmp(k->code, parent->code, strlen(parent->code)) != 0 ||
                   strlen(k->code) <= strlen(parent->code))) {
        diag *dg = diag_add(r->d, DIAG_ERROR, k->code_at, "code",
                            "code %s does not extend its parent's code %s", k->code, parent->code);
        diag_note(r->d, dg, parent->at, "parent %s %s is here", parent->code, parent->label);
    }
    bool found;
    size_t *slot = pmap_slot(r->a, &c->by_code, k->code, NULL, &found);
    if (found) {
        diag *dg = diag_add(r->d, DIAG_ERROR, k->code_at, "duplicate", "duplicate code %s in classification %s",
                            k->code, c->id);
        diag_note(r->d, dg, c->entries[*slot]->at, "first defined here");
        return;
    }
    cl_entry *e = arena_alloc(r->a, sizeof *e);
    e->code = k->code;
    e->label = k->label;
    e->at = k->code_at;
    e->parent = parent;
    c->entries = grow(r, c->entries, &c->cap, c->n, sizeof *c->entries);
    *slot = c->n;
    c->entries[c->n++] = e;
    class_entries(r, c, k, e);
}

static void class_entries(resolver *r, classification *c, const ast_item *it, cl_entry *parent)
{
    for (size_t i = 0; i < it->nkids; i++)
        class_add(r, c, it->kids[i], parent);
}

/* The entry of c with code, or NULL. */
static cl_entry *class_entry(const classification *c, const char *code)
{
    const size_t *ix = pmap_get(&c->by_code, code, NULL);
    return ix ? c->entries[*ix] : NULL;
}

/* The entry of c a code that is not in it would belong under: the one
 * with its longest proper prefix, or NULL. */
static cl_entry *class_parent_of(resolver *r, const classification *c, const char *code)
{
    for (size_t n = strlen(code); --n > 0;) {
        cl_entry *e = class_entry(c, strtab_intern(r->names, code, n));   /* maps are keyed by interned names */
        if (e)
            return e;
    }
    return NULL;
}

/* The entries of an `extend` block under parent (NULL: the top): an
 * entry already in c is written with its code (its name, when written,
 * must be its name) under the same parent, and its block extends it; any
 * other entry is added as class_entries adds it. */
static void class_extend(resolver *r, classification *c, const ast_item *it, cl_entry *parent)
{
    for (size_t i = 0; i < it->nkids; i++) {
        const ast_item *k = it->kids[i];
        cl_entry *e = k->kind == ITEM_LINE && k->code ? class_entry(c, k->code) : NULL;
        if (!e) {
            if (k->kind == ITEM_LINE && k->code && all_digits(k->code) && k->label && !parent) {
                const cl_entry *up = class_parent_of(r, c, k->code);
                if (up) {
                    diag *dg = diag_add(r->d, DIAG_ERROR, k->code_at, "code",
                                        "code %s belongs under %s %s in %s: write it inside that entry",
                                        k->code, up->code, up->label, c->id);
                    diag_note(r->d, dg, up->at, "%s %s is here", up->code, up->label);
                    continue;
                }
            }
            class_add(r, c, k, parent);     /* new: as a definition's entry */
            continue;
        }
        misplaced_known(r, k);
        misplaced_years(r, k);
        no_chart(r, k, _("a classification entry"));
        if (k->values.n || k->ncmp)
            diag_add(r->d, DIAG_ERROR, k->values.n ? k->values.v[0].at : k->at, NULL,
                     "a classification entry has no values (amounts belong in a table)");
        if (k->label && key(r, k->label) != key(r, e->label)) {
            diag *dg = diag_add(r->d, DIAG_ERROR, k->label_at, "label", "'%s' is not the name of %s in %s", k->label,
                                e->code, c->id);
            diag_note(r->d, dg, e->at, "%s is named '%s' here", e->code, e->label);
        }
        if (e->parent != parent) {
            diag *dg = e->parent ? diag_add(r->d, DIAG_ERROR, k->code_at, "code", "%s is under %s %s in %s, not here",
                                            e->code, e->parent->code, e->parent->label, c->id)
                                 : diag_add(r->d, DIAG_ERROR, k->code_at, "code", "%s is a top-level entry of %s, not here",
                                            e->code, c->id);
            diag_note(r->d, dg, e->at, "%s %s is here", e->code, e->label);
            continue;
        }
        class_extend(r, c, k, e);
    }
}

static void resolve_classification(resolver *r, const ast_item *it)
{
    classification *prev = find_classification(r, it->id);
    if (it->extends) {
        if (!prev)
            diag_add(r->d, DIAG_ERROR, it->id_at, "undefined",
                     "no classification named '%s' to extend (import the file that defines it first)", it->id);
        else
            class_extend(r, prev, it, NULL);
        return;
    }
    if (prev) {
        diag *dg = diag_add(r->d, DIAG_ERROR, it->id_at, "duplicate", "classification %s is defined twice", it->id);
        diag_note(r->d, dg, prev->at, "first defined here");
        return;
    }
    classification *c = arena_alloc(r->a, sizeof *c);
    c->id = it->id;
    c->at = it->id_at;
    r->cls = grow(r, r->cls, &r->capcls, r->ncls, sizeof *r->cls);
    r->cls[r->ncls++] = c;
    class_entries(r, c, it, NULL);
}

/* "2022年预算数" written bare lexes as the code 2022 and the label
 * 年预算数: the fix quotes the code and a bare label back into one label. */
static void fix_quote_label(resolver *r, diag *dg, const ast_item *k)
{
    if (k->label && k->label_quoted)
        return;
    span at = { k->code_at.file, k->code_at.begin, k->label ? k->label_at.end : k->code_at.end };
    const char *text = arena_printf(r->a, "\"%.*s\"", (int)(at.end - at.begin), at.file->text + at.begin);
    diag_fix(r->d, dg, at, text, arena_printf(r->a, _("quote the label: %s"), text));
}

/* ---- columns ---------------------------------------------------------- */

typedef struct colvec {
    m_col **v;
    size_t n, cap;
    bool shared;             /* v is a column set's: copy before adding */
} colvec;

static void add_col(resolver *r, colvec *cv, m_col *c)
{
    if (cv->shared) {
        /* Never grow a shared array: copy it first. */
        m_col **v = arena_side_alloc(r->a, (2 * cv->n + 8) * sizeof *v);
        memcpy(v, cv->v, cv->n * sizeof *v);
        cv->v = v;
        cv->cap = 2 * cv->n + 8;
        cv->shared = false;
    }
    cv->v = grow(r, cv->v, &cv->cap, cv->n, sizeof *cv->v);
    c->index = cv->n;
    cv->v[cv->n++] = c;
}

/* prefix/label, interned (joined in a scratch buffer: only the result is
 * kept). */
static const char *join(resolver *r, const char *prefix, const char *label)
{
    if (!prefix || !*prefix)
        return label;
    size_t np = strlen(prefix), nl = strlen(label);
    if (np + nl + 1 > r->sbcap) {
        r->sbcap = 2 * (np + nl + 1);
        r->sb = arena_alloc(r->a, r->sbcap);
    }
    memcpy(r->sb, prefix, np);
    r->sb[np] = '/';
    memcpy(r->sb + np + 1, label, nl);
    return strtab_intern(r->names, r->sb, np + nl + 1);
}

/* Builds the column nodes under parent from a columns block; its errors
 * are reported when `report` (once per column set). */
static void build_cols(resolver *r, colvec *cv, const ast_item *blk, m_col *parent, const char *prefix,
                       const char *path, bool report)
{
    if (parent && blk->nkids)   /* sized once: grown one by one it was quadratic */
        parent->kids = arena_alloc(r->a, blk->nkids * sizeof *parent->kids);
    for (size_t i = 0; i < blk->nkids; i++) {
        const ast_item *k = blk->kids[i];
        if (k->kind != ITEM_LINE) {
            if (report)
                diag_add(r->d, DIAG_ERROR, k->at, NULL, "a columns block holds column names only, not a %s",
                         ast_item_kind_name(k->kind));
            continue;
        }
        if (k->code) {
            if (report) {
                diag *dg = diag_add(r->d, DIAG_ERROR, k->code_at, NULL,
                                    "a column has no code; quote a label that starts with a digit (\"%s%s\")",
                                    k->code, k->label ? k->label : "");
                fix_quote_label(r, dg, k);
            }
            continue;
        }
        if (k->values.n || k->ncmp || k->total) {
            if (report)
                diag_add(r->d, DIAG_ERROR, k->at, NULL,
                         "a column is a name and modifiers only; values belong to the lines in rows");
            continue;
        }
        if (report)
            misplaced_known(r, k);
        if (parent && report) {
            bool found;
            size_t *slot = pmap_slot(r->a, &r->col_names, parent, key(r, k->label), &found);
            if (found) {
                diag *dg = diag_add(r->d, DIAG_ERROR, k->label_at, "duplicate", "duplicate column '%s'", k->label);
                diag_note(r->d, dg, parent->kids[*slot]->at, "first defined here");
            } else {
                *slot = parent->nkids;
            }
        }
        if (report) {
            no_chart(r, k, _("a column"));
            if (year_text(k->label, &k->years))
                check_years(r, k->label, k->label_at, &k->years, arena_printf(r->a, _("the column '%s'"), k->label));
            if (k->subtotal && year_text(k->subtotal, &k->years))
                check_years(r, k->subtotal, k->subtotal_at, &k->years,
                            arena_printf(r->a, _("the column '%s/%s'"), k->label, k->subtotal));
        }
        m_col *c = arena_alloc(r->a, sizeof *c);
        c->label = k->label;
        c->at = k->label_at;
        c->parent = parent;
        c->heading = k->heading;
        c->ofwhich = k->ofwhich;
        c->text = k->text_col;
        c->subtotal = k->subtotal;
        c->printed = !k->heading;
        if (k->scope && k->scope->unit) {
            const unit_info *u = unit_lookup(k->scope->unit, strlen(k->scope->unit));
            if (u && u->kind == KIND_MONEY)
                c->unit = u;
            else if (report)
                diag_add(r->d, DIAG_ERROR, k->scope->unit_at, "unit",
                         "a column's unit must be money (元, 千元, 万元 or 亿元), not '%s'", k->scope->unit);
        }
        if (k->scope && k->scope->rounding.text)
            read_rounding(r, &k->scope->rounding, &c->rounding);
        c->path = join(r, path, k->label);
        if (k->heading && k->nkids == 0 && report)
            diag_add(r->d, DIAG_ERROR, k->label_at, NULL, "heading '%s' has no columns under it", k->label);
        if (k->subtotal)
            c->header = join(r, join(r, prefix, k->label), k->subtotal);
        else
            c->header = join(r, prefix, k->label);
        add_col(r, cv, c);
        if (parent)
            parent->kids[parent->nkids++] = c;
        const char *kid_prefix = (k->heading || k->subtotal) ? join(r, prefix, k->label) : prefix;
        build_cols(r, cv, k, c, kid_prefix, c->path, report);
    }
}

/* The keys of p's segments into keys[] (p->n <= PARSE_MAX_PATH). */
static void path_keys(resolver *r, const ast_path *p, const char **keys)
{
    for (size_t i = 0; i < p->n; i++)
        keys[i] = key(r, p->seg[i]);
}

/* The column a path names (suffix match on labels, by their keys). */
static m_col *find_col(resolver *r, const m_table *t, const ast_path *p, bool report)
{
    const char *seg[PARSE_MAX_PATH];
    path_keys(r, p, seg);
    m_col *hit = NULL;
    size_t nhits = 0;
    for (size_t i = 0; i < t->ncols; i++) {
        m_col *c = t->cols[i];
        size_t k = p->n;
        const m_col *x = c;
        if (key(r, x->label) != seg[k - 1] &&
            !(x->subtotal && key(r, x->subtotal) == seg[k - 1] && k >= 2 && key(r, x->label) == seg[k - 2] &&
              (k -= 1)))
            continue;
        k--;
        for (x = x->parent; x && k > 0; x = x->parent)
            if (key(r, x->label) == seg[k - 1])
                k--;
        if (k > 0)
            continue;
        if (!hit)
            hit = c;
        nhits++;
    }
    if (nhits == 1)
        return hit;
    if (report) {
        if (nhits == 0) {
            const char *want = p->seg[p->n - 1];
            if (damaged(r, t, LOST_COLUMNS) || lost(r, want))
                return NULL;
            suggest sg;
            suggest_begin(r, &sg, want);
            for (size_t i = 0; i < t->ncols; i++)
                suggest_offer(&sg, t->cols[i]->label);
            const char *best = suggest_best(&sg);
            if (!best) {
                diag_add(r->d, DIAG_ERROR, p->at, "undefined", "no column '%s' in %s", want, t->id);
            } else {
                diag *dg = diag_add(r->d, DIAG_ERROR, p->at, "undefined",
                                    "no column '%s' in %s; did you mean '%s'?", want, t->id, best);
                fix_name(r, dg, p->seg_at[p->n - 1], best);
            }
        } else {
            diag *dg = diag_add(r->d, DIAG_ERROR, p->at, "ambiguous",
                                "column '%s' is ambiguous in %s; write its path with '/'", p->seg[p->n - 1], t->id);
            for (size_t i = 0; i < t->ncols; i++)
                if (key(r, t->cols[i]->label) == seg[p->n - 1])
                    diag_note(r->d, dg, t->cols[i]->at, "'%s' is here", t->cols[i]->path);
        }
    }
    return NULL;
}

/* ---- rows ------------------------------------------------------------- */

typedef struct rowvec {
    m_row **v;
    size_t n, cap;
} rowvec;

typedef struct table_ctx {
    m_table *t;
    colvec cols;
    rowvec rows;
    rowvec printed;
    m_block *blocks;
    size_t nblocks, capblocks;
    m_indicator *inds;
    size_t ninds, capinds;
    const ast_item **items;  /* the line each row was made from (rows.v's order) */
    size_t capitems;
    pmap codes;              /* code -> row (per table) */
    pmap siblings;           /* (parent row or block, label) -> row */
    bool cols_failed;        /* a columns item was in error (already said) */
    size_t *all_cols;        /* the value columns of a block without 'for' */
    size_t nall_cols;
    /* a narrative's text: its paragraphs, and the runs of the one open */
    m_para *paras;
    size_t nparas, capparas;
    m_run *runs;
    size_t nruns, capruns;
    m_para para;             /* the one open: where, a table? */
} table_ctx;

/* The lines of one table by label and by code, for references: an
 * open-addressing table of keys (interned pointers: codes, and labels'
 * keys, label.h), each slot the first entry with its key, entries chained
 * by next.  Entry 2i is line i's label,
 * 2i + 1 its code (lines are t->rows, then the table's indicators, which
 * references may name like lines).  Chains run newest first.  Exactly
 * sized, made on the first lookup in the table, remade when lines are
 * added after it. */
typedef struct row_index {
    m_row **extra;           /* indicator lines (not in t->rows) */
    size_t nextra, capextra;
    uint32_t *slot;          /* first entry + 1, 0: empty (NULL: not made) */
    uint32_t cap;
    uint32_t *next;          /* per entry: the next with its key, or UINT32_MAX */
} row_index;

static row_index *row_index_of(resolver *r, const m_table *t)
{
    bool found;
    size_t *slot = pmap_slot(r->a, &r->row_indexes, t, NULL, &found);
    if (!found) {
        if (r->nrix == r->caprix) {
            size_t cap = r->caprix ? r->caprix * 2 : 64;
            r->rix = arena_side_grow(r->a, r->rix, r->caprix * sizeof *r->rix, cap * sizeof *r->rix);
            r->caprix = cap;
        }
        *slot = r->nrix++;
    }
    return &r->rix[*slot];
}

static m_row *entry_row(const m_table *t, const row_index *x, uint32_t e)
{
    size_t i = e / 2;
    return i < t->nrows ? t->rows[i] : x->extra[i - t->nrows];
}

/* Entry e's key: its line's code, or its label's key (label.h). */
static const char *entry_key(resolver *r, const m_table *t, const row_index *x, uint32_t e)
{
    const m_row *row = entry_row(t, x, e);
    return e & 1 ? row->code : key(r, row->label);
}

static size_t hash_ptr(const void *p)
{
    uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15u;
    return (size_t)(h ^ (h >> 32));
}

/* The slot of key in x (where it is, or where it goes). */
static uint32_t key_slot(resolver *r, const m_table *t, const row_index *x, const char *k)
{
    uint32_t j = (uint32_t)hash_ptr(k) & (x->cap - 1);
    while (x->slot[j] && entry_key(r, t, x, x->slot[j] - 1) != k)
        j = (j + 1) & (x->cap - 1);
    return j;
}

static void row_index_make(resolver *r, const m_table *t, row_index *x)
{
    size_t n = t->nrows + x->nextra;
    uint32_t cap = 16;
    while (cap < 4 * n)
        cap *= 2;
    x->cap = cap;
    x->slot = arena_side_alloc(r->a, cap * sizeof *x->slot);
    x->next = arena_side_alloc(r->a, (2 * n + 1) * sizeof *x->next);
    for (uint32_t e = 0; e < 2 * n; e++) {
        const m_row *row = entry_row(t, x, e);
        const char *k = entry_key(r, t, x, e);
        if (!k || ((e & 1) && row->code == row->label))
            continue;       /* no code, or the code is the label */
        uint32_t j = key_slot(r, t, x, k);
        x->next[e] = x->slot[j] ? x->slot[j] - 1 : UINT32_MAX;
        x->slot[j] = e + 1;
    }
}

/* A line of t that references may name but t->rows does not hold. */
static void add_extra_row(resolver *r, const m_table *t, m_row *row)
{
    row_index *x = row_index_of(r, t);
    if (x->slot) {          /* made already: made again when next needed */
        arena_side_free(r->a, x->slot);
        arena_side_free(r->a, x->next);
        x->slot = x->next = NULL;
    }
    if (x->nextra == x->capextra) {
        size_t cap = x->capextra ? x->capextra * 2 : 8;
        x->extra = arena_side_grow(r->a, x->extra, x->capextra * sizeof *x->extra, cap * sizeof *x->extra);
        x->capextra = cap;
    }
    x->extra[x->nextra++] = row;
}

/* The newest entry of t with key, or UINT32_MAX; *x the index. */
static uint32_t row_chain(resolver *r, const m_table *t, const char *k, const row_index **xp)
{
    row_index *x = row_index_of(r, t);
    if (!x->slot)
        row_index_make(r, t, x);
    *xp = x;
    uint32_t j = key_slot(r, t, x, k);
    return x->slot[j] ? x->slot[j] - 1 : UINT32_MAX;
}

static void print_order(table_ctx *tc, resolver *r, m_row *row)
{
    if (!row->total) {
        tc->printed.v = grow(r, tc->printed.v, &tc->printed.cap, tc->printed.n, sizeof *tc->printed.v);
        tc->printed.v[tc->printed.n++] = row;
    }
    for (size_t i = 0; i < row->nkids; i++)
        print_order(tc, r, row->kids[i]);
    if (row->total) {
        tc->printed.v = grow(r, tc->printed.v, &tc->printed.cap, tc->printed.n, sizeof *tc->printed.v);
        tc->printed.v[tc->printed.n++] = row;
    }
}

/* Reads a list of values (=, was or change) into per-column cells; the
 * rates written after changes, "(-4%)", go to *rates when asked for. */
static m_value *read_list(resolver *r, table_ctx *tc, const m_block *b, const ast_values *vals,
                          const char *what, span at, m_value **rates)
{
    m_table *t = tc->t;
    if (vals->n == 0)
        return NULL;
    if (vals->n != b->ncols && damaged(r, t, LOST_COLUMNS))
        return NULL;
    if (vals->n != b->ncols) {
        const char *counted = strcmp(what, "values") == 0
                                  ? arena_printf(r->a, ngettext("%zu value", "%zu values", vals->n), vals->n)
                              : strcmp(what, "changes") == 0
                                  ? arena_printf(r->a, ngettext("%zu change", "%zu changes", vals->n), vals->n)
                                  : arena_printf(r->a, ngettext("%zu previous-year value", "%zu previous-year values",
                                                                vals->n), vals->n);
        /* TRANSLATORS: %s is one of the counted phrases above ("2 values") */
        diag *dg = diag_add(r->d, DIAG_ERROR, vals->n > b->ncols ? vals->v[b->ncols].at : at, "values",
                            ngettext("%s for %zu column", "%s for %zu columns", b->ncols), counted, b->ncols);
        if (!t->narrative) {
            char *names = "";
            for (size_t i = 0; i < b->ncols && i < 12; i++)
                names = arena_printf(r->a, "%s%s%s", names, i ? ", " : "", t->cols[b->cols[i]]->header);
            diag_note(r->d, dg, b->at.file ? b->at : t->at, "the columns here are: %s%s", names,
                      b->ncols > 12 ? ", ..." : "");
        }
        /* "7 440": a space is not a thousands separator */
        for (size_t i = 1; vals->n > b->ncols && i < vals->n; i++) {
            const ast_value *x = &vals->v[i - 1], *y = &vals->v[i];
            if (x->kind != VAL_NUMBER || y->kind != VAL_NUMBER || x->unit || y->neg || y->plus || y->len != 3 ||
                memchr(x->text, '.', x->len) || y->at.begin != x->at.end + 1 ||
                strspn(y->text, "0123456789") < 3)
                continue;
            diag_note(r->d, dg, y->at, "'%.*s %.*s' is two values; write %.*s,%.*s (thousands are separated by ',')",
                      (int)x->len, x->text, (int)y->len, y->text, (int)x->len, x->text, (int)y->len, y->text);
            break;
        }
        /* "- 36": a blank cell and 36, not -36 */
        for (size_t i = 1; vals->n > b->ncols && i < vals->n; i++) {
            const ast_value *x = &vals->v[i - 1], *y = &vals->v[i];
            if (x->kind != VAL_BLANK || y->kind != VAL_NUMBER || y->neg || y->plus)
                continue;
            diag_note(r->d, dg, x->at, "'-' alone is a blank cell; a negative number is written with its sign "
                      "against it: -%.*s", (int)y->len, y->text);
            break;
        }
        return NULL;
    }
    m_value *cells = arena_alloc(r->a, t->ncols * sizeof *cells);
    for (size_t i = 0; i < vals->n; i++) {
        const m_col *c = t->narrative ? NULL : t->cols[b->cols[i]];
        read_cell(r, t, c, &vals->v[i], &cells[b->cols[i]]);
        if (rates && vals->v[i].rate) {
            if (!*rates)
                *rates = arena_alloc(r->a, t->ncols * sizeof **rates);
            read_number(r, vals->v[i].rate, unit_lookup("%", 1), &(*rates)[b->cols[i]]);
        }
    }
    return cells;
}

static m_row *find_row(resolver *r, const m_table *t, const ast_path *p, const ast_path *col);
static m_row_extra *row_extra(resolver *r, m_row *row);

/* What a compare of line k says, for messages: `was final`, `budget`. */
static const char *compare_words(const ast_compare *c)
{
    static const char *const kw[][3] = {
        [CMP_BUDGET] = { "budget", "budget", "budget" },
        [CMP_WAS] = { "was", "was budget", "was final" },
        [CMP_CHANGE] = { "change", "change budget", "change final" },
    };
    return kw[c->what][c->basis < 3 ? c->basis : 0];
}

/* Line k's was, change and budget lists into row's figures by basis
 * (m_row_extra): each basis stated once; `budget` only in final
 * accounts; a change's `since YEAR` the year the budget compares with. */
static void read_compares(resolver *r, table_ctx *tc, const m_block *b, const ast_item *k, m_row *row)
{
    const m_budget *bg = &r->m->budget;
    const ast_compare *seen[2][M_NBASES] = { { NULL } };
    for (size_t i = 0; i < k->ncmp; i++) {
        const ast_compare *c = &k->cmp[i];
        m_basis bs = c->what == CMP_BUDGET ? M_BASIS_BUDGET : m_basis_of(bg->final, c->basis);
        bool chg = c->what == CMP_CHANGE;
        if (c->what == CMP_BUDGET && !bg->final) {
            diag_add(r->d, DIAG_ERROR, c->at, "basis",
                     "'budget' states this year's budget beside a final figure: only final accounts "
                     "('final' in the budget header) have one");
            continue;
        }
        if (seen[chg][bs]) {
            diag *dg = diag_add(r->d, DIAG_ERROR, c->at, "duplicate", "'%s' states the same basis as '%s'",
                                compare_words(c), compare_words(seen[chg][bs]));
            diag_note(r->d, dg, seen[chg][bs]->at, "first stated here");
            continue;
        }
        seen[chg][bs] = c;
        if (c->since.text) {
            int y = c->since.len <= 4 ? atoi(c->since.text) : 0;
            if (bg->year && y != bg->year - 1)
                diag_add(r->d, DIAG_ERROR, c->since.at, "year",
                         "'since %.*s': this budget is for %d and compares with %d", (int)c->since.len,
                         c->since.text, bg->year, bg->year - 1);
        }
        m_value *rate = NULL;
        m_value *v = read_list(r, tc, b, &c->values, chg ? "changes" : "previous-year values", c->at,
                               chg || c->what == CMP_BUDGET ? &rate : NULL);
        if (!v && !rate)
            continue;
        m_row_extra *x = row_extra(r, row);
        if (chg)
            x->change[bs] = v;
        else
            x->was[bs] = v;
        if (rate)
            x->rate[bs] = rate;
    }
}

/* row's extra fields (m_row_extra), made on first use. */
static m_row_extra *row_extra(resolver *r, m_row *row)
{
    if (!row->x)
        row->x = arena_alloc(r->a, sizeof *row->x);
    return row->x;
}

/* Whether label names entry e as a document prints it: the entry's name,
 * that name after an ordinal (`一、一般公共服务支出`, `（一）…`: a
 * numbered list), or the names of its levels down to it, each followed by
 * its level (`一般公共服务支出（类）财政事务（款）行政运行（项）`,
 * `行政运行（项）`), all compared as labels are. */
static bool names_entry(const cl_entry *e, const char *label)
{
    label = label_unnumbered(label);
    if (label_same(label, e->label))
        return true;
    static const char *const levels[] = { "（类）", "（款）", "（项）" };
    const cl_entry *chain[3];
    size_t depth = 0;
    for (const cl_entry *a = e; a; a = a->parent) {
        if (depth == 3)
            return false;
        chain[depth++] = a;
    }
    /* chain[depth - 1] is the 类, chain[0] the entry: try every tail */
    char buf[1024];
    for (size_t from = depth; from > 0; from--) {
        size_t len = 0;
        for (size_t i = from; i > 0; i--) {
            int n = snprintf(buf + len, sizeof buf - len, "%s%s", chain[i - 1]->label, levels[depth - i]);
            if (n < 0 || (size_t)n >= sizeof buf - len)
                return false;
            len += (size_t)n;
        }
        if (label_same(label, buf))
            return true;
    }
    return false;
}

/* The entry of classification cl that line k (of a table or narrative
 * bound to cl) names by its code, whose digits are checked already; the
 * line's label, when written, must be the entry's name -- this year's
 * name for that code, compared as labels are (label.h).  Reports what is
 * wrong (a code not in cl, with the entry of that name or a near code;
 * another name) and returns NULL for a code not in cl.  The one check of
 * a line against its classification, for rows blocks and narratives. */
static const cl_entry *class_line(resolver *r, const classification *cl, const ast_item *k)
{
    const size_t *ix = pmap_get(&cl->by_code, k->code, NULL);
    if (!ix && lost(r, k->code))
        return NULL;
    if (!ix) {
        /* the entry of that name, else a code one digit away */
        const cl_entry *same = NULL;
        suggest sg;
        suggest_begin(r, &sg, k->code);
        for (size_t i = 0; i < cl->n && !same; i++) {
            if (k->label && key(r, cl->entries[i]->label) == key(r, k->label))
                same = cl->entries[i];
            suggest_offer(&sg, cl->entries[i]->code);
        }
        const char *best = same ? same->code : suggest_best(&sg);
        diag *dg;
        if (!best) {
            dg = diag_add(r->d, DIAG_ERROR, k->code_at, "undefined", "code %s is not in classification %s", k->code,
                          cl->id);
        } else {
            dg = diag_add(r->d, DIAG_ERROR, k->code_at, "undefined",
                          "code %s is not in classification %s; did you mean %s?", k->code, cl->id, best);
            diag_fix(r->d, dg, k->code_at, best, arena_printf(r->a, _("change to %s"), best));
        }
        diag_note(r->d, dg, cl->at, "classification %s is defined here", cl->id);
        return NULL;
    }
    const cl_entry *e = cl->entries[*ix];
    if (k->label && key(r, k->label) != key(r, e->label) && !names_entry(e, k->label)) {
        diag *dg = diag_add(r->d, DIAG_ERROR, k->label_at, "label", "'%s' is not the name of %s in %s: it is '%s'",
                            k->label, k->code, cl->id, e->label);
        diag_note(r->d, dg, e->at, "%s is named '%s' here", e->code, e->label);
    }
    return e;
}

/* The lines under one line of a classification-bound block, as a
 * document numbers them (表1's 一、一般公共服务支出 … 二十六、…): each
 * style of ordinal (一、 （一） 1、 (1)) runs 1, 2, 3 … in order; a number
 * skipped or repeated is a warning [ordinal] (a line dropped or moved in
 * the document, or a slip in its numbering). */
static void check_ordinals(resolver *r, m_row *const *rows, size_t n)
{
    unsigned last[LABEL_ORD_PAREN_DIGITS + 1] = { 0 };
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        int st;
        if (!rows[i]->label || rows[i]->label == rows[i]->code)
            continue;
        label_ordinal(rows[i]->label, &v, &st);
        if (!v)
            continue;
        if (v != last[st] + 1)
            diag_add(r->d, DIAG_WARNING, rows[i]->at, "ordinal",
                     "'%s' is numbered %u where %u comes next: a list's ordinals run one by one", rows[i]->label, v,
                     last[st] + 1);
        last[st] = v;
    }
}

/* The row of line k, under parent (made from line pk; both NULL at the
 * top of a block), and its children. */
static m_row *make_row(resolver *r, table_ctx *tc, size_t bi, const classification *cl, const ast_item *k,
                       m_row *parent, const ast_item *pk)
{
    m_table *t = tc->t;
    const m_block *b = &tc->blocks[bi];
    m_row *row = arena_alloc(r->a, sizeof *row);
    row->table = t;
    row->parent = parent;
    row->total = k->total;
    row->ofwhich = k->ofwhich;
    row->chart = k->chart;
    row->block = bi;
    row->code = k->code;
    row->label = k->label;
    row->derive = k->derive;
    row->derive_basis = (unsigned char)m_basis_of(r->m->budget.final, k->derive_basis);
    if (k->derive_basis == BASIS_THIS_BUDGET && !r->m->budget.final)
        diag_add(r->d, DIAG_ERROR, k->rel_at, "basis",
                 "budget() is this year's budget beside a final figure: only final accounts ('final' in the "
                 "budget header) have one");
    row->at = k->label ? k->label_at : k->code_at;
    if (k->known) {
        m_known *kn = arena_alloc(r->a, sizeof *kn);
        kn->reason = k->known;
        kn->at = k->known_at;
        row_extra(r, row)->known = kn;
    }
    if (k->heading || k->subtotal || k->text_col)
        diag_add(r->d, DIAG_ERROR, k->at, NULL, "'heading', 'subtotal' and 'text' are for columns, not lines");
    if (k->scope)
        diag_add(r->d, DIAG_ERROR, k->scope->unit ? k->scope->unit_at : k->scope->rounding.at, NULL,
                 "a line's figures take their unit and rounding from their column, table or narrative "
                 "(a figure may also carry its own unit: 0.83 万元)");
    if (year_text(k->label, &k->years))
        check_years(r, k->label, k->label_at, &k->years, arena_printf(r->a, _("the line '%s'"), k->label));
    if (k->rel != REL_EQ)
        diag_add(r->d, DIAG_ERROR, k->rel_at, NULL,
                 "'%s' before values: only indicators state a relation; a line's values follow '='", k->rel_text);
    if (k->code) {
        if (!all_digits(k->code)) {
            diag *dg = diag_add(r->d, DIAG_ERROR, k->code_at, NULL,
                                "code '%s' must be digits only (quote a label that starts with a digit)", k->code);
            fix_quote_label(r, dg, k);
        } else if (cl) {
            const cl_entry *e = class_line(r, cl, k);
            if (e && !k->label)
                row->label = e->label;
        }
        if (parent && parent->code && all_digits(k->code) && !damaged(r, t, LOST_LINES) &&
            (strncmp(k->code, parent->code, strlen(parent->code)) != 0 || strlen(k->code) <= strlen(parent->code))) {
            diag *dg = diag_add(r->d, DIAG_ERROR, k->code_at, "code", "code %s does not extend its parent's code %s",
                                k->code, parent->code);
            diag_note(r->d, dg, pk->code_at, "parent line %s is here", parent->code);
        }
        bool found;
        size_t *slot = pmap_slot(r->a, &tc->codes, k->code, NULL, &found);
        if (found) {
            diag *dg = diag_add(r->d, DIAG_ERROR, k->code_at, "duplicate", "duplicate code %s in %s", k->code, t->id);
            diag_note(r->d, dg, tc->items[*slot]->code_at, "first used here");
        } else {
            *slot = tc->rows.n;
        }
        t->has_codes = true;
    }
    if (!row->label) {
        if (!k->code || !cl)
            diag_add(r->d, DIAG_ERROR, k->at, NULL, "a line needs a label (or a code from its rows' classification)");
        row->label = k->code ? k->code : intern(r, "?");
    } else {
        bool found;
        const void *scope = parent ? (const void *)parent : (const void *)b;
        size_t *slot = pmap_slot(r->a, &tc->siblings, scope, key(r, row->label), &found);
        if (found) {
            diag *dg = diag_add(r->d, DIAG_ERROR, row->at, "duplicate", "duplicate line '%s'", row->label);
            diag_note(r->d, dg, tc->rows.v[*slot]->at, "first defined here");
        } else {
            *slot = tc->rows.n;
        }
    }
    tc->rows.v = grow(r, tc->rows.v, &tc->rows.cap, tc->rows.n, sizeof *tc->rows.v);
    if (tc->rows.n == tc->capitems) {
        size_t cap = tc->capitems ? tc->capitems * 2 : 64;
        tc->items = arena_side_grow(r->a, tc->items, tc->capitems * sizeof *tc->items, cap * sizeof *tc->items);
        tc->capitems = cap;
    }
    tc->items[tc->rows.n] = k;
    tc->rows.v[tc->rows.n++] = row;

    row->cells = read_list(r, tc, b, &k->values, "values", k->at, NULL);
    if (!row->cells)
        row->cells = arena_alloc(r->a, t->ncols * sizeof *row->cells);
    read_compares(r, tc, b, k, row);
    if (k->nkids)
        row->kids = arena_alloc(r->a, k->nkids * sizeof *row->kids);
    for (size_t i = 0; i < k->nkids; i++) {
        const ast_item *kk = k->kids[i];
        if (kk->kind != ITEM_LINE) {
            if (kk->kind == ITEM_PROSE)
                diag_add(r->d, DIAG_ERROR, kk->at, NULL, "a line of text stands directly in a narrative, not inside a line");
            else
                diag_add(r->d, DIAG_ERROR, kk->at, NULL, "a %s cannot stand inside a line",
                         ast_item_kind_name(kk->kind));
            continue;
        }
        row->kids[row->nkids++] = make_row(r, tc, bi, cl, kk, row, k);
    }
    if (cl)
        check_ordinals(r, row->kids, row->nkids);
    return row;
}

static m_block *new_block(resolver *r, table_ctx *tc, const ast_item *it)
{
    tc->blocks = grow(r, tc->blocks, &tc->capblocks, tc->nblocks, sizeof *tc->blocks);
    m_block *b = &tc->blocks[tc->nblocks++];
    memset(b, 0, sizeof *b);
    if (it)
        b->at = it->at;
    return b;
}

static bool col_under(const m_col *c, const m_col *anc)
{
    for (; c; c = c->parent)
        if (c == anc)
            return true;
    return false;
}

/* The classification named id (at `at`) that a rows block or a narrative
 * is bound to, or NULL (reported, with the nearest name). */
static const classification *bound_classification(resolver *r, const char *id, span at)
{
    const classification *cl = find_classification(r, id);
    if (!cl && !lost(r, id)) {
        suggest sg;
        suggest_begin(r, &sg, id);
        for (size_t i = 0; i < r->ncls; i++)
            suggest_offer(&sg, r->cls[i]->id);
        const char *best = suggest_best(&sg);
        if (!best) {
            diag_add(r->d, DIAG_ERROR, at, "undefined",
                     "no classification named '%s' (define it, or import the file that does)", id);
        } else {
            diag *dg = diag_add(r->d, DIAG_ERROR, at, "undefined", "no classification named '%s'; did you mean '%s'?",
                                id, best);
            fix_name(r, dg, at, best);
        }
    }
    return cl;
}

static void resolve_rows(resolver *r, table_ctx *tc, const ast_item *it)
{
    m_table *t = tc->t;
    const classification *cl = it->classification ? bound_classification(r, it->classification,
                                                                          it->classification_at) : NULL;
    size_t bi = tc->nblocks;
    m_block *b = new_block(r, tc, it);
    b->classification = it->classification;
    b->beside = it->beside;
    const m_col **sel = arena_alloc(r->a, (it->nfor + 1) * sizeof *sel);
    size_t nsel = 0;
    for (size_t i = 0; i < it->nfor; i++) {
        const m_col *c = find_col(r, t, &it->for_cols[i], true);
        if (c)
            sel[nsel++] = c;
    }
    if (it->nfor && !nsel)
        return;
    /* The block's value columns, sized exactly (twice over the columns:
     * count, then fill); every block without 'for' shares one list. */
    if (nsel == 0 && tc->all_cols) {
        b->cols = tc->all_cols;
        b->ncols = tc->nall_cols;
    } else {
        size_t n = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (size_t i = 0; i < t->ncols; i++) {
                const m_col *c = t->cols[i];
                if (!c->printed || c->indicator)
                    continue;
                bool in = nsel == 0;
                for (size_t j = 0; j < nsel && !in; j++)
                    in = col_under(c, sel[j]);
                if (in && pass)
                    b->cols[b->ncols++] = i;
                n += in && !pass;
            }
            if (!pass)
                b->cols = arena_alloc(r->a, (n + 1) * sizeof *b->cols);
        }
        if (nsel == 0) {
            tc->all_cols = b->cols;
            tc->nall_cols = b->ncols;
        }
    }
    if (b->ncols == 0 && !t->narrative) {
        if (!tc->cols_failed && !damaged(r, t, LOST_COLUMNS))
            diag_add(r->d, DIAG_ERROR, it->at, NULL, "%s has no columns for these rows (declare columns first)", t->id);
        return;
    }
    for (size_t i = 0; i < it->nkids; i++) {
        const ast_item *k = it->kids[i];
        if (k->kind != ITEM_LINE) {
            diag_add(r->d, DIAG_ERROR, k->at, NULL, "a rows block holds lines only, not a %s",
                     ast_item_kind_name(k->kind));
            continue;
        }
        m_row *row = make_row(r, tc, bi, cl, k, NULL, NULL);
        print_order(tc, r, row);
    }
}

/* indicators { 一级 { 二级 { 名称 REL target } } } */
static void resolve_indicators(resolver *r, table_ctx *tc, const ast_item *it)
{
    for (size_t i = 0; i < it->nkids; i++) {
        const ast_item *l1 = it->kids[i];
        if (l1->kind != ITEM_LINE || !l1->label || l1->values.n || l1->code) {
            diag_add(r->d, DIAG_ERROR, l1->at, NULL, "indicators are grouped: 一级指标 { 二级指标 { 名称 = 目标 } }");
            continue;
        }
        m_col *c1 = arena_alloc(r->a, sizeof *c1);
        c1->label = l1->label;
        c1->at = l1->label_at;
        c1->heading = true;
        c1->indicator = true;
        c1->path = c1->header = l1->label;
        add_col(r, &tc->cols, c1);
        for (size_t j = 0; j < l1->nkids; j++) {
            const ast_item *l2 = l1->kids[j];
            if (l2->kind != ITEM_LINE || !l2->label || l2->values.n || l2->code) {
                diag_add(r->d, DIAG_ERROR, l2->at, NULL,
                         "indicators are grouped: 一级指标 { 二级指标 { 名称 = 目标 } }");
                continue;
            }
            m_col *c2 = arena_alloc(r->a, sizeof *c2);
            c2->label = l2->label;
            c2->at = l2->label_at;
            c2->parent = c1;
            c2->text = true;
            c2->printed = true;
            c2->indicator = true;
            c2->path = c2->header = join(r, l1->label, l2->label);
            add_col(r, &tc->cols, c2);
            c1->kids = arena_grow(r->a, c1->kids, c1->nkids * sizeof *c1->kids, (c1->nkids + 1) * sizeof *c1->kids);
            c1->kids[c1->nkids++] = c2;
            no_chart(r, l1, "an indicator group");
            no_chart(r, l2, "an indicator group");
            for (size_t k = 0; k < l2->nkids; k++) {
                const ast_item *ind = l2->kids[k];
                misplaced_known(r, ind);
                misplaced_years(r, ind);
                no_chart(r, ind, _("an indicator"));
                if (ind->kind != ITEM_LINE || !ind->label || ind->values.n != 1 || ind->nkids) {
                    diag_add(r->d, DIAG_ERROR, ind->at, NULL, "an indicator is a name, a relation and one target");
                    continue;
                }
                tc->inds = grow(r, tc->inds, &tc->capinds, tc->ninds, sizeof *tc->inds);
                m_indicator *in = &tc->inds[tc->ninds++];
                memset(in, 0, sizeof *in);
                in->level1 = l1->label;
                in->level2 = l2->label;
                in->name = ind->label;
                in->at = ind->label_at;
                in->rel = ind->rel;
                in->rel_text = ind->rel_text;
                in->col = c2->index;
                const ast_value *v = &ind->values.v[0];
                if (v->kind == VAL_TEXT) {
                    in->target.present = in->target.declared = true;
                    in->target.kind = KIND_TEXT;
                    in->target.str = in->published = v->text;
                    m_value_set_at(&in->target, v->at);
                    if (ind->rel != REL_EQ)
                        diag_add(r->d, DIAG_ERROR, ind->rel_at, "indicator-kind",
                                 "'%s' compares amounts; the target '%s' is text", ind->rel_text, v->text);
                } else if (v->kind == VAL_NUMBER) {
                    if (!read_number(r, v, money_unit(r, tc->t), &in->target))
                        continue;
                    char buf[DEC_FMT_MAX];
                    int pow10 = in->target.kind == KIND_MONEY ? m_value_unit(&in->target)->pow10 : 0;
                    dec_format_exact(in->target.v, pow10, 0, buf);
                    const char *unit = v->unit ? v->unit : "";
                    in->published = arena_printf(r->a, "%s%s%s", ind->rel == REL_EQ ? "" : ind->rel_text, buf, unit);
                    size_t ll = strlen(ind->label);
                    if (ll >= 3 && strcmp(ind->label + ll - 3, "率") == 0 && in->target.kind != KIND_RATE)
                        diag_add(r->d, DIAG_WARNING, v->at, "indicator-kind",
                                 "'%s' reads as a rate, but its target is a %s", ind->label,
                                 i18n_text(kind_name(in->target.kind)));
                } else {
                    diag_add(r->d, DIAG_ERROR, v->at, NULL, "an indicator's target is a number or text");
                }
            }
        }
    }
}

static m_table *new_table(resolver *r, const ast_item *it)
{
    m_table *t = arena_alloc(r->a, sizeof *t);
    t->at = it->at;
    t->id_at = it->id_at;
    t->id = it->id;
    t->title = it->title;
    t->narrative = it->kind == ITEM_NARRATIVE;
    const char *what = arena_printf(r->a, _("the title of %s"), it->id);
    check_placeholder(r, it->title, it->title_at, what);
    check_years(r, it->title, it->title_at, &it->years, what);
    if (!t->narrative && strlen(it->id) > RESOLVE_MAX_TABLE_ID)
        diag_add(r->d, DIAG_ERROR, it->id_at, "limit",
                 "table id longer than %d bytes (the table-id limit: the id names the table's CSV file)",
                 RESOLVE_MAX_TABLE_ID);
    bool found;
    size_t *slot = pmap_slot(r->a, &r->table_ids, it->id, NULL, &found);
    if (found) {
        diag *dg = diag_add(r->d, DIAG_ERROR, it->id_at, "duplicate", "%s is defined twice", it->id);
        diag_note(r->d, dg, r->m->tables[*slot]->id_at, "first defined here");
    } else {
        *slot = r->m->ntables;
    }
    r->m->tables = grow(r, r->m->tables, &r->captables, r->m->ntables, sizeof *r->m->tables);
    r->m->tables[r->m->ntables++] = t;
    unsigned losses = table_losses(r, it);
    if (losses) {
        r->damaged = grow(r, r->damaged, &r->capdamaged, r->ndamaged, sizeof *r->damaged);
        r->damaged[r->ndamaged].t = t;
        r->damaged[r->ndamaged++].what = losses;
    }
    return t;
}

/* Compiles check `it` into the model's check IR; its references are
 * bound once the whole file is read (bind_checks). */
static void add_check(resolver *r, const ast_item *it, m_table *ctx)
{
    r->m->checks = grow(r, r->m->checks, &r->capchecks, r->m->nchecks, sizeof *r->m->checks);
    r->ir.year = r->m->budget.year;
    ir_compile_check(&r->ir, it, ctx, r->m->nchecks, money_unit(r, ctx)->pow10, &r->m->checks[r->m->nchecks]);
    r->m->nchecks++;
}

static int attr_int(resolver *r, const ast_value *v, int max)
{
    char buf[16];
    if (v->len >= sizeof buf || !memchr("0123456789", v->text[0], 10)) {
        diag_add(r->d, DIAG_ERROR, v->at, NULL, "expected a small whole number");
        return 0;
    }
    memcpy(buf, v->text, v->len);
    buf[v->len] = '\0';
    if (!all_digits(buf) || atoi(buf) > max) {
        diag_add(r->d, DIAG_ERROR, v->at, NULL, "expected a whole number up to %d", max);
        return 0;
    }
    return atoi(buf);
}

/* A table declared `empty` (本表无数据) holds no figure but blanks: its
 * first figure is reported. */
static void check_empty(resolver *r, const m_table *t)
{
    for (size_t i = 0; i < t->nrows; i++) {
        const m_row *row = t->rows[i];
        for (size_t ci = 0; row->cells && ci < t->ncols; ci++) {
            const m_value *v = &row->cells[ci];
            if (!v->declared || v->blank || (v->kind == KIND_TEXT && (!m_value_text(v) || !*m_value_text(v))))
                continue;
            diag_add(r->d, DIAG_ERROR, m_value_span(v, row->at.file, row->at), NULL,
                     "%s is declared empty, but '%s' has a figure in %s (write a blank as '-')", t->id, row->label,
                     t->cols[ci]->header);
            return;
        }
    }
}

/* The columns a columns item k gives a table, appended to cv (NULL: none,
 * k is only checked); *failed when k names nothing. */
static void take_columns(resolver *r, colvec *cv, bool *failed, const ast_item *k)
{
    const ast_item *def = k;
    colset *cs = NULL;
    if (k->id && k->has_block) {
        diag_add(r->d, DIAG_ERROR, k->id_at, NULL,
                 "a named column set is defined at the top level; in a table, write: columns %s", k->id);
        def = NULL;
    } else if (k->id && !(cs = find_colset(r, k->id))) {
        suggest sg;
        suggest_begin(r, &sg, k->id);
        for (size_t j = 0; j < r->ncolsets; j++)
            suggest_offer(&sg, r->colsets[j]->item->id);
        const char *best = suggest_best(&sg);
        if (lost(r, k->id)) {
            ;
        } else if (!best) {
            diag_add(r->d, DIAG_ERROR, k->id_at, "undefined",
                     "no column set named '%s' (define it with columns %s { ... }, or import the file that does)",
                     k->id, k->id);
        } else {
            diag *dg = diag_add(r->d, DIAG_ERROR, k->id_at, "undefined",
                                "no column set named '%s'; did you mean '%s'?", k->id, best);
            fix_name(r, dg, k->id_at, best);
        }
        def = NULL;
    } else if (cs) {
        def = cs->item;
    } else if (r->streaming && k->has_block && k->end.file == k->at.file) {
        /* a generated budget repeats one block in thousands of
         * tables: they share its columns, as with a named set */
        const char *text = strtab_intern(r->names, k->at.file->text + k->at.begin, k->end.end - k->at.begin);
        bool found;
        size_t *slot = pmap_slot(r->a, &r->inline_sets, text, NULL, &found);
        if (!found) {
            cs = arena_alloc(r->a, sizeof *cs);
            cs->inline_block = true;
            *slot = (size_t)(uintptr_t)cs;
        }
        cs = (colset *)(uintptr_t)*slot;
    }
    if (!def)
        *failed = true;
    if (!cv)
        return;
    if (cs && cs->cols && cv->n == 0) {
        *cv = (colvec){ cs->cols, cs->ncols, cs->ncols, true };
    } else if (def) {
        size_t first = cv->n;
        build_cols(r, cv, def, NULL, NULL, NULL, !cs || cs->inline_block || !cs->reported);
        if (cs) {
            cs->reported = true;
            if (first == 0 && cv->n) {
                cs->cols = cv->v;
                cs->ncols = cv->n;
                cv->shared = true;
            }
        }
    }
}

/* ---- templates ------------------------------------------------------- */

/* A table of a template: what a budget that follows the template must
 * publish.  Made from the template's tree at once (nothing points into
 * it: a streamed file's tree is gone after its item). */
typedef struct tpl_table {
    const char *id, *title;
    int number;              /* 表 N; 0 when not given */
    span at;                 /* its title in the template */
    m_col **cols;            /* its columns; a budget table without columns of
                                its own takes (shares) them */
    size_t ncols;
} tpl_table;

typedef struct template_def {
    const char *id, *title;
    span at;
    tpl_table *tables;
    size_t ntables;
} template_def;

static template_def *find_template(resolver *r, const char *id)
{
    for (size_t i = 0; i < r->ntemplates; i++)
        if (r->templates[i]->id == id)
            return r->templates[i];
    return NULL;
}

/* "表9 国有资本经营预算财政拨款收入支出决算表", or the title alone. */
static const char *tpl_caption(resolver *r, const tpl_table *tt)
{
    return tt->number ? arena_printf(r->a, "表%d %s", tt->number, tt->title) : tt->title;
}

/* template NAME ["title"] { table ID "title" { number N  note "..."  columns ... } ... } */
static void define_template(resolver *r, const ast_item *it)
{
    if (!it->has_block)
        return;     /* `template NAME` outside the header: the parser made an attribute */
    template_def *prev = find_template(r, it->id);
    if (prev) {
        diag *dg = diag_add(r->d, DIAG_ERROR, it->id_at, "duplicate", "template %s is defined twice", it->id);
        diag_note(r->d, dg, prev->at, "first defined here");
        return;
    }
    template_def *td = arena_alloc(r->a, sizeof *td);
    td->id = it->id;
    td->title = it->title;
    td->at = it->id_at;
    td->tables = arena_alloc(r->a, (it->nkids ? it->nkids : 1) * sizeof *td->tables);
    r->templates = grow(r, r->templates, &r->captemplates, r->ntemplates, sizeof *r->templates);
    r->templates[r->ntemplates++] = td;
    for (size_t i = 0; i < it->nkids; i++) {
        const ast_item *k = it->kids[i];
        if (k->kind != ITEM_TABLE) {
            diag_add(r->d, DIAG_ERROR, k->at, NULL, "a template holds tables only, not a %s",
                     ast_item_kind_name(k->kind));
            continue;
        }
        tpl_table *tt = &td->tables[td->ntables++];
        tt->id = k->id;
        tt->title = k->title;
        tt->at = k->title_at;
        colvec cv;
        memset(&cv, 0, sizeof cv);
        bool failed = false;
        for (size_t j = 0; j < k->nkids; j++) {
            const ast_item *kk = k->kids[j];
            if (kk->kind == ITEM_ATTR && kk->attr == ATTR_NUMBER) {
                tt->number = attr_int(r, &kk->args.v[0], 9999);
            } else if (kk->kind == ITEM_ATTR && kk->attr == ATTR_NOTE) {
                continue;   /* the template's own notes: not required of a budget */
            } else if (kk->kind == ITEM_COLUMNS) {
                take_columns(r, &cv, &failed, kk);
            } else {
                diag_add(r->d, DIAG_ERROR, kk->at, NULL, "a template's table has a number, notes and columns, not '%s'",
                         kk->kind == ITEM_ATTR ? ast_attr_name(kk->attr) : ast_item_kind_name(kk->kind));
            }
        }
        tt->cols = cv.v;
        tt->ncols = cv.n;
        for (size_t j = 0; tt->number && j + 1 < td->ntables; j++)
            if (td->tables[j].number == tt->number) {
                diag *dg = diag_add(r->d, DIAG_ERROR, k->id_at, "duplicate", "template %s has two tables numbered %d", td->id,
                                    tt->number);
                diag_note(r->d, dg, td->tables[j].at, "the first is here");
            }
    }
}

/* Whether a budget's title is the template's: the same (as labels), or
 * the template's preceded by the department's name ("…龙岗分局整体支出绩效目标表"). */
static bool same_title(const char *title, const char *want)
{
    if (!title || !want)
        return !want;
    if (label_same(title, want))
        return true;
    size_t n = strlen(title), m = strlen(want);
    return n > m && label_same(title + n - m, want);
}

/* Whether budget table t is template table tt: by number when the
 * template numbers it, else by title. */
static bool is_tpl_table(const m_table *t, const tpl_table *tt)
{
    if (t->narrative)
        return false;
    return tt->number ? t->number == tt->number : same_title(t->title, tt->title);
}

/* The table of the budget's template that t is, or NULL. */
static const tpl_table *template_table(resolver *r, const m_table *t)
{
    const template_def *td = r->tpl_name ? find_template(r, r->tpl_name) : NULL;
    for (size_t i = 0; td && i < td->ntables; i++)
        if (is_tpl_table(t, &td->tables[i]))
            return &td->tables[i];
    return NULL;
}

/* Table t's columns against its template's, position by position: a
 * label that differs is a warning (the document's own label prints), a
 * column missing or added an error. */
static void template_cols(resolver *r, const template_def *td, const tpl_table *tt, const m_table *t,
                          m_col *const *want, size_t nwant, m_col *const *got, size_t ngot)
{
    size_t i = 0;
    for (; i < nwant && i < ngot; i++) {
        const m_col *w = want[i], *g = got[i];
        if (!label_same(w->label, g->label) || !label_same(w->subtotal, g->subtotal)) {
            diag *dg = diag_add(r->d, DIAG_WARNING, g->at, "template", "column '%s' of %s is '%s' in template %s (%s)",
                                g->header ? g->header : g->path, t->id, w->header ? w->header : w->path, td->id,
                                tpl_caption(r, tt));
            diag_note(r->d, dg, w->at, "the template's column is here");
        }
        template_cols(r, td, tt, t, w->kids, w->nkids, g->kids, g->nkids);
    }
    for (size_t k = i; k < nwant; k++) {
        diag *dg = diag_add(r->d, DIAG_ERROR, t->id_at, "template", "%s lacks the column '%s' of template %s (%s)",
                            t->id, want[k]->path, td->id, tpl_caption(r, tt));
        diag_note(r->d, dg, want[k]->at, "the template's column is here");
    }
    for (size_t k = i; k < ngot; k++) {
        diag *dg = diag_add(r->d, DIAG_ERROR, got[k]->at, "template", "column '%s' of %s is not in template %s (%s)",
                            got[k]->path, t->id, td->id, tpl_caption(r, tt));
        diag_note(r->d, dg, tt->at, "the template's table is here");
    }
}

/* The top-level columns of cols[0..n) (indicator groups left out: a
 * template says nothing of them), into out; their count. */
static size_t root_cols(m_col *const *cols, size_t n, m_col **out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!cols[i]->parent && !cols[i]->indicator)
            out[k++] = cols[i];
    return k;
}

/* The budget against its template (`template NAME`), once every table is
 * resolved: each of the template's tables is published, with the
 * template's columns and title. */
static void check_template(resolver *r)
{
    if (!r->tpl_name)
        return;
    const template_def *td = find_template(r, r->tpl_name);
    if (!td) {
        diag_add(r->d, DIAG_ERROR, r->tpl_at, "undefined",
                 "no template named '%s' (import the file that defines it: template %s { ... })", r->tpl_name,
                 r->tpl_name);
        return;
    }
    for (size_t i = 0; i < td->ntables; i++) {
        const tpl_table *tt = &td->tables[i];
        const m_table *t = NULL;
        for (size_t j = 0; !t && j < r->m->ntables; j++)
            if (is_tpl_table(r->m->tables[j], tt))
                t = r->m->tables[j];
        if (!t) {
            diag *dg = diag_add(r->d, DIAG_ERROR, r->tpl_at, "template",
                                "no table for %s of template %s (a table without data is published too: "
                                "declare it empty)", tpl_caption(r, tt), td->id);
            diag_note(r->d, dg, tt->at, "the template's table is here");
            continue;
        }
        if (!same_title(t->title, tt->title)) {
            diag *dg = diag_add(r->d, DIAG_WARNING, t->id_at, "template", "%s is titled '%s'; template %s calls it '%s'",
                                t->id, t->title ? t->title : "", td->id, tt->title ? tt->title : "");
            diag_note(r->d, dg, tt->at, "the template's table is here");
        }
        if (t->cols == tt->cols)
            continue;       /* it took the template's */
        m_col **want = arena_alloc(r->a, (tt->ncols + 1) * sizeof *want);
        m_col **got = arena_alloc(r->a, (t->ncols + 1) * sizeof *got);
        size_t nw = root_cols(tt->cols, tt->ncols, want), ng = root_cols(t->cols, t->ncols, got);
        template_cols(r, td, tt, t, want, nw, got, ng);
    }
}

/* How t prints (its rows blocks resolved): its codes, from `codes`
 * (NULL: one 编码 column when a line has a code), and whether its blocks
 * stand side by side, from `beside` -- every block after the first, or
 * none. */
static void table_layout(resolver *r, m_table *t, const table_ctx *tc, const ast_item *codes)
{
    static const char *const one[] = { "编码" };
    t->code_heads = one;
    t->ncode_cols = t->has_codes ? 1 : 0;
    if (codes) {
        const ast_values *a = &codes->args;
        if (a->n == 1 && a->v[0].kind == VAL_WORD && a->v[0].len == 6 && memcmp(a->v[0].text, "hidden", 6) == 0) {
            t->ncode_cols = 0;
        } else {
            const char **heads = arena_alloc(r->a, a->n * sizeof *heads);
            for (size_t i = 0; i < a->n; i++)
                heads[i] = a->v[i].kind == VAL_TEXT ? a->v[i].text
                                                    : strtab_intern(r->names, a->v[i].text, a->v[i].len);
            t->code_heads = heads;
            t->ncode_cols = t->has_codes ? a->n : 0;
        }
    }
    size_t nbeside = 0;
    for (size_t b = 0; b < tc->nblocks; b++)
        nbeside += tc->blocks[b].beside;
    if (nbeside == 0)
        return;
    if (tc->blocks[0].beside) {
        diag_add(r->d, DIAG_ERROR, tc->blocks[0].at, NULL,
                 "the first rows block of %s has nothing to stand beside ('beside' puts a block to the right of the one "
                 "before it)", t->id);
        return;
    }
    for (size_t b = 1; b < tc->nblocks; b++)
        if (!tc->blocks[b].beside) {
            diag_add(r->d, DIAG_ERROR, tc->blocks[b].at, NULL,
                     "the rows blocks of %s stand side by side: this one too needs 'beside' (or none of them)", t->id);
            return;
        }
    t->nsides = tc->nblocks;
}

/* ---- a narrative's text (docs/language.md §5.1) ---- */

static void add_run(resolver *r, table_ctx *tc, m_run_kind kind, const char *text, size_t ph)
{
    tc->runs = grow(r, tc->runs, &tc->capruns, tc->nruns, sizeof *tc->runs);
    tc->runs[tc->nruns].kind = (unsigned char)kind;
    tc->runs[tc->nruns].text = text;
    tc->runs[tc->nruns++].ph = ph;
}

/* The paragraph being read is complete. */
static void para_done(resolver *r, table_ctx *tc)
{
    if (!tc->nruns)
        return;
    tc->paras = grow(r, tc->paras, &tc->capparas, tc->nparas, sizeof *tc->paras);
    m_para *p = &tc->paras[tc->nparas++];
    *p = tc->para;
    p->runs = arena_alloc(r->a, tc->nruns * sizeof *p->runs);
    memcpy(p->runs, tc->runs, tc->nruns * sizeof *p->runs);
    p->nruns = tc->nruns;
    tc->nruns = 0;
}

/* A placeholder of a line of text: its expression parsed from its bytes
 * and compiled as a check of one operand in narrative t; its references
 * are bound with the checks'.  False when its expression does not parse. */
static bool add_placeholder(resolver *r, table_ctx *tc, const prose_piece *pc, const src_file *f)
{
    arena *sa = r->scratch ? r->scratch : r->a;
    ast_expr *e = parse_placeholder(sa, r->names, r->d, f, pc->expr_begin, pc->expr_end);
    if (!e)
        return false;
    r->m->phs = grow(r, r->m->phs, &r->capphs, r->m->nphs, sizeof *r->m->phs);
    m_placeholder *ph = &r->m->phs[r->m->nphs];
    memset(ph, 0, sizeof *ph);
    r->pir.year = r->m->budget.year;
    ir_compile_expr(&r->pir, e, pc->at, tc->t, r->m->nphs, &ph->ck);
    ph->form = pc->form;
    for (size_t w = 0; w < 3; w++)
        ph->words[w] = pc->words[w] ? arena_strdup(r->a, pc->words[w]) : NULL;
    ph->stated_rate = e->kind == EXPR_RATE && e->l->kind == EXPR_REF;
    add_run(r, tc, RUN_PH, NULL, r->m->nphs++);
    return true;
}

/* Line of text kids[i] of narrative tc->t: its text and placeholders
 * added to the paragraph (or table) it continues or starts. */
static void prose_line(resolver *r, table_ctx *tc, ast_item *const *kids, size_t i)
{
    const ast_item *k = kids[i];
    if (!*k->title)
        return;             /* '>' alone: between paragraphs */
    bool row = prose_is_row(k->title);
    if (ast_prose_starts_paragraph(kids, i)) {
        para_done(r, tc);
        memset(&tc->para, 0, sizeof tc->para);
        tc->para.at = k->at;
        tc->para.table = row;
    } else if (!row && prose_joins_with_blank(kids[i - 1]->title, strlen(kids[i - 1]->title), k->title)) {
        add_run(r, tc, RUN_TEXT, " ", 0);
    }
    arena *sa = r->scratch ? r->scratch : r->a;
    prose_piece *pcs;
    size_t n, ncells = 0, first = tc->nruns;
    if (!prose_split(sa, r->d, k->title_at, &pcs, &n))
        return;
    for (size_t j = 0; j < n; j++) {
        const prose_piece *pc = &pcs[j];
        if (pc->kind == PIECE_TEXT) {
            add_run(r, tc, RUN_TEXT, arena_strdup(r->a, pc->text), 0);
        } else if (pc->kind == PIECE_CELL) {
            add_run(r, tc, RUN_CELL, NULL, 0);
            ncells++;
        } else if (!add_placeholder(r, tc, pc, k->title_at.file)) {
            tc->nruns = first;      /* the line is left out */
            return;
        }
    }
    if (!row)
        return;
    add_run(r, tc, RUN_ROW, NULL, 0);
    if (!tc->para.ncells)
        tc->para.ncells = ncells;
    else if (ncells != tc->para.ncells)
        diag_add(r->d, DIAG_ERROR, k->at, NULL, "this row has %zu cells; the table's first row has %zu",
                 ncells, tc->para.ncells);
}

static void resolve_table(resolver *r, const ast_item *it)
{
    table_ctx tc;
    memset(&tc, 0, sizeof tc);
    m_table *t = tc.t = new_table(r, it);
    t->precision = -1;
    const ast_item *codes = NULL;   /* codes ...: how codes print */
    const ast_item *rounding = NULL;
    const char **notes = NULL;
    size_t nnotes = 0, capnotes = 0;
    /* Attributes and columns first: rows refer to both. */
    for (size_t i = 0; i < it->nkids; i++) {
        const ast_item *k = it->kids[i];
        if (k->kind == ITEM_ATTR) {
            const ast_value *v = k->args.n ? &k->args.v[0] : NULL;   /* NULL: `empty` */
            switch (k->attr) {
            case ATTR_CODES:
                if (t->narrative)
                    diag_add(r->d, DIAG_ERROR, k->at, NULL, "'codes' belongs in a table: a narrative prints no codes");
                else
                    codes = k;
                break;
            case ATTR_EMPTY:
                if (t->narrative)
                    goto misplaced;
                t->empty = true;
                if (v) {
                    notes = grow(r, notes, &capnotes, nnotes, sizeof *notes);
                    notes[nnotes++] = v->text;
                    check_placeholder(r, v->text, v->at, arena_printf(r->a, _("a note of %s"), t->id));
                    check_years(r, v->text, v->at, &k->years, arena_printf(r->a, _("a note of %s"), t->id));
                }
                break;
            case ATTR_NUMBER:
                if (t->narrative)
                    goto misplaced;
                t->number = attr_int(r, v, 9999);
                break;
            case ATTR_UNIT: {
                const unit_info *u = unit_lookup(v->text, v->len);
                if (!u || u->kind != KIND_MONEY)
                    diag_add(r->d, DIAG_ERROR, v->at, "unit", "a table's unit must be money (元, 千元, 万元 or 亿元)");
                else
                    t->unit = u;
                break;
            }
            case ATTR_DEPARTMENT:
                if (t->narrative)
                    goto misplaced;
                t->department = v->text;
                check_department(r, t, k);
                break;
            case ATTR_NOTE:
                notes = grow(r, notes, &capnotes, nnotes, sizeof *notes);
                notes[nnotes++] = v->text;
                check_placeholder(r, v->text, v->at, arena_printf(r->a, _("a note of %s"), t->id));
                check_years(r, v->text, v->at, &k->years, arena_printf(r->a, _("a note of %s"), t->id));
                break;
            case ATTR_PRECISION:
                t->precision = attr_int(r, v, DEC_SCALE + 8);
                break;
            case ATTR_ROUNDING:
                rounding = k;   /* read once the table's unit is known */
                break;
            default:
            misplaced:
                diag_add(r->d, DIAG_ERROR, k->at, NULL, "'%s' belongs in the budget header, not a %s",
                         ast_attr_name(k->attr), t->narrative ? "narrative" : "table");
            }
        } else if (k->kind == ITEM_COLUMNS) {
            if (t->narrative) {
                take_columns(r, NULL, &tc.cols_failed, k);
                diag_add(r->d, DIAG_ERROR, k->at, NULL, "a narrative has one value per line; columns belong in a table");
            } else {
                take_columns(r, &tc.cols, &tc.cols_failed, k);
            }
        }
    }
    /* A table of the budget's template without columns of its own takes
     * the template's (shared, as a column set's). */
    const tpl_table *tt = t->narrative || tc.cols.n || tc.cols_failed ? NULL : template_table(r, t);
    if (tt && tt->ncols)
        tc.cols = (colvec){ tt->cols, tt->ncols, tt->ncols, true };
    /* Indicator groups are columns too, after the declared ones. */
    for (size_t i = 0; i < it->nkids; i++) {
        const ast_item *k = it->kids[i];
        if (k->kind != ITEM_INDICATORS)
            continue;
        if (t->narrative)
            diag_add(r->d, DIAG_ERROR, k->at, NULL, "indicators belong in a table");
        else
            resolve_indicators(r, &tc, k);
    }
    if (t->narrative) {
        m_col *c = arena_alloc(r->a, sizeof *c);
        c->label = c->path = c->header = intern(r, "value");
        c->printed = true;
        c->at = it->id_at;
        add_col(r, &tc.cols, c);
    }
    t->cols = tc.cols.v;
    t->ncols = tc.cols.n;
    t->notes = notes;
    t->nnotes = nnotes;
    /* Without a unit of its own a table's numbers are in the budget's:
     * say so in the model, so no emitter guesses from how a cell was
     * written (10,000 元 in a 万元 budget prints 1). */
    t->unit = money_unit(r, t);
    if (rounding)
        read_rounding(r, &rounding->args.v[0], &t->rounding);
    /* every column's unit and rounding, before its figures are read */
    prec_fill(r->a, &r->m->budget, t);
    m_block *narrative_block = NULL;
    /* narrative ... rows 支出功能分类: its codes and class names are the
     * classification's, checked as a rows block's are (class_line) */
    const classification *narrative_cl =
        t->narrative && it->bound ? bound_classification(r, it->bound, it->bound_at) : NULL;
    for (size_t i = 0; i < it->nkids; i++) {
        const ast_item *k = it->kids[i];
        switch (k->kind) {
        case ITEM_ATTR:
        case ITEM_COLUMNS:
            break;
        case ITEM_ROWS:
            if (t->narrative)
                diag_add(r->d, DIAG_ERROR, k->at, NULL, "a narrative holds its lines directly, without 'rows'");
            else
                resolve_rows(r, &tc, k);
            break;
        case ITEM_LINE:
            if (!t->narrative) {
                diag_add(r->d, DIAG_ERROR, k->at, NULL,
                         "a table's lines go in a 'rows' block (rows { ... })");
                break;
            }
            if (!narrative_block) {
                narrative_block = new_block(r, &tc, NULL);
                narrative_block->cols = arena_alloc(r->a, sizeof *narrative_block->cols);
                narrative_block->ncols = 1;
                narrative_block->classification = it->bound;
            }
            print_order(&tc, r, make_row(r, &tc, (size_t)(narrative_block - tc.blocks), narrative_cl, k, NULL, NULL));
            break;
        case ITEM_CHECK:
            add_check(r, k, t);
            break;
        case ITEM_INDICATORS:
            break;
        case ITEM_PROSE:
            if (t->narrative)
                prose_line(r, &tc, it->kids, i);
            else
                diag_add(r->d, DIAG_ERROR, k->at, NULL, "a line of text belongs in a narrative");
            break;
        default:
            diag_add(r->d, DIAG_ERROR, k->at, NULL, "a %s cannot stand inside a %s", ast_item_kind_name(k->kind),
                     t->narrative ? "narrative" : "table");
        }
    }
    t->cols = tc.cols.v;
    t->ncols = tc.cols.n;
    table_layout(r, t, &tc, codes);
    /* (the rows are all made: references to them may be resolved now) */
    t->rows = tc.rows.v;
    t->nrows = tc.rows.n;
    /* Lines derived year over year from another line of the table. */
    for (size_t i = 0; i < tc.rows.n; i++) {
        m_row *row = tc.rows.v[i];
        if (!row->derive)
            continue;
        const ast_item *k = tc.items[i];
        m_row *from = find_row(r, t, k->derive_from, NULL);
        if (!from)
            continue;
        const m_block *a = &tc.blocks[row->block], *b = &tc.blocks[from->block];
        bool same = a->ncols == b->ncols && from != row;
        for (size_t j = 0; same && j < a->ncols; j++)
            same = a->cols[j] == b->cols[j];
        if (from == row)
            diag_add(r->d, DIAG_ERROR, k->derive_from->at, NULL, "'%s' cannot be derived from itself", row->label);
        else if (!same)
            diag_add(r->d, DIAG_ERROR, k->derive_from->at, NULL,
                     "'%s' has other columns than '%s': derive from a line of the same rows block", from->label,
                     row->label);
        else if (row->nkids)
            diag_add(r->d, DIAG_ERROR, k->at, NULL, "a derived line has no children");
        else
            row_extra(r, row)->derive_from = from;
    }
    /* Each indicator can be referred to like a line whose one value is its
     * target; these lines are not printed (the indicators are). */
    for (size_t i = 0; i < tc.ninds; i++) {
        const m_indicator *in = &tc.inds[i];
        m_block *b = new_block(r, &tc, NULL);
        b->cols = arena_alloc(r->a, sizeof *b->cols);
        b->cols[0] = in->col;
        b->ncols = 1;
        m_row *row = arena_alloc(r->a, sizeof *row);
        row->label = row->path = in->name;
        row->at = in->at;
        row->table = t;
        row->block = (size_t)(b - tc.blocks);
        row->cells = arena_alloc(r->a, t->ncols * sizeof *row->cells);
        row->cells[in->col] = in->target;
        add_extra_row(r, t, row);
    }
    t->rows = exact(r, tc.rows.v, tc.rows.n, sizeof *t->rows);
    t->nrows = tc.rows.n;
    if (t->empty)
        check_empty(r, t);
    t->printed = exact(r, tc.printed.v, tc.printed.n, sizeof *t->printed);
    t->nprinted = tc.printed.n;
    t->blocks = exact(r, tc.blocks, tc.nblocks, sizeof *t->blocks);
    t->nblocks = tc.nblocks;
    t->indicators = exact(r, tc.inds, tc.ninds, sizeof *t->indicators);
    t->nindicators = tc.ninds;
    arena_side_free(r->a, tc.items);
    pmap_free(r->a, &tc.codes);
    pmap_free(r->a, &tc.siblings);
    para_done(r, &tc);
    if (tc.nparas) {
        t->paras = arena_alloc(r->a, tc.nparas * sizeof *t->paras);
        memcpy(t->paras, tc.paras, tc.nparas * sizeof *t->paras);
        t->nparas = tc.nparas;
    }
    arena_side_free(r->a, tc.paras);
    arena_side_free(r->a, tc.runs);
}

/* ---- references in checks --------------------------------------------- */

/* Does row match path p, whose segments' keys are seg?  The last segment
 * names the row; earlier ones name ancestors in order, not necessarily
 * adjacent.  Returns the number of ancestor levels skipped (lower is a
 * closer match), or -1. */
static int row_match_cost(resolver *r, const m_row *row, const ast_path *p, const char *const *seg)
{
    size_t k = p->n;
    const char *last = seg[k - 1];
    if (key(r, row->label) != last && row->code != last)
        return -1;
    k--;
    int skipped = 0;
    for (const m_row *x = row->parent; x && k > 0; x = x->parent) {
        if (key(r, x->label) == seg[k - 1] || x->code == seg[k - 1])
            k--;
        else
            skipped++;
    }
    return k == 0 ? skipped : -1;
}

/* "no line": the path p names no line of t; the nearest label (or code,
 * for a code) of t's lines is suggested. */
static void report_no_row(resolver *r, const m_table *t, const ast_path *p)
{
    const char *want = p->seg[p->n - 1];
    if (lost(r, want))
        return;
    suggest sg;
    suggest_begin(r, &sg, want);
    for (size_t i = 0; i < t->nrows; i++) {
        suggest_offer(&sg, t->rows[i]->label);
        suggest_offer(&sg, t->rows[i]->code);
    }
    const char *best = suggest_best(&sg);
    if (!best) {
        diag_add(r->d, DIAG_ERROR, p->at, "undefined", "no line '%s' in %s", want, t->id);
        return;
    }
    diag *dg = diag_add(r->d, DIAG_ERROR, p->at, "undefined", "no line '%s' in %s; did you mean '%s'?", want,
                        t->id, best);
    if (p->seg_is_code[p->n - 1])   /* a code is written as digits, never quoted */
        diag_fix(r->d, dg, p->seg_at[p->n - 1], best, arena_printf(r->a, _("change to %s"), best));
    else
        fix_name(r, dg, p->seg_at[p->n - 1], best);
}

/* True when row block b writes values in column c: c is one of its value
 * columns, or above or under one of them. */
static bool block_has_col(const m_block *b, const m_col *c, const m_table *t)
{
    for (size_t i = 0; i < b->ncols; i++) {
        const m_col *v = t->cols[b->cols[i]];
        for (const m_col *up = v; up; up = up->parent)
            if (up == c)
                return true;
        for (const m_col *up = c->parent; up; up = up->parent)
            if (up == v)
                return true;
    }
    return false;
}

/* Of the nsame rows a label names equally well, the one whose row block
 * holds column col (the reference's own column): the two sides of a
 * side-by-side table both end in 总计, and t01[总计, 收入/决算数] can mean
 * only the income side's.  NULL when col does not decide it. */
static m_row *row_by_column(resolver *r, const m_table *t, m_row **same, size_t nsame, const ast_path *col)
{
    if (!col || !col->n)
        return NULL;
    const m_col *c = find_col(r, t, col, false);
    if (!c)
        return NULL;
    m_row *hit = NULL;
    for (size_t i = 0; i < nsame; i++) {
        if (!block_has_col(&t->blocks[same[i]->block], c, t))
            continue;
        if (hit)
            return NULL;
        hit = same[i];
    }
    return hit;
}

/* The row a path names: the closest match, which must be unique -- or,
 * among equal matches, the only one whose row block holds the column col
 * (NULL: none given). */
static m_row *find_row(resolver *r, const m_table *t, const ast_path *p, const ast_path *col)
{
    const char *seg[PARSE_MAX_PATH];
    path_keys(r, p, seg);
    const row_index *x;
    uint32_t head = row_chain(r, t, seg[p->n - 1], &x);
    m_row *hit = NULL;
    size_t nhits = 0;
    int best = -1;
    for (uint32_t e = head; e != UINT32_MAX; e = x->next[e]) {
        m_row *row = entry_row(t, x, e);
        int cost = row_match_cost(r, row, p, seg);
        if (cost < 0 || row == hit)
            continue;
        if (best < 0 || cost < best) {
            best = cost;
            hit = row;
            nhits = 1;
        } else if (cost == best) {
            nhits++;
        }
    }
    if (nhits == 1)
        return hit;
    if (nhits == 0) {
        report_no_row(r, t, p);
        return NULL;
    }
    /* The chain runs newest first: collect the matches, note them in
     * source order, and suggest the first one's parent in the hint. */
    m_row **same = arena_alloc(r->a, nhits * sizeof *same);
    size_t nsame = 0;
    for (uint32_t e = head; e != UINT32_MAX && nsame < nhits; e = x->next[e])
        if (row_match_cost(r, entry_row(t, x, e), p, seg) == best && (!nsame || same[nsame - 1] != entry_row(t, x, e)))
            same[nsame++] = entry_row(t, x, e);
    m_row *by_col = row_by_column(r, t, same, nsame, col);
    if (by_col)
        return by_col;
    const m_row *first = same[nsame - 1];
    bool apart = !first->parent;    /* top-level lines of different row blocks */
    for (size_t i = 0; i < nsame && apart; i++)
        apart = !same[i]->parent && (i == 0 || same[i]->block != same[i - 1]->block);
    const m_block *fb = &t->blocks[first->block];
    diag *dg;
    if (apart && fb->ncols)
        dg = diag_add(r->d, DIAG_ERROR, p->at, "ambiguous",
                      "'%s' names %zu lines in %s, one per row block; name a column of one block, such as %s[%s, %s]",
                      p->seg[p->n - 1], nhits, t->id, t->id, p->seg[p->n - 1], t->cols[fb->cols[0]]->path);
    else
        dg = diag_add(r->d, DIAG_ERROR, p->at, "ambiguous", "'%s' names %zu lines in %s; write a path such as %s/%s",
                      p->seg[p->n - 1], nhits, t->id, first->parent ? first->parent->label : _("parent"),
                      p->seg[p->n - 1]);
    while (nsame-- > 0)
        diag_note(r->d, dg, same[nsame]->at, "'%s' is here", model_row_path(r->m, same[nsame]));
    return NULL;
}

/* Binds reference e of check ck, standing in ctx, to its node `node`: its
 * table, row and column, or its list of columns (ck->collist); the node's
 * row stays NULL when it does not resolve. */
static void bind_ref(resolver *r, const ast_expr *e, m_table *ctx, m_check *ck, uint32_t node)
{
    ir_node *x = &ck->ir[node];
    m_table *t = ctx;
    if (e->table) {
        const size_t *ix = pmap_get(&r->table_ids, e->table, NULL);
        if (!ix) {
            if (lost(r, e->table))
                return;
            suggest sg;
            suggest_begin(r, &sg, e->table);
            for (size_t i = 0; i < r->m->ntables; i++)
                suggest_offer(&sg, r->m->tables[i]->id);
            const char *best = suggest_best(&sg);
            if (!best) {
                diag_add(r->d, DIAG_ERROR, e->table_at, "undefined", "no table or narrative named '%s'", e->table);
            } else {
                diag *dg = diag_add(r->d, DIAG_ERROR, e->table_at, "undefined",
                                    "no table or narrative named '%s'; did you mean '%s'?", e->table, best);
                fix_name(r, dg, e->table_at, best);
            }
            return;
        }
        t = r->m->tables[*ix];
    } else if (!t) {
        diag_add(r->d, DIAG_ERROR, e->at, "undefined",
                 "'%s' outside a table: write TABLE[%s]", e->row.seg[e->row.n - 1], e->row.seg[e->row.n - 1]);
        return;
    }
    m_row *row = find_row(r, t, &e->row, &e->col);
    if (!row)
        return;
    x->u.ref.table = t;
    x->u.ref.row = row;
    x->rows = e->row.star;
    x->vec = true;
    if (e->col.n) {
        if (t->narrative) {
            diag_add(r->d, DIAG_ERROR, e->col.at, NULL, "a narrative line has one value; drop the column");
            return;
        }
        m_col *c = find_col(r, t, &e->col, true);
        if (!c) {
            x->u.ref.row = NULL;
            return;
        }
        x->vec = false;
        x->col = (uint32_t)c->index;
    }
    if (e->ncols) {
        if (t->narrative) {
            diag_add(r->d, DIAG_ERROR, e->cols[0].at, NULL, "a narrative line has one value; drop the column");
            x->u.ref.row = NULL;
            return;
        }
        uint32_t *list = arena_alloc(r->a, e->ncols * sizeof *list);
        for (size_t i = 0; i < e->ncols; i++) {
            m_col *c = find_col(r, t, &e->cols[i], true);
            if (!c) {
                x->u.ref.row = NULL;
                return;
            }
            list[i] = (uint32_t)c->index;
        }
        if (!ck->collist) {
            ck->collist = arena_alloc(r->a, ck->nir * sizeof *ck->collist);
            ck->ncollist = arena_alloc(r->a, ck->nir * sizeof *ck->ncollist);
        }
        ck->collist[node] = list;
        ck->ncollist[node] = (uint32_t)e->ncols;
    }
}

/* The check (or placeholder: !of_check) a reference site belongs to. */
static m_check *site_check(resolver *r, bool of_check, const ir_site *site)
{
    return of_check ? &r->m->checks[site->check] : &r->m->phs[site->check].ck;
}

/* Binds every reference of every check and placeholder, in source order,
 * then decides each one's shape. */
static void bind_checks(resolver *r)
{
    m_model *m = r->m;
    for (size_t i = 0; i < r->ir.nsites + r->pir.nsites; i++) {
        const ir_site *site = i < r->ir.nsites ? &r->ir.sites[i] : &r->pir.sites[i - r->ir.nsites];
        m_check *ck = site_check(r, i < r->ir.nsites, site);
        if (site->ref)      /* NULL: bound already (bind_ready) */
            bind_ref(r, site->ref, ck->ctx, ck, site->node);
    }
    for (size_t i = 0; i < m->nchecks + m->nphs; i++) {
        m_check *ck = i < m->nchecks ? &m->checks[i] : &m->phs[i - m->nchecks].ck;
        for (size_t j = 0; j < ck->nops; j++) {
            const ir_node *x = &ck->ir[ck->ops[j].first];
            if (ck->ops[j].n == 1 && x->op == IR_REF && !x->u.ref.row)
                ck->unbound = true;
        }
        ir_shape(r->a, ck);
    }
    ir_builder_free(&r->ir);
    ir_builder_free(&r->pir);
    /* no more references: the line indexes go */
    for (size_t i = 0; i < r->nrix; i++) {
        arena_side_free(r->a, r->rix[i].slot);
        arena_side_free(r->a, r->rix[i].next);
        arena_side_free(r->a, r->rix[i].extra);
    }
    arena_side_free(r->a, r->rix);
    pmap_free(r->a, &r->row_indexes);
    r->rix = NULL;
    r->nrix = r->caprix = 0;
}

/* ---- the file --------------------------------------------------------- */

/* A library: a file that holds only what importers share (imports,
 * classifications, named column sets, templates), such as
 * lib/gov-cn-2022.fisc; an
 * empty file is no library. */
static bool is_library(const ast_file *f)
{
    if (f->nitems == 0)
        return false;
    for (size_t i = 0; i < f->nitems; i++) {
        const ast_item *it = f->items[i];
        if (it->kind != ITEM_IMPORT && it->kind != ITEM_CLASSIFICATION && it->kind != ITEM_TEMPLATE &&
            !(it->kind == ITEM_COLUMNS && it->id))
            return false;
    }
    return true;
}

/* One top-level item of the main file, once the header is known. */
static void top_item(resolver *r, const ast_item *it)
{
    if (library_item(r, it, r->path, 1))
        return;
    switch (it->kind) {
    case ITEM_BUDGET:
        break;
    case ITEM_TABLE:
    case ITEM_NARRATIVE:
        resolve_table(r, it);
        break;
    case ITEM_CHECK:
        add_check(r, it, NULL);
        break;
    case ITEM_ATTR:
        diag_add(r->d, DIAG_ERROR, it->at, NULL, "'%s' belongs inside the budget header or a table",
                 ast_attr_name(it->attr));
        break;
    case ITEM_LINE:
        diag_add(r->d, DIAG_ERROR, it->at, NULL, "a line belongs in a table's rows, a narrative or a classification");
        break;
    case ITEM_PROSE:
        diag_add(r->d, DIAG_ERROR, it->at, NULL, "a line of text belongs in a narrative");
        break;
    default:
        diag_add(r->d, DIAG_ERROR, it->at, NULL, "'%s' belongs in a table", ast_item_kind_name(it->kind));
    }
}

/* After the header, or at the end of a file without one: what the items
 * are resolved with (library: the file is a library). */
static void header_done(resolver *r, const src_file *f, bool library)
{
    if (!r->has_budget && !r->syntax_errors && !(r->o->library_ok && library)) {
        span s = { f, 0, 0 };
        diag_add(r->d, DIAG_ERROR, s, NULL,
                 "no budget header; a fisc file starts with: budget \"部门名称\" { year 2022 }");
    }
    if (!r->has_budget)
        dec_shift(DEC_ONE, 0, &r->m->budget.rounding);
    if (!r->m->budget.unit)
        r->m->budget.unit = unit_lookup("元", strlen("元"));
}

static bool library_kind(const ast_item *it)
{
    return it->kind == ITEM_IMPORT || it->kind == ITEM_CLASSIFICATION || it->kind == ITEM_TEMPLATE ||
           (it->kind == ITEM_COLUMNS && it->id);
}

/* Streaming: the references of the checks compiled since the last call
 * that can be bound now (their table is resolved) are bound; the others
 * (a table named before it is defined) are copied out of the item's tree,
 * to be bound at the end. */
static void bind_ready(resolver *r)
{
    for (int k = 0; k < 2; k++) {
        ir_builder *b = k == 0 ? &r->ir : &r->pir;
        size_t *bound = k == 0 ? &r->bound_sites : &r->bound_psites;
        for (size_t i = *bound; i < b->nsites; i++) {
            ir_site *site = &b->sites[i];
            m_check *ck = site_check(r, k == 0, site);
            const ast_expr *e = site->ref;
            if (!e->table || pmap_get(&r->table_ids, e->table, NULL)) {
                bind_ref(r, e, ck->ctx, ck, site->node);
                site->ref = NULL;
            } else {
                site->ref = ast_copy_ref(r->a, e);
            }
        }
        *bound = b->nsites;
    }
}

static void flush_pending(resolver *r)
{
    for (size_t i = 0; i < r->npending; i++)
        top_item(r, r->pending[i]);
    r->npending = 0;
}

/* parse_stream's on_item: one top-level item of the main file. */
static void stream_item(void *ctx, ast_item *it)
{
    resolver *r = ctx;
    r->all_library = r->all_library && library_kind(it);
    r->any_item = true;
    if (it->kind == ITEM_BUDGET) {
        bool first = !r->has_budget;
        resolve_budget(r, it);
        if (first) {
            header_done(r, r->main_src, false);
            flush_pending(r);
        }
    } else if (!r->has_budget) {
        /* units and rounding come from the header: wait for it */
        if (r->npending == r->cappending) {
            size_t cap = r->cappending ? r->cappending * 2 : 16;
            r->pending = arena_side_grow(r->a, r->pending, r->cappending * sizeof *r->pending,
                                         cap * sizeof *r->pending);
            r->cappending = cap;
        }
        r->pending[r->npending++] = it;
        return;     /* its tree stays until then */
    } else {
        top_item(r, it);
    }
    bind_ready(r);
    arena_reset(r->scratch);
}

/* Sets up r to resolve the file at path into a new model. */
static void resolver_init(resolver *r, arena *a, strtab *names, diag_list *diags, const char *path,
                          const resolve_opts *o, const load_reach *reach)
{
    memset(r, 0, sizeof *r);
    r->o = o;
    r->import_root = o->import_root;
    r->reach = reach;
    r->a = a;
    r->names = names;
    r->d = diags;
    r->path = path;
    r->m = arena_alloc(a, sizeof *r->m);
    r->m->a = a;
    r->m->names = names;
    r->m->record_exact = true;
    r->ir.a = a;
    r->pir.a = a;
}

/* The main file f, streamed: its items resolved as they are parsed, no
 * tree kept (docs/architecture.md §1).  False when the file or its
 * resolution has anything to say (a syntax error, an undefined name ...):
 * the caller then resolves it again from a whole tree, whose diagnostics
 * are the reference.  earlier: diagnostics before this file's. */
static bool resolve_streamed(resolver *r, src_file *f, const diag_list *earlier)
{
    loaded_file *lf = arena_alloc(r->a, sizeof *lf);
    lf->path = r->path;
    lf->src = f;
    lf->dev = f->dev;
    lf->ino = f->ino;
    if (!lf->ino)
        identify(r->path, &lf->dev, &lf->ino);
    lf->active = true;
    r->files = grow(r, r->files, &r->capfiles, r->nfiles, sizeof *r->files);
    r->files[r->nfiles++] = lf;
    r->streaming = true;
    r->main_src = f;
    r->all_library = true;
    r->syntax_errors = diag_count(earlier, DIAG_ERROR) > 0;
    r->m->parsed = !r->syntax_errors;
    r->scratch = arena_new();
    bool ok = parse_stream(r->scratch, r->a, r->names, f, stream_item, r, NULL);
    if (ok && diag_size(r->d) == 0) {
        if (!r->has_budget) {
            header_done(r, f, r->all_library && r->any_item);
            flush_pending(r);
            bind_ready(r);
        }
        check_template(r);
        bind_checks(r);
    }
    arena_free(r->scratch);
    arena_side_free(r->a, r->pending);
    r->scratch = NULL;
    return ok && diag_size(r->d) == 0;
}

/* The main file f, from its whole tree. */
static bool resolve_tree(resolver *r, const char *path, span from, src_file *f, const char *why)
{
    loaded_file *main_file = load_parsed(r, path, from, "read last year's budget", f, why);
    if (!main_file)
        return false;
    main_file->active = true;
    r->main_src = main_file->src;
    r->syntax_errors = diag_count(r->d, DIAG_ERROR) > 0;
    r->m->parsed = !r->syntax_errors;
    const ast_file *af = main_file->ast;
    /* The header first: units and rounding apply to everything after. */
    for (size_t i = 0; i < af->nitems; i++)
        if (af->items[i]->kind == ITEM_BUDGET)
            resolve_budget(r, af->items[i]);
    header_done(r, af->src, is_library(af));
    for (size_t i = 0; i < af->nitems; i++)
        top_item(r, af->items[i]);
    check_template(r);
    bind_checks(r);
    return true;
}

/* Resolves path; `from` is where it was named (for last year's budget),
 * and only the budget compiled, not last year's, loads its previous.
 * reach is the main file's (NULL: this is the main file, make it).  A file
 * is streamed when nothing asks for its tree; when streaming has anything
 * to say, it is resolved again from its tree. */
static m_model *resolve_path(arena *a, strtab *names, diag_list *diags, const char *path, span from,
                             bool with_previous, const resolve_opts *o, const load_reach *reach)
{
    if (!reach) {
        load_reach *rc = arena_alloc(a, sizeof *rc);
        load_reach_init(rc, a, path, o->import_root, libpath_dirs(a, o->lib_dirs, o->nlib_dirs),
                        o->import_anywhere);
        reach = rc;
    }
    resolver rs;
    resolver *r = &rs;
    resolver_init(r, a, names, diags, path, o, reach);
    if (!within_reach(r, path, from, "read last year's budget"))
        return NULL;
    const char *why;
    src_file *f = read_text(r, path, from, &why);
    bool streamed = false;
    const char *no_stream = getenv("FISC_NO_STREAM");   /* tests/stream.sh compares */
    if (f && !o->trees && !(no_stream && *no_stream)) {
        resolver_init(r, a, names, diag_new(a), path, o, reach);
        streamed = resolve_streamed(r, f, diags);
        if (!streamed) {
            ir_builder_free(&r->ir);
            ir_builder_free(&r->pir);
        }
    }
    if (!streamed) {
        resolver_init(r, a, names, diags, path, o, reach);
        if (!resolve_tree(r, path, from, f, why))
            return NULL;
    }
    r->d = diags;
    if (r->m->budget.previous) {
        r->m->budget.previous = locate(r, path, r->m->budget.previous);
        if (with_previous) {
            r->m->prev = resolve_path(a, names, diags, r->m->budget.previous, r->m->budget.previous_at, false,
                                      o, reach);
            if (r->m->prev && r->m->prev->budget.year && r->m->budget.year &&
                r->m->prev->budget.year != r->m->budget.year - 1)
                diag_add(diags, DIAG_WARNING, r->m->budget.previous_at, "previous",
                         "last year's budget is for %d, not %d", r->m->prev->budget.year, r->m->budget.year - 1);
        }
    }
    r->m->sources = arena_alloc(a, r->nfiles * sizeof *r->m->sources);
    for (size_t i = 0; i < r->nfiles; i++)
        r->m->sources[r->m->nsources++] = r->files[i]->src;
    if (o->trees && !from.file) {    /* this budget's, not last year's */
        const ast_file **trees = arena_alloc(a, r->nfiles * sizeof *trees);
        for (size_t i = 0; i < r->nfiles; i++)
            trees[i] = r->files[i]->ast;
        *o->trees = (const struct ast_file **)trees;
    }
    return r->m;
}

m_model *resolve_file(arena *a, strtab *names, diag_list *diags, const char *path)
{
    resolve_opts o = { .with_previous = true };
    return resolve_path(a, names, diags, path, no_span(), true, &o, NULL);
}

m_model *resolve_file_rooted(arena *a, strtab *names, diag_list *diags, const char *path, const char *import_root,
                             bool with_previous)
{
    resolve_opts o = { .import_root = import_root, .with_previous = with_previous };
    return resolve_path(a, names, diags, path, no_span(), with_previous, &o, NULL);
}

m_model *resolve_file_opts(arena *a, strtab *names, diag_list *diags, const char *path, const resolve_opts *o)
{
    return resolve_path(a, names, diags, path, no_span(), o->with_previous, o, NULL);
}

const char *model_row_path(const m_model *m, const m_row *row)
{
    if (row->path)
        return row->path;
    const char *path = row->label;
    if (row->parent) {
        const char *up = model_row_path(m, row->parent);
        size_t nu = strlen(up), nl = strlen(row->label);
        char *buf = arena_alloc(m->a, nu + nl + 2);
        memcpy(buf, up, nu);
        buf[nu] = '/';
        memcpy(buf + nu + 1, row->label, nl + 1);
        path = buf;         /* not interned: paths are compared as labels, and few are shared */
    }
    ((m_row *)row)->path = path;    /* a memo: the row is otherwise unchanged */
    return path;
}

void model_fill_paths(const m_model *m)
{
    for (size_t ti = 0; ti < m->ntables; ti++)
        for (size_t i = 0; i < m->tables[ti]->nrows; i++)
            model_row_path(m, m->tables[ti]->rows[i]);
}

/* The table or narrative with this id, or NULL. */
m_table *model_table(const m_model *m, const char *id)
{
    for (size_t i = 0; i < m->ntables; i++)
        if (strcmp(m->tables[i]->id, id) == 0)
            return m->tables[i];
    return NULL;
}
