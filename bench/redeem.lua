-- wrk script for POST /api/redemptions: a random card of the first N (wrk args: cards file, N, token, goods ids),
-- one goods, a fresh idempotency key per request. Prints one line: rps, p50, p99 and the count of non-2xx answers.
local counter = 0
local threads = {}
local cards, goods, token, me

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  local file, n = args[1], tonumber(args[2])
  token = args[3]
  cards, goods = {}, {}
  for line in io.lines(file) do
    if #cards < n then table.insert(cards, line) end
  end
  for id in string.gmatch(args[4], "%d+") do table.insert(goods, id) end
  me = tostring(tid or 0) .. "-" .. tostring(os.time()) .. "-" .. tostring(math.random(1, 1e9))
  math.randomseed(os.time() + (tid or 0) * 7919)
end

function request()
  counter = counter + 1
  local body = string.format('{"qrText":"%s","items":[{"goodsId":%s,"quantity":1}],"idempotencyKey":"b-%s-%d"}',
    cards[math.random(#cards)], goods[math.random(#goods)], me, counter)
  return wrk.format("POST", "/api/redemptions",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  io.write(string.format("app rps=%.1f p50_ms=%.2f p99_ms=%.2f requests=%d non2xx=%d socket_errors=%d\n",
    summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
