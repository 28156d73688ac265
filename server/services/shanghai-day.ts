/** yyyy-mm-dd of an instant, in Asia/Shanghai (UTC+8 all year: China keeps no daylight saving time). */
export function shanghaiDay(ms: number): string {
  return new Date(ms + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
