#!/usr/bin/env bash
# Installs the Debian packages code2video needs, only those missing; uses sudo when not root.
set -euo pipefail
packages=(ffmpeg libcairo2-dev libpango1.0-dev pkg-config espeak-ng libespeak-ng1 fontconfig fonts-dejavu-core
          python3-venv python3-dev build-essential ghostscript tesseract-ocr tesseract-ocr-eng)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
