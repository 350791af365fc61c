"""Checks docker/service.Dockerfile's runtime stage (the last FROM) without an engine:

- its base resolves (through the ARG defaults) to an image that is not Alpine/musl: RocksDB's JNI
  library, the state store of routing-service's Kafka Streams, needs glibc and libstdc++;
- it installs nothing with apk (an Alpine base in disguise);
- it runs as a non-root USER, keeps the HEALTHCHECK on /health/ready and the entrypoint script.

Usage: check_dockerfile.py docker/service.Dockerfile
"""
import re
import sys

MUSL = re.compile(r"alpine|musl", re.IGNORECASE)


def instructions(text):
    """(keyword, arguments) per instruction, continuation lines joined, comments dropped."""
    out, current = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if current and stripped.startswith("#"):
            continue  # a comment inside a continued instruction
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        keyword, _, rest = current.partition(" ")
        out.append((keyword.upper(), rest.strip()))
        current = ""
    return out


def resolve(value, args):
    def sub(m):
        name = m.group(1) or m.group(2)
        return args.get(name, m.group(0))
    return re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)", sub, value)


def main(path):
    problems = []
    steps = instructions(open(path, encoding="utf-8").read())
    global_args = {}
    stages = []  # [image, [(keyword, args), ...]]
    for keyword, rest in steps:
        if keyword == "FROM":
            words = [w for w in rest.split() if not w.startswith("--")]
            stages.append([words[0], []])
        elif not stages:
            if keyword == "ARG" and "=" in rest:
                name, _, default = rest.partition("=")
                global_args[name.strip()] = default.strip().strip('"')
        else:
            stages[-1][1].append((keyword, rest))
    if not stages:
        return [f"{path}: no FROM"]
    image, body = stages[-1]
    base = resolve(image, global_args)
    if "$" in base:
        problems.append(f"runtime stage FROM {image}: no default for the ARG, cannot tell its base")
    elif MUSL.search(base):
        problems.append(f"runtime stage base {base} is Alpine/musl: RocksDB's JNI library (routing-service's "
                        "state stores) needs glibc and libstdc++; use a glibc base such as "
                        "eclipse-temurin:17-jre-noble or -jammy")
    for keyword, rest in body:
        if keyword == "RUN" and re.search(r"(^|[\s;&|])apk\s", rest):
            problems.append(f"runtime stage runs apk (an Alpine base): RUN {rest[:80]}")
    users = [rest.split(":")[0] for keyword, rest in body if keyword == "USER"]
    if not users or users[-1] in ("root", "0"):
        problems.append("runtime stage must end as a non-root USER")
    health = [rest for keyword, rest in body if keyword == "HEALTHCHECK"]
    if not health or "/health/ready" not in health[-1]:
        problems.append("runtime stage lost its HEALTHCHECK on /health/ready")
    entry = [rest for keyword, rest in body if keyword == "ENTRYPOINT"]
    if not entry or "/app/entrypoint.sh" not in entry[-1]:
        problems.append("runtime stage lost ENTRYPOINT /app/entrypoint.sh")
    if not problems:
        print(f"runtime base {base}")
    return problems


if __name__ == "__main__":
    found = main(sys.argv[1])
    for p in found:
        print(p)
    sys.exit(1 if found else 0)
