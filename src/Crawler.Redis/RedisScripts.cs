namespace Crawler.Redis;

/// <summary>
/// The Lua scripts that make each frontier step atomic on the server. Time is Redis's own clock (TIME), so workers on
/// machines whose clocks disagree still agree on when a lease has expired.
/// </summary>
internal static class RedisScripts
{
    private const string Common = """
        local function marker_missing(marker, check)
          return check == '1' and redis.call('EXISTS', marker) == 0
        end
        local function now_ms()
          local t = redis.call('TIME')
          return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        end
        local function requeue(value, priorities, pending, queue_prefix)
          local newline = string.find(value, '\n', 1, true)
          local priority = string.sub(value, 1, newline - 1)
          redis.call('LPUSH', queue_prefix .. priority, string.sub(value, newline + 1))
          redis.call('ZADD', priorities, -tonumber(priority), priority)
          redis.call('INCR', pending)
        end
        local function requeue_worker(worker, workers, priorities, pending, reclaimed, queue_prefix, leases_prefix)
          local leases = leases_prefix .. worker
          local entries = redis.call('HGETALL', leases)
          for i = 2, #entries, 2 do
            requeue(entries[i], priorities, pending, queue_prefix)
            if reclaimed then redis.call('INCR', reclaimed) end
          end
          redis.call('DEL', leases)
          redis.call('DEL', leases .. ':parked')
          redis.call('ZREM', workers, worker)
        end
        local function reclaim_dead(now, workers, priorities, pending, reclaimed, queue_prefix, leases_prefix)
          for _, worker in ipairs(redis.call('ZRANGEBYSCORE', workers, '-inf', now)) do
            requeue_worker(worker, workers, priorities, pending, reclaimed, queue_prefix, leases_prefix)
          end
        end

        """;

    /// <summary>The error a script returns when the worker saw the crawl's marker and it is gone (Redis lost the crawl).</summary>
    private const string MarkerMissingReply = $"return redis.error_reply('{RedisLink.MarkerMissingError}')";

    /// <summary>KEYS: seen, priorities, pending, marker. ARGV: fingerprint, dontFilter (0|1), priority, payload, queue prefix, marker check (0|1).</summary>
    public const string Enqueue = Common + $$"""
        if marker_missing(KEYS[4], ARGV[6]) then {{MarkerMissingReply}} end
        local added = redis.call('SADD', KEYS[1], ARGV[1])
        if added == 0 and ARGV[2] == '0' then return 0 end
        redis.call('RPUSH', ARGV[5] .. ARGV[3], ARGV[4])
        redis.call('ZADD', KEYS[2], -tonumber(ARGV[3]), ARGV[3])
        redis.call('INCR', KEYS[3])
        return 1
        """;

    /// <summary>
    /// KEYS: workers, priorities, pending, reclaimed, marker. ARGV: worker, lease ms, queue prefix, leases prefix,
    /// marker check (0|1), lease id (made by the worker, unique). Returns {lease id, payload} or nil. Requeues the
    /// leases of dead workers first and renews this worker's. Run again with the same lease ID (its reply was lost),
    /// it returns the request it leased the first time instead of leasing a second one.
    /// </summary>
    public const string Dequeue = Common + $$"""
        if marker_missing(KEYS[5], ARGV[5]) then {{MarkerMissingReply}} end
        local now = now_ms()
        reclaim_dead(now, KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[3], ARGV[4])
        redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
        local earlier = redis.call('HGET', ARGV[4] .. ARGV[1], ARGV[6])
        if earlier then
          return {ARGV[6], string.sub(earlier, string.find(earlier, '\n', 1, true) + 1)}
        end
        while true do
          local top = redis.call('ZRANGE', KEYS[2], 0, 0)
          if #top == 0 then return false end
          local priority = top[1]
          local queue = ARGV[3] .. priority
          local payload = redis.call('LPOP', queue)
          if redis.call('LLEN', queue) == 0 then redis.call('ZREM', KEYS[2], priority) end
          if payload then
            redis.call('DECR', KEYS[3])
            redis.call('HSET', ARGV[4] .. ARGV[1], ARGV[6], priority .. '\n' .. payload)
            return {ARGV[6], payload}
          end
        end
        """;

    /// <summary>KEYS: workers, marker. ARGV: worker, lease ms, marker check (0|1). Keeps this worker's leases alive.</summary>
    public const string Heartbeat = Common + $$"""
        if marker_missing(KEYS[2], ARGV[3]) then {{MarkerMissingReply}} end
        redis.call('ZADD', KEYS[1], now_ms() + tonumber(ARGV[2]), ARGV[1])
        return 1
        """;

    /// <summary>
    /// KEYS: this worker's leases, its parked set. ARGV: lease id. Parks a lease the worker still holds: the request
    /// stays leased (renewed while the worker lives, put back if it dies) but no longer keeps the crawl from settling.
    /// 1 when parked, 0 when the lease is gone (put back after the worker was silent too long).
    /// </summary>
    public const string Park = """
        if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
        redis.call('SADD', KEYS[2], ARGV[1])
        return 1
        """;

    /// <summary>
    /// KEYS: this worker's leases, its parked set, priorities, pending. ARGV: lease id, queue prefix. Puts a request
    /// this worker still holds back at the front of its queue (its result was thrown away). 1 when put back.
    /// </summary>
    public const string GiveBack = Common + """
        local value = redis.call('HGET', KEYS[1], ARGV[1])
        if not value then return 0 end
        requeue(value, KEYS[3], KEYS[4], ARGV[2])
        redis.call('HDEL', KEYS[1], ARGV[1])
        redis.call('SREM', KEYS[2], ARGV[1])
        return 1
        """;

    /// <summary>KEYS: this worker's leases, its parked set. ARGV: lease ids. Releases completed leases, parked or not, in one step.</summary>
    public const string Release = """
        redis.call('HDEL', KEYS[1], unpack(ARGV))
        redis.call('SREM', KEYS[2], unpack(ARGV))
        return 1
        """;

    /// <summary>
    /// KEYS: priorities, pending, reclaimed. ARGV: worker, queue prefix, leases prefix, this process's lease-id prefix.
    /// A worker starting under the name of a killed process puts that process's leases back at once: the new
    /// process would otherwise renew them without knowing them, and the crawl would never drain. Returns how many.
    /// </summary>
    public const string Join = Common + """
        local leases = ARGV[3] .. ARGV[1]
        local entries = redis.call('HGETALL', leases)
        local stale = 0
        for i = 1, #entries, 2 do
          local id = entries[i]
          if string.sub(id, 1, string.len(ARGV[4])) ~= ARGV[4] then
            requeue(entries[i + 1], KEYS[1], KEYS[2], ARGV[2])
            redis.call('INCR', KEYS[3])
            redis.call('HDEL', leases, id)
            redis.call('SREM', leases .. ':parked', id)
            stale = stale + 1
          end
        end
        return stale
        """;

    /// <summary>KEYS: workers, priorities, pending. ARGV: worker, queue prefix, leases prefix. A worker leaving gives its leases back.</summary>
    public const string Leave = Common + """
        requeue_worker(ARGV[1], KEYS[1], KEYS[2], KEYS[3], nil, ARGV[2], ARGV[3])
        return 1
        """;

    /// <summary>
    /// KEYS: workers, priorities, pending, reclaimed, seeded. ARGV: queue prefix, leases prefix.
    /// Returns {drained (0|1), pending, leased, live workers, parked}: the parked leases are among the leased ones.
    /// </summary>
    public const string State = Common + """
        local now = now_ms()
        reclaim_dead(now, KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[1], ARGV[2])
        local pending = tonumber(redis.call('GET', KEYS[3]) or '0')
        local leased = 0
        local workers = redis.call('ZRANGE', KEYS[1], 0, -1)
        local parked = 0
        for _, worker in ipairs(workers) do
          leased = leased + redis.call('HLEN', ARGV[2] .. worker)
          parked = parked + redis.call('SCARD', ARGV[2] .. worker .. ':parked')
        end
        local drained = 0
        if redis.call('EXISTS', KEYS[5]) == 1 and pending == 0 and leased == 0 then drained = 1 end
        return {drained, pending, leased, #workers, parked}
        """;

    /// <summary>
    /// KEYS: host holders, host next-allowed time. ARGV: token, per-host limit, delay ms, hold ms.
    /// Returns 0 when the token holds a slot now, -1 when the host is at its limit, or the ms to wait for its delay.
    /// </summary>
    public const string AcquireHost = Common + """
        local now = now_ms()
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return -1 end
        local next_allowed = tonumber(redis.call('GET', KEYS[2]) or '0')
        if now < next_allowed then return next_allowed - now end
        redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[1])
        redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]) + 1000)
        local delay = tonumber(ARGV[3])
        if delay > 0 then redis.call('SET', KEYS[2], now + delay, 'PX', delay + 1000) end
        return 0
        """;

    /// <summary>
    /// KEYS: pair owners, workers, marker. ARGV: pair key, claim ("worker:id", unique per claim), worker, marker
    /// check (0|1). 1 when this claim now owns the pair; the same claim run again (its reply was lost) is 1 again.
    /// A pair whose owner died (and so may not have written it) can be claimed again; `merge` removes the rare
    /// duplicate that follows.
    /// </summary>
    public const string ClaimPair = Common + $$"""
        if marker_missing(KEYS[3], ARGV[4]) then {{MarkerMissingReply}} end
        local claim = redis.call('HGET', KEYS[1], ARGV[1])
        if not claim or claim == ARGV[2] then
          redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
          return 1
        end
        local owner = string.match(claim, '^([^:]*)') or claim
        if owner == ARGV[3] or redis.call('ZSCORE', KEYS[2], owner) then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        return 1
        """;
}
