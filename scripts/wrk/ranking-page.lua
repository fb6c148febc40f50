-- A page of 100 of the ranking at a random offset per request, optionally filtered.
-- Environment: PPO_OFFENDERS (how many are ranked), PPO_TOKEN, PPO_MATRIX (URL-encoded name),
-- PPO_FILTER (added to the query as it is, e.g. "tier=High" or "search=ab"; the offset is then
-- drawn from the first PPO_FILTERED offenders, default 1000).
local count = tonumber(os.getenv("PPO_OFFENDERS") or "1000")
local token = os.getenv("PPO_TOKEN") or "sample-admin-token"
local matrix = os.getenv("PPO_MATRIX") or "Prolific%20Offender%20Prioritisation"
local filter = os.getenv("PPO_FILTER") or ""
if filter ~= "" then count = tonumber(os.getenv("PPO_FILTERED") or "1000") end
wrk.headers["Authorization"] = "Bearer " .. token

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

request = function()
  local offset = math.random(0, math.max(0, count - 100))
  local query = "offset=" .. offset .. "&limit=100"
  if filter ~= "" then query = query .. "&" .. filter end
  return wrk.format("GET", "/v1/matrices/" .. matrix .. "/ranking?" .. query)
end

done = function(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; %d requests, %d errors (status %d)\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
