#!/usr/bin/env bash
# Runs every test of the solution on a bare Debian 12 machine with the .NET SDK, installing
# what the tests need first. Ends with one line, "N passed, N failed, N skipped", read from
# the TRX results; exits non-zero when a test failed or the run did not complete.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# The browser tests drive Debian's Chromium; the email tests use aiosmtpd as an SMTP server; the accessibility
# tests inject axe-core, which npm installs.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

dotnet tool restore
(cd GymAutomation.Tests/Browser/Axe && npm ci --no-audit --no-fund)

rm -rf TestResults
mkdir -p TestResults
status=0
# A hung test ends the run after 15 minutes instead of holding CI until its own limit.
dotnet test GymAutomation.sln \
  --logger "trx;LogFilePrefix=results" \
  --results-directory TestResults \
  --blame-hang-timeout 15m --blame-hang-dump-type none \
  || status=$?

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
