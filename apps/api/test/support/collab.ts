import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import {
  COLLAB_FIELD,
  COLLAB_PATH,
  type SummaryLanguage,
  summaryDocumentName,
} from '@technopolice/shared';
import WebSocket from 'ws';
import * as Y from 'yjs';

/** Waits until `check` holds (polling), or fails with what it last saw. */
export async function until<T>(
  read: () => Promise<T> | T,
  check: (value: T) => boolean,
  ms = 8000,
): Promise<T> {
  const start = Date.now();
  let last: T = await read();
  while (!check(last)) {
    if (Date.now() - start > ms) throw new Error(`timed out; last: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await read();
  }
  return last;
}

/**
 * A co-editing client of a case's summary (what the web editor runs), signed in with `token`,
 * once synced with the server or refused. Kept in `opened` to be closed after the test.
 */
export async function openSummary(
  baseUrl: string,
  token: string,
  caseId: string,
  opened: HocuspocusProvider[],
  language: SummaryLanguage = 'fr',
) {
  const websocketProvider = new HocuspocusProviderWebsocket({
    url: `${baseUrl.replace(/^http/, 'ws')}${COLLAB_PATH}`,
    WebSocketPolyfill: WebSocket,
    maxAttempts: 1,
  });
  let refused: string | null = null;
  const provider = new HocuspocusProvider({
    websocketProvider,
    name: summaryDocumentName(caseId, language),
    token,
    onAuthenticationFailed: ({ reason }) => {
      refused = reason;
    },
  });
  opened.push(provider);
  provider.attach();
  await until(
    () => provider.isSynced || refused !== null,
    (done) => done,
  );
  return { provider, refused: () => refused };
}

export function closeSummary(provider: HocuspocusProvider): void {
  provider.destroy();
  provider.configuration.websocketProvider.destroy();
}

/** Appends a paragraph to a co-edited summary, as the editor does when someone types. */
export function typeInto(provider: HocuspocusProvider, value: string): void {
  const fragment = provider.document.getXmlFragment(COLLAB_FIELD);
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  text.insert(0, value);
  paragraph.insert(0, [text]);
  fragment.insert(fragment.length, [paragraph]);
}

/** The summary's content as XML, to look for text in. */
export const textOf = (provider: HocuspocusProvider): string =>
  provider.document.getXmlFragment(COLLAB_FIELD).toJSON();
