#!/usr/bin/env bash
# The workflow keeps the publication register itself: after a production build on main, commit
# publication-register.yml if the build changed it, and push it, before anything is deployed.
# A push that fails (main moved on meanwhile) stops the run: the next run builds again.
#   deploy/commit-register.sh [REMOTE] [BRANCH]   (default: origin main)
set -euo pipefail
cd "$(dirname "$0")/.."
remote="${1:-origin}"
branch="${2:-main}"
if git diff --quiet -- publication-register.yml && [ -z "$(git ls-files --others -- publication-register.yml)" ]; then
  echo "The publication register is unchanged."
  exit 0
fi
git add publication-register.yml
git -c user.name="${REGISTER_COMMITTER:-Publishing workflow}" \
    -c user.email="${REGISTER_EMAIL:-publishing-workflow@users.noreply.github.com}" \
    commit -q -m "Publication register: as of the production build of $(date -u +%Y-%m-%d)" -- publication-register.yml
git push -q "$remote" "HEAD:$branch"
echo "Committed and pushed publication-register.yml."
