#!/usr/bin/env bash
# Runs every test of the solution on a bare Debian 12 machine with the .NET SDK, installing
# what the tests need first: once on SQLite (everything), then the Core and HTTP tests again on a
# PostgreSQL server of its own, stopped at the end whatever happens. Ends with one line,
# "N passed, N failed, N skipped", read from both passes' TRX results; exits non-zero when a test
# failed or a run did not complete.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# The browser tests drive Debian's Chromium; the email tests use aiosmtpd as an SMTP server; the accessibility
# tests inject axe-core, which npm installs. The second pass runs on PostgreSQL; the cluster tests start
# deploy/local-cluster.sh (PostgreSQL, Redis, nginx).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}"
  # The tests start servers of their own on free ports: the packages' services must not start on their default
  # ports (Debian's policy-rc.d says so to the packages' scripts), and are not left running.
  no_services=false
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
    as_root chmod 755 /usr/sbin/policy-rc.d
    no_services=true
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  if $no_services; then
    as_root rm -f /usr/sbin/policy-rc.d
  fi
fi

dotnet tool restore
(cd GymAutomation.Tests/Browser/Axe && npm ci --no-audit --no-fund)

rm -rf TestResults
mkdir -p TestResults

# The PostgreSQL the second pass uses: a server of its own (initdb in a temporary folder, on a free port of the
# loopback), as the postgres user when this runs as root, stopped on the way out whatever happens.
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
pg_folder="$(mktemp -d /tmp/gym-ci-postgres.XXXXXX)"
pg_port="$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
stop_postgres() {
  as_postgres "$pg_bin/pg_ctl" stop -w -m immediate -D "$pg_folder/data" >/dev/null 2>&1 || true
  rm -rf "$pg_folder"
}
trap stop_postgres EXIT
[ "$(id -u)" -ne 0 ] || chown postgres: "$pg_folder"
as_postgres "$pg_bin/initdb" -D "$pg_folder/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
# Speed over durability: the data is thrown away at the end.
as_postgres "$pg_bin/pg_ctl" start -w -D "$pg_folder/data" -l "$pg_folder/postgres.log" \
  -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$pg_folder -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null
# Each test makes a database of its own and drops it WITH (FORCE), which needs CREATEDB and pg_signal_backend.
as_postgres "$pg_bin/psql" -q -h "$pg_folder" -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE gym_tests LOGIN CREATEDB PASSWORD 'gym_tests'" -c "GRANT pg_signal_backend TO gym_tests"

# Both passes: the cluster tests run two instances on this server whatever the pass.
export GYM_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=gym_tests;Password=gym_tests"

status=0
# A hung test ends the run after 15 minutes instead of holding CI until its own limit.
dotnet test GymAutomation.sln \
  --logger "trx;LogFilePrefix=sqlite" \
  --results-directory TestResults \
  --blame-hang-timeout 15m --blame-hang-dump-type none \
  || status=$?

# The second pass: the Core and HTTP tests on PostgreSQL (GymAutomation.Tests/Support/TestDatabases.cs), each on a
# database of its own. Left out, as they do not depend on the database provider or are about SQLite itself:
#   Browser       drives Chromium against the app: the pages are the same on either provider, and it is the slowest part;
#   Faults        SIGKILLs the CLI over a SQLite file and fills a small disk under it;
#   Cluster       runs on PostgreSQL already (deploy/local-cluster.sh);
#   CommandLine   runs the verbs on SQLite files (CommandLineGym);
#   Architecture, Localization, Docs   read the code, the texts and the documents, not a database;
#   Data.DamagedDatabaseTests, Data.SqliteWriteGateTests   are about the SQLite file and its write gate;
#   Data.MigrationsInStepTests   checks both providers' migrations in one run already;
#   Provider=Sqlite   tests about SQLite's own files and locks (each says why beside its trait).
postgres_filter="$(printf '%s&' \
  'FullyQualifiedName!~GymAutomation.Tests.Browser.' \
  'FullyQualifiedName!~GymAutomation.Tests.Faults.' \
  'FullyQualifiedName!~GymAutomation.Tests.Cluster.' \
  'FullyQualifiedName!~GymAutomation.Tests.CommandLine.' \
  'FullyQualifiedName!~GymAutomation.Tests.Architecture.' \
  'FullyQualifiedName!~GymAutomation.Tests.Localization.' \
  'FullyQualifiedName!~GymAutomation.Tests.Docs.' \
  'FullyQualifiedName!~GymAutomation.Tests.Data.DamagedDatabaseTests' \
  'FullyQualifiedName!~GymAutomation.Tests.Data.SqliteWriteGateTests' \
  'FullyQualifiedName!~GymAutomation.Tests.Data.MigrationsInStepTests' \
  'Provider!=Sqlite')"
postgres_started=$(date +%s)
GYM_TEST_PROVIDER=Postgres \
dotnet test GymAutomation.Tests --no-build \
  --filter "${postgres_filter%&}" \
  --logger "trx;LogFilePrefix=postgres" \
  --results-directory TestResults \
  --blame-hang-timeout 15m --blame-hang-dump-type none \
  || status=$?
echo "The PostgreSQL pass took $(( $(date +%s) - postgres_started )) s."

/usr/bin/python3 - "$status" TestResults <<'PY'
import glob, os, sys
import xml.etree.ElementTree as ET

status, folder = int(sys.argv[1]), sys.argv[2]
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
files = sorted(glob.glob(os.path.join(folder, "**", "*.trx"), recursive=True))
passed = failed = skipped = 0
for path in files:
    for result in ET.parse(path).getroot().iterfind(".//t:Results/t:UnitTestResult", ns):
        outcome = result.get("outcome", "")
        if outcome == "Passed":
            passed += 1
        elif outcome in ("NotExecuted", "Inconclusive"):
            skipped += 1
        else:
            failed += 1

if not files or passed + failed + skipped == 0:
    print(f"The test run produced no results (dotnet test exited {status}): see the build output above.")
    sys.exit(1)
if status != 0 and failed == 0:
    # Results that all passed beside a failed run (a project that did not build, a crashed
    # test host) are not a green run: say so instead of printing counts that look like one.
    print(f"dotnet test exited {status} although {passed} recorded tests passed: see the output above.")
    sys.exit(1)
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
PY
