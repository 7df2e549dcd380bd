import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { publishSchema, retractSchema } from '@technopolice/shared';
import { type z } from 'zod';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { UuidParam } from '../common/uuid-param.pipe.js';
import { ZodBody } from '../common/zod-body.pipe.js';
import { PublishingService } from './publishing.service.js';

type Out<T extends z.ZodType> = z.output<T>;

@ApiTags('publishing')
@ApiBearerAuth()
@Controller('api/cases/:caseId/publication')
export class PublishingController {
  constructor(private readonly publishing: PublishingService) {}

  @Get()
  @ApiOperation({
    summary: 'The case’s public page: URL, state, revision log (404: never published)',
  })
  get(@CurrentActor() actor: Actor, @Param('caseId', UuidParam) caseId: string) {
    return this.publishing.get(actor, caseId);
  }

  @Post()
  @ApiOperation({
    summary: 'Publish the approved summary with the chosen documents: a new immutable revision',
  })
  publish(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Body(new ZodBody(publishSchema)) input: Out<typeof publishSchema>,
  ) {
    return this.publishing.publish(actor, caseId, input);
  }

  @Delete()
  @ApiOperation({ summary: 'Retract the public page, with a public reason' })
  retract(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Body(new ZodBody(retractSchema)) input: Out<typeof retractSchema>,
  ) {
    return this.publishing.retract(actor, caseId, input.reason);
  }
}
