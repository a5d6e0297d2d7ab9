-- wrk script: counts answers that were not 2xx or 304 and prints one
-- machine-readable line, for the benchmark scripts to read. The argument,
-- if any, is a pause in milliseconds between requests on a connection.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  pause_ms = tonumber(args[1] or "0")
end

function delay()
  return pause_ms
end

failed = 0 -- global, so done() can read it from each thread
function response(status)
  if status >= 300 and status ~= 304 then failed = failed + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("failed") end
  io.write(string.format("RESULT requests=%d ok=%d failed=%d seconds=%.2f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.requests - total, total, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
