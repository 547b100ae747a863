#!/usr/bin/env bash
# Foreman's main job. With no arguments: starts the Foreman server (HTTP API, dashboard and worker) on
# http://127.0.0.1:5080 with ./foreman.db and the sample workflows, on the built-in simulated model unless
# FOREMAN_MODEL_ENDPOINT is set. The first start prints an admin API key to sign in with. With arguments: passes
# them to foreman (./run.sh agent list).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ $# -gt 0 ]]; then
  exec "$root/foreman" "$@"
fi
exec "$root/foreman" serve
