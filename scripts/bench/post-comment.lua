-- wrk script: every request posts a different comment (thread number and counter in the text).
local thread_id = 0
local counter = 0
function setup(thread)
  thread:set("id", tostring(math.random(1, 1e9)))
end
function init(args)
  thread_id = id or "0"
end
function request()
  counter = counter + 1
  local body = string.format('{"name":"Bench poster","body":"Benchmark comment %s-%d"}', thread_id, counter)
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end
