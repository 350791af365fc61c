"""Reads `docker-compose config` output on stdin and checks what compose does not check without an
engine: every bind-mounted host path exists, build contexts and Dockerfiles exist, the stack keeps
the shape docs/OPERATIONS.md promises (3 brokers, routing scaled out, metrics ports), and it stays
secure by default (docker/README.md):

- no port is published on every interface except ingest-service's (the public API); routing-service
  publishes none; the brokers and the registry at most on 127.0.0.1;
- the services listen on 0.0.0.0 inside their containers, in the production profile;
- ingest refuses the public demo tokens unless ANSHIN_ALLOW_DEMO_TOKENS is set (default false) and
  knows where routing's query API is (ANSHIN_ROUTING_URL names the routing service and its port);
- the internal token (ingest, routing) and the pseudonym key (routing) come from compose secrets
  declared with a file, through ANSHIN_*_FILE at the secret's mount path, never as a value.

Usage: docker-compose config | check_compose.py
Render the config with ANSHIN_ALLOW_DEMO_TOKENS and ANSHIN_INGEST_HOST_IP unset: the defaults are checked."""
import ipaddress
import os
import sys
from urllib.parse import urlparse

import yaml

problems = []
doc = yaml.safe_load(sys.stdin)
if not isinstance(doc, dict):
    print("no compose config on stdin (did docker-compose config fail?)")
    sys.exit(1)
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
        jre = str((build.get("args") or {}).get("JRE_IMAGE", ""))
        if "alpine" in jre.lower() or "musl" in jre.lower():
            problems.append(f"{name}: build arg JRE_IMAGE {jre} is Alpine/musl; RocksDB needs a glibc base with libstdc++")
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
for name in ("ingest-service", "routing-service", "notifier-service", "console"):
    env = services.get(name, {}).get("environment", {})
    for key in ("KAFKA_BOOTSTRAP_SERVERS", "SCHEMA_REGISTRY_URL", "ANSHIN_PORT", "ANSHIN_CONFIG_DIR"):
        if key not in env:
            problems.append(f"{name}: environment {key} missing")


# --- published ports -------------------------------------------------------------------------------
# services whose ports may be published on every interface (the public API)
PUBLIC = {"ingest-service"}
# services that must publish nothing at all
UNPUBLISHED = {"routing-service"}


def published(port):
    """(host_ip, description) of a published port in either rendering: compose v1 strings
    ("127.0.0.1:3000:3000/tcp", "8080:8080", "8082") or compose v2 mappings (host_ip, published,
    target). host_ip '' means every interface. None for a port that is not published on the host."""
    if isinstance(port, dict):
        return port.get("host_ip") or "", f"{port.get('published') or '<random>'}:{port.get('target')}"
    text = str(port).split("/")[0]
    if text.startswith("["):  # [::1]:8080:8080
        host, _, rest = text[1:].partition("]:")
        return host, rest
    parts = text.rsplit(":", 2)  # an IPv6 host ("::1:8080:8080" as compose v1 renders it) keeps its colons
    if len(parts) == 3:
        return parts[0].strip("[]"), f"{parts[1] or '<random>'}:{parts[2]}"
    # "8080:8080" or "8082": both publish on every interface (the latter on a random host port)
    if len(parts) == 2:
        return "", f"{parts[0] or '<random>'}:{parts[1]}"
    return "", f"<random>:{text}"


def loopback(host):
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


for name, service in services.items():
    for port in service.get("ports", []) or []:
        host, what = published(port)
        if name in UNPUBLISHED:
            problems.append(f"{name}: publishes {what} on the host; its query API is internal (no ports:)")
        elif name not in PUBLIC and not loopback(host):
            where = host or "every interface"
            problems.append(f"{name}: port {what} published on {where}; bind it to 127.0.0.1 "
                            "(\"127.0.0.1:HOST:CONTAINER\") or do not publish it")

# --- how the services listen and which profile -----------------------------------------------------
anshin = ("ingest-service", "routing-service", "notifier-service", "console")
for name in anshin:
    env = services.get(name, {}).get("environment", {}) or {}
    if str(env.get("ANSHIN_BIND_ADDRESS")) != "0.0.0.0":
        problems.append(f"{name}: ANSHIN_BIND_ADDRESS must be 0.0.0.0 in a container "
                        f"(the default 127.0.0.1 is unreachable from the others), got {env.get('ANSHIN_BIND_ADDRESS')}")
    if str(env.get("ANSHIN_PROFILE")) != "production":
        problems.append(f"{name}: ANSHIN_PROFILE must be production, got {env.get('ANSHIN_PROFILE')}")
    for plain in ("ANSHIN_INTERNAL_TOKEN", "ANSHIN_PSEUDONYM_KEY"):
        if plain in env:
            problems.append(f"{name}: {plain} set as a value in the compose file; use a secret and {plain}_FILE")

# --- ingest: demo tokens and the routing URL -------------------------------------------------------
ingest_env = services.get("ingest-service", {}).get("environment", {}) or {}
demo = ingest_env.get("ANSHIN_ALLOW_DEMO_TOKENS")
if demo is None:
    problems.append("ingest-service: ANSHIN_ALLOW_DEMO_TOKENS missing; set it to ${ANSHIN_ALLOW_DEMO_TOKENS:-false}")
elif str(demo).lower() != "false":
    problems.append(f"ingest-service: ANSHIN_ALLOW_DEMO_TOKENS defaults to {demo!r}; the public demo tokens "
                    "must be refused unless the user opts in (${ANSHIN_ALLOW_DEMO_TOKENS:-false})")
routing_url = ingest_env.get("ANSHIN_ROUTING_URL")
if not routing_url:
    problems.append("ingest-service: ANSHIN_ROUTING_URL missing (where routing-service's query API answers)")
else:
    url = urlparse(str(routing_url))
    routing_port = str((services.get("routing-service", {}).get("environment", {}) or {}).get("ANSHIN_PORT"))
    if url.scheme not in ("http", "https") or url.hostname not in services:
        problems.append(f"ingest-service: ANSHIN_ROUTING_URL {routing_url} does not name a service of this stack")
    elif url.hostname != "routing-service" or str(url.port) != routing_port:
        problems.append(f"ingest-service: ANSHIN_ROUTING_URL {routing_url} is not routing-service:{routing_port}")

# --- secrets ---------------------------------------------------------------------------------------
declared = doc.get("secrets", {}) or {}


def mounted_secrets(service):
    """secret name -> path it is mounted at, for either rendering (short names or long mappings)."""
    out = {}
    for entry in service.get("secrets", []) or []:
        if isinstance(entry, str):
            out[entry] = f"/run/secrets/{entry}"
        else:
            source = entry.get("source")
            target = entry.get("target") or source
            out[source] = target if str(target).startswith("/") else f"/run/secrets/{target}"
    return out


SECRET_ENV = {
    "ingest-service": ["ANSHIN_INTERNAL_TOKEN_FILE"],
    "routing-service": ["ANSHIN_INTERNAL_TOKEN_FILE", "ANSHIN_PSEUDONYM_KEY_FILE"],
}
secret_of = {}
for name, variables in SECRET_ENV.items():
    service = services.get(name, {})
    env = service.get("environment", {}) or {}
    mounts_at = {path: secret for secret, path in mounted_secrets(service).items()}
    for variable in variables:
        path = env.get(variable)
        if not path:
            problems.append(f"{name}: {variable} missing; point it at a compose secret (/run/secrets/...)")
            continue
        secret = mounts_at.get(str(path))
        if secret is None:
            problems.append(f"{name}: {variable}={path} is not where one of its secrets is mounted "
                            f"(secrets: {sorted(mounted_secrets(service))})")
            continue
        if secret not in declared:
            problems.append(f"{name}: secret {secret} is not declared under the top-level secrets:")
        elif not (declared[secret] or {}).get("file"):
            problems.append(f"secret {secret}: expected a file: (made by docker/make-secrets.sh)")
        secret_of[(name, variable)] = secret
token_ingest = secret_of.get(("ingest-service", "ANSHIN_INTERNAL_TOKEN_FILE"))
token_routing = secret_of.get(("routing-service", "ANSHIN_INTERNAL_TOKEN_FILE"))
if token_ingest and token_routing and token_ingest != token_routing:
    problems.append(f"ingest-service and routing-service use different internal-token secrets "
                    f"({token_ingest}, {token_routing}); they must share one")

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
