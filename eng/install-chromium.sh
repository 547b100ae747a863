# Sourced by test.sh: the dashboard's browser tests drive Debian's Chromium through Playwright, which cannot
# download browsers here. Installs it (non-interactively) when it is missing and the machine allows it.
if [[ ! -x /usr/bin/chromium ]]; then
  echo "Installing Chromium for the dashboard's browser tests (apt-get install chromium chromium-driver)..." >&2
  if [[ $(id -u) -eq 0 ]]; then
    apt_get=(apt-get)
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    apt_get=(sudo -n apt-get)
  else
    apt_get=()
  fi
  if [[ ${#apt_get[@]} -gt 0 ]] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" update -qq >/dev/null \
      && DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq chromium chromium-driver >/dev/null \
      || echo "warning: installing Chromium failed; the browser tests will fail." >&2
  else
    echo "warning: cannot install Chromium (needs root or sudo with apt-get); the browser tests will fail." >&2
  fi
fi
