#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the storage tests of examples/.
#
#   eval "$(scripts/pg.sh start)"        # prints: export BILLING_PG_DIR=… BILLING_TEST_DATABASE=…
#   (cd examples && go test ./...)
#   scripts/pg.sh stop "$BILLING_PG_DIR"
#
#   scripts/pg.sh run CMD [ARG…]          # start, run CMD with both variables set, stop (also on failure)
#   scripts/pg.sh install                 # only install PostgreSQL when missing, and print its version
#
# start [DIR] installs Debian's postgresql package when no initdb is found (as root, with apt-get), then creates a
# cluster in DIR (an empty directory; default: a new mktemp directory): its data directory DIR/data, its unix socket
# and log in DIR, a free port from 55432 up, listening on 127.0.0.1 only, trust authentication, superuser "billing",
# fsync off (nothing in it is kept). initdb and postgres refuse to run as root: as root the cluster belongs to the
# postgres user that Debian's package creates, or to a billingci user made for it.
#
# stop DIR stops the cluster of DIR by its pid file (pg_ctl stop -m fast; the postmaster's pid from DIR/data/
# postmaster.pid if pg_ctl fails) and removes DIR. It stops nothing else, and does nothing to a directory that
# start did not make.
set -euo pipefail

marker=.billing-pg # in a directory that start made, so that stop never removes another one

log() { printf 'pg.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

# bindir prints the directory of initdb and pg_ctl, installing Debian's postgresql package if there is none.
bindir() {
	local found
	if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
		dirname "$(command -v pg_ctl)"
		return 0
	fi
	found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	if [ -z "$found" ] || [ ! -x "$found/initdb" ]; then
		[ "$(id -u)" -eq 0 ] || die "no initdb found: install PostgreSQL (Debian: apt-get install postgresql), or run as root"
		log "installing Debian's postgresql package"
		# The package would create and start a cluster of its own on port 5432: it is not wanted here.
		if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
			mkdir -p /etc/postgresql-common
			echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf
		fi
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Options::=--force-confold postgresql >/dev/null
		found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
		[ -n "$found" ] && [ -x "$found/initdb" ] || die "postgresql installed, but no /usr/lib/postgresql/*/bin/initdb"
	fi
	echo "$found"
}

# owner prints the user the cluster runs as: the caller, or an unprivileged user when the caller is root.
owner() {
	if [ "$(id -u)" -ne 0 ]; then
		id -un
	elif id postgres >/dev/null 2>&1; then
		echo postgres
	else
		id billingci >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin billingci
		echo billingci
	fi
}

# as USER CMD… runs CMD as USER (as itself when USER is the caller).
as() {
	local user=$1
	shift
	if [ "$user" = "$(id -un)" ]; then
		"$@"
	else
		runuser -u "$user" -- "$@"
	fi
}

# port_free PORT: nothing accepts connections on 127.0.0.1:PORT.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
	local dir=${1:-} bin user port
	if [ -z "$dir" ]; then
		dir=$(mktemp -d "${TMPDIR:-/tmp}/billing-pg.XXXXXX")
	fi
	[ -d "$dir" ] || die "start: $dir is not a directory"
	[ -z "$(ls -A "$dir")" ] || die "start: $dir is not empty"
	touch "$dir/$marker"
	bin=$(bindir)
	user=$(owner)
	[ "$user" = "$(id -un)" ] || chown "$user" "$dir"
	chmod 700 "$dir"

	as "$user" "$bin/initdb" -D "$dir/data" -U billing --auth=trust -E UTF8 --no-locale -N >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; die "initdb failed"; }

	for port in $(seq 55432 55532); do
		port_free "$port" || continue
		if as "$user" "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
			-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
			start >/dev/null; then
			log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port as $user, in $dir"
			echo "export BILLING_PG_DIR='$dir'"
			echo "export BILLING_TEST_DATABASE='postgres://billing@127.0.0.1:$port/postgres?sslmode=disable'"
			return 0
		fi
		# Another process may have taken the port between the check and the start: try the next one.
		grep -q 'could not bind\|Address already in use' "$dir/postgres.log" 2>/dev/null || {
			cat "$dir/postgres.log" >&2
			die "pg_ctl start failed"
		}
	done
	die "no free port in 55432-55532"
}

stop() {
	local dir=${1:?stop needs the directory that start made} pid
	[ -d "$dir" ] || return 0
	[ -e "$dir/$marker" ] || die "stop: $dir was not made by pg.sh start; leaving it alone"
	if [ -f "$dir/data/postmaster.pid" ]; then
		local bin user
		bin=$(bindir)
		user=$(stat -c %U "$dir/data")
		if ! as "$user" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1; then
			pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
			if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
				for _ in $(seq 50); do
					kill -0 "$pid" 2>/dev/null || break
					sleep 0.1
				done
			fi
		fi
	fi
	rm -rf "$dir"
}

run() {
	[ $# -gt 0 ] || die "run needs a command"
	run_dir=$(mktemp -d "${TMPDIR:-/tmp}/billing-pg.XXXXXX") # global: the EXIT trap reads it
	trap 'set +e; stop "$run_dir"' EXIT
	eval "$(start "$run_dir")"
	"$@"
}

case ${1:-} in
install) "$(bindir)/postgres" --version ;;
start) shift; start "$@" ;;
stop) shift; stop "$@" ;;
run) shift; run "$@" ;;
*) die "usage: pg.sh install | start [DIR] | stop DIR | run CMD [ARG…]" ;;
esac
