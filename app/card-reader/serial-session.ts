/**
 * One open card reader: the port opened at the readers' speed, one read loop cutting frames out of whatever
 * the port delivers, and a poll that asks "is a card there?" a few times a second. A card placed is selected
 * and read once, a card taken away clears what was read (nobody's ID stays on the screen), and a reader that
 * stops answering, sends a frame with a bad checksum or is unplugged says so instead of hanging.
 */
import type { DocumentRead } from '../../core/document-read.ts';
import { decodeCardText, type CardText } from './card-text.ts';
import { documentFromCard } from './document-from-card.ts';
import { createFrameReassembler, encodeCommand, parseCardRecord, parseResponse, samBaudRate, type Received, type SamCommand, type SamResponse } from './sam-frame.ts';
import { samStatus, statusMeaning } from './sam-status.ts';
import { classifyPortError, type PortProblem, type SerialPortLike } from './web-serial.ts';

export type ReaderState =
  | { kind: 'connecting' }
  | { kind: 'waiting' }
  | { kind: 'reading' }
  | { kind: 'read'; document: DocumentRead; card: CardText }
  | { kind: 'card-problem'; problem: 'unreadable' | 'unsupported' }
  | { kind: 'unresponsive' }
  | { kind: 'reader-fault' }
  | { kind: 'lost' }
  | { kind: 'port-problem'; problem: PortProblem };

export interface SessionOptions {
  /** How often the reader is asked for a card. */
  pollMs?: number;
  /** How long a short answer (find, select) may take. */
  answerMs?: number;
  /** How long the 1295-byte read may take: about 0.12 s of wire time at 115200 baud, and the card's own time. */
  readMs?: number;
  now?: () => Date;
}

export interface CardReaderSession {
  stop(): Promise<void>;
}

/** Polls that must see no card before a card counts as taken away (one missed answer is no removal). */
const absentPollsForRemoval = 2;
/** Answers missed in a row before the reader counts as not answering. */
const missesForUnresponsive = 3;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function startCardReaderSession(port: SerialPortLike, onState: (state: ReaderState) => void, options: SessionOptions = {}): CardReaderSession {
  const { pollMs = 400, answerMs = 800, readMs = 3000, now = () => new Date() } = options;
  const reassembler = createFrameReassembler();
  let stopped = false;
  // Read through a function: the loops below must see a stop() made while they awaited.
  const isStopped = () => stopped;
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  let loopDone: Promise<void> = Promise.resolve();
  let waiting: ((received: Received) => void) | null = null;
  let last: ReaderState['kind'] | null = null;

  const report = (state: ReaderState) => {
    if (stopped) return;
    // A state repeated poll after poll is said once: the screen's live region must not chatter.
    if (state.kind === last && state.kind !== 'read' && state.kind !== 'card-problem') return;
    last = state.kind;
    onState(state);
  };

  async function readLoop(stream: ReadableStream<Uint8Array>): Promise<void> {
    reader = stream.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const received of reassembler.push(value)) {
          const deliver = waiting;
          waiting = null;
          deliver?.(received);
        }
      }
    } catch {
      // The port went away under the reader (unplugged): NetworkError from read().
    } finally {
      reader.releaseLock();
    }
    if (!stopped) report({ kind: 'lost' });
    stopped = true;
  }

  async function exchange(command: SamCommand, timeoutMs: number): Promise<Received | 'timeout'> {
    const writable = port.writable;
    if (!writable || stopped) return 'timeout';
    reassembler.reset();
    const answer = new Promise<Received>((resolve) => {
      waiting = resolve;
    });
    const writer = writable.getWriter();
    try {
      await writer.write(encodeCommand(command));
    } finally {
      writer.releaseLock();
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const result = await Promise.race([answer, timeout]);
    clearTimeout(timer);
    if (result === 'timeout') waiting = null;
    return result;
  }

  /** An answer with its status, or why there is none; a corrupt frame is asked for once more. */
  async function ask(command: SamCommand, timeoutMs: number): Promise<SamResponse | 'timeout' | 'corrupt'> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const received = await exchange(command, timeoutMs);
      if (received === 'timeout') return 'timeout';
      if (received.kind === 'frame') return parseResponse(received.body) ?? 'corrupt';
    }
    return 'corrupt';
  }

  async function readCard(): Promise<ReaderState> {
    const selected = await ask('selectCard', answerMs);
    if (typeof selected === 'string' || statusMeaning(selected.sw3) !== 'ok') return { kind: 'card-problem', problem: 'unreadable' };
    const answer = await ask('readText', readMs);
    if (typeof answer === 'string') return { kind: 'card-problem', problem: 'unreadable' };
    const meaning = statusMeaning(answer.sw3);
    if (meaning === 'card-unsupported') return { kind: 'card-problem', problem: 'unsupported' };
    if (answer.sw3 !== samStatus.ok) return { kind: 'card-problem', problem: 'unreadable' };
    const record = parseCardRecord(answer.data, false);
    const card = record && decodeCardText(record.text);
    if (!card) return { kind: 'card-problem', problem: 'unreadable' };
    return { kind: 'read', card, document: documentFromCard(card, now()) };
  }

  async function poll(): Promise<void> {
    let misses = 0;
    let absent = 0;
    let cardHere = false;
    while (!stopped) {
      const found = await ask('findCard', answerMs);
      if (isStopped()) return;
      if (found === 'timeout' || found === 'corrupt') {
        misses += 1;
        if (misses >= missesForUnresponsive) report({ kind: 'unresponsive' });
      } else {
        misses = 0;
        const meaning = statusMeaning(found.sw3);
        if (found.sw3 === samStatus.cardFound) {
          absent = 0;
          if (!cardHere) {
            cardHere = true;
            report({ kind: 'reading' });
            report(await readCard());
          }
        } else if (meaning === 'no-card' || meaning === 'card-unreadable') {
          absent += 1;
          if (absent >= absentPollsForRemoval || !cardHere) {
            cardHere = false;
            report({ kind: 'waiting' });
          }
        } else if (meaning === 'reader-fault') report({ kind: 'reader-fault' });
      }
      await sleep(pollMs);
    }
  }

  void (async () => {
    report({ kind: 'connecting' });
    try {
      await port.open({ baudRate: samBaudRate, dataBits: 8, stopBits: 1, parity: 'none', bufferSize: 4096 });
    } catch (error) {
      report({ kind: 'port-problem', problem: classifyPortError(error) });
      stopped = true;
      return;
    }
    if (!port.readable) {
      report({ kind: 'lost' });
      return;
    }
    loopDone = readLoop(port.readable);
    await poll();
  })();

  return {
    async stop() {
      stopped = true;
      await reader?.cancel().catch(() => undefined);
      // The port closes only once the read loop has let go of its stream.
      await loopDone;
      await port.close().catch(() => undefined);
    },
  };
}
