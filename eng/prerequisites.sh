# Sourced by the entry scripts: makes sure the machine has what Foreman needs, installing it when it can.
if ! command -v dotnet >/dev/null 2>&1; then
  echo "Foreman needs the .NET 10 SDK (https://dot.net). Install it and run this again." >&2
  exit 1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# PostgreSQL 15 for the PostgreSQL store tests, which start their own throwaway cluster (test.sh calls this).
# Installed from Debian's postgresql package when missing, without starting the package's own cluster.
foreman_require_postgres() {
  local bin="${FOREMAN_PG_BIN:-/usr/lib/postgresql/15/bin}"
  [[ -x "$bin/initdb" ]] && return 0
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    echo "PostgreSQL 15 is missing ($bin/initdb). Install the Debian package postgresql (or set FOREMAN_PG_BIN); the PostgreSQL tests will fail without it." >&2
    return 0
  fi
  echo "Installing PostgreSQL 15 (Debian package postgresql) for the store tests..." >&2
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [[ ! -e $policy ]]; then
    # Debian's way to keep a package from starting its service: the tests want no system cluster running.
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && created_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q postgresql >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null; }
  [[ $created_policy -eq 1 ]] && rm -f "$policy"
  # Should a cluster have started anyway, stop it: it would only hold memory and a port.
  command -v pg_ctlcluster >/dev/null 2>&1 && pg_ctlcluster 15 main stop >/dev/null 2>&1 || true
}
