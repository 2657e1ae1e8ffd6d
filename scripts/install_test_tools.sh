#!/usr/bin/env bash
# Installs the independent referees that tests run against, when they are missing: imscJS
# (npm), Debian's Chromium (browser tests), sctk (NIST sclite, the QA referee), LibreOffice
# Calc (recalculates the rundown spreadsheets) and @mos-connection/helper (npm, reads MOS).
# Never fails the build: where one cannot be installed, its test skips with a loud notice.
set -u
# imscJS (npm `imsc`), the IMSC renderer that the TTML browser test runs in Chromium.
here="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -f "$here/.venv/js/node_modules/imsc/dist/imsc.all.min.js" ]; then
    if command -v npm >/dev/null 2>&1 && mkdir -p "$here/.venv/js" \
        && npm install --prefix "$here/.venv/js" --no-save --no-audit --no-fund imsc >/dev/null 2>&1; then
        echo "install_test_tools: installed imsc (npm)" >&2
    else
        echo "install_test_tools: npm install imsc failed; the imscJS rendering test will be skipped" >&2
    fi
fi
missing=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
command -v sclite >/dev/null 2>&1 || [ -x /usr/lib/sctk/bin/sclite ] || missing+=(sctk)
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc)
# @mos-connection/helper (npm), the MOS library Sofie uses: the rundown's MOS test parses with it.
if [ ! -d "$here/tests/node/node_modules/@mos-connection/helper" ]; then
    if command -v npm >/dev/null 2>&1 && (cd "$here/tests/node" && npm install --no-audit --no-fund --silent >/dev/null 2>&1); then
        echo "install_test_tools: installed @mos-connection/helper" >&2
    else
        echo "install_test_tools: npm install in tests/node failed; the MOS library test will be skipped" >&2
    fi
fi
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
