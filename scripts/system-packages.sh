#!/usr/bin/env bash
# Installs, from Debian's packages, what thidua needs beside Python when it is missing:
# chromium (browser tests), fonts-liberation2 (Liberation Serif: Times New Roman metrics with full
# Vietnamese diacritics, for the official papers), libreoffice-writer-nogui (.docx → .pdf that looks
# the same as the .docx), poppler-utils (pdftotext, used by tests). Never downloads anything else.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -q "Liberation Serif" || need+=(fonts-liberation2)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "thidua: installing Debian packages: ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
