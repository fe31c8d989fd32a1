-- load.lua: wrk's requests for bench/load.sh: of every 10, 8 reads (the
-- progress of the province, of a commune, a team's report, the team list)
-- and 2 writes (a report PUT of a (team, week) from the list in
-- LOAD_JOBS, each written at most once). Cookie and CSRF from the
-- environment; any status but 200 counts as an error in wrk's summary.
local cookie, csrf = os.getenv("LOAD_COOKIE"), os.getenv("LOAD_CSRF")
local province, commune = os.getenv("LOAD_PROVINCE"), os.getenv("LOAD_COMMUNE")
local jobs, n = {}, 0
for line in io.lines(os.getenv("LOAD_JOBS")) do
  local team, period = line:match("^(%d+)|(%S+)$")
  if team then n = n + 1; jobs[n] = { team, period } end
end
local counter, thread_no = 0, 0

setup = function(thread)
  thread:set("thread_no", thread_no)
  thread_no = thread_no + 1
end

init = function()
  math.randomseed(os.time() + thread_no)
end

request = function()
  counter = counter + 1
  local headers = { ["Cookie"] = cookie, ["X-CSRF-Token"] = csrf }
  local k = counter % 10
  if k == 1 or k == 6 then
    -- threads take interleaved jobs, never the same one
    local j = jobs[(counter * 4 + thread_no) % n + 1]
    headers["Content-Type"] = "application/json"
    local body = string.format('{"form":"WEEKLY","values":{"DVC_GUIDED":%d,"VNEID_L2":%d},"submit":true}',
      counter % 50, counter % 40)
    return wrk.format("PUT", "/api/v1/teams/" .. j[1] .. "/reports/" .. j[2], headers, body)
  elseif k < 4 then
    return wrk.format("GET", "/api/v1/units/" .. province .. "/progress?period=2026", headers)
  elseif k < 7 then
    return wrk.format("GET", "/api/v1/units/" .. commune .. "/progress?period=2026W40", headers)
  elseif k < 9 then
    local j = jobs[math.random(n)]
    return wrk.format("GET", "/api/v1/teams/" .. j[1] .. "/reports/2026W40?form=WEEKLY", headers)
  else
    return wrk.format("GET", "/api/v1/teams?unit=" .. commune, headers)
  end
end
