# fisc: plain GNU make.  `make` builds build/fisc, `make test` runs every
# test layer, `make asan` does both again with sanitizers in build-asan/.
# Other folders are selected by BUILD (the sanitizer build is this same
# makefile run again with BUILD, OPT and SAN overridden).

BUILD  ?= build
PREFIX ?= /usr/local
DESTDIR ?=
# Where `make install` puts the editor files (docs/editors.md): Vim's
# system-wide folder, and Neovim's site folder (on its XDG_DATA_DIRS).
VIMDIR  ?= $(PREFIX)/share/vim/vimfiles
NVIMDIR ?= $(PREFIX)/share/nvim/site
OPT    ?= -O2 -g
SAN    ?=

WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wpointer-arith -Wformat=2 -Wundef -Wvla
# re2c and Bison output trips a few of the warnings above; only the
# generated files get these exemptions.
GENWARN = -Wno-unused-function -Wno-unused-but-set-variable \
          -Wno-unused-parameter -Wno-missing-prototypes -Wno-sign-compare \
          -Wno-implicit-fallthrough

CPPFLAGS_ALL = -D_POSIX_C_SOURCE=200809L -Iinclude -I$(BUILD) -MMD -MP $(CPPFLAGS)
CFLAGS_ALL   = -std=c11 $(OPT) $(SAN) $(CFLAGS)
LDFLAGS_ALL  = $(SAN) $(LDFLAGS)
# libxlsxwriter writes the workbook, jansson tables.json (.ci/deps.sh
# installs both).
LDLIBS      += -lxlsxwriter -ljansson
COMPILE      = $(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL)

# Every src/*.c is part of the program; the grammar is compiled once its
# files exist (and from then on is required).
SRC     := $(wildcard src/*.c)
OBJ     := $(SRC:src/%.c=$(BUILD)/%.o)
GEN_OBJ :=
GEN_H   :=
ifneq ($(wildcard grammar/parser.y),)
GEN_OBJ += $(BUILD)/parser.o $(BUILD)/parser_fast.o
GEN_H   += $(BUILD)/parser.h
endif
ifneq ($(wildcard grammar/lexer.re),)
GEN_OBJ += $(BUILD)/lexer.o
endif
ALL_OBJ := $(OBJ) $(GEN_OBJ)
LIB_OBJ := $(filter-out $(BUILD)/main.o,$(ALL_OBJ))

ifneq ($(wildcard src/main.c),)
PROG := $(BUILD)/fisc
endif

TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

# What `make install` puts beside the program, made at build time: the
# manual pages and the shell completions.  tools/cligen.c makes fisc.1's
# option lists and both completions from the command table
# (src/cli_table.c); lowdown turns docs/language.md into fisc-language(7).
DIST       := $(BUILD)/dist
DIST_FILES := $(DIST)/fisc.1 $(DIST)/fisc-language.7 $(DIST)/fisc.bash $(DIST)/_fisc

# The message catalogues (docs/i18n.md): po/LANG.po compiled to
# $(BUILD)/locale/LANG/LC_MESSAGES/fisc.mo, where the program finds them
# when run from the build tree (i18n.h); make install puts them in
# share/locale.  msgfmt --check refuses a translation whose %-directives
# differ from its message's.
LINGUAS := $(basename $(notdir $(wildcard po/*.po)))
MO      := $(LINGUAS:%=$(BUILD)/locale/%/LC_MESSAGES/fisc.mo)

# Run by tests/run.sh's callers: extra environment for the test run.
TEST_ENV ?=

.PHONY: all deps test asan valgrind fuzz example publish-example install uninstall clean docs pot po

all: deps $(ALL_OBJ) $(PROG) $(DIST_FILES) $(MO)
ifeq ($(PROG),)
	@echo "fisc: src/main.c does not exist yet; built the objects only"
endif

# Installs re2c, bison and cmocka when missing (fast when present).  As an
# order-only prerequisite it runs before any tool is needed without making
# anything out of date.
deps:
	@.ci/deps.sh

# The language server (src/lsp*.c) reads JSON with jansson.
LDLIBS += -ljansson

$(BUILD)/fisc: $(ALL_OBJ)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: src/%.c | $(GEN_H)
	@mkdir -p $(@D)
	$(COMPILE) $(WARN) -c -o $@ $<

# Generators run with relative paths: their #line directives embed them.
$(BUILD)/parser.c $(BUILD)/parser.h &: grammar/parser.y | deps
	@mkdir -p $(BUILD)
	bison -Wall -Werror -o $(BUILD)/parser.c --header=$(BUILD)/parser.h grammar/parser.y

# The same grammar without lookahead correction: the first, fast pass
# (parser.y explains the two passes).
$(BUILD)/parser_fast.c $(BUILD)/parser_fast.h &: grammar/parser.y | deps
	@mkdir -p $(BUILD)
	bison -Wall -Werror -F parse.lac=none -F api.prefix={fiscf_} \
	  -o $(BUILD)/parser_fast.c --header=$(BUILD)/parser_fast.h grammar/parser.y

$(BUILD)/lexer.c: grammar/lexer.re | deps
	@mkdir -p $(BUILD)
	re2c -8 -W -Werror --no-generation-date --no-version -i -o $@ grammar/lexer.re

# The lexer includes the token definitions from parser.h.
$(BUILD)/lexer.o: $(BUILD)/lexer.c $(GEN_H)
	$(COMPILE) $(WARN) $(GENWARN) -c -o $@ $<

$(BUILD)/parser.o: $(BUILD)/parser.c $(BUILD)/parser.h
	$(COMPILE) $(WARN) $(GENWARN) -c -o $@ $<

$(BUILD)/parser_fast.o: $(BUILD)/parser_fast.c $(BUILD)/parser_fast.h
	$(COMPILE) $(WARN) $(GENWARN) -DPARSER_FAST -c -o $@ $<

$(BUILD)/cligen: tools/cligen.c $(LIB_OBJ)
	$(COMPILE) $(WARN) $(LDFLAGS_ALL) -o $@ $< $(LIB_OBJ) $(LDLIBS)

$(DIST)/fisc.1: man/fisc.1.in $(BUILD)/cligen
	@mkdir -p $(@D)
	$(BUILD)/cligen man man/fisc.1.in >$@.tmp && mv $@.tmp $@

$(DIST)/fisc.bash: $(BUILD)/cligen
	@mkdir -p $(@D)
	$(BUILD)/cligen bash >$@.tmp && mv $@.tmp $@

$(DIST)/_fisc: $(BUILD)/cligen
	@mkdir -p $(@D)
	$(BUILD)/cligen zsh >$@.tmp && mv $@.tmp $@

$(DIST)/fisc-language.7: docs/language.md | deps
	@mkdir -p $(@D)
	lowdown -s -Tman -m "title: fisc-language" -m "section: 7" -m "source: fisc" docs/language.md >$@.tmp && mv $@.tmp $@

$(BUILD)/locale/%/LC_MESSAGES/fisc.mo: po/%.po | deps
	@mkdir -p $(@D)
	msgfmt --check -o $@.tmp $< && mv $@.tmp $@

# Every message in the source, for translators: make po brings each
# po/LANG.po up to date with it (new messages untranslated, changed ones
# fuzzy, lost ones dropped); translate those, then make test
# (tests/i18n.sh says what is missing).  No line numbers and no date go
# into the catalogue, so two people's make po merge cleanly.  docs/i18n.md.
pot: | deps
	@mkdir -p $(BUILD)
	po/extract.sh $(BUILD)/fisc.pot

po: pot
	for l in $(LINGUAS); do \
	  msgmerge --quiet --update --backup=none --no-wrap --no-location po/$$l.po $(BUILD)/fisc.pot && \
	  msgattrib --no-obsolete --no-wrap -o po/$$l.po po/$$l.po && \
	  sed -i '/^"POT-Creation-Date: /d' po/$$l.po || exit 1; \
	done
	@for l in $(LINGUAS); do printf 'po/%s.po: ' $$l; msgfmt --statistics -o /dev/null po/$$l.po; done

# One cmocka binary per tests/unit/test_*.c, linked with every object but
# main.o.
$(BUILD)/tests/%.o: tests/unit/%.c | deps $(GEN_H)
	@mkdir -p $(@D)
	$(COMPILE) $(WARN) -c -o $@ $<

# Keep the test objects: make would delete them as intermediates.
.SECONDARY: $(TEST_BIN:=.o)

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(LIB_OBJ)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ -lcmocka $(LDLIBS)

# test_lsp talks to the built server: it needs build/fisc first.
$(BUILD)/tests/test_lsp: | $(PROG)

test: all $(TEST_BIN)
	$(TEST_ENV) FISC=$(BUILD)/fisc tests/run.sh $(BUILD)/tests

# The sample outputs quoted in README.md and docs/*.md, rewritten from
# what fisc prints now (tests/docs.sh; make test checks them).
docs: all
	FISC=$(BUILD)/fisc bash tests/docs.sh --update

asan:
	@$(MAKE) --no-print-directory BUILD=build-asan OPT='-O1 -g' \
	  SAN='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
	  TEST_ENV='ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1' \
	  test

# libFuzzer targets tests/fuzz/fuzz_*.c (clang, ASan+UBSan): every object
# is built again in build-fuzz/, then tests/fuzz/fuzz.sh links and runs
# each target for FUZZ_SECONDS (fmt and diff once their sources exist).
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
fuzz:
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=$(FUZZ_CC) OPT='-O1 -g' \
	  SAN='-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
	  all
	FUZZ_CC=$(FUZZ_CC) FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_LDLIBS="$(LDLIBS)" tests/fuzz/fuzz.sh

# The CLI and golden layers under valgrind (the unit binaries are skipped).
valgrind: all
	MUTATE_EVERY=25 FISC='valgrind -q --error-exitcode=99 --leak-check=full $(BUILD)/fisc' tests/run.sh

example: all
	@mkdir -p out
	$(BUILD)/fisc build examples/longgang-2022.fisc -o out/longgang-2022
	@echo "wrote out/longgang-2022/: $$(ls out/longgang-2022 | tr '\n' ' ')"

# The printable document of the example: its index.html printed to PDF by
# headless Chromium (docs/publish.md).
publish-example: example
	tools/print-pdf.sh out/longgang-2022/index.html out/longgang-2022.pdf
	@echo "wrote out/longgang-2022.pdf ($$(pdfinfo out/longgang-2022.pdf | awk '/^Pages:/ { print $$2 }') pages)"

# Benchmarks (docs/performance.md): bench/run.sh generates 10k, 100k and
# 1M-line budgets into $(BUILD)/bench and times fisc on them; bench-compare
# also times ledger and hledger on the equivalent journals.  The bench
# tools are always optimised, whatever OPT says.
.PHONY: bench bench-compare bench-tools bench-lsp
BENCH_CC = $(CC) -std=c11 -O2 -D_POSIX_C_SOURCE=200809L $(WARN)

$(BUILD)/bench-gen: bench/gen.c
	@mkdir -p $(@D)
	$(BENCH_CC) -o $@ $<

$(BUILD)/bench-floor: bench/floor.c
	@mkdir -p $(@D)
	$(BENCH_CC) -o $@ $<

# The language server's client for bench-lsp (bench/lsp.c).
$(BUILD)/bench-lsp: bench/lsp.c
	@mkdir -p $(@D)
	$(BENCH_CC) -o $@ $<

bench-tools: $(BUILD)/bench-gen $(BUILD)/bench-floor $(BUILD)/bench-lsp

bench: all bench-tools
	@bench/deps.sh
	BUILD=$(BUILD) FISC=$(BUILD)/fisc bench/run.sh
	@$(MAKE) --no-print-directory bench-lsp

# The language server (docs/editors.md): change -> diagnostics on a
# 1,700-line budget, and memory across LSP_EDITS edits.
LSP_EDITS ?= 10000
bench-lsp: all $(BUILD)/bench-gen $(BUILD)/bench-lsp
	@mkdir -p $(BUILD)/bench
	$(BUILD)/bench-gen 1700 1 >$(BUILD)/bench/lsp-1700.fisc
	$(BUILD)/bench-lsp $(BUILD)/fisc $(BUILD)/bench/lsp-1700.fisc $(LSP_EDITS)
	$(BUILD)/bench-lsp $(BUILD)/fisc examples/longgang-2022.fisc 1000

bench-compare: all bench-tools
	@bench/deps.sh --compare
	BUILD=$(BUILD) FISC=$(BUILD)/fisc bench/run.sh --compare

# Installs the program, its manual pages, the shell completions, the
# message catalogues (share/locale/LANG/LC_MESSAGES/fisc.mo), the
# classification libraries (share/fisc/lib: imports find them by name,
# see include/libpath.h), the documentation with the licence, and the
# editor files.  PREFIX and DESTDIR as usual.
SHARE := $(DESTDIR)$(PREFIX)/share
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(SHARE)/doc/fisc $(SHARE)/man/man1 $(SHARE)/man/man7 \
	  $(SHARE)/fisc/lib $(SHARE)/bash-completion/completions $(SHARE)/zsh/site-functions
	install -m 755 $(BUILD)/fisc $(DESTDIR)$(PREFIX)/bin/fisc
	install -m 644 README.md LICENSE $(wildcard docs/*.md) $(SHARE)/doc/fisc
	install -m 644 $(DIST)/fisc.1 $(SHARE)/man/man1/fisc.1
	install -m 644 $(DIST)/fisc-language.7 $(SHARE)/man/man7/fisc-language.7
	install -m 644 $(wildcard lib/*.fisc) $(SHARE)/fisc/lib
	install -m 644 $(DIST)/fisc.bash $(SHARE)/bash-completion/completions/fisc
	install -m 644 $(DIST)/_fisc $(SHARE)/zsh/site-functions/_fisc
	for l in $(LINGUAS); do \
	  install -d $(SHARE)/locale/$$l/LC_MESSAGES && \
	  install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/fisc.mo $(SHARE)/locale/$$l/LC_MESSAGES/fisc.mo || exit 1; \
	done
	for d in $(VIMDIR) $(NVIMDIR); do \
	  for k in ftdetect syntax ftplugin; do \
	    install -d $(DESTDIR)$$d/$$k && install -m 644 editors/vim/$$k/fisc.vim $(DESTDIR)$$d/$$k/fisc.vim || exit 1; \
	  done; \
	done
	install -d $(DESTDIR)$(NVIMDIR)/lua/fisc
	install -m 644 editors/vim/lua/fisc/lsp.lua $(DESTDIR)$(NVIMDIR)/lua/fisc/lsp.lua

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/fisc $(SHARE)/man/man1/fisc.1 $(SHARE)/man/man7/fisc-language.7
	rm -f $(SHARE)/bash-completion/completions/fisc $(SHARE)/zsh/site-functions/_fisc
	rm -f $(foreach l,$(LINGUAS),$(SHARE)/locale/$(l)/LC_MESSAGES/fisc.mo)
	rm -rf $(SHARE)/doc/fisc $(SHARE)/fisc
	rm -f $(foreach d,$(VIMDIR) $(NVIMDIR),$(foreach k,ftdetect syntax ftplugin,$(DESTDIR)$(d)/$(k)/fisc.vim))
	rm -f $(DESTDIR)$(NVIMDIR)/lua/fisc/lsp.lua

clean:
	rm -rf build build-asan build-fuzz out

-include $(ALL_OBJ:.o=.d) $(TEST_BIN:=.d) $(BUILD)/cligen.d
