-- wrk script for gavel serve: POSTs request bodies read from a file (one JSON request a line)
-- to PATH, cycling through them; prints one JSON line of results at the end, in the shape of
-- the peers' cerbos/wrk-check.lua so that the two runs read alike.
-- usage: wrk -tT -cC -dDs -s bench/wrk-decide.lua http://127.0.0.1:PORT -- BODIES_FILE [PATH]
local bodies = {}
local i = 0
local path = "/v1/decide"

function init(args)
  if args[2] then path = args[2] end
  for line in io.lines(args[1]) do
    if #line > 0 then bodies[#bodies + 1] = line end
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  i = i % #bodies + 1
  return wrk.format(nil, path, nil, bodies[i])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"p50_us":%d,"p90_us":%d,"p99_us":%d,"mean_us":%.1f,"max_us":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max))
end
