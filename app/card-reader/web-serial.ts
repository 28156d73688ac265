/**
 * The part of the Web Serial API the card reader uses, typed here: TypeScript's DOM library does not carry it
 * (it is in Chromium-based browsers only: Chrome and Edge on a computer, recent Chrome on Android).
 */
export interface SerialOpenOptions {
  baudRate: number;
  dataBits?: 7 | 8;
  stopBits?: 1 | 2;
  parity?: 'none' | 'even' | 'odd';
  bufferSize?: number;
  flowControl?: 'none' | 'hardware';
}

export interface SerialPortInfo {
  usbVendorId?: number;
  usbProductId?: number;
}

export interface SerialPortLike extends EventTarget {
  open(options: SerialOpenOptions): Promise<void>;
  close(): Promise<void>;
  readonly readable: ReadableStream<Uint8Array> | null;
  readonly writable: WritableStream<Uint8Array> | null;
  getInfo(): SerialPortInfo;
}

export interface SerialLike extends EventTarget {
  requestPort(options?: { filters?: SerialPortInfo[] }): Promise<SerialPortLike>;
  getPorts(): Promise<SerialPortLike[]>;
}

/** The browser's Web Serial, or null where it has none (Safari, Firefox before 151, iOS, Android WebView). */
export function webSerial(): SerialLike | null {
  const serial = (navigator as Navigator & { serial?: SerialLike }).serial;
  return serial && typeof serial.requestPort === 'function' ? serial : null;
}

/** A problem opening or choosing a port, as the screen explains it. */
export type PortProblem = 'cancelled' | 'denied' | 'busy' | 'insecure' | 'failed';

export function classifyPortError(error: unknown): PortProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  // requestPort rejects with NotFoundError when the chooser is closed without a choice.
  if (name === 'NotFoundError' || name === 'AbortError') return 'cancelled';
  if (name === 'SecurityError' || name === 'NotAllowedError') return 'isSecureContext' in globalThis && !globalThis.isSecureContext ? 'insecure' : 'denied';
  // open() rejects with NetworkError or InvalidStateError when another program holds the port.
  if (name === 'NetworkError' || name === 'InvalidStateError') return 'busy';
  return 'failed';
}
