/**
 * The card reader as React state. A reader chosen on an earlier visit is connected again at once
 * (getPorts); the first one is chosen by a tap (requestPort needs a user gesture); a reader unplugged
 * clears everything read from it and is taken up again when plugged back in. Each card read is also
 * handed to `onRead`, once.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentRead } from '../../core/document-read.ts';
import { startCardReaderSession, type CardReaderSession, type ReaderState, type SessionOptions } from './serial-session.ts';
import { classifyPortError, webSerial, type SerialPortLike } from './web-serial.ts';

interface Entry {
  port: SerialPortLike;
  session: CardReaderSession | null;
}

export type CardReaderView = ReaderState | { kind: 'unsupported' } | { kind: 'idle' };

export interface CardReader {
  view: CardReaderView;
  /** Opens the browser's chooser; call it from a tap. */
  connect: () => void;
}

export function useCardReader(onRead: (document: DocumentRead) => void, options?: SessionOptions): CardReader {
  const serial = webSerial();
  const [view, setView] = useState<CardReaderView>(serial ? { kind: 'idle' } : { kind: 'unsupported' });
  const session = useRef<Entry | null>(null);
  const latestOnRead = useRef(onRead);
  const sessionOptions = useRef(options);

  useEffect(() => {
    latestOnRead.current = onRead;
  }, [onRead]);

  const start = useCallback(async (port: SerialPortLike) => {
    const previous = session.current;
    session.current = null;
    // The same port opens again only once the last session has closed it.
    await previous?.session?.stop();
    const entry: Entry = { port, session: null };
    session.current = entry;
    entry.session = startCardReaderSession(
      port,
      (state) => {
        if (session.current !== entry) return;
        // A reader lost under its read loop is taken up again by the next connect event.
        if (state.kind === 'lost') session.current = null;
        setView(state);
        if (state.kind === 'read') latestOnRead.current(state.document);
      },
      sessionOptions.current,
    );
  }, []);

  useEffect(() => {
    if (!serial) return;
    let live = true;
    void serial.getPorts().then((ports) => {
      const [first] = ports;
      if (live && first && !session.current) void start(first);
    });
    const portOf = (event: Event) => ((event as Event & { port?: SerialPortLike }).port ?? event.target) as SerialPortLike;
    const onConnect = (event: Event) => {
      if (!session.current) void start(portOf(event));
    };
    const onDisconnect = (event: Event) => {
      const current = session.current;
      if (!current || current.port !== portOf(event)) return;
      session.current = null;
      void current.session?.stop();
      setView({ kind: 'lost' });
    };
    serial.addEventListener('connect', onConnect);
    serial.addEventListener('disconnect', onDisconnect);
    return () => {
      live = false;
      serial.removeEventListener('connect', onConnect);
      serial.removeEventListener('disconnect', onDisconnect);
      void session.current?.session?.stop();
      session.current = null;
    };
  }, [serial, start]);

  const connect = useCallback(() => {
    if (!serial) return;
    serial.requestPort().then(
      // Choosing the same reader again restarts it: the way out of a reader that stopped answering.
      (port) => void start(port),
      (error: unknown) => setView({ kind: 'port-problem', problem: classifyPortError(error) }),
    );
  }, [serial, start]);

  return { view, connect };
}
