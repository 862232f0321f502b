// Seeded randomness for benchmark data: the same --seed gives the same database, so figures
// measured on two machines (or before and after an index change) describe the same rows.

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // sfc32 seeded through splitmix32: fast, good enough for synthetic data, 32-bit state words.
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  int(minInclusive: number, maxInclusive: number): number {
    return minInclusive + Math.floor(this.next() * (maxInclusive - minInclusive + 1));
  }

  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  logNormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight; `weighted` is a list of [item, weight] with weights > 0. */
  weighted<T>(weighted: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of weighted) total += w;
    let r = this.next() * total;
    for (const [item, w] of weighted) {
      r -= w;
      if (r < 0) return item;
    }
    return weighted[weighted.length - 1][0];
  }

  /** A version-4 UUID string, like Prisma's @default(uuid()), but reproducible. */
  uuid(): string {
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    const w0 = hex(this.uint32());
    const w1 = hex(this.uint32());
    const w2 = hex(this.uint32());
    const w3 = hex(this.uint32());
    const variant = ((parseInt(w2[0], 16) & 0x3) | 0x8).toString(16);
    return `${w0}-${w1.slice(0, 4)}-4${w1.slice(5, 8)}-${variant}${w2.slice(1, 4)}-${w2.slice(4)}${w3}`;
  }
}
