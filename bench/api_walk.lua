-- wrk script of bench/api.py: each wrk thread is one client holding one connection. It walks the
-- students list page by page, following « next » (back to the first page at the end), with its own token.
-- Arguments: the first page's path, the file of tokens (one per line, one per client).
local threads = {}
local count = 0

function setup(thread)
  count = count + 1
  thread:set("client", count)
  table.insert(threads, thread)
end

function init(args)
  first = args[1]
  local line_number = 0
  for line in io.lines(args[2]) do
    line_number = line_number + 1
    if line_number == client then token = line end
  end
  path = first
  bad = 0
end

function request()
  return wrk.format("GET", path, {["Authorization"] = "Bearer " .. token})
end

function response(status, headers, body)
  local next_page = status == 200 and body:match('"next":"([^"]+)"')
  if status ~= 200 or not body:find('"results":%[{') then bad = bad + 1 end
  path = next_page and next_page:gsub("^https?://[^/]+", "") or first
end

function done(summary, latency, requests)
  local errors = summary.errors
  local bad_pages = 0
  for _, thread in ipairs(threads) do bad_pages = bad_pages + thread:get("bad") end
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d,"bad_pages":%d,"socket_errors":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    bad_pages, errors.connect + errors.read + errors.write + errors.timeout))
end
