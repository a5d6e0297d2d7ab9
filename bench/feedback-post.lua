-- wrk script: POST /v1/feedback with a fresh idempotency key every request,
-- so every request is a new durable write. Arguments: a run id for the keys,
-- and a pause in milliseconds between requests (default none). Counting and
-- the RESULT line are bench/summary.lua's (wrk runs from the repository root).
dofile("bench/summary.lua")

local thread_ids = 0
local base_setup = setup
function setup(thread)
  thread:set("thread_id", thread_ids)
  thread_ids = thread_ids + 1
  base_setup(thread)
end

function init(args)
  run_id = args[1] or "x"
  pause_ms = tonumber(args[2] or "0")
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
