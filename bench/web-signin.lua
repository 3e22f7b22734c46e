-- wrk script of bench/web.sh: a flood of sign-ins, POST /api/v1/session with the
-- JSON body given after `--` on wrk's command line. Counts the answers by status
-- (wrk itself tells only 2xx from the rest) and prints them when done:
-- "sign-ins: 200=N 401=N 429=N other=N".
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local threads = {}
ok, unauthorized, limited, other = 0, 0, 0, 0

function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  wrk.body = args[1]
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1
  elseif status == 401 then unauthorized = unauthorized + 1
  elseif status == 429 then limited = limited + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local counts = { ok = 0, unauthorized = 0, limited = 0, other = 0 }
  for _, thread in ipairs(threads) do
    for name, _ in pairs(counts) do counts[name] = counts[name] + thread:get(name) end
  end
  io.write(string.format("sign-ins: 200=%d 401=%d 429=%d other=%d\n", counts.ok,
    counts.unauthorized, counts.limited, counts.other))
end
