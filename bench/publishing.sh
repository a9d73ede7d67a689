#!/usr/bin/env bash
# Publishing (issue 8): the raw Kafka producer as the ceiling, sustained batch ingest to Kafka, a JDBC connector's
# initial load of a legacy PostgreSQL table, and .xlsx workbooks through the file drop with the connector process's
# heap sampled, in one run. Starts LDX with ./mvnw -Plocal (real PostgreSQL, Kafka, Keycloak, the packaged gateway,
# the demo loaded through the batch API; on a fresh clone this builds everything first), runs the measurements in
# the launcher (devstack/.../bench/PublishingBench.java), prints the demo load time and a Markdown table, and stops.
# ROUNDS above 1 repeats the raw producer and the ungranted copy's ingest, alternately, and prints their medians.
#   [PRODUCER=500000] [CHANGES=200000] [BATCH=5000] [CLIENTS=2] [ROUNDS=1] [LEGACY=1000000] [WORKBOOK=100000]
#   bench/publishing.sh
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -B -q -Plocal -Dldx.bench=publishing -Dldx.bench.producer-records="${PRODUCER:-500000}" \
  -Dldx.bench.batch-changes="${CHANGES:-200000}" -Dldx.bench.batch-size="${BATCH:-5000}" \
  -Dldx.bench.batch-clients="${CLIENTS:-2}" -Dldx.bench.rounds="${ROUNDS:-1}" \
  -Dldx.bench.legacy-rows="${LEGACY:-1000000}" -Dldx.bench.workbook-rows="${WORKBOOK:-100000}"
