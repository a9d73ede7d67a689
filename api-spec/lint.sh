#!/usr/bin/env bash
# Lints the contract with Redocly CLI, a standard OpenAPI and AsyncAPI linter, under redocly.yaml (every warning an
# error, every example checked against its schema). `./mvnw verify` runs it; by hand: api-spec/lint.sh
# It needs Node.js (npx) and the npm registry; on a machine with only a JDK and Maven it says so and passes, so the
# two commands of the README still work there.
set -euo pipefail
cd "$(dirname "$0")"
VERSION=${REDOCLY_CLI_VERSION:-2.77.0}
if ! command -v npx >/dev/null; then
  echo "WARNING: Node.js (npx) is not installed here, so the contract was not linted (Redocly CLI $VERSION)." >&2
  exit 0
fi
exec npx --yes "@redocly/cli@$VERSION" lint openapi.yaml asyncapi.yaml
