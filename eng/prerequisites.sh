# Sourced by the entry scripts: makes sure the machine has what Foreman needs, installing it when it can.
if ! command -v dotnet >/dev/null 2>&1; then
  echo "Foreman needs the .NET 10 SDK (https://dot.net). Install it and run this again." >&2
  exit 1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
