import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import { type Extension, Hocuspocus } from '@hocuspocus/server';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import {
  COLLAB_PATH,
  SUMMARY_LANGUAGES,
  type Summary,
  type SummaryLanguage,
  parseSummaryDocumentName,
  summaryDocumentName,
} from '@technopolice/shared';
import { type IncomingMessage, type Server } from 'node:http';
import { type Duplex } from 'node:stream';
import { DataSource } from 'typeorm';
import { WebSocketServer, type RawData } from 'ws';
import * as Y from 'yjs';
import { type Actor } from '../auth/actor.js';
import { TokenVerifier } from '../auth/token-verifier.js';
import { AppError } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { RichTextService } from '../discussions/rich-text.js';
import { UsersService } from '../users/users.service.js';
import { SummariesService } from './summaries.service.js';
import { replaceYContent } from './ydoc.js';

/** What a connection of the co-editing session carries: who, and for the last change, who made it. */
interface CollabContext {
  actor?: Actor;
  /** The server's own address as the client reached it (the built-in issuer's keys are there). */
  local?: { address: string; port: number } | null;
}

/** Largest message a client may send (a pasted summary is far below). */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

function bytesOf(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** A fetch `Request` for Hocuspocus, from Node's upgrade request (headers and URL only). */
function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(', '));
  return new Request(new URL(req.url ?? '/', 'http://localhost'), { headers });
}

/**
 * The live co-editing session of summaries: Hocuspocus (Y.js) on the API's own HTTP server at
 * `COLLAB_PATH`, authenticated with the same access token as the API, read-only for those who
 * may not edit now. Documents are loaded from and saved to `case_summaries`; with `REDIS_URL`,
 * replicas share each document's updates and awareness through Redis.
 */
@Injectable()
export class CollabServer implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Collab');
  readonly hocuspocus: Hocuspocus<CollabContext>;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly storing = new Set<Promise<void>>();
  // One script write at a time per document, so that two PUTs of the same version cannot both win.
  private readonly writes = new Map<string, Promise<unknown>>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly summaries: SummariesService,
    private readonly richText: RichTextService,
    private readonly verifier: TokenVerifier,
    private readonly users: UsersService,
  ) {
    const extensions: Extension[] = [];
    if (config.redisUrl) {
      const url = new URL(config.redisUrl);
      extensions.push(
        new RedisExtension({
          host: url.hostname,
          port: Number(url.port || 6379),
          prefix: 'technopolice:collab',
          options: {
            username: url.username ? decodeURIComponent(url.username) : undefined,
            password: url.password ? decodeURIComponent(url.password) : undefined,
            db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined,
            tls: url.protocol === 'rediss:' ? {} : undefined,
          },
        }),
      );
    }
    this.hocuspocus = new Hocuspocus<CollabContext>({
      name: null,
      quiet: true,
      debounce: 1500,
      maxDebounce: 10_000,
      extensions,
      onAuthenticate: async ({ token, documentName, connectionConfig, context }) => {
        const target = parseSummaryDocumentName(documentName);
        if (!target) throw new Error('unknown document');
        const verified = await this.verifier.verify(token, context.local ?? null);
        const actor = await this.users.resolve(verified);
        const place = await this.dataSource.transaction((tx) =>
          this.summaries.requireCase(tx, actor, target.caseId),
        );
        connectionConfig.readOnly = !this.summaries.mayEdit(place, actor.id);
        return { actor };
      },
      onLoadDocument: async ({ documentName, document }) => {
        const target = parseSummaryDocumentName(documentName);
        if (!target) throw new Error('unknown document');
        const state = await this.summaries.loadState(target.caseId, target.language);
        if (state) Y.applyUpdate(document, state);
        return document;
      },
      onStoreDocument: async ({ documentName, document, lastContext }) => {
        const target = parseSummaryDocumentName(documentName);
        if (!target) return;
        const saving = this.summaries.store(
          target.caseId,
          target.language,
          document,
          lastContext?.actor?.id ?? null,
        );
        this.storing.add(saving);
        try {
          await saving;
        } finally {
          this.storing.delete(saving);
        }
      },
    });
  }

  /** Answers WebSocket upgrades at `COLLAB_PATH` on the API's HTTP server. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = (req.url ?? '').split('?')[0];
      if (path !== COLLAB_PATH && !path?.startsWith(`${COLLAB_PATH}/`)) return;
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        const local =
          req.socket.localAddress && req.socket.localPort
            ? { address: req.socket.localAddress, port: req.socket.localPort }
            : null;
        const connection = this.hocuspocus.handleConnection(ws, toRequest(req), { local });
        ws.on('message', (data) => connection.handleMessage(bytesOf(data)));
        ws.on('close', (code, reason) =>
          connection.handleClose({ code, reason: reason.toString() }),
        );
        ws.on('error', (error) => this.logger.warn(`collab socket error: ${error.message}`));
      });
    });
  }

  /** Makes every open editor of the case reconnect (and be asked again whether it may edit). */
  reconnect(caseId: string): void {
    for (const language of SUMMARY_LANGUAGES)
      this.hocuspocus.closeConnections(summaryDocumentName(caseId, language));
  }

  /**
   * `PUT /api/cases/:caseId/summary`: replaces the text if `version` is the saved one. Goes
   * through the live document, so that people editing it now see the change, and saves at once.
   */
  async put(
    actor: Actor,
    caseId: string,
    language: SummaryLanguage,
    input: { body: unknown; version: number },
  ): Promise<Summary> {
    const name = summaryDocumentName(caseId, language);
    const previous = this.writes.get(name) ?? Promise.resolve();
    const work = previous
      .catch(() => undefined)
      .then(async () => {
        const body = await this.dataSource.transaction(async (tx) => {
          const place = await this.summaries.requireCase(tx, actor, caseId);
          if (!this.summaries.mayEdit(place, actor.id))
            throw new AppError(
              'forbidden',
              'During a review, only who asked for it, coordinators and admins edit the summary.',
            );
          return (await this.richText.prepare(tx, { groupId: place.groupId, caseId }, input.body))
            .doc;
        });
        const version = await this.summaries.version(caseId, language);
        if (version !== input.version)
          throw new AppError(
            'stale_version',
            `version: the summary changed since you read it (version ${input.version}, now ${version}); read it again and apply your change.`,
            [{ path: 'version', message: `is ${input.version}, the summary is at ${version}` }],
          );
        const connection = await this.hocuspocus.openDirectConnection(name, { actor });
        try {
          await connection.transact((document) => replaceYContent(document, body));
        } finally {
          await connection.disconnect();
        }
        return this.summaries.get(actor, caseId, language);
      });
    this.writes.set(name, work);
    try {
      return await work;
    } finally {
      if (this.writes.get(name) === work) this.writes.delete(name);
    }
  }

  /** Saves what editors typed last before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.hocuspocus.closeConnections();
    this.hocuspocus.flushPendingStores();
    await Promise.allSettled([...this.storing]);
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }
}
