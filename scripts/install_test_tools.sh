#!/usr/bin/env bash
# Installs Debian's Chromium for the browser test when it is missing. Never fails the build:
# where it cannot be installed, the browser test skips with a loud notice instead.
set -u
for exe in chromium chromium-browser google-chrome; do
    command -v "$exe" >/dev/null 2>&1 && exit 0
done
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "install_browser: no chromium and cannot apt-get install it here; the browser test will be skipped" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt_opts=(-o DPkg::Lock::Timeout=300 -qq)
if apt-get "${apt_opts[@]}" update >/dev/null && apt-get "${apt_opts[@]}" install -y --no-install-recommends chromium >/dev/null; then
    echo "install_browser: installed $(chromium --version 2>/dev/null)" >&2
else
    echo "install_browser: apt-get install chromium failed; the browser test will be skipped" >&2
fi
exit 0
