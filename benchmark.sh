#!/usr/bin/env bash
# Measures every figure of the performance issue in one run, one benchmark after the other, on this machine: the
# README's "Every figure in one run" table is this script's output. Each benchmark's whole output goes to
# $BENCH_LOGS/NAME.log (bench-logs by default); its summary is printed here, with the load average around it.
# Run it with nothing else busy: on two cores a build or a test run beside it changes every figure.
# The emails benchmark needs python3-aiosmtpd; the rest needs the .NET SDK and Chromium (as the tests do).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
logs=${BENCH_LOGS:-bench-logs}
mkdir -p "$logs"
: > "$logs/build.log"

for project in GymAutomation.Web GymAutomation.Benchmarks; do
  if ! dotnet build "$project" -c Release -v q -nologo >> "$logs/build.log" 2>&1; then
    echo "$project did not build; the end of $logs/build.log:"
    tail -n 20 "$logs/build.log"
    exit 1
  fi
done

# The machine's CPU time so far, in USER_HZ ticks (100 a second): all of it, and what the hypervisor gave other guests
# while this one wanted to run ("steal", the eighth number of /proc/stat's cpu line).
cpu_ticks() { awk '/^cpu /{total = 0; for (i = 2; i <= 9; i++) total += $i; print total, $9}' /proc/stat; }

run() {
  local name=$1
  shift
  echo "== $name: $* ($(date -u +%H:%M) UTC, load $(cut -d' ' -f1-3 /proc/loadavg))"
  local before after
  before=$(cpu_ticks)
  if ! dotnet run -c Release --no-build --project GymAutomation.Benchmarks -- "$@" > "$logs/$name.log" 2>&1; then
    echo "$name failed; the end of $logs/$name.log:"
    tail -n 20 "$logs/$name.log"
    exit 1
  fi
  after=$(cpu_ticks)
  # The summary from its first line on, without the app's log entries (a "level: category" line and its indented text).
  sed -n '/\(benchmark\|side by side\) —/,$p' "$logs/$name.log" \
    | awk '/^(info|warn|fail|crit|dbug): /{entry=1; next} entry && /^      [^ ]/{next} {entry=0; print}'
  # Stolen time makes every figure of the benchmark slower by about its share: compare figures only at a low one.
  echo "$before $after" | awk '{total = $3 - $1; steal = $4 - $2; share = total > 0 ? 100 * steal / total : 0;
    printf "  stolen by the hypervisor: %.1f s of the cores'"'"' %.1f s (%.1f %%)\n", steal / 100, total / 100, share}'
}

gym="$logs/gym.db"
run retention retention --clients 100000 --rules both --keep "$gym"
run retention-again retention --gym "$gym" --rules both
run import import --clients 100000
run scores scores
run emails emails --emails 10000 --smtp both
run emails-tls emails --emails 10000 --smtp both --tls yes
run emails-memory emails --emails 100000 --per-message no
run events events-side-by-side --deployments sqlite --warmup 40 --seconds 20 --screens 20 --concurrency 32
run pages pages --gym "$gym"
echo "== done ($(date -u +%H:%M) UTC, load $(cut -d' ' -f1-3 /proc/loadavg))"
