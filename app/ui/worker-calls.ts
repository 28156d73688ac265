/**
 * The one way the app asks a worker something: each request carries an id and its answer (or error) comes
 * back under it, so calls may overlap. The worker's side is `answerCalls` in worker-answers.ts.
 */

export type CallMessage<Request> = { id: number; request: Request };
export type AnswerMessage<Answer> = { id: number; answer: Answer } | { id: number; error: string };

/** The part of a Worker used here, so a test can stand in for one. */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface WorkerCalls<Request, Answer> {
  /** Rejects if the worker answers with an error, has failed, or is closed before it answers. */
  call(request: Request, transfer?: Transferable[]): Promise<Answer>;
  /** Ends the worker; calls still waiting are rejected. */
  close(): void;
}

export function workerCalls<Request, Answer>(worker: WorkerLike): WorkerCalls<Request, Answer> {
  let nextId = 0;
  let failure: Error | null = null;
  const waiting = new Map<number, { resolve: (answer: Answer) => void; reject: (error: Error) => void }>();
  const failAll = (error: Error) => {
    failure ??= error;
    worker.terminate();
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  worker.onmessage = ({ data }: MessageEvent<AnswerMessage<Answer>>) => {
    const pending = waiting.get(data.id);
    waiting.delete(data.id);
    if ('answer' in data) pending?.resolve(data.answer);
    else pending?.reject(new Error(data.error));
  };
  worker.onerror = (event) => {
    // Handled here, so the page does not also report it as an uncaught error.
    event.preventDefault();
    failAll(new Error(event.message || 'the worker failed'));
  };
  return {
    call(request, transfer = []) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      const answered = new Promise<Answer>((resolve, reject) => waiting.set(id, { resolve, reject }));
      worker.postMessage({ id, request } satisfies CallMessage<Request>, transfer);
      return answered;
    },
    close: () => failAll(new Error('closed')),
  };
}
