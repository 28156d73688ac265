import { describe, expect, it } from 'vitest';
import { type MyData, myDataFormat } from '../../../core/contract/account.ts';
import { myDataFile, myDataFileName } from './my-data-file.ts';

describe('the exported file', () => {
  it('is named by the Shanghai day of the export, which begins at 16:00 UTC', () => {
    expect(myDataFileName('2022-04-02T15:59:59.000Z')).toBe('随申码-我的数据-2022-04-02.json');
    expect(myDataFileName('2022-04-02T16:00:00.000Z')).toBe('随申码-我的数据-2022-04-03.json');
  });

  it('holds the export as indented JSON that reads back to the same data', async () => {
    const data = { format: myDataFormat, exportedAt: '2022-04-02T08:00:00.000Z', accessLog: [] } as unknown as MyData;
    const file = myDataFile(data);
    expect(file.type).toBe('application/json');
    const text = await file.text();
    expect(text).toContain('\n  "format": "suishen-my-data/1"');
    expect(JSON.parse(text)).toEqual(data);
  });
});
