import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { TUS_METADATA, documentFieldsSchema } from '@technopolice/shared';
import { FileStore } from '@tus/file-store';
import { Server, type Upload } from '@tus/server';
import { type NextFunction, type Request, type Response } from 'express';
import { type IncomingMessage } from 'node:http';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Actor } from '../auth/actor.js';
import { BearerAuthenticator } from '../auth/bearer-authenticator.js';
import { AppError } from '../common/app-error.js';
import { toErrorBody } from '../common/error-filter.js';
import { ZodBody } from '../common/zod-body.pipe.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DocumentsService } from './documents.service.js';
import { hashFile } from './ingest.js';

/** Where resumable uploads live: the API's path, fixed by CONTRACT.md's neighbours. */
export const TUS_PATH = '/api/uploads';
/** An unfinished upload is kept this long for its author to resume it. */
const EXPIRATION_MS = 24 * 60 * 60 * 1000;
const CLEANUP_EVERY_MS = 60 * 60 * 1000;

/** The metadata keys that are document fields, passed through to the document. */
const FIELD_KEYS = ['title', 'kind', 'date', 'source', 'obtainedBy', 'description'] as const;

type TusRequest = Parameters<
  NonNullable<ConstructorParameters<typeof Server>[0]['onUploadCreate']>
>[0];

/** A tus hook's refusal (tus answers its `status_code` and `body`), in our usual JSON body. */
class TusRefusal extends Error {
  readonly status_code: number;
  readonly body: string;

  constructor(error: unknown) {
    const body = toErrorBody(error, { method: 'PATCH', originalUrl: TUS_PATH });
    super(body.message);
    this.status_code = body.statusCode;
    this.body = JSON.stringify(body);
  }
}

/**
 * Resumable uploads (tus 1.0, with tus-js-client in the web app) for large files: bytes go to
 * `$DATA_DIR/uploads` chunk by chunk and survive a cut connection; when the last byte arrives,
 * the file goes through the same path as a multipart upload (sniffing, stripping, storing) and
 * the final `PATCH` answers the created document. Every request carries the bearer token; an
 * upload belongs to the person who created it, for a case they can see.
 */
@Injectable()
export class TusUploads implements OnApplicationShutdown {
  private readonly directory: string;
  private readonly store: FileStore;
  private readonly server: Server;
  private readonly actors = new WeakMap<object, Actor>();
  private readonly cleanup: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly authenticator: BearerAuthenticator,
    private readonly documents: DocumentsService,
  ) {
    this.directory = join(config.dataDir, 'uploads');
    this.store = new FileStore({
      directory: this.directory,
      expirationPeriodInMilliseconds: EXPIRATION_MS,
    });
    this.server = new Server({
      path: TUS_PATH,
      datastore: this.store,
      maxSize: config.maxUploadBytes,
      relativeLocation: true,
      respectForwardedHeaders: false,
      allowedOrigins: [new URL(config.publicUrl).origin],
      onUploadCreate: (req, upload) => this.onCreate(req, upload),
      onIncomingRequest: (req, id) => this.onRequest(req, id),
      onUploadFinish: (req, upload) => this.onFinish(req, upload),
    });
    this.cleanup = setInterval(() => {
      this.store.deleteExpired().catch(() => undefined);
    }, CLEANUP_EVERY_MS);
    this.cleanup.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.cleanup);
  }

  /** Express middleware answering the tus routes and passing everything else on. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      if (req.path !== TUS_PATH && !req.path.startsWith(`${TUS_PATH}/`)) {
        next();
        return;
      }
      this.server.handle(req, res).catch(next);
    };
  }

  private async actorOf(req: TusRequest): Promise<Actor> {
    const known = this.actors.get(req);
    if (known) return known;
    const node = (req as unknown as { runtime?: { node?: { req: IncomingMessage } } }).runtime?.node
      ?.req;
    if (!node) throw new AppError('unauthorized', 'Sign in first.');
    const actor = await this.authenticator.authenticate(node);
    this.actors.set(req, actor);
    return actor;
  }

  /** Creation: who, for which case, with which fields, all checked before any byte is sent. */
  private async onCreate(req: TusRequest, upload: Upload) {
    try {
      const actor = await this.actorOf(req);
      const metadata = upload.metadata ?? {};
      const caseId = metadata[TUS_METADATA.caseId] ?? '';
      if (!/^[0-9a-f-]{36}$/i.test(caseId)) {
        throw new AppError('validation_failed', 'caseId: the Upload-Metadata must name the case', [
          { path: 'caseId', message: 'is required' },
        ]);
      }
      this.fieldsOf(metadata);
      await this.documents.assertCanUpload(actor, caseId);
      return { metadata: { ...metadata, userId: actor.id } };
    } catch (error) {
      throw new TusRefusal(error);
    }
  }

  /** Resuming, checking or cancelling an upload: only its author, with a valid token. */
  private async onRequest(req: TusRequest, id: string): Promise<void> {
    try {
      const actor = await this.actorOf(req);
      const upload = await this.store.getUpload(id).catch(() => null);
      if (upload && upload.metadata?.userId !== actor.id) {
        throw new AppError('not_found', `No upload ${id}.`);
      }
    } catch (error) {
      throw new TusRefusal(error);
    }
  }

  private fieldsOf(metadata: Record<string, string | null>) {
    const raw: Record<string, string> = {};
    for (const key of FIELD_KEYS) {
      const value = metadata[key];
      if (value !== undefined && value !== null && value !== '') raw[key] = value;
    }
    return new ZodBody(documentFieldsSchema).transform(raw);
  }

  /** The last byte arrived: the file becomes a document, and the answer carries it. */
  private async onFinish(req: TusRequest, upload: Upload) {
    const path = join(this.directory, upload.id);
    try {
      const actor = await this.actorOf(req);
      const metadata = upload.metadata ?? {};
      const document = await this.documents.ingest(
        actor,
        metadata[TUS_METADATA.caseId] ?? '',
        { path, ...(await hashFile(path)) },
        metadata[TUS_METADATA.fileName] ?? 'document',
        this.fieldsOf(metadata),
      );
      return {
        status_code: 200,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(document),
      };
    } catch (error) {
      throw new TusRefusal(error);
    } finally {
      // The bytes were moved into the store or refused; either way the upload is over.
      await rm(path, { force: true });
      await rm(`${path}.json`, { force: true });
    }
  }
}
