// Simulation threads run at a lower CPU priority than the thread serving the API. On a machine
// with fewer cores than busy threads (2 simulation threads + the event loop + the SQLite writer
// on 2 cores), equal priorities let the kernel park the event loop behind a simulation for a
// whole time slice, and every request waits; a nice simulation thread yields at once, and still
// gets every cycle nobody else wants, so throughput does not drop on an idle machine.
// Linux only: setpriority(PRIO_PROCESS, tid) changes just that thread, and /proc/thread-self
// names the calling thread's tid. (piscina's own `niceIncrement` needs the native nice-napi.)
import fs from 'node:fs';
import os from 'node:os';

/** Default niceness of simulation threads (0 = same as the API's thread; 19 = lowest). */
export const DEFAULT_SIMULATION_THREAD_NICE = 10;

/** `SIMULATION_THREAD_NICE`, or the default; invalid values fall back to the default. */
export function simulationThreadNice(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SIMULATION_THREAD_NICE;
  const value = raw === undefined || raw.trim() === '' ? DEFAULT_SIMULATION_THREAD_NICE : Number(raw);
  return Number.isInteger(value) && value >= 0 && value <= 19 ? value : DEFAULT_SIMULATION_THREAD_NICE;
}

/** Lowers the calling thread's priority by `nice`; false where the platform does not allow it. */
export function lowerCurrentThreadPriority(nice: number): boolean {
  if (nice <= 0 || process.platform !== 'linux') return false;
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    os.setPriority(tid, Math.max(os.getPriority(tid), nice));
    return true;
  } catch {
    return false;
  }
}

/** The calling thread's niceness (tests). */
export function currentThreadNice(): number | null {
  try {
    return os.getPriority(Number(fs.readlinkSync('/proc/thread-self').split('/').pop()));
  } catch {
    return null;
  }
}
