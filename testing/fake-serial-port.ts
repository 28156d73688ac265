/**
 * A stand-in for the one part that cannot be here: a USB ID card reader on a serial port. It is
 * `navigator.serial` as Chromium gives it (requestPort, getPorts, connect and disconnect events, a port with
 * a readable and a writable stream) with a SAM reader behind it that answers byte for byte as one does, by
 * the same codec run the other way (app/card-reader/sam-frame.ts): the card placed or taken away, an answer
 * whose checksum is broken, the wrong speed, a reader that says nothing, the cable pulled out.
 *
 * Unit tests call `createFakeSerial()`; e2e injects it into the page with `fakeSerialInitScript()`
 * (testing/fake-serial-script.ts), and drives the reader through `window.fakeCardReader`.
 */
import { encodeCardText, type CardText } from '../app/card-reader/card-text.ts';
import { createFrameReassembler, encodeCardRecord, encodeResponse, parseCommand, samBaudRate, type SamCommand } from '../app/card-reader/sam-frame.ts';
import { samStatus } from '../app/card-reader/sam-status.ts';
import type { SerialLike, SerialOpenOptions, SerialPortInfo, SerialPortLike } from '../app/card-reader/web-serial.ts';

export interface FakeReaderControl {
  placeCard(card: CardText): void;
  removeCard(): void;
  /** The next answer goes out with one bit of its checksum flipped. */
  corruptNextAnswer(): void;
  /** The reader stops answering (or starts again). */
  silence(silent: boolean): void;
  /** The USB cable is pulled: streams fail, `disconnect` fires, the port is gone from getPorts(). */
  unplug(): void;
  plugIn(): void;
  /** The next requestPort() is answered as a closed chooser (NotFoundError) or a refusal (SecurityError). */
  refuseNextRequest(as: 'cancel' | 'deny'): void;
  /** Every command the reader received, by name, and whether the port is open. */
  readonly log: SamCommand[];
  readonly isOpen: boolean;
}

export interface FakeSerialOptions {
  /** Largest piece the reader's answers arrive in: a real port hands a 1295-byte answer over in many reads. */
  chunk?: number;
  /** Milliseconds a reader takes to answer. */
  latencyMs?: number;
  /** The reader was chosen on an earlier visit: getPorts() lists it at once. */
  granted?: boolean;
}

class FakePort extends EventTarget implements SerialPortLike {
  readable: ReadableStream<Uint8Array> | null = null;
  writable: WritableStream<Uint8Array> | null = null;
  baudRate = 0;
  private output: ReadableStreamDefaultController<Uint8Array> | null = null;

  constructor(private readonly device: FakeDevice) {
    super();
  }

  getInfo(): SerialPortInfo {
    // A CH340 USB-serial bridge, as inside many of these readers.
    return { usbVendorId: 0x1a86, usbProductId: 0x7523 };
  }

  open(options: SerialOpenOptions): Promise<void> {
    if (!this.device.plugged) return Promise.reject(new DOMException('Failed to open serial port.', 'NetworkError'));
    if (this.readable) return Promise.reject(new DOMException('The port is already open.', 'InvalidStateError'));
    this.baudRate = options.baudRate;
    this.readable = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.output = controller;
      },
    });
    const reassembler = createFrameReassembler();
    this.writable = new WritableStream<Uint8Array>({
      write: (chunk) => {
        if (!this.device.plugged) throw new DOMException('The device has been lost.', 'NetworkError');
        for (const received of reassembler.push(chunk)) {
          if (received.kind === 'frame') this.device.answer(parseCommand(received.body).command, (bytes) => this.send(bytes));
          else this.device.answer(null, (bytes) => this.send(bytes));
        }
      },
    });
    return Promise.resolve();
  }

  close(): Promise<void> {
    if (this.readable?.locked || this.writable?.locked) return Promise.reject(new DOMException('Streams are locked.', 'InvalidStateError'));
    try {
      this.output?.close();
    } catch {
      // Already errored by an unplug.
    }
    this.readable = null;
    this.writable = null;
    this.output = null;
    return Promise.resolve();
  }

  get isOpen(): boolean {
    return this.readable !== null;
  }

  /** The bytes on the wire: at the wrong speed a UART reads garbage, never the frame that was sent. */
  private send(bytes: Uint8Array): void {
    const output = this.output;
    if (!output) return;
    const wire = this.baudRate === samBaudRate ? bytes : bytes.map((byte, i) => (byte * 31 + i * 7) & 0xff);
    for (let at = 0; at < wire.length; at += this.device.chunk) output.enqueue(wire.slice(at, at + this.device.chunk));
  }

  lose(): void {
    this.output?.error(new DOMException('The device has been lost.', 'NetworkError'));
    this.output = null;
  }
}

class FakeDevice {
  card: CardText | null = null;
  plugged = true;
  silent = false;
  corruptNext = false;
  readonly log: SamCommand[] = [];

  constructor(
    readonly chunk: number,
    private readonly latencyMs: number,
  ) {}

  answer(command: SamCommand | null, send: (bytes: Uint8Array) => void): void {
    if (command) this.log.push(command);
    if (this.silent) return;
    let bytes = this.respond(command);
    if (this.corruptNext) {
      this.corruptNext = false;
      bytes = bytes.slice();
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01;
    }
    setTimeout(() => send(bytes), this.latencyMs);
  }

  private respond(command: SamCommand | null): Uint8Array {
    const card = this.card;
    switch (command) {
      case 'samStatus':
        return encodeResponse(samStatus.ok);
      case 'findCard':
        return card ? encodeResponse(samStatus.cardFound, new Uint8Array(4)) : encodeResponse(samStatus.noCard);
      case 'selectCard':
        return card ? encodeResponse(samStatus.ok, new Uint8Array(8)) : encodeResponse(samStatus.selectFailed);
      case 'readText':
      case 'readTextAndFingerprint': {
        if (!card) return encodeResponse(samStatus.readFailed);
        // The photo is the card's WLT image, which nothing here decodes: a fixed pattern of its size stands for it.
        const photo = new Uint8Array(1024).fill(0x57);
        const fingerprint = command === 'readTextAndFingerprint' ? new Uint8Array(1024).fill(0x46) : null;
        return encodeResponse(samStatus.ok, encodeCardRecord({ text: encodeCardText(card), photo, fingerprint }));
      }
      case null:
        return encodeResponse(samStatus.checksumError);
    }
  }
}

/** A Web Serial with one card reader behind it, and the hands that place cards on it and pull its cable. */
export function createFakeSerial(options: FakeSerialOptions = {}): { serial: SerialLike; reader: FakeReaderControl } {
  const device = new FakeDevice(options.chunk ?? 64, options.latencyMs ?? 5);
  const serial = new EventTarget() as SerialLike;
  let port = new FakePort(device);
  let granted = options.granted ?? false;
  let refusal: 'cancel' | 'deny' | null = null;

  const portEvent = (type: 'connect' | 'disconnect', target: FakePort) => Object.assign(new Event(type), { port: target });

  Object.assign(serial, {
    requestPort: () => {
      const refused = refusal;
      refusal = null;
      if (refused === 'cancel') return Promise.reject(new DOMException('No port selected by the user.', 'NotFoundError'));
      if (refused === 'deny') return Promise.reject(new DOMException('Access denied.', 'SecurityError'));
      if (!device.plugged) return Promise.reject(new DOMException('No port selected by the user.', 'NotFoundError'));
      granted = true;
      return Promise.resolve(port);
    },
    getPorts: () => Promise.resolve(granted && device.plugged ? [port] : []),
  });

  const reader: FakeReaderControl = {
    placeCard: (card) => {
      device.card = card;
    },
    removeCard: () => {
      device.card = null;
    },
    corruptNextAnswer: () => {
      device.corruptNext = true;
    },
    silence: (silent) => {
      device.silent = silent;
    },
    unplug: () => {
      device.plugged = false;
      port.lose();
      port.dispatchEvent(portEvent('disconnect', port));
      serial.dispatchEvent(portEvent('disconnect', port));
    },
    plugIn: () => {
      device.plugged = true;
      // A device plugged in again is a new SerialPort object in Chromium, still granted to this origin.
      port = new FakePort(device);
      serial.dispatchEvent(portEvent('connect', port));
    },
    refuseNextRequest: (as) => {
      refusal = as;
    },
    log: device.log,
    get isOpen() {
      return port.isOpen;
    },
  };
  return { serial, reader };
}
