#!/usr/bin/env bash
# Type-checks the app (src-tauri and everything under it) for Android and iOS on a machine without
# their SDKs: `cargo check --target <phone target>`, which compiles every crate's Rust for the
# phone, with the real `mobile` cfg that tauri-build sets for those targets, but links nothing.
#
#   mobile/check.sh                      # aarch64-linux-android and aarch64-apple-ios
#   mobile/check.sh aarch64-linux-android
#
# What it needs: a Rust toolchain that has the target's standard library, either installed
# (`rustup target add aarch64-linux-android aarch64-apple-ios`) or as source to build
# (`rustup component add rust-src --toolchain nightly`, then MOBILE_TOOLCHAIN=nightly). Without
# rustup, a rustc with its library source works too: MOBILE_RUSTC=/usr/bin/rustc
# MOBILE_CARGO=/usr/bin/cargo (Debian's rustc-web, cargo-web and rust-web-src packages are one).
#
# C code in build scripts (SQLite, zstd, ring) is "compiled" by a stand-in that writes empty
# objects: a check never links, so only the Rust is checked. That is what this proves and all it
# proves: the Rust compiles for the phones. The APK/IPA build (mobile/README.md) needs the SDKs.
#
# The build goes to its own target directory (about 2 GB per target); CLEAN=1 removes it after.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=../scripts/env.sh
source scripts/env.sh

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(aarch64-linux-android aarch64-apple-ios)
out="${MOBILE_CHECK_DIR:-$HOME/.cache/cong-dan-so/target-mobile-check}"

cargo_cmd=("${MOBILE_CARGO:-cargo}")
if [ -n "${MOBILE_TOOLCHAIN:-}" ]; then
    cargo_cmd+=("+$MOBILE_TOOLCHAIN")
fi
rustc_bin="${MOBILE_RUSTC:-rustc}"
export RUSTC="$(command -v "$rustc_bin")"
if [ -n "${MOBILE_TOOLCHAIN:-}" ]; then
    RUSTC="$(rustup which --toolchain "$MOBILE_TOOLCHAIN" rustc)"
fi
sysroot="$("$RUSTC" --print sysroot)"

# The UI is embedded at compile time (tauri::generate_context!), so it must be built.
if [ ! -f ui/dist/index.html ]; then
    npm --prefix ui run build
fi

# Stand-ins for the target's C compiler and archiver: they create the files asked for, empty.
stubs="$(mktemp -d)"
trap 'rm -rf "$stubs"' EXIT
cat >"$stubs/cc" <<'EOF'
#!/bin/sh
# Creates the output a compiler or archiver was asked for, empty; a `cargo check` links nothing.
out=""
prev=""
for arg in "$@"; do
    case "$prev" in -o) out="$arg" ;; esac
    case "$arg" in -o*) [ "$arg" != -o ] && out="${arg#-o}" ;; esac
    prev="$arg"
done
[ -n "$out" ] && : >"$out"
exit 0
EOF
cat >"$stubs/ar" <<'EOF'
#!/bin/sh
# ar <flags> <archive> <members...>: creates the archive, empty.
[ $# -ge 2 ] && : >"$2"
exit 0
EOF
chmod +x "$stubs/cc" "$stubs/ar"

status=0
for target in "${targets[@]}"; do
    var="${target//-/_}"
    export "CC_$var=$stubs/cc" "CXX_$var=$stubs/cc" "AR_$var=$stubs/ar"
    # The cc crate asks xcrun for the iOS SDK unless SDKROOT is set; the stand-in needs none.
    case "$target" in *apple-ios*) export SDKROOT="${SDKROOT:-/nonexistent-ios-sdk}" ;; esac
    extra=()
    if [ ! -d "$sysroot/lib/rustlib/$target/lib" ]; then
        if [ ! -f "$sysroot/lib/rustlib/src/rust/library/Cargo.lock" ]; then
            echo "mobile/check.sh: $RUSTC has neither the $target standard library nor its source;" >&2
            echo "  rustup target add $target, or see the top of this script." >&2
            exit 2
        fi
        # Build the standard library for the target from source (unstable flag, hence the
        # bootstrap switch; nothing else in the build uses unstable features).
        export RUSTC_BOOTSTRAP=1
        extra=(-Zbuild-std=std,panic_abort)
    fi
    echo "== cargo check -p citizen-app --target $target"
    if CARGO_TARGET_DIR="$out" "${cargo_cmd[@]}" check -p citizen-app --lib --locked \
        --target "$target" "${extra[@]}"; then
        echo "== $target: the Rust compiles"
    else
        echo "== $target: FAILED" >&2
        status=1
    fi
done

if [ "${CLEAN:-0}" = 1 ]; then
    rm -rf "$out"
fi
exit "$status"
