-- wrk script of bench/registration.py: a rush of registrations, each a different person.
--
-- Run with one connection per thread (-t N -c N). The N clients draw the attempts from one
-- shared pool of ATTEMPTS, as a crowd does: a client whose answer comes back takes the next
-- attempt, and stops when none is left. (A fixed share per client would time the slowest
-- client, not the server: a client's keep-alive connection stays on the gunicorn worker that
-- accepted it, and the workers' shares of the clients differ from run to run.) Every attempt
-- is sent once, so the answers add up to ATTEMPTS exactly and every latency wrk reports is a
-- registration's. One CSRF cookie and token pair, fetched beforehand, serves every request.
--
-- The pool is a file that every thread opens for appending: a client claims an attempt by
-- appending one byte, and the file's size after its own write (its offset, which the kernel
-- moves atomically with an O_APPEND write) is the attempt's number, unique across threads.
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
int open(const char *pathname, int flags, int mode);
long write(int fd, const void *buf, unsigned long count);
long lseek(int fd, long offset, int whence);
]])

local O_WRONLY, O_CREAT, O_APPEND, SEEK_CUR = 1, 64, 1024, 1 -- Linux

local function now_us()
  local tv = ffi.new("rush_timeval")
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1e6 + tonumber(tv.tv_usec)
end

-- The number of the next attempt from the shared pool (1, 2, ...; above ATTEMPTS: none left).
local function claim_attempt()
  assert(ffi.C.write(pool_fd, "x", 1) == 1, "cannot write the attempt pool")
  return tonumber(ffi.C.lseek(pool_fd, 0, SEEK_CUR))
end

local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  pool_fd = ffi.C.open(POOL_FILE, O_WRONLY + O_CREAT + O_APPEND, 420) -- 0644
  assert(pool_fd >= 0, "cannot open the attempt pool")
  attempt = claim_attempt() -- bench/registration.py sees to it that every client has one
  answered, codes = 0, {}
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Cookie"] = "csrftoken=" .. CSRF_COOKIE
  wrk.headers["Referer"] = REFERER
end

function request()
  if answered == 0 then
    first_sent_us = now_us()
  end
  local body = string.format(
    "csrfmiddlewaretoken=%s&ticket_type=%d&name=Rush+%d&email=rush-%s-%d%%40example.org"
      .. "&city_of_origin=chengdu&consent=on&submission_token=%s-0000-4000-8000-%012x",
    CSRF_TOKEN, TICKET_TYPE, attempt, RUN, attempt, RUN, attempt
  )
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  answered = answered + 1
  codes[tostring(status)] = (codes[tostring(status)] or 0) + 1
  attempt = claim_attempt()
  if attempt > ATTEMPTS then
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
