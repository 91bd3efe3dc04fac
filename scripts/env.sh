# Sourced by the other scripts: one place for the settings they share.
# One target directory for every build (app, server, tests, benches), outside the clone so a new
# clone on the same machine reuses what is already built. Override by exporting it first.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cong-dan-so/target}"
export PATH="$HOME/.cargo/bin:$PATH"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
