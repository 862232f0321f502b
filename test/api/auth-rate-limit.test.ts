// The mutation token bucket on its own, with a clock the test moves: a burst, then the refill
// rate, the Retry-After it promises, and buckets kept apart per token.
import { describe, expect, it } from 'vitest';
import { TokenBuckets } from '../../src/auth/rate-limit.js';

describe('TokenBuckets', () => {
  it('allows a burst, then one more per refill interval, and says when to retry', () => {
    let now = 1_000_000;
    const buckets = new TokenBuckets({ burst: 3, perMinute: 6 }, () => now); // one every 10 s
    for (let i = 0; i < 3; i++) expect(buckets.take('ci')).toEqual({ ok: true });
    expect(buckets.take('ci')).toEqual({ ok: false, retryAfterSeconds: 10 });
    now += 4_000;
    expect(buckets.take('ci')).toEqual({ ok: false, retryAfterSeconds: 6 });
    now += 6_000;
    expect(buckets.take('ci')).toEqual({ ok: true });
    expect(buckets.take('ci').ok).toBe(false);
    // A long pause refills up to the burst, never beyond.
    now += 3_600_000;
    for (let i = 0; i < 3; i++) expect(buckets.take('ci').ok).toBe(true);
    expect(buckets.take('ci').ok).toBe(false);
  });

  it('keeps one bucket per token', () => {
    const buckets = new TokenBuckets({ burst: 1, perMinute: 1 }, () => 0);
    expect(buckets.take('a').ok).toBe(true);
    expect(buckets.take('a').ok).toBe(false);
    expect(buckets.take('b').ok).toBe(true);
  });
});
