#!/usr/bin/env bash
# Builds a minimal Debian root filesystem from Debian's packages, with the machine's OWN apt
# sources (no mirror is named here), caches it, and prints its path on stdout (progress on stderr).
#
#   bash test/support/debian-rootfs.sh [--install-deps]
#
# --install-deps   apt-get install mmdebstrap first when it is missing (root only; for CI).
#
# The rootfs: Debian's essential set (base-files, base-passwd, bash, dash, coreutils, libc-bin for
# getent, …) plus ifupdown (ifquery), openssh-server and openssh-client (sshd -t, ssh-keygen) and
# netbase, with all maintainer scripts run (real /etc/passwd, sshd user, sshd_config). Docs, man
# pages and locales are left out; the ssh host keys the package made are removed (the test's plan
# must create them), /etc/hostname is `localhost` and /etc/resolv.conf is empty (nothing of the
# host's). The suite is the host's own (VERSION_CODENAME of /etc/os-release).
#
# Environment:
#   PCTKIT_ROOTFS_CACHE  cache directory (default ${XDG_CACHE_HOME:-$HOME/.cache}/pctkit)
#   PCTKIT_APT_SOURCES   a sources file (one-line or deb822) to use instead of the host's
#
# The cache key covers this script, the suite, the architecture and the sources, so a change of any
# rebuilds. Needs root (mmdebstrap's root mode: chroot and mounts).
set -euo pipefail

install_deps=false
for arg in "$@"; do
  case "$arg" in
    --install-deps) install_deps=true ;;
    *) echo "usage: $0 [--install-deps]" >&2; exit 2 ;;
  esac
done

die() { echo "debian-rootfs: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root (mmdebstrap's root mode chroots and mounts)"

# shellcheck source=debian-host.sh
. "$(dirname "$0")/debian-host.sh"
missing=()
command -v mmdebstrap >/dev/null 2>&1 || missing+=(mmdebstrap)
install_missing "${missing[@]}"
host_debian

packages="ifupdown,openssh-server,openssh-client,netbase"

script_hash="$(sha256sum "$0" | cut -c1-64)"
key="$( { echo "$script_hash $suite $arch $packages"; cat "${sources[@]}"; } | sha256sum | cut -c1-12)"
cache="${PCTKIT_ROOTFS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pctkit}"
target="$cache/debian-$suite-$arch-$key"
mkdir -p "$cache"

exec 9>"$cache/.lock"
flock 9

if [ -f "$target/.pctkit-complete" ]; then
  echo "debian-rootfs: cached at $target" >&2
  echo "$target"
  exit 0
fi

building="$cache/.building-$$"
cleanup() { rm -rf --one-file-system "$building"; }
trap cleanup EXIT
rm -rf --one-file-system "$building"

echo "debian-rootfs: building $suite/$arch from ${sources[*]} into $target" >&2
start=$(date +%s)
mmdebstrap \
  --variant=essential \
  --include="$packages" \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --customize-hook='rm -f "$1"/etc/ssh/ssh_host_*' \
  --customize-hook='echo localhost > "$1/etc/hostname"' \
  --customize-hook=': > "$1/etc/resolv.conf"' \
  "$suite" "$building" "${sources[@]}" </dev/null >&2 ||
  die "mmdebstrap failed"

touch "$building/.pctkit-complete"
rm -rf --one-file-system "$target"
mv "$building" "$target"
trap - EXIT
end=$(date +%s)
echo "debian-rootfs: built in $((end - start)) s, $(du -sh --one-file-system "$target" | cut -f1) at $target" >&2
echo "$target"
