import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { importReportSchema } from '@technopolice/shared';
import { type Response } from 'express';
import { z } from 'zod';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { openApiSchema } from '../common/openapi.js';
import { UuidParam } from '../common/uuid-param.pipe.js';
import { ZodBody } from '../common/zod-body.pipe.js';
import { CaseTransferService } from './case-transfer.service.js';

const exportQuerySchema = z.object({ format: z.enum(['csv', 'json']).default('csv') }).strict();

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/groups/:groupId/cases')
export class CaseTransferController {
  constructor(private readonly transfer: CaseTransferService) {}

  @Get('export')
  @ApiOperation({ summary: 'Download the group’s cases as CSV or JSON' })
  @ApiQuery({ name: 'format', enum: ['csv', 'json'], required: false })
  @ApiProduces('text/csv', 'application/json')
  async export(
    @CurrentActor() actor: Actor,
    @Param('groupId', UuidParam) groupId: string,
    @Query(new ZodBody(exportQuerySchema)) query: z.output<typeof exportQuerySchema>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    // Headers once the file exists: a refusal answers as a JSON error, not as a download.
    const body =
      query.format === 'json'
        ? JSON.stringify(
            {
              items: await this.transfer.exportCases(actor, groupId),
              exportedAt: new Date().toISOString(),
            },
            null,
            2,
          )
        : await this.transfer.exportCsv(actor, groupId);
    const day = new Date().toISOString().slice(0, 10);
    res.setHeader('Content-Disposition', `attachment; filename="dossiers-${day}.${query.format}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader(
      'Content-Type',
      query.format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
    );
    return body;
  }

  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Import cases from a CSV file (Content-Type: text/csv): good rows created, bad rows reported',
  })
  @ApiConsumes('text/csv')
  @ApiOkResponse({ schema: openApiSchema(importReportSchema) })
  import(
    @CurrentActor() actor: Actor,
    @Param('groupId', UuidParam) groupId: string,
    @Body() body: unknown,
  ) {
    return this.transfer.importCsv(actor, groupId, body);
  }
}
