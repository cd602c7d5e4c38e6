import { createClient } from 'redis';
import type { RateLimitStore } from './rate-limit.guard';

// One round trip, atomic: count every key in the window, set its expiry on first use.
const SCRIPT = `
local counts = {}
for i, key in ipairs(KEYS) do
  local n = redis.call('INCR', key)
  if n == 1 then redis.call('EXPIRE', key, ARGV[1]) end
  counts[i] = n
end
local ttl = redis.call('TTL', KEYS[1])
table.insert(counts, ttl)
return counts`;

export class RedisRateLimitStore implements RateLimitStore {
  private readonly client;
  private connecting?: Promise<unknown>;

  constructor(url: string) {
    this.client = createClient({
      url,
      socket: { connectTimeout: 1_000, reconnectStrategy: (n) => Math.min(n * 200, 2_000) },
    });
    this.client.on('error', () => undefined); // reported per call by the guard
  }

  async hit(keys: string[], windowSec: number): Promise<{ counts: number[]; resetSec: number }> {
    this.connecting ??= this.client.connect();
    await this.connecting;
    const reply = (await this.client.eval(SCRIPT, { keys, arguments: [String(windowSec)] })) as number[];
    const ttl = Number(reply[reply.length - 1]);
    return { counts: reply.slice(0, -1).map(Number), resetSec: ttl > 0 ? ttl : windowSec };
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.quit();
  }
}
