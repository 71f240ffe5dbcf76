# A throwaway PostgreSQL for a test script (source it after lib.sh) or a benchmark: `pg_start`
# runs initdb (unless PG_DIR holds a cluster already) and pg_ctl in PG_DIR ($WORK/pg; a Unix
# socket there, no TCP), as the unprivileged user `nobody` when run as root (initdb refuses
# root); the server is stopped when the script exits, passed or failed. Then `pg_url DB [USER]`
# is a conninfo string for peerlog and `pg_sql DB SQL` runs SQL as the superuser `postgres`
# (trust on the socket, in a directory only its owner can enter). PG_OPTIONS: the server's
# settings (default: fsync off, for tests).
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
PG_DIR=${PG_DIR:-${WORK:?source lib.sh first, or set PG_DIR}/pg}
PG_SOCKET="$PG_DIR/run"
PG_OPTIONS=${PG_OPTIONS:--c fsync=off}

# as_server CMD...: runs CMD as the server's owner (nobody when we are root).
as_server() {
    if [ "$(id -u)" -eq 0 ]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups env -i PATH=/usr/bin:/bin "$@"
    else
        "$@"
    fi
}

pg_stop() {
    if [ -f "$PG_DIR/data/postmaster.pid" ]; then
        as_server "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1
    fi
}

# pg_start: initdb and start; exits the test (failing) when PostgreSQL is missing or will not
# start, so CI never skips these tests silently.
pg_start() {
    if [ ! -x "$PG_BIN/initdb" ]; then
        echo "FAIL: no PostgreSQL server programs (initdb, pg_ctl) under /usr/lib/postgresql:" \
            "sh .ci/install-deps" >&2
        exit 1
    fi
    # The script's own exit trap (lib.sh removes $WORK) runs after the server is stopped.
    local previous
    previous=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT\$/\1/")
    trap "pg_stop; $previous" EXIT
    mkdir -p "$PG_DIR/data" "$PG_SOCKET"
    if [ "$(id -u)" -eq 0 ]; then
        # nobody may pass through to its own directories, and list nothing
        chmod o+x "$(dirname "$PG_DIR")"
        chown 65534:65534 "$PG_DIR/data" "$PG_SOCKET"
    fi
    chmod 700 "$PG_DIR/data" "$PG_SOCKET"
    if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
        as_server "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust --no-locale -E UTF8 \
            --no-sync >"$PG_DIR/initdb.log" 2>&1 || {
            cat "$PG_DIR/initdb.log" >&2
            echo "FAIL: initdb" >&2
            exit 1
        }
    fi
    as_server "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/data/server.log" -w \
        -o "-c listen_addresses='' -c unix_socket_directories='$PG_SOCKET' $PG_OPTIONS" \
        start >/dev/null || {
        cat "$PG_DIR/data/server.log" >&2
        echo "FAIL: pg_ctl start" >&2
        exit 1
    }
}

# pg_url DB [USER]: the conninfo string of database DB as USER (default postgres).
pg_url() { printf 'host=%s dbname=%s user=%s' "$PG_SOCKET" "$1" "${2:-postgres}"; }

# pg_sql DB SQL: runs SQL as postgres; prints the result unaligned, tuples only.
pg_sql() {
    PGPASSWORD= PGOPTIONS="-c client_min_messages=warning" \
        psql -X -q -A -t -v ON_ERROR_STOP=1 -h "$PG_SOCKET" -U postgres -d "$1" -c "$2"
}

# pg_createdb NAME: a new, empty database.
pg_createdb() { pg_sql postgres "CREATE DATABASE \"$1\""; }
