/**
 * The frame format of the SAM-based resident ID card readers (二代证 SAM_V modules behind a serial port,
 * GA 467): `AA AA AA 96 69`, a 2-byte big-endian length, then the body and one XOR checksum byte.
 * The length counts the body and the checksum; the checksum is the XOR of every byte after the preamble
 * (the two length bytes included) up to the checksum. A command's body is CMD, Para, data; a response's
 * is SW1, SW2, SW3, data, SW3 being the status (./sam-status.ts).
 *
 * Pure: the session (./serial-session.ts) and the test reader that stands in for one both speak through it.
 */

export const preamble = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);

/** The readers' own default speed; SAM_V modules accept 9600–115200 and ship at this one. */
export const samBaudRate = 115_200;

export const samCommands = {
  /** 寻找证/卡: answers SW3 0x9F when a card is in the field, 0x80 when none. */
  findCard: [0x20, 0x01],
  /** 选取证/卡: answers 0x90 and the card's 8-byte serial. */
  selectCard: [0x20, 0x02],
  /** 读基本信息: text (256 bytes) and photo (1024 bytes, WLT). */
  readText: [0x30, 0x01],
  /** 读基本信息和指纹: text, photo and fingerprint (1024, 512 or 0 bytes). */
  readTextAndFingerprint: [0x30, 0x10],
  /** SAM_V 状态检测: answers 0x90 when the module is ready. */
  samStatus: [0x11, 0xff],
} as const satisfies Record<string, readonly [number, number]>;

export type SamCommand = keyof typeof samCommands;

/** The longest body a reader sends: text, photo and a 1024-byte fingerprint (2321 bytes a frame). */
export const maxBodyLength = 2314;

/** XOR of `bytes[start..end)`. */
export function xorChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let sum = 0;
  for (let i = start; i < end; i += 1) sum ^= bytes[i] ?? 0;
  return sum;
}

/** A whole frame around `body`: preamble, length (body + checksum), body, checksum. */
export function encodeFrame(body: Uint8Array): Uint8Array {
  const length = body.length + 1;
  if (length > 0xffff) throw new RangeError(`a ${body.length}-byte body does not fit a frame`);
  const frame = new Uint8Array(preamble.length + 2 + length);
  frame.set(preamble, 0);
  frame[5] = length >> 8;
  frame[6] = length & 0xff;
  frame.set(body, 7);
  frame[frame.length - 1] = xorChecksum(frame, 5, frame.length - 1);
  return frame;
}

export function encodeCommand(command: SamCommand, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const [cmd, para] = samCommands[command];
  return encodeFrame(Uint8Array.of(cmd, para, ...data));
}

/** What a reader would answer: the test reader's half of the codec, and the unit tests' recordings. */
export function encodeResponse(sw3: number, data: Uint8Array = new Uint8Array(0), sw1 = 0, sw2 = 0): Uint8Array {
  return encodeFrame(Uint8Array.of(sw1, sw2, sw3, ...data));
}

export interface SamResponse {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Uint8Array;
}

export function parseResponse(body: Uint8Array): SamResponse | null {
  if (body.length < 3) return null;
  return { sw1: body[0] ?? 0, sw2: body[1] ?? 0, sw3: body[2] ?? 0, data: body.subarray(3) };
}

/** The command a frame's body names, for the test reader. */
export function parseCommand(body: Uint8Array): { command: SamCommand | null; data: Uint8Array } {
  const [cmd, para] = body;
  const match = (Object.entries(samCommands) as [SamCommand, readonly [number, number]][]).find(([, bytes]) => bytes[0] === cmd && bytes[1] === para);
  return { command: match?.[0] ?? null, data: body.subarray(2) };
}

/** A frame out of the byte stream, or one whose checksum was wrong (the reader is asked again). */
export type Received = { kind: 'frame'; body: Uint8Array } | { kind: 'corrupt' };

/**
 * Cuts frames out of a byte stream however the serial port chunks it: a frame split over many reads, several
 * frames in one read, noise before a preamble. Bytes that cannot start a frame are skipped; a length no reader
 * sends is taken as noise and the search goes on one byte later, so one bad byte never wedges the stream.
 */
export function createFrameReassembler(maxBody = maxBodyLength) {
  let buffer = new Uint8Array(0);

  const startOfPreamble = (from: number): number => {
    for (let i = from; i < buffer.length; i += 1) {
      let matches = true;
      for (let j = 0; j < preamble.length && i + j < buffer.length; j += 1) {
        if (buffer[i + j] !== preamble[j]) {
          matches = false;
          break;
        }
      }
      if (matches) return i;
    }
    return buffer.length;
  };

  return {
    push(chunk: Uint8Array): Received[] {
      const joined = new Uint8Array(buffer.length + chunk.length);
      joined.set(buffer, 0);
      joined.set(chunk, buffer.length);
      buffer = joined;
      const out: Received[] = [];
      let at = 0;
      for (;;) {
        at = startOfPreamble(at);
        if (buffer.length - at < preamble.length + 2) break;
        const length = ((buffer[at + 5] ?? 0) << 8) | (buffer[at + 6] ?? 0);
        if (length < 2 || length > maxBody + 1) {
          at += 1;
          continue;
        }
        const end = at + preamble.length + 2 + length;
        if (buffer.length < end) break;
        const checksum = buffer[end - 1];
        if (xorChecksum(buffer, at + 5, end - 1) === checksum) out.push({ kind: 'frame', body: buffer.slice(at + 7, end - 1) });
        else out.push({ kind: 'corrupt' });
        at = end;
      }
      buffer = buffer.slice(at);
      return out;
    },
    /** Bytes held for a frame not yet complete (a new command starts clean). */
    reset() {
      buffer = new Uint8Array(0);
    },
    get pending(): number {
      return buffer.length;
    },
  };
}

export type FrameReassembler = ReturnType<typeof createFrameReassembler>;

/** The read command's data: 2-byte lengths (text, photo, and the fingerprint's after 30 10), then each part. */
export interface CardRecord {
  text: Uint8Array;
  photo: Uint8Array;
  fingerprint: Uint8Array | null;
}

export function parseCardRecord(data: Uint8Array, withFingerprint: boolean): CardRecord | null {
  const header = withFingerprint ? 6 : 4;
  if (data.length < header) return null;
  const lengthAt = (offset: number) => ((data[offset] ?? 0) << 8) | (data[offset + 1] ?? 0);
  const textLength = lengthAt(0);
  const photoLength = lengthAt(2);
  const fingerprintLength = withFingerprint ? lengthAt(4) : 0;
  if (textLength !== 256 || data.length !== header + textLength + photoLength + fingerprintLength) return null;
  const text = data.subarray(header, header + textLength);
  const photo = data.subarray(header + textLength, header + textLength + photoLength);
  const fingerprint = withFingerprint ? data.subarray(header + textLength + photoLength) : null;
  return { text, photo, fingerprint };
}

export function encodeCardRecord(record: CardRecord): Uint8Array {
  const parts = [record.text, record.photo, ...(record.fingerprint ? [record.fingerprint] : [])];
  const header = parts.flatMap((part) => [part.length >> 8, part.length & 0xff]);
  const out = new Uint8Array(header.length + parts.reduce((sum, part) => sum + part.length, 0));
  out.set(header, 0);
  let at = header.length;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
