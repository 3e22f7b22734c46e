-- wrk script of bench/web.sh: each request asks for the next of the paths given
-- after `--` on wrk's command line, in turn (a mix of reads on one connection).
local paths, next_path = {}, 0

function init(args)
  for _, path in ipairs(args) do paths[#paths + 1] = path end
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format(nil, paths[next_path])
end
