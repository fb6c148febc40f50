-- One random offender's form per request: ids S-0000001 … S-<N> of `ppo generate`.
-- Environment: PPO_OFFENDERS (how many), PPO_TOKEN (bearer token), PPO_MATRIX (URL-encoded name).
local count = tonumber(os.getenv("PPO_OFFENDERS") or "1000")
local token = os.getenv("PPO_TOKEN") or "sample-admin-token"
local matrix = os.getenv("PPO_MATRIX") or "Prolific%20Offender%20Prioritisation"
wrk.headers["Authorization"] = "Bearer " .. token

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

request = function()
  local id = string.format("S-%07d", math.random(1, count))
  return wrk.format("GET", "/v1/offenders/" .. id .. "/explain?matrix=" .. matrix)
end

done = function(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; %d requests, %d errors (status %d)\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
