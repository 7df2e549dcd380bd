import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  auditEventSchema,
  type CreateGroup,
  createGroupSchema,
  groupSchema,
  groupSummarySchema,
  memberSchema,
  pageOf,
  type UpdateGroup,
  updateGroupSchema,
  updateMemberSchema,
} from '@technopolice/shared';
import { type z } from 'zod';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { openApiSchema } from '../common/openapi.js';
import { UuidParam } from '../common/uuid-param.pipe.js';
import { ZodBody } from '../common/zod-body.pipe.js';
import { GroupsService } from './groups.service.js';

@ApiTags('groups')
@ApiBearerAuth()
@Controller('api/groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a group; its creator is its admin' })
  @ApiOkResponse({ schema: openApiSchema(groupSummarySchema) })
  create(@CurrentActor() actor: Actor, @Body(new ZodBody(createGroupSchema)) body: CreateGroup) {
    return this.groups.create(actor, body);
  }

  @Get()
  @ApiOperation({ summary: 'My groups' })
  @ApiOkResponse({ schema: openApiSchema(pageOf(groupSummarySchema)) })
  async list(@CurrentActor() actor: Actor) {
    return { items: await this.groups.list(actor), nextCursor: null };
  }

  @Get(':groupId')
  @ApiOkResponse({ schema: openApiSchema(groupSchema) })
  get(@CurrentActor() actor: Actor, @Param('groupId', UuidParam) groupId: string) {
    return this.groups.get(actor, groupId);
  }

  @Patch(':groupId')
  @ApiOperation({ summary: 'Rename or describe the group (admins)' })
  @ApiOkResponse({ schema: openApiSchema(groupSchema) })
  update(
    @CurrentActor() actor: Actor,
    @Param('groupId', UuidParam) groupId: string,
    @Body(new ZodBody(updateGroupSchema)) body: UpdateGroup,
  ) {
    return this.groups.update(actor, groupId, body);
  }

  @Get(':groupId/members')
  @ApiOkResponse({ schema: openApiSchema(pageOf(memberSchema)) })
  async members(@CurrentActor() actor: Actor, @Param('groupId', UuidParam) groupId: string) {
    return { items: await this.groups.members(actor, groupId), nextCursor: null };
  }

  @Patch(':groupId/members/:userId')
  @ApiOperation({ summary: 'Change a member’s role (admins); a group always keeps an admin' })
  @ApiOkResponse({ schema: openApiSchema(memberSchema) })
  changeRole(
    @CurrentActor() actor: Actor,
    @Param('groupId', UuidParam) groupId: string,
    @Param('userId', UuidParam) userId: string,
    @Body(new ZodBody(updateMemberSchema)) body: z.infer<typeof updateMemberSchema>,
  ) {
    return this.groups.changeRole(actor, groupId, userId, body.role);
  }

  @Delete(':groupId/members/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member (admins)' })
  async remove(
    @CurrentActor() actor: Actor,
    @Param('groupId', UuidParam) groupId: string,
    @Param('userId', UuidParam) userId: string,
  ) {
    await this.groups.removeMember(actor, groupId, userId);
  }

  @Post(':groupId/leave')
  @HttpCode(204)
  @ApiOperation({ summary: 'Leave the group' })
  async leave(@CurrentActor() actor: Actor, @Param('groupId', UuidParam) groupId: string) {
    await this.groups.leave(actor, groupId);
  }

  @Get(':groupId/audit')
  @ApiOperation({ summary: 'The group’s security audit log (admins)' })
  @ApiOkResponse({ schema: openApiSchema(pageOf(auditEventSchema)) })
  async audit(@CurrentActor() actor: Actor, @Param('groupId', UuidParam) groupId: string) {
    return { items: await this.groups.auditLog(actor, groupId), nextCursor: null };
  }
}
