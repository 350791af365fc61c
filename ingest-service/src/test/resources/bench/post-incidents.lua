-- wrk load for POST /v1/incidents: ~1 KB valid electricity reports, a fresh reportId per request,
-- 1,000 incidents (keys). Counts 202s separately from other answers.
--   wrk -t2 -c64 -d30s --latency -s post-incidents.lua http://127.0.0.1:8080 -- <token>
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  token = args[1] or "demo-electricity"
  accepted, other, counter = 0, 0, 0
  math.randomseed(os.time() + #threads * 7919)
  local now = os.time()
  occurred = os.date("!%Y-%m-%dT%H:%M:%SZ", now - 1800)
  detected = os.date("!%Y-%m-%dT%H:%M:%SZ", now - 1200)
  summary = string.rep("Supply loss after control-system failure at substation; operator investigating. ", 8)
  headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}
end

function request()
  counter = counter + 1
  local rid = string.format("%04x%04x-%04x-4%03x-8%03x-%04x%08x", math.random(0, 65535), math.random(0, 65535),
    math.random(0, 65535), math.random(0, 4095), math.random(0, 4095), math.random(0, 65535), counter)
  local body = '{"reportId":"' .. rid .. '","incidentId":"bench-' .. math.random(0, 999) ..
    '","reportType":"INITIAL","sector":"electricity","occurredAt":"' .. occurred .. '","detectedAt":"' .. detected ..
    '","resolvedAt":null,"summary":"' .. summary .. '","cause":"UNINTENTIONAL","ciaImpact":["AVAILABILITY"],' ..
    '"impact":{"supplyLossKw":150000},"tlp":"GREEN","exercise":false}'
  return wrk.format("POST", "/v1/incidents", headers, body)
end

function response(status, hdrs, body)
  if status == 202 then accepted = accepted + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local a, o = 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("accepted")
    o = o + t:get("other")
  end
  local secs = summary.duration / 1e6
  io.write("| client | seconds | accepted (202) | other | socket errors | accepted/s | p50 ms | p90 ms | p99 ms | max ms |\n")
  io.write("|---|---|---|---|---|---|---|---|---|---|\n")
  local e = summary.errors
  io.write(string.format("| wrk | %.1f | %d | %d | %d | %.0f | %.2f | %.2f | %.2f | %.1f |\n", secs, a, o,
    e.connect + e.read + e.write + e.timeout, a / secs, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
