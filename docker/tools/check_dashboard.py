"""Checks docker/grafana: the dashboard JSON parses, panel ids are unique, every panel has at least
one non-empty query against the provisioned datasource, and the dashboard covers every metric of the
contract plus consumer lag."""
import json
import pathlib
import sys

import yaml

grafana = pathlib.Path(sys.argv[1])
problems = []

datasources = yaml.safe_load((grafana / "provisioning/datasources/prometheus.yml").read_text())["datasources"]
uids = {d["uid"] for d in datasources}

REQUIRED = [
    "anshin_reports_received_total",
    "anshin_notices_routed_total",
    "anshin_incidents_exceeding_level_total",
    "anshin_notifications_delivered_total",
    "anshin_report_to_delivery_seconds_bucket",
    "kafka_consumer_fetch_manager_records_lag_max",
]

dashboards = sorted((grafana / "dashboards").glob("*.json"))
if not dashboards:
    problems.append("no dashboard JSON in dashboards/")
for path in dashboards:
    try:
        dash = json.loads(path.read_text())
    except json.JSONDecodeError as e:
        problems.append(f"{path.name}: not JSON: {e}")
        continue
    exprs = []
    ids = set()
    for panel in dash.get("panels", []):
        title = panel.get("title", "?")
        if panel.get("id") in ids:
            problems.append(f"{path.name}: duplicate panel id {panel.get('id')}")
        ids.add(panel.get("id"))
        if panel.get("type") == "row":
            continue
        targets = [t for t in panel.get("targets", []) if t.get("expr", "").strip()]
        if not targets:
            problems.append(f"{path.name}: panel '{title}' has no query")
        for t in targets:
            uid = (t.get("datasource") or panel.get("datasource") or {}).get("uid")
            if uid not in uids:
                problems.append(f"{path.name}: panel '{title}' uses datasource '{uid}', provisioned: {sorted(uids)}")
            if t["expr"].count("(") != t["expr"].count(")"):
                problems.append(f"{path.name}: panel '{title}' query has unbalanced parentheses")
            exprs.append(t["expr"])
    text = "\n".join(exprs)
    for metric in REQUIRED:
        if metric not in text:
            problems.append(f"{path.name}: no panel queries {metric}")
    if "histogram_quantile(0.99" not in text or "histogram_quantile(0.5" not in text:
        problems.append(f"{path.name}: report-to-delivery p50/p99 panel missing")

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
