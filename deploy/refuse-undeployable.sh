#!/usr/bin/env bash
# Refuse to deploy a preview or an as-of build: exit 1 with a plain message, 0 for a production
# build of today.   deploy/refuse-undeployable.sh [SITE_FOLDER]   (default: site)
set -euo pipefail
site="${1:-site}"
if [ ! -f "$site/index.html" ]; then
  echo "$site/ holds no built site: refusing to deploy." >&2
  exit 1
fi
if [ -e "$site/PREVIEW-BUILD-DO-NOT-DEPLOY.txt" ] || grep -rlq 'name="lscp-build" content="preview"' "$site/"; then
  echo "$site/ is a preview build (it shows items that are not public): refusing to deploy." >&2
  exit 1
fi
if [ -e "$site/AS-OF-BUILD-DO-NOT-DEPLOY.txt" ] || grep -rlq 'name="lscp-build" content="as-of' "$site/"; then
  echo "$site/ was built as of another day (SITE_AS_OF): refusing to deploy." >&2
  exit 1
fi
