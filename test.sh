#!/usr/bin/env bash
# Runs every test of BraFunctions. Installs what the tests need: Debian's chromium for the page tests (when run as
# root; otherwise it must be installed already), Azurite from npm (npm ci), NuGet packages (dotnet restore). Then
# builds the whole solution in Release (warnings are errors), builds and lints the Bicep templates, and runs the unit
# and integration tests (each integration test class starts its own Azurite and development host, each on a port it binds itself).
# Exits non-zero when anything fails. Ends with a line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    say "Installing Chromium (Debian package) for the page tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing: run 'sudo apt-get install -y chromium', then this script again." >&2
    exit 1
  fi
fi

say "Installing Azurite (npm ci)"
npm ci --no-audit --no-fund --loglevel=error

say "Restoring and building the solution (Release, warnings as errors)"
dotnet restore BraFunctions.sln --nologo -v quiet
dotnet build BraFunctions.sln -c Release --no-restore --nologo -v quiet -clp:NoSummary

say "Building and linting the Bicep templates"
bash infra/bicep.sh

say "Running the tests"
results=$(mktemp -d)
status=0
dotnet test BraFunctions.sln -c Release --no-build --nologo \
  --logger "console;verbosity=normal" --logger "trx" --results-directory "$results" || status=$?

python3 - "$results" "$status" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
if sys.argv[2] != "0" and failed == 0:
    print("A test run did not finish (its test host ended early: see 'Test Run Aborted' above); its remaining tests did not run.")
if passed == 0:
    sys.exit(1)
PY
rm -rf "$results"
exit "$status"
