import { afterEach, describe, expect, it } from 'vitest';
import { createFakeSerial } from '../../testing/fake-serial-port.ts';
import { foreignCard, grandmaCard, wangCard } from '../../testing/id-cards.ts';
import { startCardReaderSession, type CardReaderSession, type ReaderState } from './serial-session.ts';
import type { SerialPortLike } from './web-serial.ts';

const fast = { pollMs: 10, answerMs: 80, readMs: 200, now: () => new Date('2022-04-02T08:00:00.000Z') };
let session: CardReaderSession | null = null;

afterEach(async () => {
  await session?.stop();
  session = null;
});

async function open(options: Parameters<typeof createFakeSerial>[0] = {}) {
  const { serial, reader } = createFakeSerial(options);
  const states: ReaderState[] = [];
  const port: SerialPortLike = await serial.requestPort();
  session = startCardReaderSession(port, (state) => states.push(state), fast);
  const until = async (kind: ReaderState['kind'], count = 1) => {
    const deadline = Date.now() + 3000;
    while (states.filter((state) => state.kind === kind).length < count) {
      if (Date.now() > deadline) throw new Error(`no ${kind} state after ${JSON.stringify(states.map((state) => state.kind))}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return states.filter((state) => state.kind === kind).at(-1);
  };
  return { reader, states, until, port };
}

describe('card reader session', () => {
  it('waits for a card, reads it once when placed, and clears it when taken away', async () => {
    const { reader, states, until } = await open({ chunk: 17 });
    await until('waiting');
    reader.placeCard(grandmaCard);
    const read = await until('read');
    expect(read?.kind === 'read' && read.document).toEqual({
      source: 'id-card',
      kind: 'resident-id',
      documentCode: 'ID',
      issuingState: 'CHN',
      nationality: 'CHN',
      number: '310101194206064564',
      name: '张阿婆',
      latinName: null,
      birthDate: '1942-06-06',
      sex: 'female',
      expiry: null,
      readAt: '2022-04-02T08:00:00.000Z',
    });
    // The card stays: polling goes on, and it is not read again.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reader.log.filter((command) => command === 'readText')).toHaveLength(1);
    reader.removeCard();
    await until('waiting', 2);
    reader.placeCard(wangCard);
    const second = await until('read', 2);
    expect(second?.kind === 'read' && second.document.name).toBe('王五');
    expect(states.map((state) => state.kind)).toEqual(['connecting', 'waiting', 'reading', 'read', 'waiting', 'reading', 'read']);
    expect(reader.log.indexOf('selectCard')).toBeGreaterThan(reader.log.indexOf('findCard'));
  });

  it('reads a foreign permanent resident card into the same neutral shape', async () => {
    const { reader, until } = await open();
    reader.placeCard(foreignCard);
    const read = await until('read');
    expect(read?.kind === 'read' && read.document).toMatchObject({
      kind: 'foreign-permanent-resident',
      documentCode: 'I',
      nationality: 'USA',
      number: 'USA310080123459',
      name: '史密斯',
      latinName: { primary: 'SMITH', secondary: 'JOHN WILLIAM' },
    });
  });

  it('asks again after an answer with a bad checksum instead of taking its bytes', async () => {
    const { reader, until } = await open();
    await until('waiting');
    reader.corruptNextAnswer();
    reader.placeCard(grandmaCard);
    const read = await until('read');
    expect(read?.kind === 'read' && read.document.number).toBe(grandmaCard.idNumber);
    // One findCard was asked twice because its answer was corrupt.
    expect(reader.log.filter((command) => command === 'findCard').length).toBeGreaterThanOrEqual(2);
  });

  it('says the reader does not answer when nothing comes back, and recovers when it answers again', async () => {
    const { reader, until } = await open();
    await until('waiting');
    reader.silence(true);
    await until('unresponsive');
    reader.silence(false);
    await until('waiting', 2);
  });

  it('says the reader was lost when the cable is pulled, and frees the port', async () => {
    const { reader, until, port } = await open();
    await until('waiting');
    reader.unplug();
    await until('lost');
    await session?.stop();
    session = null;
    expect(port.readable).toBeNull();
  });

  it('explains a port another program holds', async () => {
    const { serial } = createFakeSerial();
    const port = await serial.requestPort();
    await port.open({ baudRate: 115200 });
    const states: ReaderState[] = [];
    session = startCardReaderSession(port, (state) => states.push(state), fast);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(states).toEqual([{ kind: 'connecting' }, { kind: 'port-problem', problem: 'busy' }]);
  });
});
