"""Reads `docker-compose config` output on stdin and checks what compose does not check without an
engine: every bind-mounted host path exists, build contexts and Dockerfiles exist, and the stack keeps
the shape docs/OPERATIONS.md promises (3 brokers, routing scaled out, metrics ports)."""
import os
import sys

import yaml

problems = []
doc = yaml.safe_load(sys.stdin)
services = doc.get("services", {})


def mounts(service):
    for v in service.get("volumes", []) or []:
        if isinstance(v, str):
            source = v.split(":")[0]
            if source.startswith("/") or source.startswith("."):
                yield source
        elif isinstance(v, dict) and v.get("type") == "bind":
            yield v["source"]


for name, service in services.items():
    for source in mounts(service):
        if not os.path.exists(source):
            problems.append(f"{name}: bind mount source {source} does not exist")
    build = service.get("build")
    if build:
        context = build.get("context", ".")
        dockerfile = os.path.join(context, build.get("dockerfile", "Dockerfile"))
        if not os.path.isfile(dockerfile):
            problems.append(f"{name}: Dockerfile {dockerfile} does not exist")
        for arg in ("MODULE", "MAIN_CLASS", "PORT"):
            if arg not in (build.get("args") or {}):
                problems.append(f"{name}: build arg {arg} missing")
        module = (build.get("args") or {}).get("MODULE")
        if module and not os.path.isfile(os.path.join(context, module, "pom.xml")):
            problems.append(f"{name}: MODULE {module} is not a Maven module of {context}")

brokers = [n for n in services if n.startswith("kafka-")]
if len(brokers) != 3:
    problems.append(f"expected 3 Kafka brokers, found {brokers}")
for b in brokers:
    env = services[b].get("environment", {})
    if str(env.get("KAFKA_MIN_INSYNC_REPLICAS")) != "2" or str(env.get("KAFKA_DEFAULT_REPLICATION_FACTOR")) != "3":
        problems.append(f"{b}: replication 3 / min.insync.replicas 2 not set")
replicas = services.get("routing-service", {}).get("deploy", {}).get("replicas", 1)
if replicas < 2:
    problems.append(f"routing-service: {replicas} replica(s), expected at least 2")
for name in ("ingest-service", "routing-service", "notifier-service"):
    env = services.get(name, {}).get("environment", {})
    for key in ("KAFKA_BOOTSTRAP_SERVERS", "SCHEMA_REGISTRY_URL", "ANSHIN_PORT", "ANSHIN_CONFIG_DIR"):
        if key not in env:
            problems.append(f"{name}: environment {key} missing")

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
