import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  DOCUMENT_KIND_IDS,
  documentDetailSchema,
  documentFieldsSchema,
  documentKindSchema,
  documentQuerySchema,
  documentSchema,
  documentTextSchema,
  updateDocumentSchema,
} from '@technopolice/shared';
import { type Request, type Response } from 'express';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { AppError } from '../common/app-error.js';
import { openApiSchema } from '../common/openapi.js';
import { UuidParam } from '../common/uuid-param.pipe.js';
import { ZodBody } from '../common/zod-body.pipe.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DocumentsService } from './documents.service.js';
import { tooLarge } from './ingest.js';
import { readMultipart } from './multipart.js';

type Parsed<T extends z.ZodType> = z.output<T>;

/** Room for the multipart envelope (boundaries, part headers, fields) around the file. */
const MULTIPART_OVERHEAD = 256 * 1024;

const allDocumentsQuerySchema = z
  .object({
    groupId: z.uuid().optional(),
    kind: documentKindSchema.optional(),
    q: z.string().trim().max(200).optional(),
    cursor: z.string().max(20).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

/** `Content-Disposition: attachment` with a name every browser reads right (RFC 6266). */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The one byte range of a `Range: bytes=a-b` header, or null to send everything. */
function byteRange(header: string | undefined, size: number) {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const start = match[1] === '' ? Math.max(0, size - Number(match[2])) : Number(match[1]);
  const end = match[1] === '' || match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start <= end && start < size ? { start, end } : 'unsatisfiable';
}

@ApiTags('documents')
@ApiBearerAuth()
@Controller('api')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('cases/:caseId/documents')
  @ApiOperation({
    summary:
      'Attach a file to a case (multipart: `file`, optional `title`, `kind`, `date`, `source`, `obtainedBy`, `description`). Its type is sniffed from its bytes; EXIF/XMP/GPS and PDF metadata are removed before it is stored.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary' },
        title: { type: 'string' },
        kind: { type: 'string', enum: [...DOCUMENT_KIND_IDS] },
        date: { type: 'string', format: 'date' },
        source: { type: 'string' },
        obtainedBy: { type: 'string' },
        description: { type: 'string' },
      },
    },
  })
  @ApiOkResponse({ schema: openApiSchema(documentSchema) })
  async upload(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Req() req: Request,
  ) {
    await this.documents.assertCanUpload(actor, caseId);
    const limit = this.config.maxUploadBytes;
    if (Number(req.headers['content-length'] ?? 0) > limit + MULTIPART_OVERHEAD) {
      throw tooLarge(limit);
    }
    if (!req.is('multipart/form-data')) {
      throw new AppError(
        'unsupported_media_type',
        'Send the file as multipart/form-data, in a `file` field (or use the resumable upload at /api/uploads).',
      );
    }
    const upload = await readMultipart(req, this.documents.tempDir, limit);
    let fields: Parsed<typeof documentFieldsSchema>;
    try {
      fields = new ZodBody(documentFieldsSchema).transform(upload.fields);
    } catch (error) {
      await rm(upload.file.path, { force: true });
      throw error;
    }
    return this.documents.ingest(actor, caseId, upload.file, upload.fileName, fields);
  }

  @Get('cases/:caseId/documents')
  @ApiOperation({ summary: 'Documents of a case' })
  @ApiOkResponse({ schema: openApiSchema(z.object({ items: z.array(documentSchema) })) })
  async list(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Query(new ZodBody(documentQuerySchema)) query: Parsed<typeof documentQuerySchema>,
  ) {
    return { items: await this.documents.list(actor, caseId, query) };
  }

  @Get('documents')
  @ApiOperation({ summary: 'Documents across the caller’s groups, newest first' })
  async listAll(
    @CurrentActor() actor: Actor,
    @Query(new ZodBody(allDocumentsQuerySchema)) query: Parsed<typeof allDocumentsQuerySchema>,
  ) {
    return this.documents.listAll(actor, query);
  }

  @Get('documents/:documentId')
  @ApiOperation({ summary: 'A document, with its case’s title and where it is cited' })
  @ApiOkResponse({ schema: openApiSchema(documentDetailSchema) })
  get(@CurrentActor() actor: Actor, @Param('documentId', UuidParam) documentId: string) {
    return this.documents.get(actor, documentId);
  }

  @Patch('documents/:documentId')
  @ApiOperation({ summary: 'Edit a document’s metadata (with the `version` it was read at)' })
  @ApiOkResponse({ schema: openApiSchema(documentSchema) })
  update(
    @CurrentActor() actor: Actor,
    @Param('documentId', UuidParam) documentId: string,
    @Body(new ZodBody(updateDocumentSchema)) body: Parsed<typeof updateDocumentSchema>,
  ) {
    return this.documents.update(actor, documentId, body);
  }

  @Delete('documents/:documentId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a document (its uploader, coordinators, admins)' })
  async delete(@CurrentActor() actor: Actor, @Param('documentId', UuidParam) documentId: string) {
    await this.documents.delete(actor, documentId);
  }

  @Get('documents/:documentId/text')
  @ApiOperation({ summary: 'The extracted (or OCR) text, page by page' })
  @ApiOkResponse({ schema: openApiSchema(documentTextSchema) })
  text(@CurrentActor() actor: Actor, @Param('documentId', UuidParam) documentId: string) {
    return this.documents.text(actor, documentId);
  }

  @Post('documents/:documentId/text/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue a failed text extraction again' })
  @ApiOkResponse({ schema: openApiSchema(documentSchema) })
  retry(@CurrentActor() actor: Actor, @Param('documentId', UuidParam) documentId: string) {
    return this.documents.retryText(actor, documentId);
  }

  @Post('admin/files/verify')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Re-hash every stored file and remove stored bytes no document names (instance admins)',
  })
  verifyFiles(@CurrentActor() actor: Actor) {
    return this.documents.verifyFiles(actor);
  }

  @Get('documents/:documentId/file')
  @ApiOperation({
    summary:
      'The stored bytes (metadata removed), as an attachment; single byte ranges are honoured',
  })
  @ApiProduces('application/octet-stream')
  async file(
    @CurrentActor() actor: Actor,
    @Param('documentId', UuidParam) documentId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const document = await this.documents.readable(actor, documentId);
    const etag = `"${document.sha256}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Content-Type', document.mimeType);
    res.setHeader('Content-Disposition', attachment(document.fileName));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Opened on its own, a stored file runs nothing and loads nothing.
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    const range = byteRange(req.headers.range, document.size);
    if (range === 'unsatisfiable') {
      res.status(416).setHeader('Content-Range', `bytes */${document.size}`).end();
      return;
    }
    const stream = await this.documents.open(document, range ?? undefined);
    if (range) {
      res.status(206);
      res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${document.size}`);
      res.setHeader('Content-Length', String(range.end - range.start + 1));
    } else {
      res.status(200);
      res.setHeader('Content-Length', String(document.size));
    }
    await pipeline(stream, res).catch(() => res.destroy());
  }
}
