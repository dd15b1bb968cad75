#!/usr/bin/env bash
# Debian's chromium for the web e2e tests (Playwright drives it via executable_path; no
# browser is ever downloaded by `playwright install`). CI runs as root; locally, run with sudo.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    echo "chromium already installed: $(chromium --version 2>/dev/null || echo /usr/bin/chromium)"
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium fonts-dejavu-core
chromium --version
