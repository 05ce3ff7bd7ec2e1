#!/usr/bin/env bash
# Sign (hardened runtime) and, for a .dmg, notarize and staple: only when the secrets are there.
#   packaging/macos/sign-and-notarize.sh dist/bundle/mite-tray.app | dist/mite-tray-X-macos.dmg
# Secrets (GitHub Actions → repository secrets):
#   MACOS_CERTIFICATE_P12 (base64 of a "Developer ID Application" .p12), MACOS_CERTIFICATE_PASSWORD,
#   MACOS_SIGNING_IDENTITY ("Developer ID Application: Name (TEAMID)"),
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD (an app-specific password) for notarization.
set -euo pipefail
target="$1"
if [ -z "${MACOS_CERTIFICATE_P12:-}" ] || [ -z "${MACOS_SIGNING_IDENTITY:-}" ]; then
  echo "Not signing $target: MACOS_CERTIFICATE_P12 / MACOS_SIGNING_IDENTITY are not set." \
       "Unsigned builds run after right-click › Open, and the keychain asks again after each update." >&2
  exit 0
fi
keychain="$RUNNER_TEMP/signing.keychain-db"
if [ ! -f "$keychain" ]; then  # import the certificate once per job, into a throwaway keychain
  password="$(openssl rand -hex 16)"
  security create-keychain -p "$password" "$keychain"
  security set-keychain-settings -lut 3600 "$keychain"
  security unlock-keychain -p "$password" "$keychain"
  echo "$MACOS_CERTIFICATE_P12" | base64 --decode > "$RUNNER_TEMP/cert.p12"
  security import "$RUNNER_TEMP/cert.p12" -k "$keychain" -P "$MACOS_CERTIFICATE_PASSWORD" -T /usr/bin/codesign
  security set-key-partition-list -S apple-tool:,apple: -s -k "$password" "$keychain"
  security list-keychains -d user -s "$keychain" $(security list-keychains -d user | tr -d '"')
fi
codesign --force --deep --options runtime --timestamp --sign "$MACOS_SIGNING_IDENTITY" "$target"
codesign --verify --strict --verbose=2 "$target"
case "$target" in
  *.dmg)
    if [ -z "${APPLE_ID:-}" ] || [ -z "${APPLE_TEAM_ID:-}" ] || [ -z "${APPLE_APP_PASSWORD:-}" ]; then
      echo "Signed, not notarized: APPLE_ID / APPLE_TEAM_ID / APPLE_APP_PASSWORD are not set." >&2
      exit 0
    fi
    xcrun notarytool submit "$target" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
      --password "$APPLE_APP_PASSWORD" --wait
    xcrun stapler staple "$target"
    ;;
esac
