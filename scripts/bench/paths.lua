-- wrk script: requests the paths listed in the file named by PATHS_FILE (one per line), in turn, so that a run
-- reads the whole site as readers do rather than one address.
local paths = {}
local n = 0
function init(args)
  local file = io.open(os.getenv("PATHS_FILE") or "paths.txt")
  if file then
    for line in file:lines() do
      if #line > 0 then paths[#paths + 1] = line end
    end
    file:close()
  end
  if #paths == 0 then paths[1] = "/" end
  n = math.random(1, #paths)
end
function request()
  n = n % #paths + 1
  return wrk.format("GET", paths[n])
end
