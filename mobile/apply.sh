#!/usr/bin/env bash
# Applies mobile/android and mobile/ios to the projects `tauri android init` / `tauri ios init`
# generate under src-tauri/gen (which are not committed). Run it after each init; running it again
# changes nothing. Needs only a POSIX shell and awk (Linux or macOS).
#
#   mobile/apply.sh            # whichever of src-tauri/gen/android and src-tauri/gen/apple exist
#
# Android: the permissions (camera, location, notifications, internet), the sign-in's URL scheme
# `vn.gov.congdanso` on the main activity, and the network security config (release: HTTPS and
# system CAs only; debug: cleartext for `tauri android dev`).
# iOS: the Info.plist keys need no copying (src-tauri/tauri.ios.conf.json points `tauri ios build`
# at mobile/ios/Info.plist); this copies the localized usage strings (en.lproj, vi.lproj).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mobile="$root/mobile"
gen="$root/src-tauri/gen"
applied=0

# Replaces the block between two `<!-- $id. AUTO-GENERATED. DO NOT REMOVE. -->` lines (or adds one
# just before the first line holding `</$parent>`) with the contents of $3: the same markers and
# rule as Tauri's own build step (tauri_utils::build::update_android_manifest), so that step and
# this script rewrite one block rather than adding two.
put_block() {
    local file="$1" id="$2" contents="$3" parent="$4"
    awk -v marker="<!-- $id. AUTO-GENERATED. DO NOT REMOVE. -->" -v closing="</$parent>" \
        -v contents="$contents" '
        BEGIN { n = 0; while ((getline line < contents) > 0) body[n++] = line }
        index($0, marker) { skipping = !skipping; next }
        skipping { next }
        !done && (at = index($0, closing)) {
            pad = ""; for (i = 1; i < at + 4; i++) pad = pad " "
            print pad marker
            for (i = 0; i < n; i++) print (body[i] == "" ? "" : pad body[i])
            print pad marker
            done = 1
        }
        { print }
        END { if (!done) { print "no </" substr(closing, 3) " in the manifest" > "/dev/stderr"; exit 1 } }
    ' "$file" >"$file.new"
    mv "$file.new" "$file"
}

if [ -d "$gen/android" ]; then
    manifest="$gen/android/app/src/main/AndroidManifest.xml"
    [ -f "$manifest" ] || { echo "apply.sh: $manifest is missing; run tauri android init again" >&2; exit 1; }

    # Permissions: those the template (or a plugin block) does not declare already.
    wanted="$(mktemp)"
    trap 'rm -f "$wanted"' EXIT
    outside="$(awk '/CONG DAN SO PERMISSIONS\. AUTO-GENERATED/ { s = !s; next } !s' "$manifest")"
    while IFS= read -r line; do
        name="$(printf '%s\n' "$line" | sed -n 's/.*<uses-[a-z]* android:name="\([^"]*\)".*/\1/p')"
        if [ -n "$name" ] && printf '%s\n' "$outside" | grep -q "android:name=\"$name\""; then
            continue
        fi
        printf '%s\n' "$line"
    done <"$mobile/android/manifest/permissions.xml" >"$wanted"
    put_block "$manifest" "CONG DAN SO PERMISSIONS" "$wanted" manifest

    # The sign-in's redirect, under the deep-link plugin's own block: its build step rewrites the
    # block from tauri.*.conf.json (plugins > deep-link > mobile), with the same scheme.
    put_block "$manifest" "DEEP LINK PLUGIN" "$mobile/android/manifest/deep-link.xml" activity

    # The network security config: release in main/, cleartext for development in debug/.
    mkdir -p "$gen/android/app/src/main/res/xml" "$gen/android/app/src/debug/res/xml"
    cp "$mobile/android/res/xml/network_security_config.xml" "$gen/android/app/src/main/res/xml/"
    cp "$mobile/android/debug/res/xml/network_security_config.xml" \
        "$gen/android/app/src/debug/res/xml/"
    if ! grep -q 'android:networkSecurityConfig=' "$manifest"; then
        awk '
            !done && /^[[:space:]]*<application[[:space:]]*$/ {
                print
                print "        android:networkSecurityConfig=\"@xml/network_security_config\""
                done = 1; next
            }
            !done && /<application[[:space:]]/ {
                sub(/<application[[:space:]]/, "<application android:networkSecurityConfig=\"@xml/network_security_config\" ")
                done = 1
            }
            { print }
        ' "$manifest" >"$manifest.new"
        mv "$manifest.new" "$manifest"
    fi
    grep -q 'android:networkSecurityConfig=' "$manifest" ||
        { echo "apply.sh: found no <application> element in $manifest" >&2; exit 1; }
    echo "android: applied to $manifest"
    applied=1
fi

if [ -d "$gen/apple" ]; then
    target_dir="$(find "$gen/apple" -maxdepth 1 -type d -name '*_iOS' | head -n 1)"
    [ -n "$target_dir" ] || { echo "apply.sh: no *_iOS folder in $gen/apple; run tauri ios init again" >&2; exit 1; }
    for lang in vi en; do
        mkdir -p "$target_dir/$lang.lproj"
        cp "$mobile/ios/$lang.lproj/InfoPlist.strings" "$target_dir/$lang.lproj/"
    done
    # The Xcode project lists its files; XcodeGen (which `tauri ios init` used) adds the new ones.
    if command -v xcodegen >/dev/null; then
        (cd "$gen/apple" && xcodegen generate --spec project.yml)
    else
        echo "ios: xcodegen not found: run \`xcodegen generate\` in $gen/apple so the strings are bundled" >&2
    fi
    echo "ios: applied to $target_dir (Info.plist keys come from mobile/ios/Info.plist at build time)"
    applied=1
fi

if [ "$applied" = 0 ]; then
    echo "apply.sh: nothing to apply: run \`npx @tauri-apps/cli@2 android init\` (or ios init) in src-tauri first" >&2
    exit 1
fi
