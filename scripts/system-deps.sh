#!/usr/bin/env bash
# Installs the Debian packages the platform needs (CJK fonts for documents, LibreOffice Writer
# without its GUI for the PDF of documents, Chromium for browser
# tests, the LDAP headers python-ldap builds against, slapd for the directory sign-in tests,
# redis-server for the tests of the shared cache), only when one is missing, so it is cheap to run
# every time.
set -euo pipefail
packages=(fonts-noto-cjk fonts-wqy-microhei fonts-arphic-ukai fonts-liberation2
  libreoffice-writer-nogui chromium libldap2-dev libsasl2-dev slapd ldap-utils redis-server)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "缺少系统软件包：${missing[*]}（请用系统包管理器安装）" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "安装系统软件包：${missing[*]}"
# Another install running on the machine holds the package lock: wait for it rather than fail.
wait_lock=(-o DPkg::Lock::Timeout=900)
$sudo apt-get "${wait_lock[@]}" update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get "${wait_lock[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
