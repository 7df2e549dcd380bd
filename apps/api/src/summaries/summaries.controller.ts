import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createReviewCommentSchema,
  putSummarySchema,
  requestReviewSchema,
  summaryQuerySchema,
  updateReviewCommentSchema,
} from '@technopolice/shared';
import { type z } from 'zod';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { UuidParam } from '../common/uuid-param.pipe.js';
import { ZodBody } from '../common/zod-body.pipe.js';
import { CollabServer } from './collab.server.js';
import { SummariesService } from './summaries.service.js';

type Out<T extends z.ZodType> = z.output<T>;

@ApiTags('summaries')
@ApiBearerAuth()
@Controller('api/cases/:caseId')
export class SummariesController {
  constructor(
    private readonly summaries: SummariesService,
    private readonly collab: CollabServer,
  ) {}

  @Get('summary')
  @ApiOperation({ summary: 'The case’s summary as last saved (`?lang=fr|en`)' })
  get(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Query(new ZodBody(summaryQuerySchema)) query: Out<typeof summaryQuerySchema>,
  ) {
    return this.summaries.get(actor, caseId, query.lang);
  }

  @Put('summary')
  @ApiOperation({
    summary: 'Replace the summary (scripts): `version` must be the saved one, else 409',
  })
  put(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Query(new ZodBody(summaryQuerySchema)) query: Out<typeof summaryQuerySchema>,
    @Body(new ZodBody(putSummarySchema)) input: Out<typeof putSummarySchema>,
  ) {
    return this.collab.put(actor, caseId, query.lang, input);
  }

  @Get('review')
  @ApiOperation({ summary: 'The review: request, rule, approvals, comments' })
  review(@CurrentActor() actor: Actor, @Param('caseId', UuidParam) caseId: string) {
    return this.summaries.review(actor, caseId);
  }

  @Post('review')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask the group to review the summary: the case moves to `review`' })
  async requestReview(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Body(new ZodBody(requestReviewSchema)) input: Out<typeof requestReviewSchema>,
  ) {
    const review = await this.summaries.requestReview(actor, caseId, input.note);
    this.collab.reconnect(caseId);
    return review;
  }

  @Delete('review')
  @ApiOperation({ summary: 'Withdraw the review request: back to `drafting`' })
  async withdrawReview(@CurrentActor() actor: Actor, @Param('caseId', UuidParam) caseId: string) {
    const review = await this.summaries.withdrawReview(actor, caseId);
    this.collab.reconnect(caseId);
    return review;
  }

  @Post('approvals')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve the summary as it stands (not its last editor)' })
  approve(@CurrentActor() actor: Actor, @Param('caseId', UuidParam) caseId: string) {
    return this.summaries.approve(actor, caseId);
  }

  @Delete('approvals')
  @ApiOperation({ summary: 'Withdraw my approval' })
  withdrawApproval(@CurrentActor() actor: Actor, @Param('caseId', UuidParam) caseId: string) {
    return this.summaries.withdrawApproval(actor, caseId);
  }

  @Post('review/comments')
  @ApiOperation({ summary: 'Comment on the summary, optionally on a passage (`quote`)' })
  comment(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Body(new ZodBody(createReviewCommentSchema)) input: Out<typeof createReviewCommentSchema>,
  ) {
    return this.summaries.comment(actor, caseId, input);
  }

  @Patch('review/comments/:commentId')
  @ApiOperation({ summary: 'Mark a comment resolved, or open it again' })
  resolveComment(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Param('commentId', UuidParam) commentId: string,
    @Body(new ZodBody(updateReviewCommentSchema)) input: Out<typeof updateReviewCommentSchema>,
  ) {
    return this.summaries.resolveComment(actor, caseId, commentId, input.resolved);
  }
}
