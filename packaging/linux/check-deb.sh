#!/usr/bin/env bash
# CI (root, Debian): install the built .deb, use it as a person would, measure it, remove it.
#   packaging/linux/check-deb.sh dist/mite-tray_*.deb
# Checks: `mite-tray --version`; a demo session (start, `status --json`, `start`, `stop`, `quit`);
# files in place; launch to tray icon under Xvfb + trayer; and a clean removal.
set -euo pipefail
deb="$1"
cleanup() { pkill -f /opt/mite-tray/mite-tray 2>/dev/null || true; }
trap cleanup EXIT
# apt-get, not dpkg -i: it must find every package the .deb depends on, as a user's install does.
deb_path="$(realpath "$deb")"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb_path" >/dev/null \
  || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb_path"; }
test -x /usr/bin/mite-tray && test -f /usr/share/applications/mite-tray.desktop
test -f /usr/share/icons/hicolor/256x256/apps/mite-tray.png
version="$(mite-tray --version)"
echo "installed: $version"
[ "$version" = "mite-tray $(dpkg-deb -f "$deb_path" Version)" ]
home="$(mktemp -d)"
export MITE_TRAY_CONFIG_DIR="$home/config" MITE_TRAY_DATA_DIR="$home/data" MITE_TRAY_RUNTIME_DIR="$home/run"
QT_QPA_PLATFORM=offscreen mite-tray --demo > "$home/app.log" 2>&1 &
for _ in $(seq 1 100); do mite-tray status --json > "$home/status.json" 2>/dev/null && break; sleep 0.2; done
cat "$home/status.json"
grep -q '"user": "Anna Becker"' "$home/status.json"
mite-tray start "from the installed package" -p "api docs" -s writing
mite-tray status --json | grep -q '"tracking": true'
mite-tray stop
mite-tray quit
wait
if grep -q "Traceback\|Fatal" "$home/app.log"; then cat "$home/app.log"; exit 1; fi
# launch to tray icon of the installed bundle, beside the bare PySide6 tray (Xvfb + trayer)
"${PYTHON:-python3}" "$(dirname "$0")/../../scripts/bench_lib/startup.py" --app /opt/mite-tray/mite-tray \
  --runs 3 --rest 30 --no-interaction
dpkg -r mite-tray
test ! -e /opt/mite-tray && test ! -e /usr/bin/mite-tray
echo "the .deb installs, runs the demo, and removes cleanly"
