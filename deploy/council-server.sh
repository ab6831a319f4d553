#!/usr/bin/env bash
# Publish the site from a council server: pull the partnership's repository, build and audit the
# site as of now, and copy it into the web server's folder, keeping the previous build beside it
# for rollback. Run it from systemd (deploy/lscp-site.timer) or cron (see deploy/README.md).
#
#   deploy/council-server.sh [WEB_ROOT]     publish (default WEB_ROOT: $LSCP_WEB_ROOT or /var/www/safeguarding)
#   deploy/council-server.sh rollback [WEB_ROOT]   put the previous build back
#
# WEB_ROOT.previous holds the build that was live before the last publish. A failed pull, test,
# build, audit or copy leaves the live site as it was and exits non-zero (systemd's OnFailure=
# or cron's MAILTO tells someone). LSCP_MAKE_ARGS: extra arguments for make (tests use it).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${1:-}" = "rollback" ]; then
  web_root="${2:-${LSCP_WEB_ROOT:-/var/www/safeguarding}}"
  if [ ! -f "$web_root.previous/index.html" ]; then
    echo "No previous build in $web_root.previous: nothing to roll back to." >&2
    exit 1
  fi
  keep=(--exclude=/.htaccess --exclude=/web.config)
  rsync -a --delete "${keep[@]}" "$web_root.previous/" "$web_root.rollback-tmp/"
  rsync -a --delete "${keep[@]}" "$web_root/" "$web_root.previous/"
  rsync -a --delete "${keep[@]}" "$web_root.rollback-tmp/" "$web_root/"
  rm -rf "$web_root.rollback-tmp"
  echo "Rolled back: $web_root holds the previous build; the one it replaced is in $web_root.previous."
  echo "The next run publishes the repository again: to keep the rollback, stop the timer first."
  exit 0
fi
web_root="${1:-${LSCP_WEB_ROOT:-/var/www/safeguarding}}"
cd "$repo"
unset SITE_AS_OF SITE_PREVIEW  # always the production site as of now
export CI=true  # the register is verified, never rewritten here: the clone stays clean for the next pull
git pull --ff-only --quiet
# shellcheck disable=SC2086
make --no-print-directory site ${LSCP_MAKE_ARGS:-}
deploy/refuse-undeployable.sh site
mkdir -p "$web_root"
if [ -f "$web_root/index.html" ]; then
  rsync -a --delete --exclude=/.htaccess --exclude=/web.config "$web_root/" "$web_root.previous/"
fi
# The web server's own settings file in the web root (.htaccess, web.config) is kept.
rsync -a --delete --checksum --exclude=/.htaccess --exclude=/web.config "site/" "$web_root/"
if [ -f "$web_root.previous/index.html" ]; then
  echo "Published to $web_root (the previous build is in $web_root.previous)."
else
  echo "Published to $web_root (the first build here: nothing to roll back to yet)."
fi
