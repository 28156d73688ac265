import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grandmaCard as card } from '../../testing/id-cards.ts';
import { encodeCardText } from './card-text.ts';
import {
  createFrameReassembler,
  encodeCardRecord,
  encodeCommand,
  encodeResponse,
  parseCardRecord,
  parseCommand,
  parseResponse,
  xorChecksum,
} from './sam-frame.ts';
import { samStatus, statusMeaning } from './sam-status.ts';

const hex = (text: string) => Uint8Array.from(text.trim().split(/\s+/), (byte) => Number.parseInt(byte, 16));
const show = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join(' ');

/** Frames as published with these readers' documentation and drivers, byte for byte. */
const recorded = {
  findCard: 'AA AA AA 96 69 00 03 20 01 22',
  selectCard: 'AA AA AA 96 69 00 03 20 02 21',
  readText: 'AA AA AA 96 69 00 03 30 01 32',
  readTextAndFingerprint: 'AA AA AA 96 69 00 03 30 10 23',
  samStatus: 'AA AA AA 96 69 00 03 11 FF ED',
  cardFound: 'AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97',
  noCard: 'AA AA AA 96 69 00 04 00 00 80 84',
  selected: 'AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C',
  selectFailed: 'AA AA AA 96 69 00 04 00 00 81 85',
  readFailed: 'AA AA AA 96 69 00 04 00 00 41 45',
  samReady: 'AA AA AA 96 69 00 04 00 00 90 94',
};


function readAnswer(withFingerprint: boolean, fingerprintBytes = 1024): Uint8Array {
  const record = { text: encodeCardText(card), photo: new Uint8Array(1024).fill(0x57), fingerprint: withFingerprint ? new Uint8Array(fingerprintBytes).fill(0x46) : null };
  return encodeResponse(samStatus.ok, encodeCardRecord(record));
}

describe('SAM frames', () => {
  it('builds the commands byte for byte as the readers expect them', () => {
    expect(show(encodeCommand('findCard'))).toBe(recorded.findCard);
    expect(show(encodeCommand('selectCard'))).toBe(recorded.selectCard);
    expect(show(encodeCommand('readText'))).toBe(recorded.readText);
    expect(show(encodeCommand('readTextAndFingerprint'))).toBe(recorded.readTextAndFingerprint);
    expect(show(encodeCommand('samStatus'))).toBe(recorded.samStatus);
  });

  it('builds the answers a reader sends, length and checksum included', () => {
    expect(show(encodeResponse(samStatus.cardFound, new Uint8Array(4)))).toBe(recorded.cardFound);
    expect(show(encodeResponse(samStatus.noCard))).toBe(recorded.noCard);
    expect(show(encodeResponse(samStatus.ok, new Uint8Array(8)))).toBe(recorded.selected);
    expect(show(encodeResponse(samStatus.selectFailed))).toBe(recorded.selectFailed);
    expect(show(encodeResponse(samStatus.readFailed))).toBe(recorded.readFailed);
    expect(show(encodeResponse(samStatus.ok))).toBe(recorded.samReady);
  });

  it('frames a card read as the documented 1295 bytes (2321 with a 1024-byte fingerprint, 1809 with 512)', () => {
    const plain = readAnswer(false);
    expect(plain).toHaveLength(1295);
    expect(show(plain.subarray(0, 14))).toBe('AA AA AA 96 69 05 08 00 00 90 01 00 04 00');
    const withPrint = readAnswer(true);
    expect(withPrint).toHaveLength(2321);
    expect(show(withPrint.subarray(0, 16))).toBe('AA AA AA 96 69 09 0A 00 00 90 01 00 04 00 04 00');
    expect(readAnswer(true, 512)).toHaveLength(1809);
    expect(xorChecksum(plain, 5, plain.length - 1)).toBe(plain[plain.length - 1]);
  });

  it('parses every recorded answer into its status and what the session makes of it', () => {
    const parse = (frame: string) => {
      const received = createFrameReassembler().push(hex(frame));
      expect(received).toHaveLength(1);
      const first = received[0];
      if (first?.kind !== 'frame') throw new Error('not a frame');
      return parseResponse(first.body);
    };
    expect(parse(recorded.cardFound)).toMatchObject({ sw1: 0, sw2: 0, sw3: 0x9f });
    expect(statusMeaning(parse(recorded.noCard)?.sw3 ?? 0)).toBe('no-card');
    expect(parse(recorded.selected)?.data).toHaveLength(8);
    expect(statusMeaning(parse(recorded.selectFailed)?.sw3 ?? 0)).toBe('card-unreadable');
    expect(statusMeaning(parse(recorded.readFailed)?.sw3 ?? 0)).toBe('card-unreadable');
    expect(statusMeaning(0x66)).toBe('reader-fault');
    expect(statusMeaning(0x40)).toBe('card-unsupported');
    expect(statusMeaning(0x10)).toBe('frame-rejected');
  });

  it('names the command in a request frame (the test reader answers by it)', () => {
    const received = createFrameReassembler().push(hex(recorded.readText));
    const first = received[0];
    if (first?.kind !== 'frame') throw new Error('not a frame');
    expect(parseCommand(first.body).command).toBe('readText');
    expect(parseCommand(Uint8Array.of(0x99, 0x01)).command).toBeNull();
  });

  it('splits the read record into text, photo and fingerprint, and refuses lengths that do not add up', () => {
    const frame = readAnswer(true);
    const [received] = createFrameReassembler().push(frame);
    if (received?.kind !== 'frame') throw new Error('not a frame');
    const record = parseCardRecord(parseResponse(received.body)?.data ?? new Uint8Array(), true);
    expect(record?.text).toHaveLength(256);
    expect(record?.photo).toHaveLength(1024);
    expect(record?.fingerprint).toHaveLength(1024);
    const data = parseResponse(received.body)?.data ?? new Uint8Array();
    expect(parseCardRecord(data, false)).toBeNull();
    expect(parseCardRecord(data.subarray(0, data.length - 1), true)).toBeNull();
  });
});

describe('reassembly from a serial stream', () => {
  it('finds the same frames however the stream is chunked, with noise between them', () => {
    const frames = [hex(recorded.cardFound), hex(recorded.selected), readAnswer(false), hex(recorded.noCard)];
    const noise = Uint8Array.of(0x00, 0xaa, 0xaa, 0x13, 0x96, 0x69, 0xaa);
    const stream = Uint8Array.from([...noise, ...frames.flatMap((frame) => [...frame, ...noise])]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 40 }), (cuts) => {
        const reassembler = createFrameReassembler();
        const out = [];
        let at = 0;
        for (let i = 0; at < stream.length; i += 1) {
          const size = cuts[i % cuts.length] ?? 1;
          out.push(...reassembler.push(stream.subarray(at, at + size)));
          at += size;
        }
        expect(out.map((received) => (received.kind === 'frame' ? show(received.body) : 'corrupt'))).toEqual(frames.map((frame) => show(frame.subarray(7, -1))));
      }),
      { numRuns: 200 },
    );
  });

  it('reports a frame whose checksum is wrong as corrupt, and reads the next one', () => {
    const bad = hex(recorded.cardFound);
    bad[bad.length - 1] = (bad.at(-1) ?? 0) ^ 0x01;
    const out = createFrameReassembler().push(Uint8Array.from([...bad, ...hex(recorded.noCard)]));
    expect(out.map((received) => received.kind)).toEqual(['corrupt', 'frame']);
  });

  it('does not wedge on a preamble with a length no reader sends', () => {
    const liar = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff, 0x00);
    const reassembler = createFrameReassembler();
    const out = reassembler.push(Uint8Array.from([...liar, ...hex(recorded.noCard)]));
    expect(out).toHaveLength(1);
    expect(out[0]?.kind).toBe('frame');
    expect(reassembler.pending).toBe(0);
  });

  it('holds a partial frame until the rest arrives, and forgets it on reset', () => {
    const frame = hex(recorded.selected);
    const reassembler = createFrameReassembler();
    expect(reassembler.push(frame.subarray(0, 9))).toEqual([]);
    expect(reassembler.pending).toBe(9);
    reassembler.reset();
    expect(reassembler.push(frame.subarray(9))).toEqual([]);
    expect(reassembler.push(frame)).toHaveLength(1);
  });
});
