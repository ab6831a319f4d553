#!/usr/bin/env bash
# The plain-words summary of a build for the workflow's job summary (GitHub's $GITHUB_STEP_SUMMARY):
# what will go live, what is held and why, and any problems.
#   deploy/ci-summary.sh BUILD_LOG BUILD_STATUS
# BUILD_LOG is the output of `make site`; BUILD_STATUS its exit status. Writes to
# $GITHUB_STEP_SUMMARY, or to standard output when that is not set. Never fails the job itself.
set -uo pipefail
cd "$(dirname "$0")/.."
log="${1:?usage: deploy/ci-summary.sh BUILD_LOG BUILD_STATUS}"
status="${2:-1}"
out="${GITHUB_STEP_SUMMARY:-/dev/stdout}"
py="${PY:-.venv/bin/python}"

{
  if [ "$status" = "0" ]; then
    echo "## The site builds and passes the leak audit"
  else
    echo "## The build stopped: nothing would be published"
  fi
  echo
  echo "### What will go live"
  echo
  grep -E '^(Published as of|As-of build|Became public|Left the site|Next scheduled change|Updated publication-register)' "$log" \
    | sed 's/^/- /' || echo "- Nothing: the build did not finish."
  echo
  echo "### What is held and why"
  echo
  if [ -x "$py" ] && "$py" scripts/report.py --format json >.ci-report.json 2>/dev/null; then
    "$py" - .ci-report.json <<'PY' || echo "- (the report could not be read)"
import json, sys
items = [i for i in json.load(open(sys.argv[1]))["items"] if i["state"] != "public"]
for item in items:
    print(f"- `{item['id']}`: {item['reason']}")
if not items:
    print("- Nothing is held: every item is public.")
PY
  else
    echo "- The report could not be made (see the problems below)."
  fi
  rm -f .ci-report.json
  echo
  echo "### Problems"
  echo
  problems=$(grep -E '^(content/|overrides/|mkdocs\.yml|publication-register\.yml|environment|Warning|Nothing was published|  )' "$log" || true)
  if [ -n "$problems" ]; then
    echo '```text'
    echo "$problems"
    echo '```'
  else
    echo "None."
  fi
} >>"$out"
exit 0
