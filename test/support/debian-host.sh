# Sourced by debian-rootfs.sh and debian-template.sh: what both need of the host. Expects `die`
# and `install_deps` (true/false) to be defined by the caller.

# install_missing PKG...: apt-get installs the packages when --install-deps was given, else dies
# naming them (a package list may be empty).
install_missing() {
  [ $# -gt 0 ] || return 0
  if $install_deps; then
    echo "installing $*" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >&2 ||
      { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >&2; } ||
      die "cannot install $*"
  else
    die "missing: $* (apt-get install them, or pass --install-deps)"
  fi
}

# Sets `suite` and `arch` of the host, and `sources`: the host's own apt sources (every enabled
# sources file, each handed to mmdebstrap as it is), or PCTKIT_APT_SOURCES.
host_debian() {
  # shellcheck disable=SC1091
  suite="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
  [ -n "$suite" ] || die "cannot tell the host's Debian suite (no VERSION_CODENAME in /etc/os-release)"
  arch="$(dpkg --print-architecture)"
  sources=()
  if [ -n "${PCTKIT_APT_SOURCES:-}" ]; then
    sources=("$PCTKIT_APT_SOURCES")
  else
    if [ -s /etc/apt/sources.list ] && grep -Eq '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list; then
      sources+=(/etc/apt/sources.list)
    fi
    for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
      [ -f "$f" ] && sources+=("$f")
    done
  fi
  [ ${#sources[@]} -gt 0 ] || die "no apt sources found on this machine"
}
