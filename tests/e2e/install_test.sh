# cmake --install to a temporary prefix: binary, library, headers, CMake package, pkg-config
# file, manual pages and completions; then examples/embed builds against it and runs.
source "$(dirname "$0")/lib.sh"
BUILD=$(dirname "$PEERLOG")
PREFIX="$WORK/prefix"
# A sanitizer build's library needs the same runtime in whatever links it.
extra_flags=""
grep -q '^PEERLOG_SANITIZE:BOOL=ON' "$BUILD/CMakeCache.txt" && extra_flags="-fsanitize=address,undefined"

cmake --install "$BUILD" --prefix "$PREFIX" >"$WORK/install.log" 2>&1
RC=$?
expect_rc 0 "cmake --install to a temporary prefix"
for file in bin/peerlog lib/libpeerlog.a include/peerlog/journal.hpp include/peerlog/import.hpp \
    lib/cmake/peerlog/peerlogConfig.cmake lib/cmake/peerlog/peerlogConfigVersion.cmake \
    lib/cmake/peerlog/peerlogTargets.cmake lib/pkgconfig/peerlog.pc \
    share/man/man1/peerlog-session.1 share/man/man1/peerlog-import.1 \
    share/man/man5/peerlog-config.5 share/bash-completion/completions/peerlog \
    share/man/man1/peerlog-init.1 share/man/man1/peerlog-passphrase.1 \
    share/man/man1/peerlog-config.1 share/man/man1/peerlog-help.1 \
    share/zsh/site-functions/_peerlog share/fish/vendor_completions.d/peerlog.fish \
    share/peerlog/sql/team/001_tables.sql share/man/man1/peerlog-team.1 \
    libexec/peerlog/peerlog-team; do
    expect_eq "$([ -f "$PREFIX/$file" ] && echo installed)" "installed" "$file is installed"
done
if command -v groff >/dev/null; then
    expect_eq "$([ -f "$PREFIX/share/peerlog/man-text/peerlog-session.1.txt" ] && echo installed)" \
        "installed" "the pages' text is installed for help without man"
fi

# The completions are where the shells look for this prefix: for /usr/local, zsh's fpath has
# share/zsh/site-functions (Debian's zsh has no .../vendor-completions there but /usr's), and
# fish reads share/fish/vendor_completions.d under each XDG_DATA_DIRS directory.
if command -v zsh >/dev/null; then
    OUT=$(zsh -fc 'print -l $fpath')
    expect_out_has "/usr/local/share/zsh/site-functions" "zsh looks in /usr/local/share/zsh/site-functions"
    OUT=$(zsh -fc 'fpath=("$1" $fpath); autoload -U compinit; compinit -u -D
                   print -r -- ${_comps[peerlog]}' _ "$PREFIX/share/zsh/site-functions" 2>&1)
    expect_eq "$OUT" "_peerlog" "compinit finds _peerlog in PREFIX/share/zsh/site-functions"
fi
if command -v fish >/dev/null; then
    OUT=$(XDG_DATA_DIRS="$PREFIX/share:/usr/share" fish -c 'printf "%s\n" $fish_complete_path')
    expect_out_has "$PREFIX/share/fish/vendor_completions.d" "fish looks in PREFIX/share/fish/vendor_completions.d"
    OUT=$(PATH="$PREFIX/bin:$PATH" XDG_DATA_DIRS="$PREFIX/share:/usr/share" \
        fish -c 'complete -C "peerlog ses"' | cut -f1)
    expect_eq "$OUT" "session" "and completes peerlog ses<Tab> from there"
fi

OUT=$(MANWIDTH=80 man -M "$PREFIX/share/man" peerlog-session 2>&1)
expect_out_has "log and review contacts with peers" "man -M PREFIX/share/man peerlog-session"
OUT=$(MANWIDTH=80 man -M "$PREFIX/share/man" 5 peerlog-config 2>&1)
expect_out_has "busy_timeout_ms" "man 5 peerlog-config"

# The installed binary's completion loads in bash and completes `peerlog ses` to session (called
# as bash calls it: the line, the cursor, the words, and the command, word and previous word).
OUT=$(bash -c 'source <("$1" completion bash); COMP_LINE="peerlog ses" COMP_POINT=11
               COMP_WORDS=(peerlog ses); COMP_CWORD=1; _peerlog peerlog ses peerlog
               echo "${COMPREPLY[*]}"' _ "$PREFIX/bin/peerlog")
expect_eq "$OUT" "session" "the installed completion completes peerlog ses<Tab>"

# `peerlog help session` on a terminal opens the installed page (script gives it a terminal).
if command -v script >/dev/null; then
    OUT=$(MANPAGER=cat PAGER=cat MANWIDTH=80 script -qec "'$PREFIX/bin/peerlog' help session" /dev/null 2>&1)
    expect_out_has "PEERLOG-SESSION(1)" "help session shows the manual page on a terminal"
    OUT=$(MANPAGER=cat PAGER=cat MANWIDTH=80 script -qec "'$PREFIX/bin/peerlog' help config" /dev/null 2>&1)
    expect_out_has "PEERLOG-CONFIG(1)" "help config shows peerlog-config(1), the commands"
    OUT=$(MANPAGER=cat PAGER=cat MANWIDTH=80 script -qec "'$PREFIX/bin/peerlog' help passphrase" /dev/null 2>&1)
    expect_out_has "PEERLOG-PASSPHRASE(1)" "help passphrase shows its page"
    if command -v groff >/dev/null; then
        mkdir -p "$WORK/noman"
        OUT=$(PAGER=cat script -qec "PATH='$WORK/noman' '$PREFIX/bin/peerlog' help session" /dev/null 2>&1)
        expect_out_has "peerlog-session - log and review contacts with peers" \
            "without man the installed binary prints the page's text"
    fi
fi

# examples/embed: find_package(peerlog) from the installed package, built and run.
cmake -S "$PEERLOG_SOURCE_DIR/examples/embed" -B "$WORK/embed" -DCMAKE_PREFIX_PATH="$PREFIX" \
    -DCMAKE_EXE_LINKER_FLAGS="$extra_flags" >"$WORK/embed.log" 2>&1 &&
    cmake --build "$WORK/embed" >>"$WORK/embed.log" 2>&1
RC=$?
expect_rc 0 "examples/embed configures and builds against the installed package"
[ "$RC" -eq 0 ] || cat "$WORK/embed.log" >&2
OUT=$("$WORK/embed/weekly_json" "$WORK/embed.db" 2>"$WORK/err")
RC=$?
expect_rc 0 "the embedded program runs"
expect_json '.kind' '"peerlog.export"' "it renders the export JSON"
expect_json '.sessions[0].peer' '"EMBED-1"' "with the session it added"
expect_json '.totals.minutes' '50' "and the week's totals"
# --help is a request for the usage, not a journal to create; no argument is a usage error.
mkdir -p "$WORK/cwd"
OUT=$(cd "$WORK/cwd" && "$WORK/embed/weekly_json" --help 2>&1)
RC=$?
expect_rc 0 "weekly_json --help"
expect_out_has "usage: weekly_json JOURNAL_PATH" "prints the usage"
expect_eq "$(ls -A "$WORK/cwd")" "" "and creates no file named --help"
OUT=$(cd "$WORK/cwd" && "$WORK/embed/weekly_json" 2>&1)
RC=$?
expect_rc 2 "weekly_json without a journal path"
expect_out_has "usage: weekly_json JOURNAL_PATH" "prints the usage too"
OUT=$(cd "$WORK/cwd" && "$WORK/embed/weekly_json" --jornal x.db 2>&1)
RC=$?
expect_rc 2 "an option it does not know"
expect_eq "$(ls -A "$WORK/cwd")" "" "creates nothing either"

# pkg-config: the same program compiled with the flags peerlog.pc gives.
flags=$(PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig" pkg-config --cflags --libs peerlog)
RC=$?
expect_rc 0 "pkg-config knows peerlog"
OUT=$flags
expect_out_has "-lpeerlog" "pkg-config --libs names the library"
g++ $extra_flags "$PEERLOG_SOURCE_DIR/examples/embed/main.cpp" $flags -o "$WORK/pc_embed" 2>"$WORK/err"
RC=$?
expect_rc 0 "the example compiles with pkg-config's flags"
OUT=$("$WORK/pc_embed" "$WORK/pc.db" 2>/dev/null)
expect_json '.totals.sessions' '1' "and runs"

finish
