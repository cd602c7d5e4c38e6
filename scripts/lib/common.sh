# Sourced by the project's scripts: repo root, the pinned Node runtime on PATH, small helpers.
# Node comes from the npm registry (node-<os>-<arch> packages carry the official binary), so a
# fresh machine needs nothing but the npm it already has to bring the runtime the repo targets.

ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
CACHE="$ROOT/.cache"
export ROOT CACHE

log() { printf '\033[1;34m▸\033[0m %s\n' "$*" >&2; }
warn() { printf '\033[1;33m!\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m✗\033[0m %s\n' "$*" >&2; exit 1; }

ensure_node() {
  local want os arch dir tmp pkg
  want="$(tr -d ' \n' <"$ROOT/.node-version")"
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) die "unsupported OS $(uname -s)" ;; esac
  case "$(uname -m)" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) die "unsupported CPU $(uname -m)" ;; esac
  dir="$CACHE/node/$want"
  if [ ! -x "$dir/bin/node" ]; then
    command -v npm >/dev/null || die "npm is needed once to fetch Node $want (apt-get install npm)"
    pkg="node-$os-$arch@$want"
    log "fetching Node $want ($pkg) from the npm registry"
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "$pkg" >/dev/null) || die "npm pack $pkg failed"
    mkdir -p "$dir"
    tar -xzf "$tmp"/node-*.tgz -C "$dir" --strip-components=1
    rm -rf "$tmp"
    [ "$("$dir/bin/node" --version)" = "v$want" ] || die "unpacked Node is not v$want"
  fi
  case ":$PATH:" in *":$dir/bin:"*) ;; *) export PATH="$dir/bin:$PATH" ;; esac
}

# Installs node_modules with the pinned Node when the lockfile changed since the last install.
ensure_deps() {
  local stamp="$ROOT/node_modules/.install-stamp" sum
  sum="$( (cat "$ROOT/package-lock.json"; node --version) | sha256sum | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    log "installing dependencies (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed"
    echo "$sum" >"$stamp"
  fi
}
