import fs from 'node:fs';

/**
 * CPU ms (user + system) in a /proc `stat` file: a process's (/proc/<pid>/stat, every thread) or
 * one thread's (/proc/<pid>/task/<tid>/stat). Linux counts in ticks of 10 ms (CLK_TCK 100).
 */
export function procStatCpuMs(statPath: string): number {
  const stat = fs.readFileSync(statPath, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}
