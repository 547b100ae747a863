#!/usr/bin/env bash
# Runs every test of Foreman (unit, contract, loopback HTTP, JSON-Schema-Test-Suite) and prints a summary.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
source eng/prerequisites.sh
source eng/install-chromium.sh
foreman_require_postgres

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet restore Foreman.sln --nologo -v quiet
dotnet build Foreman.sln -c Release --no-restore --nologo -v quiet -clp:ErrorsOnly
set +e
dotnet test Foreman.sln -c Release --no-build --nologo \
  --results-directory "$results" --logger "trx" --logger "console;verbosity=minimal" "$@"
code=$?
set -e

# One closing line over all test projects, in the plain form CI reads.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [[ -f "$trx" ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); passed=$((passed + ${p:-0}))
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters"); failed=$((failed + ${f:-0}))
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters"); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
echo
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [[ $code -ne 0 && $failed -eq 0 ]]; then
  echo "dotnet test exited with $code (a build or test-host failure); see above." >&2
fi
exit $code
