/**
 * A token bucket per key (the API token's name): `burst` mutations at once, refilled at
 * `perMinute`. In memory, per server process: a limit shared across processes would cost a
 * database write per mutation, and the limit is there to stop a runaway client, not to bill.
 */
export interface RateLimit {
  burst: number;
  perMinute: number;
}

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly limit: RateLimit,
    private readonly now: () => number = () => Date.now(),
  ) {}

  take(key: string): Take {
    const now = this.now();
    const perMs = this.limit.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
  }
}
