// Fixed shared buffers ("slots") for the compressed series of finished runs, on their way from
// the simulation thread to the database.
//
// Why: a series (~144 kB for a year hourly) used to travel in a SharedArrayBuffer of its own.
// V8 counts a shared buffer as 0 bytes of external memory in each isolate that holds it (so a
// buffer seen by several threads is not counted several times), so nothing urges a collection
// while they pile up: each lived until the event loop, the SQLite writer and the simulation
// thread had all collected their handles on it. Under a burst of 1,000 runs that kept
// ~150 MB of finished series in the simulation threads' malloc arenas (bench/README.md). A
// slot is reused as soon as its run's write is over, so the memory they take is bounded by the
// slot count whatever the garbage collectors do.
//
// The event loop owns the free list: it hands a slot to a task when the task starts and takes
// it back when nothing reads the bytes any more. A thread writes only into the slot its task was
// given, and the message that carries the result orders those writes before the event loop's
// reads. A series that does not fit, or a task that got no slot, gets a buffer of its own.

export interface SeriesSlotsShared {
  buffer: SharedArrayBuffer;
  slotBytes: number;
}

/** Enough for a year hourly of a large system (the residential example needs ~144 kB). */
export const DEFAULT_SERIES_SLOT_BYTES = 512 * 1024;

/** The bytes in a slot, or null when they do not fit (the caller then allocates). */
export function writeIntoSlot(shared: SeriesSlotsShared, slot: number, bytes: Uint8Array): Uint8Array | null {
  if (bytes.byteLength > shared.slotBytes) return null;
  const view = new Uint8Array(shared.buffer, slot * shared.slotBytes, bytes.byteLength);
  view.set(bytes);
  return view;
}

export class SeriesSlots {
  readonly shared: SeriesSlotsShared;
  private readonly free: number[];

  constructor(count: number, slotBytes = DEFAULT_SERIES_SLOT_BYTES) {
    // The pages of a slot become resident only once a series is written into it.
    this.shared = { buffer: new SharedArrayBuffer(count * slotBytes), slotBytes };
    // Popped from the end: slot 0 first, so a quiet server touches only the first few slots.
    this.free = Array.from({ length: count }, (_, i) => count - 1 - i);
  }

  get available(): number {
    return this.free.length;
  }

  acquire(): number | null {
    return this.free.pop() ?? null;
  }

  release(slot: number): void {
    this.free.push(slot);
  }

  /**
   * For a slot whose task was aborted or crashed: its thread is being terminated and could still
   * be writing, so the slot is reused only after the thread has surely stopped.
   */
  releaseLater(slot: number, afterMs = 5_000): void {
    setTimeout(() => this.release(slot), afterMs).unref();
  }
}
