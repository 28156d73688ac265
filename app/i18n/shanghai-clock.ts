/** Shanghai's wall clock as the panel writes it (UTC+8 whatever the device's zone; core/shanghai-time.ts). */
import { shanghaiParts } from '../../core/shanghai-time.ts';

/** 2022-04-02 */
export function formatDay(instant: Date | number | string): string {
  const p = shanghaiParts(instant);
  return `${p.year}-${p.month}-${p.day}`;
}

/** 08:00 or 08:00:05 */
export function formatClock(instant: Date | number | string, withSeconds = false): string {
  const p = shanghaiParts(instant);
  return withSeconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
}

/** 2022-04-02 08:00 */
export function formatDateTime(instant: Date | number | string, withSeconds = false): string {
  return `${formatDay(instant)} ${formatClock(instant, withSeconds)}`;
}
