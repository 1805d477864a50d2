#!/bin/sh
# Install Debian's chromium for the browser test (tests/ui/test_browser.py) when it is missing.
# Playwright drives it through executable_path=/usr/bin/chromium; `playwright install` is not used
# (its own browser download is not reachable from CI). Needs root (CI containers run as root).
set -eu
if [ -x /usr/bin/chromium ]; then
    echo "chromium present: $(/usr/bin/chromium --version 2>/dev/null || echo unknown version)"
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
/usr/bin/chromium --version || true
