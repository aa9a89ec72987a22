#!/usr/bin/env bash
# Build and lint the Azure infrastructure (Bicep) with zero tolerance:
# any warning or error printed by the Bicep CLI fails the run.
#
# The Bicep CLI comes from NuGet (package Azure.Bicep.CommandLine.<rid>), fetched
# once into infra/.tools/ by restoring the throw-away project infra/tools/BicepCli.csproj.
# Nothing else is downloaded. Set BICEP_BIN to use another bicep binary.
#
# Usage: infra/bicep.sh        (from any directory)
set -euo pipefail

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BICEP_VERSION="0.49.2"
TOOLS_DIR="$INFRA_DIR/.tools"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) rid="linux-x64" ;;
  Linux-aarch64 | Linux-arm64) rid="linux-arm64" ;;
  Darwin-x86_64) rid="osx-x64" ;;
  Darwin-arm64) rid="osx-arm64" ;;
  *) echo "bicep.sh: unsupported platform $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac

bicep="${BICEP_BIN:-$TOOLS_DIR/packages/azure.bicep.commandline.$rid/$BICEP_VERSION/tools/bicep}"

if [[ ! -f "$bicep" ]]; then
  echo "==> Fetching Bicep CLI $BICEP_VERSION ($rid) from NuGet"
  DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet restore "$INFRA_DIR/tools/BicepCli.csproj" \
    --packages "$TOOLS_DIR/packages" -p:BicepRid="$rid" -p:BicepVersion="$BICEP_VERSION" --verbosity quiet
fi
if [[ ! -f "$bicep" ]]; then
  echo "bicep.sh: $bicep not found after restore" >&2
  exit 1
fi
chmod +x "$bicep"

version_line="$("$bicep" --version)"
echo "==> $version_line"
if [[ -z "${BICEP_BIN:-}" && "$version_line" != *"$BICEP_VERSION"* ]]; then
  echo "bicep.sh: expected Bicep CLI $BICEP_VERSION" >&2
  exit 1
fi

failed=0
out_dir="$(mktemp -d)"
trap 'rm -rf "$out_dir"' EXIT

# Runs a bicep command; fails on a non-zero exit code or on any output at all
# (the CLI prints nothing on a clean build or lint, and exits 0 on warnings).
run_bicep() {
  local label="$1"
  shift
  local output status=0
  output="$("$bicep" "$@" 2>&1)" || status=$?
  if [[ $status -ne 0 || -n "$output" ]]; then
    echo "FAIL  $label (exit $status)"
    [[ -n "$output" ]] && printf '%s\n' "$output"
    failed=1
  else
    echo "ok    $label"
  fi
}

echo "==> JSON files"
for json in "$INFRA_DIR/main.parameters.json" "$INFRA_DIR/bicepconfig.json"; do
  if python3 -m json.tool "$json" >/dev/null 2>&1; then
    echo "ok    valid JSON: ${json#"$INFRA_DIR"/}"
  else
    echo "FAIL  invalid JSON: ${json#"$INFRA_DIR"/}"
    python3 -m json.tool "$json" >/dev/null || true
    failed=1
  fi
done

echo "==> bicep build"
run_bicep "build main.bicep" build "$INFRA_DIR/main.bicep" --outdir "$out_dir"

echo "==> bicep lint"
while IFS= read -r -d '' file; do
  run_bicep "lint ${file#"$INFRA_DIR"/}" lint "$file"
done < <(find "$INFRA_DIR" -name '*.bicep' -not -path "$TOOLS_DIR/*" -print0 | sort -z)

# Every parameter in main.parameters.json must exist in main.bicep, and every
# parameter of main.bicep without a default must be given there (azd would
# otherwise prompt, which fails `azd provision --no-prompt`).
echo "==> main.parameters.json against main.bicep"
if [[ -f "$out_dir/main.json" ]]; then
  if python3 - "$out_dir/main.json" "$INFRA_DIR/main.parameters.json" <<'PY'
import json, sys
template = json.load(open(sys.argv[1]))["parameters"]
given = json.load(open(sys.argv[2]))["parameters"]
unknown = sorted(set(given) - set(template))
missing = sorted(n for n, p in template.items() if "defaultValue" not in p and n not in given)
for n in unknown:
    print(f"FAIL  main.parameters.json sets unknown parameter '{n}'")
for n in missing:
    print(f"FAIL  required parameter '{n}' is missing from main.parameters.json")
sys.exit(1 if unknown or missing else 0)
PY
  then
    echo "ok    parameters match"
  else
    failed=1
  fi
else
  echo "FAIL  main.json was not built"
  failed=1
fi

if [[ $failed -ne 0 ]]; then
  echo "bicep.sh: FAILED"
  exit 1
fi
echo "bicep.sh: all Bicep files build and lint with no warnings"
