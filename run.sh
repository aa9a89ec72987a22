#!/usr/bin/env bash
# Runs BraFunctions locally: the development host (the same application as the Azure Functions app) on Azurite,
# with demo data. Installs what it needs (npm ci for Azurite, dotnet restore and a Release build), starts Azurite on
# 127.0.0.1 unless one already answers (data in .data/azurite), starts the host on http://127.0.0.1:${PORT:-7071},
# prints the URLs to open, and on Ctrl-C stops what it started.
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD
port=${PORT:-7071}
base="http://127.0.0.1:$port"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [ ! -f node_modules/azurite/dist/src/azurite.js ]; then
  say "Installing Azurite (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

say "Building the development host (Release)"
dotnet build src/Bra.DevHost/Bra.DevHost.csproj -c Release --nologo -v quiet -clp:NoSummary

pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

mkdir -p .data/azurite .data/keys
if listening 10000 && listening 10001 && listening 10002; then
  say "Azurite already answers on 127.0.0.1:10000-10002; using it"
else
  say "Starting Azurite on 127.0.0.1:10000-10002 (data in .data/azurite)"
  node node_modules/azurite/dist/src/azurite.js --silent --disableTelemetry --skipApiVersionCheck \
    --location .data/azurite --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 &
  pids+=($!)
  for _ in $(seq 1 100); do listening 10002 && break; sleep 0.1; done
fi

say "Starting the development host on $base"
bin="$root/src/Bra.DevHost/bin/Release/net10.0"
(
  cd "$bin"
  ASPNETCORE_ENVIRONMENT=Development \
  ASPNETCORE_URLS="$base" \
  App__PublicBaseUrl="$base" \
  Auth__DevelopmentKeyFolder="$root/.data/keys" \
  exec dotnet Bra.DevHost.dll
) &
host=$!
pids=("$host" "${pids[@]}")

for _ in $(seq 1 300); do
  if curl -fsS "$base/api/health" >/dev/null 2>&1; then break; fi
  kill -0 "$host" 2>/dev/null || { echo "The development host stopped; see the output above." >&2; exit 1; }
  sleep 0.2
done

cat <<EOM

BraFunctions is running (development host, demo data, email to the development outbox):
  Start page:                    $base/
  Sign in (pick a demo person):  $base/dev/signin
  Staff overview (after sign-in): $base/staff
  Consultations (staff):         $base/staff/consultations
  Agreements (staff):            $base/staff/agreements
  Camera register (staff):       $base/staff/cameras
  Footage access (staff):        $base/staff/footage
  Audit (data protection officer): $base/staff/audit
  People and units (staff):      $base/staff/people  $base/staff/units
  Email outbox:                  $base/dev/outbox
  Health:                        $base/api/health
  API description (OpenAPI 3.1): $base/api/openapi.json
  API token for scripts:         curl -X POST -H 'content-type: application/json' -d '{"email":"samordnare@example.se"}' $base/dev/token

Press Ctrl-C to stop.
EOM
wait "$host"
