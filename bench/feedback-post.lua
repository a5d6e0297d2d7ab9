-- wrk script: POST /v1/feedback with a fresh idempotency key every request,
-- so every request is a new durable write. Arguments: a run id for the keys,
-- and a pause in milliseconds between requests (default none).
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local counter = 0

function request()
  counter = counter + 1
  local body = string.format(
    '{"message":"Benchmark feedback number %d from a resident.","contact_consent":false,"lang":"en",' ..
    '"page":"https://council.example/community-safety","key":"bench-%s-%d-%d"}',
    counter, run_id or "x", thread_id, counter)
  return wrk.format("POST", "/v1/feedback", { ["Content-Type"] = "application/json" }, body)
end

function init(args)
  run_id = args[1] or "x"
  pause_ms = tonumber(args[2] or "0")
end

-- Milliseconds between one answer and the next request on a connection
-- (the second argument; 0 sends as fast as the server answers).
function delay()
  return pause_ms
end

created = 0 -- global, so done() can read it from each thread
function response(status)
  if status == 201 then created = created + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("created") end
  io.write(string.format("RESULT requests=%d created=%d seconds=%.2f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, total, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
