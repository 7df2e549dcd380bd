import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  actorSchema,
  caseEventQuerySchema,
  caseEventSchema,
  caseQuerySchema,
  caseSchema,
  caseSummarySchema,
  createCaseSchema,
  createTaskSchema,
  createTimelineEntrySchema,
  pageOf,
  taskSchema,
  timelineEntrySchema,
  updateCaseSchema,
  updateTaskSchema,
  updateTimelineEntrySchema,
} from '@technopolice/shared';
import { z } from 'zod';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { openApiSchema } from '../common/openapi.js';
import { UuidParam } from '../common/uuid-param.pipe.js';
import { ZodBody } from '../common/zod-body.pipe.js';
import { CasesService } from './cases.service.js';

type Parsed<T extends z.ZodType> = z.output<T>;

const actorQuerySchema = z.object({ q: z.string().max(100).optional() }).strict();

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post('groups/:groupId/cases')
  @ApiOperation({ summary: 'Open a case in the group' })
  @ApiOkResponse({ schema: openApiSchema(caseSchema) })
  create(
    @CurrentActor() actor: Actor,
    @Param('groupId', UuidParam) groupId: string,
    @Body(new ZodBody(createCaseSchema)) body: Parsed<typeof createCaseSchema>,
  ) {
    return this.cases.create(actor, groupId, body);
  }

  @Get('groups/:groupId/actors')
  @ApiOperation({ summary: 'The group’s vendors and public bodies, for the actor picker' })
  @ApiQuery({ name: 'q', required: false })
  @ApiOkResponse({ schema: openApiSchema(pageOf(actorSchema)) })
  async actors(
    @CurrentActor() actor: Actor,
    @Param('groupId', UuidParam) groupId: string,
    @Query(new ZodBody(actorQuerySchema)) query: Parsed<typeof actorQuerySchema>,
  ) {
    return { items: await this.cases.actors(actor, groupId, query.q), nextCursor: null };
  }

  @Get('cases')
  @ApiOperation({
    summary: 'Cases the caller can see, filtered (comma-separated values) and sorted',
  })
  @ApiQuery({ name: 'groupId', required: false })
  @ApiQuery({ name: 'stage', required: false })
  @ApiQuery({ name: 'technology', required: false })
  @ApiQuery({ name: 'projectStatus', required: false })
  @ApiQuery({ name: 'cityCode', required: false })
  @ApiQuery({ name: 'assigneeId', required: false })
  @ApiQuery({ name: 'q', required: false })
  @ApiQuery({ name: 'sort', required: false })
  @ApiQuery({ name: 'order', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ schema: openApiSchema(pageOf(caseSummarySchema)) })
  list(
    @CurrentActor() actor: Actor,
    @Query(new ZodBody(caseQuerySchema)) query: Parsed<typeof caseQuerySchema>,
  ) {
    return this.cases.list(actor, query);
  }

  @Get('cases/:caseId')
  @ApiOkResponse({ schema: openApiSchema(caseSchema) })
  get(@CurrentActor() actor: Actor, @Param('caseId', UuidParam) caseId: string) {
    return this.cases.get(actor, caseId);
  }

  @Patch('cases/:caseId')
  @ApiOperation({
    summary: 'Change facts or move the case (stage, position); `version` must be current (409)',
  })
  @ApiOkResponse({ schema: openApiSchema(caseSchema) })
  update(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Body(new ZodBody(updateCaseSchema)) body: Parsed<typeof updateCaseSchema>,
  ) {
    return this.cases.update(actor, caseId, body);
  }

  @Delete('cases/:caseId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a case (group admins and coordinators)' })
  async remove(@CurrentActor() actor: Actor, @Param('caseId', UuidParam) caseId: string) {
    await this.cases.remove(actor, caseId);
  }

  @Get('cases/:caseId/events')
  @ApiOperation({
    summary:
      'The case’s event log: `after` = what a live client missed (ascending), else newest first',
  })
  @ApiQuery({ name: 'after', required: false })
  @ApiQuery({ name: 'before', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiOkResponse({ schema: openApiSchema(pageOf(caseEventSchema)) })
  events(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Query(new ZodBody(caseEventQuerySchema)) query: Parsed<typeof caseEventQuerySchema>,
  ) {
    return this.cases.events(actor, caseId, query);
  }

  @Post('cases/:caseId/tasks')
  @ApiOkResponse({ schema: openApiSchema(taskSchema) })
  createTask(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Body(new ZodBody(createTaskSchema)) body: Parsed<typeof createTaskSchema>,
  ) {
    return this.cases.createTask(actor, caseId, body);
  }

  @Patch('cases/:caseId/tasks/:taskId')
  @ApiOkResponse({ schema: openApiSchema(taskSchema) })
  updateTask(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Param('taskId', UuidParam) taskId: string,
    @Body(new ZodBody(updateTaskSchema)) body: Parsed<typeof updateTaskSchema>,
  ) {
    return this.cases.updateTask(actor, caseId, taskId, body);
  }

  @Delete('cases/:caseId/tasks/:taskId')
  @HttpCode(204)
  async deleteTask(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Param('taskId', UuidParam) taskId: string,
  ) {
    await this.cases.deleteTask(actor, caseId, taskId);
  }

  @Post('cases/:caseId/timeline')
  @ApiOkResponse({ schema: openApiSchema(timelineEntrySchema) })
  createTimelineEntry(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Body(new ZodBody(createTimelineEntrySchema)) body: Parsed<typeof createTimelineEntrySchema>,
  ) {
    return this.cases.createTimelineEntry(actor, caseId, body);
  }

  @Patch('cases/:caseId/timeline/:entryId')
  @ApiOkResponse({ schema: openApiSchema(timelineEntrySchema) })
  updateTimelineEntry(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Param('entryId', UuidParam) entryId: string,
    @Body(new ZodBody(updateTimelineEntrySchema)) body: Parsed<typeof updateTimelineEntrySchema>,
  ) {
    return this.cases.updateTimelineEntry(actor, caseId, entryId, body);
  }

  @Delete('cases/:caseId/timeline/:entryId')
  @HttpCode(204)
  async deleteTimelineEntry(
    @CurrentActor() actor: Actor,
    @Param('caseId', UuidParam) caseId: string,
    @Param('entryId', UuidParam) entryId: string,
  ) {
    await this.cases.deleteTimelineEntry(actor, caseId, entryId);
  }
}
