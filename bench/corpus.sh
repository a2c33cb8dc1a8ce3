#!/usr/bin/env bash
# Builds the benchmark corpus: every shell script that a set of Debian packages
# rich in shell owns, plus dpkg maintainer scripts, copied flat into a cache
# folder outside the clone. Prints the folder on the last line.
# Usage: bench/corpus.sh [--no-install]   (CORPUS_DIR overrides the folder)
set -euo pipefail
DIR=${CORPUS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/aliascope/corpus}
PACKAGES=(bash-completion devscripts git autoconf automake libtool debhelper
          dpkg-dev debootstrap initramfs-tools xdg-utils quilt ucf)
COMPLETIONS=/usr/share/bash-completion/completions

if [[ ${1:-} != --no-install ]]; then
  missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "installing: ${missing[*]}" >&2
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
fi

# A shell script: a .sh/.bash name, a completion file, or a shebang that names
# a POSIX-family shell directly or through env.
is_shell() {
  local path=$1 line
  [[ -f $path && ! -L $path ]] || return 1
  [[ $path == *.sh || $path == *.bash || $path == "$COMPLETIONS"/* ]] && return 0
  IFS= read -r -n 200 line < "$path" 2>/dev/null || [[ -n $line ]] || return 1
  [[ $line =~ ^#![[:space:]]*(/usr)?(/local)?/bin/(env[[:space:]]+(-S[[:space:]]+)?)?(sh|bash|dash|ksh|mksh|ash)([[:space:]]|$) ]]
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{
  dpkg-query -W -f='${binary:Package}\n' | xargs dpkg -L 2>/dev/null
  ls -1 /var/lib/dpkg/info/*.{preinst,postinst,prerm,postrm,config} 2>/dev/null
} | sort -u > "$tmp/paths"
while IFS= read -r p; do
  if is_shell "$p"; then printf '%s\0' "$p"; fi
done < "$tmp/paths" | xargs -0 -r sha1sum > "$tmp/sums"

# Byte-identical copies are kept once: the first path in sorted order wins.
rm -rf "$DIR"
mkdir -p "$DIR"
sort -k2 "$tmp/sums" | awk '!seen[$1]++ { sub(/^[0-9a-f]+  /, ""); print }' > "$tmp/unique"
while IFS= read -r p; do
  flat=${p#/}
  cp -- "$p" "$DIR/${flat//\//__}"
done < "$tmp/unique"
files=$(find "$DIR" -type f | wc -l)
bytes=$(find "$DIR" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}')
echo "corpus: $files files, $bytes bytes" >&2
echo "$DIR"
