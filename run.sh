#!/usr/bin/env bash
# Foreman's main job. With no arguments: runs every sample agent once and prints its result, trail and cost
# (on the built-in simulated model unless FOREMAN_MODEL_ENDPOINT is set). With arguments: passes them to foreman.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ $# -gt 0 ]]; then
  exec "$root/foreman" "$@"
fi
status=0
for agent in invoice-extractor ticket-triage refund-agent; do
  echo "=== foreman agent run --agent $agent"
  "$root/foreman" agent run --agent "$agent" || code=$?
  # Exit code 2 means "needs a human" (the refund waits for approval): expected, not a failure.
  if [[ ${code:-0} -ne 0 && ${code:-0} -ne 2 ]]; then status=${code}; fi
  unset code
  echo
done
exit $status
