import { describe, expect, it } from 'vitest';
import { accessLogEntry, type AccessLogEntry } from '../../../core/contract/account.ts';
import { en } from '../../i18n/messages-en.ts';
import { zh } from '../../i18n/messages.ts';
import { accessLogLine } from './access-log-line.ts';

const entry = (overrides: Partial<AccessLogEntry> = {}): AccessLogEntry => ({
  id: 'e1',
  at: '2022-04-02T08:00:00.000Z',
  actor: { kind: 'guardian', label: '张*三' },
  purpose: 'family',
  data: 'pcr-tests',
  ...overrides,
});

describe('an access log line', () => {
  it('names who, what kind of reader, why and what, as the server sent them', () => {
    expect(accessLogLine(entry())).toEqual({
      who: '张*三',
      kind: 'accessLog.actor.guardian',
      why: 'accessLog.purpose.family',
      what: 'accessLog.data.pcr-tests',
      at: '2022-04-02T08:00:00.000Z',
    });
    expect(accessLogLine(entry({ actor: { kind: 'provider', label: 'lab-xuhui' }, purpose: 'correction', data: 'colour' }))).toMatchObject({
      who: 'lab-xuhui',
      kind: 'accessLog.actor.provider',
      why: 'accessLog.purpose.correction',
      what: 'accessLog.data.colour',
    });
  });

  it('has words in both languages for every kind, purpose and data the contract allows', () => {
    const shape = accessLogEntry.shape;
    for (const kind of shape.actor.shape.kind.options) {
      for (const purpose of shape.purpose.options) {
        for (const data of shape.data.options) {
          const line = accessLogLine(entry({ actor: { kind, label: 'x' }, purpose, data }));
          for (const catalog of [zh, en]) {
            for (const key of [line.kind, line.why, line.what]) expect(catalog[key]).toEqual(expect.any(String));
          }
        }
      }
    }
  });
});
