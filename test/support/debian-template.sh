#!/usr/bin/env bash
# Builds a minimal Debian container template (tar.zst) with mmdebstrap from Debian's packages,
# with the machine's OWN apt sources, caches it, and prints its path on stdout (progress on stderr).
#
#   bash test/support/debian-template.sh [--install-deps]
#
# --install-deps   apt-get install mmdebstrap, zstd, attr and acl first where missing (root; CI).
#
# The template: `--variant=minbase` (Essential + apt, Priority: required) of the host's suite,
# docs/man pages/locales left out, written by mmdebstrap as a tarball (GNU tar format with xattrs,
# numeric owners) and compressed with zstd, named like Proxmox's templates
# (debian-<suite>-minbase_<arch>.tar.zst).
#
# Environment:
#   PCTKIT_ROOTFS_CACHE  cache directory (default ${XDG_CACHE_HOME:-$HOME/.cache}/pctkit)
#   PCTKIT_APT_SOURCES   a sources file (one-line or deb822) to use instead of the host's
#
# The cache key covers this script, the suite, the architecture and the sources.
set -euo pipefail

install_deps=false
for arg in "$@"; do
  case "$arg" in
    --install-deps) install_deps=true ;;
    *) echo "usage: $0 [--install-deps]" >&2; exit 2 ;;
  esac
done

die() { echo "debian-template: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root (mmdebstrap's root mode chroots and mounts)"

missing=()
command -v mmdebstrap >/dev/null 2>&1 || missing+=(mmdebstrap)
command -v zstd >/dev/null 2>&1 || missing+=(zstd)
command -v setfattr >/dev/null 2>&1 || missing+=(attr)
command -v setfacl >/dev/null 2>&1 || missing+=(acl)
# shellcheck source=debian-host.sh
. "$(dirname "$0")/debian-host.sh"
install_missing "${missing[@]}"
host_debian

script_hash="$(sha256sum "$0" | cut -c1-64)"
key="$( { echo "$script_hash $suite $arch minbase"; cat "${sources[@]}"; } | sha256sum | cut -c1-12)"
cache="${PCTKIT_ROOTFS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pctkit}"
target="$cache/debian-$suite-minbase_${arch}-$key.tar.zst"
mkdir -p "$cache"

exec 9>"$cache/.template-lock"
flock 9

if [ -s "$target" ]; then
  echo "debian-template: cached at $target" >&2
  echo "$target"
  exit 0
fi

building="$cache/.building-template-$$.tar"
cleanup() { rm -f "$building" "$building.zst"; }
trap cleanup EXIT

echo "debian-template: building $suite/$arch minbase from ${sources[*]}" >&2
start=$(date +%s)
mmdebstrap \
  --variant=minbase \
  --format=tar \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --customize-hook='echo localhost > "$1/etc/hostname"' \
  --customize-hook=': > "$1/etc/resolv.conf"' \
  "$suite" "$building" "${sources[@]}" </dev/null >&2 ||
  die "mmdebstrap failed"
zstd -q -T0 -19 "$building" -o "$building.zst"
mv "$building.zst" "$target"
rm -f "$building"
trap - EXIT
end=$(date +%s)
echo "debian-template: built in $((end - start)) s, $(du -h "$target" | cut -f1) at $target" >&2
echo "$target"
