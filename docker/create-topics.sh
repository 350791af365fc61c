#!/usr/bin/env bash
# GENERATED from org.anshin.schemas.Topics (schemas/src/main/java/org/anshin/schemas/Topics.java,
# the source of every topic name, partition count and retention) and the CEPTOAR ids of
# docker/config/ceptoars.yaml. Do not edit: run `docker/validate.sh --write-topics`.
# docker/validate.sh fails when this file and Topics.java disagree.
#
# Creates every topic, real and exercise, idempotently (--if-not-exists). Used by the compose
# stack's topic-init job; works against any cluster:
#   BOOTSTRAP_SERVERS=broker:9092 REPLICATION_FACTOR=3 KAFKA_TOPICS=kafka-topics.sh \
#   KAFKA_TOPICS_COMMAND_CONFIG=admin-client.properties ./create-topics.sh
set -euo pipefail
BOOTSTRAP_SERVERS="${BOOTSTRAP_SERVERS:-kafka-1:9092,kafka-2:9092,kafka-3:9092}"
REPLICATION_FACTOR="${REPLICATION_FACTOR:-3}"
KAFKA_TOPICS="${KAFKA_TOPICS:-kafka-topics.sh}"
# TLS/SASL settings of the admin client (security.protocol, ssl.*, sasl.*), if any
command_config=()
if [ -n "${KAFKA_TOPICS_COMMAND_CONFIG:-}" ]; then
  command_config=(--command-config "${KAFKA_TOPICS_COMMAND_CONFIG}")
fi

create() {
  local name="$1" partitions="$2"
  shift 2
  "${KAFKA_TOPICS}" --bootstrap-server "${BOOTSTRAP_SERVERS}" "${command_config[@]}" \
    --create --if-not-exists --topic "${name}" --partitions "${partitions}" \
    --replication-factor "${REPLICATION_FACTOR}" "$@"
  echo "topic ${name}: ok"
}

create incidents.reports 12 --config retention.ms=604800000
create nisc.incidents 3 --config retention.ms=7776000000
create ceptoar.telecom.incidents 3 --config retention.ms=7776000000
create ceptoar.broadcasting.incidents 3 --config retention.ms=7776000000
create ceptoar.banking.incidents 3 --config retention.ms=7776000000
create ceptoar.securities.incidents 3 --config retention.ms=7776000000
create ceptoar.life-insurance.incidents 3 --config retention.ms=7776000000
create ceptoar.non-life-insurance.incidents 3 --config retention.ms=7776000000
create ceptoar.aviation.incidents 3 --config retention.ms=7776000000
create ceptoar.railway.incidents 3 --config retention.ms=7776000000
create ceptoar.electricity.incidents 3 --config retention.ms=7776000000
create ceptoar.gas.incidents 3 --config retention.ms=7776000000
create ceptoar.local-government.incidents 3 --config retention.ms=7776000000
create ceptoar.medical.incidents 3 --config retention.ms=7776000000
create ceptoar.water.incidents 3 --config retention.ms=7776000000
create ceptoar.logistics.incidents 3 --config retention.ms=7776000000
create ceptoar.council.incidents 3 --config retention.ms=7776000000
create incidents.dead-letter 1 --config retention.ms=7776000000
create notifications.dead-letter 1 --config retention.ms=7776000000
create notifications.deliveries 3 --config retention.ms=7776000000
create incidents.record-entries 6 --config retention.ms=604800000
create incidents.record 6 --config cleanup.policy=compact --config min.compaction.lag.ms=86400000 --config retention.ms=-1
create advisories 3 --config retention.ms=7776000000
create advisories.feedback 3 --config retention.ms=7776000000
create advisories.deliveries 3 --config retention.ms=7776000000
create advisories.record 3 --config cleanup.policy=compact --config min.compaction.lag.ms=86400000 --config retention.ms=-1
create incidents.shares 6 --config retention.ms=604800000
create incidents.acknowledgements 6 --config retention.ms=604800000
create ceptoar.telecom.advisories 3 --config retention.ms=7776000000
create ceptoar.broadcasting.advisories 3 --config retention.ms=7776000000
create ceptoar.banking.advisories 3 --config retention.ms=7776000000
create ceptoar.securities.advisories 3 --config retention.ms=7776000000
create ceptoar.life-insurance.advisories 3 --config retention.ms=7776000000
create ceptoar.non-life-insurance.advisories 3 --config retention.ms=7776000000
create ceptoar.aviation.advisories 3 --config retention.ms=7776000000
create ceptoar.railway.advisories 3 --config retention.ms=7776000000
create ceptoar.electricity.advisories 3 --config retention.ms=7776000000
create ceptoar.gas.advisories 3 --config retention.ms=7776000000
create ceptoar.local-government.advisories 3 --config retention.ms=7776000000
create ceptoar.medical.advisories 3 --config retention.ms=7776000000
create ceptoar.water.advisories 3 --config retention.ms=7776000000
create ceptoar.logistics.advisories 3 --config retention.ms=7776000000
create ceptoar.council.advisories 3 --config retention.ms=7776000000
create exercise.incidents.reports 12 --config retention.ms=604800000
create exercise.nisc.incidents 3 --config retention.ms=7776000000
create exercise.ceptoar.telecom.incidents 3 --config retention.ms=7776000000
create exercise.ceptoar.broadcasting.incidents 3 --config retention.ms=7776000000
create exercise.ceptoar.banking.incidents 3 --config retention.ms=7776000000
create exercise.ceptoar.securities.incidents 3 --config retention.ms=7776000000
create exercise.ceptoar.life-insurance.incidents 3 --config retention.ms=7776000000
create exercise.ceptoar.non-life-insurance.incidents 3 --config retention.ms=7776000000
create exercise.ceptoar.aviation.incidents 3 --config retention.ms=7776000000
create exercise.ceptoar.railway.incidents 3 --config retention.ms=7776000000
create exercise.ceptoar.electricity.incidents 3 --config retention.ms=7776000000
create exercise.ceptoar.gas.incidents 3 --config retention.ms=7776000000
create exercise.ceptoar.local-government.incidents 3 --config retention.ms=7776000000
create exercise.ceptoar.medical.incidents 3 --config retention.ms=7776000000
create exercise.ceptoar.water.incidents 3 --config retention.ms=7776000000
create exercise.ceptoar.logistics.incidents 3 --config retention.ms=7776000000
create exercise.ceptoar.council.incidents 3 --config retention.ms=7776000000
create exercise.incidents.dead-letter 1 --config retention.ms=7776000000
create exercise.notifications.dead-letter 1 --config retention.ms=7776000000
create exercise.notifications.deliveries 3 --config retention.ms=7776000000
create exercise.incidents.record-entries 6 --config retention.ms=604800000
create exercise.incidents.record 6 --config cleanup.policy=compact --config min.compaction.lag.ms=86400000 --config retention.ms=-1
create exercise.advisories 3 --config retention.ms=7776000000
create exercise.advisories.feedback 3 --config retention.ms=7776000000
create exercise.advisories.deliveries 3 --config retention.ms=7776000000
create exercise.advisories.record 3 --config cleanup.policy=compact --config min.compaction.lag.ms=86400000 --config retention.ms=-1
create exercise.incidents.shares 6 --config retention.ms=604800000
create exercise.incidents.acknowledgements 6 --config retention.ms=604800000
create exercise.ceptoar.telecom.advisories 3 --config retention.ms=7776000000
create exercise.ceptoar.broadcasting.advisories 3 --config retention.ms=7776000000
create exercise.ceptoar.banking.advisories 3 --config retention.ms=7776000000
create exercise.ceptoar.securities.advisories 3 --config retention.ms=7776000000
create exercise.ceptoar.life-insurance.advisories 3 --config retention.ms=7776000000
create exercise.ceptoar.non-life-insurance.advisories 3 --config retention.ms=7776000000
create exercise.ceptoar.aviation.advisories 3 --config retention.ms=7776000000
create exercise.ceptoar.railway.advisories 3 --config retention.ms=7776000000
create exercise.ceptoar.electricity.advisories 3 --config retention.ms=7776000000
create exercise.ceptoar.gas.advisories 3 --config retention.ms=7776000000
create exercise.ceptoar.local-government.advisories 3 --config retention.ms=7776000000
create exercise.ceptoar.medical.advisories 3 --config retention.ms=7776000000
create exercise.ceptoar.water.advisories 3 --config retention.ms=7776000000
create exercise.ceptoar.logistics.advisories 3 --config retention.ms=7776000000
create exercise.ceptoar.council.advisories 3 --config retention.ms=7776000000
create notifications.delivery-state 3 --config cleanup.policy=compact,delete --config retention.ms=2592000000
create notifications.alerts-firing 3 --config cleanup.policy=compact --config retention.ms=-1
echo "88 topics ready"
