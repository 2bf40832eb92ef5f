-- wrk script of bench/registration.py: a rush of registrations, each a different person.
--
-- Run with one connection per thread (-t N -c N): thread i sends exactly quota(i) POSTs of the
-- registration form and stops when the last one is answered, so the attempts add up to
-- ATTEMPTS exactly and every latency wrk reports is a registration's. One CSRF cookie and
-- token pair, fetched beforehand, serves every request.
--
-- wrk itself runs for its whole -d duration even when every thread has stopped, so the rush is
-- timed here (first request sent to last answer received, wall clock through LuaJIT's FFI),
-- and each thread that is done appends a line to DONE_FILE: bench/registration.py interrupts
-- wrk once all have, and wrk then reports.
--
-- bench/registration.py writes the settings below (CSRF_COOKIE, ...) above this text.

local ffi = require("ffi")
ffi.cdef([[
typedef struct { long tv_sec; long tv_usec; } rush_timeval;
int gettimeofday(rush_timeval *tv, void *tz);
]])

local function now_us()
  local tv = ffi.new("rush_timeval")
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1e6 + tonumber(tv.tv_usec)
end

local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  -- Each thread takes its share of the attempts; the first ones take one more if needed.
  local share = math.floor(ATTEMPTS / THREADS)
  quota = share + ((index < ATTEMPTS % THREADS) and 1 or 0)
  sent, answered, codes = 0, 0, {}
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Cookie"] = "csrftoken=" .. CSRF_COOKIE
  wrk.headers["Referer"] = REFERER
end

function request()
  sent = sent + 1
  if sent == 1 then
    first_sent_us = now_us()
  end
  local person = index * 1000000 + sent
  local body = string.format(
    "csrfmiddlewaretoken=%s&ticket_type=%d&name=Rush+%d&email=rush-%s-%d%%40example.org"
      .. "&city_of_origin=chengdu&submission_token=%s-0000-4000-8000-%012x",
    CSRF_TOKEN, TICKET_TYPE, person, RUN, person, RUN, person
  )
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  answered = answered + 1
  codes[tostring(status)] = (codes[tostring(status)] or 0) + 1
  if answered >= quota then
    last_answer_us = now_us()
    wrk.thread:stop()
    local file = io.open(DONE_FILE, "a")
    file:write("done\n")
    file:close()
  end
end

function done(summary, latency, requests)
  local codes_all = {}
  local started, finished = math.huge, 0
  for _, thread in ipairs(threads) do
    started = math.min(started, thread:get("first_sent_us") or math.huge)
    finished = math.max(finished, thread:get("last_answer_us") or 0)
    for code, n in pairs(thread:get("codes")) do
      codes_all[code] = (codes_all[code] or 0) + n
    end
  end
  local parts = {}
  for code, n in pairs(codes_all) do
    table.insert(parts, string.format('"%s": %d', code, n))
  end
  io.write(string.format(
    'RESULT {"seconds": %f, "requests": %d, "p50_ms": %f, "p99_ms": %f, "max_ms": %f, '
      .. '"socket_errors": %d, "codes": {%s}}\n',
    (finished - started) / 1e6, summary.requests,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    table.concat(parts, ", ")
  ))
end
