import { pipeline } from 'node:stream/promises';
import { Controller, Get, Logger, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiExcludeEndpoint,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { publicCaseSchema } from '@technopolice/shared';
import { type Request, type Response } from 'express';
import { z } from 'zod';
import { Public } from '../auth/public.decorator.js';
import { openApiSchema } from '../common/openapi.js';
import { DocumentsService } from '../documents/documents.service.js';
import { BlobNotFoundError } from '../documents/storage/index.js';
import { type Answer, answer, HTML } from './answer.js';
import { errorPage } from './layout.js';
import { PublicPages } from './public-pages.service.js';
import { assetAt } from './public-assets.js';

/** No script, nothing from elsewhere, no framing: what every public answer allows. */
export const PUBLIC_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const YEAR = 'public, max-age=31536000, immutable';
/** Types a browser shows without running anything of the file's; the rest is downloaded. */
const INLINE_TYPES = new Set([
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
]);

/** `Content-Disposition` with a name every browser reads right (RFC 6266). */
function disposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The one byte range of a `Range: bytes=a-b` header, or null to send everything. */
function byteRange(header: string | undefined, size: number) {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const start = match[1] === '' ? Math.max(0, size - Number(match[2])) : Number(match[1]);
  const end = match[1] === '' || match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start <= end && start < size ? { start, end } : 'unsatisfiable';
}

/** Whether `If-None-Match` names this validator (weak comparison, as RFC 9110 asks). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function publicHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', PUBLIC_CSP);
  // As `frame-ancestors 'none'` says, for browsers that only read this one.
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

/** Writes a rendered answer: 304 when the client has it, no body for HEAD. */
function send(req: Request, res: Response, a: Answer, extra: Record<string, string> = {}): void {
  publicHeaders(res);
  res.setHeader('Cache-Control', a.cacheControl);
  res.setHeader('ETag', a.etag);
  for (const [name, value] of Object.entries(extra)) res.setHeader(name, value);
  if (a.status === 200 && matches(req.headers['if-none-match'], a.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = a.status;
  res.setHeader('Content-Type', a.type);
  res.setHeader('Content-Length', String(a.body.length));
  if (req.method === 'HEAD') res.end();
  else res.end(a.body);
}

/**
 * The public pages, feed and open data: no sign-in, no script, strict CSP, cached in memory.
 * Outside the `/api` prefix except the JSON listing; the web app leaves `/p` and `/feed.atom`
 * to the server (web/web-app.ts).
 */
@ApiTags('public')
@Public()
@Controller()
export class PublicController {
  private readonly logger = new Logger(PublicController.name);

  constructor(
    private readonly pages: PublicPages,
    private readonly documents: DocumentsService,
  ) {}

  /** Renders with `render`; an unexpected failure answers a page in words, never JSON. */
  private async serve(
    req: Request,
    res: Response,
    render: () => Promise<Answer>,
    extra?: Record<string, string>,
  ): Promise<void> {
    let a: Answer;
    try {
      a = await render();
    } catch (error) {
      this.logger.error(error);
      a = answer(500, HTML, errorPage(), 'no-store');
    }
    send(req, res, a, extra);
  }

  @Get('p')
  @ApiExcludeEndpoint()
  list(@Req() req: Request, @Res() res: Response, @Query() query: Record<string, unknown>) {
    return this.serve(req, res, () => this.pages.listPage(query));
  }

  @Get('p/assets/:file')
  @ApiExcludeEndpoint()
  asset(
    @Req() req: Request,
    @Res() res: Response,
    @Param('file') file: string,
    @Query() query: Record<string, unknown>,
  ) {
    // Asset names hold a dot, case slugs never do: a group slugged "assets" keeps its pages.
    if (!file.includes('.')) return this.casePage(req, res, 'assets', file, query.lang);
    const found = assetAt(`/p/assets/${file}`);
    if (!found) return this.serve(req, res, () => Promise.resolve(this.pages.notFound()));
    send(req, res, {
      status: 200,
      type: found.type,
      body: found.body,
      etag: found.etag,
      cacheControl: YEAR,
      bytes: found.body.length,
    });
    return Promise.resolve();
  }

  @Get('p/:groupSlug/:caseSlug')
  @ApiExcludeEndpoint()
  page(
    @Req() req: Request,
    @Res() res: Response,
    @Param('groupSlug') groupSlug: string,
    @Param('caseSlug') caseSlug: string,
    @Query('lang') lang: unknown,
  ) {
    return this.casePage(req, res, groupSlug, caseSlug, lang);
  }

  private casePage(
    req: Request,
    res: Response,
    groupSlug: string,
    caseSlug: string,
    lang: unknown,
  ) {
    return this.serve(req, res, () => this.pages.casePage(groupSlug, caseSlug, lang));
  }

  @Get('p/:groupSlug/:caseSlug/revisions/:number')
  @ApiExcludeEndpoint()
  revision(
    @Req() req: Request,
    @Res() res: Response,
    @Param('groupSlug') groupSlug: string,
    @Param('caseSlug') caseSlug: string,
    @Param('number') number: string,
    @Query('lang') lang: unknown,
  ) {
    return this.serve(req, res, () => this.pages.revisionPage(groupSlug, caseSlug, number, lang));
  }

  @Get('p/:groupSlug/:caseSlug/documents/:documentId')
  @ApiExcludeEndpoint()
  async file(
    @Req() req: Request,
    @Res() res: Response,
    @Param('groupSlug') groupSlug: string,
    @Param('caseSlug') caseSlug: string,
    @Param('documentId') documentId: string,
  ): Promise<void> {
    let found: Awaited<ReturnType<PublicPages['file']>>;
    try {
      found = await this.pages.file(groupSlug, caseSlug, documentId);
    } catch (error) {
      this.logger.error(error);
      send(req, res, answer(500, HTML, errorPage(), 'no-store'));
      return;
    }
    if (found.kind === 'answer') {
      send(req, res, found.answer);
      return;
    }
    const { file } = found;
    const etag = `"${file.sha256}"`;
    publicHeaders(res);
    res.setHeader('Cache-Control', 'public, max-age=60');
    res.setHeader('ETag', etag);
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Content-Type', file.mimeType);
    res.setHeader(
      'Content-Disposition',
      disposition(INLINE_TYPES.has(file.mimeType) ? 'inline' : 'attachment', file.fileName),
    );
    if (matches(req.headers['if-none-match'], etag)) {
      res.status(304).end();
      return;
    }
    const range = byteRange(req.headers.range, file.size);
    if (range === 'unsatisfiable') {
      res.status(416).setHeader('Content-Range', `bytes */${file.size}`).end();
      return;
    }
    if (range) {
      res.status(206);
      res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`);
      res.setHeader('Content-Length', String(range.end - range.start + 1));
    } else {
      res.status(200);
      res.setHeader('Content-Length', String(file.size));
    }
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    let stream;
    try {
      // The store only reads `sha256`; the published row is not a case document.
      stream = await this.documents.open(file, range ?? undefined);
    } catch (error) {
      if (!(error instanceof BlobNotFoundError)) this.logger.error(error);
      else this.logger.warn(`published document ${file.documentId} has no stored bytes`);
      res.removeHeader('Content-Range');
      res.removeHeader('Content-Disposition');
      res.removeHeader('Accept-Ranges');
      send(req, res, this.pages.notFound());
      return;
    }
    await pipeline(stream, res).catch(() => res.destroy());
  }

  @Get('feed.atom')
  @ApiExcludeEndpoint()
  feed(@Req() req: Request, @Res() res: Response) {
    return this.serve(req, res, () => this.pages.feed(), {
      'Access-Control-Allow-Origin': '*',
    });
  }

  @Get('api/public/cases')
  @ApiOperation({
    summary:
      'Published cases across all groups, newest first (open data, no sign-in, CORS *). Filters: technology, projectStatus, cityCode, department, group; cursor, limit.',
  })
  @ApiProduces('application/json')
  @ApiOkResponse({
    schema: openApiSchema(
      z.object({ items: z.array(publicCaseSchema), nextCursor: z.string().nullable() }),
    ),
  })
  async cases(@Req() req: Request, @Res() res: Response, @Query() query: Record<string, unknown>) {
    res.setHeader('Access-Control-Allow-Origin', '*');
    publicHeaders(res);
    // A bad filter throws AppError: the error filter answers `{statusCode, code, message, details}`.
    send(req, res, await this.pages.listJson(query));
  }
}
