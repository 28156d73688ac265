/** The export as a file the citizen keeps: its name and its bytes (saving it is the browser's part). */
import type { MyData } from '../../../core/contract/account.ts';
import { formatDay } from '../../i18n/shanghai-time.ts';

/** 随申码-我的数据-2022-04-02.json, dated by the Shanghai day of the export, whatever the phone's zone. */
export function myDataFileName(exportedAt: string): string {
  return `随申码-我的数据-${formatDay(exportedAt)}.json`;
}

/** Indented, so the file reads in any text editor. */
export function myDataFile(data: MyData): Blob {
  return new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
}
