-- wrk load for POST /v1/incidents (./anshin bench, phase 1): ~1 KB banking drill reports (exercise: true, so no
-- channel is called), a fresh reportId per request, 1,000 incident ids. Counts 202s apart from other answers and
-- prints one machine-readable line for the bench.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  token = args[1]
  accepted, other, counter = 0, 0, 0
  math.randomseed(os.time() + #threads * 7919)
  local now = os.time()
  occurred = os.date("!%Y-%m-%dT%H:%M:%SZ", now - 1800)
  detected = os.date("!%Y-%m-%dT%H:%M:%SZ", now - 1200)
  summary = string.rep("Intermittent slowness of the internet-banking front end after a configuration change; deposits, loans and remittance are not delayed. ", 6)
  headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}
end

function request()
  counter = counter + 1
  local rid = string.format("%04x%04x-%04x-4%03x-8%03x-%04x%08x", math.random(0, 65535), math.random(0, 65535),
    math.random(0, 65535), math.random(0, 4095), math.random(0, 4095), math.random(0, 65535), counter)
  local body = '{"reportId":"' .. rid .. '","incidentId":"ingest-' .. math.random(0, 999) ..
    '","reportType":"INITIAL","sector":"banking","occurredAt":"' .. occurred .. '","detectedAt":"' .. detected ..
    '","resolvedAt":null,"summary":"' .. summary .. '","cause":"UNINTENTIONAL","ciaImpact":["AVAILABILITY"],' ..
    '"impact":{"serviceStopped":false,"serviceDelayed":false,"affectedUsers":1000},"tlp":"GREEN","exercise":true}'
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
  local e = summary.errors
  io.write(string.format("ANSHIN-BENCH accepted=%d other=%d errors=%d seconds=%.3f p50=%.3f p99=%.3f max=%.3f\n",
    a, o, e.connect + e.read + e.write + e.timeout, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
