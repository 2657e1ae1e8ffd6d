#!/usr/bin/env bash
# Installs the independent referees that two tests run against, when they are missing:
# Debian's Chromium (the build page's browser test) and sctk (NIST sclite, the QA referee).
# Never fails the build: where one cannot be installed, its test skips with a loud notice.
set -u
missing=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
command -v sclite >/dev/null 2>&1 || [ -x /usr/lib/sctk/bin/sclite ] || missing+=(sctk)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "install_test_tools: cannot apt-get install ${missing[*]} here; their tests will be skipped" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt_opts=(-o DPkg::Lock::Timeout=300 -qq)
apt-get "${apt_opts[@]}" update >/dev/null 2>&1
for package in "${missing[@]}"; do
    if apt-get "${apt_opts[@]}" install -y --no-install-recommends "$package" >/dev/null 2>&1; then
        echo "install_test_tools: installed $package" >&2
    else
        echo "install_test_tools: apt-get install $package failed; its test will be skipped" >&2
    fi
done
exit 0
