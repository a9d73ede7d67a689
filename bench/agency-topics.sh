#!/usr/bin/env bash
# Agency topics (issue 6): projected events/s with AGENCIES agencies granted one dataset, commit -> agency-topic
# latency at RATE changes/s for DURATION seconds, and the back-fill of a new grant over RECORDS insured persons.
# Starts LDX with ./mvnw -Plocal (real PostgreSQL, Kafka, Keycloak, the packaged gateway, the demo; on a fresh clone
# this builds everything first), grows sso-insured-persons to RECORDS with COPY, runs the measurements in the
# launcher (devstack/.../bench/AgencyTopicsBench.java), prints a Markdown table, and stops everything.
#   [RECORDS=1000000] [AGENCIES=10] [BURST=50000] [RATE=1000] [DURATION=20] bench/agency-topics.sh
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -B -q -Plocal -Dldx.bench=agency-topics -Dldx.demo.bulk="${RECORDS:-1000000}" \
  -Dldx.bench.agencies="${AGENCIES:-10}" -Dldx.bench.burst="${BURST:-50000}" -Dldx.bench.rate="${RATE:-1000}" \
  -Dldx.bench.seconds="${DURATION:-20}"
