/** The worker's side of worker-calls.ts: answers each request under its id, an error as its message. */
import type { AnswerMessage, CallMessage } from './worker-calls.ts';

/** The part of a worker's global scope used here. */
export interface WorkerScope {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
}

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- each worker names the request it receives
export function answerCalls<Request, Answer>(
  answer: (request: Request) => Answer | Promise<Answer>,
  scope: WorkerScope = self,
): void {
  scope.onmessage = ({ data: { id, request } }: MessageEvent<CallMessage<Request>>) => {
    void (async () => {
      let message: AnswerMessage<Answer>;
      try {
        message = { id, answer: await answer(request) };
      } catch (error) {
        message = { id, error: error instanceof Error ? error.message : String(error) };
      }
      scope.postMessage(message);
    })();
  };
}
