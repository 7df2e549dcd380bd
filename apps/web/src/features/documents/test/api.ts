import { vi } from 'vitest';

/** A request the page made, as the fake API saw it. */
export interface Call {
  method: string;
  url: string;
  body: unknown;
}

export type Answer = { status: number; body?: unknown; blob?: Blob };

/**
 * Replaces `fetch` with a fake API: `handler` answers what it knows, anything else gets an empty
 * list. Files answer with their bytes. Returns the calls made, in order.
 */
export function stubFetch(handler: (call: Call) => Answer | undefined = () => undefined): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string | URL, init?: RequestInit) => {
      const url = input.toString();
      const method = init?.method ?? 'GET';
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
      const call = { method, url, body };
      calls.push(call);
      const answer = handler(call) ?? { status: 200, body: { items: [], nextCursor: null } };
      if (answer.blob)
        return Promise.resolve(
          new Response(answer.blob, {
            status: answer.status,
            headers: { 'Content-Type': answer.blob.type },
          }),
        );
      return Promise.resolve(
        new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
          status: answer.status,
          headers: { 'Content-Type': 'application/json' },
        }),
      );
    }),
  );
  return calls;
}

/** An API error body. */
export function apiError(statusCode: number, code: string, message: string): Answer {
  return { status: statusCode, body: { statusCode, code, message } };
}
