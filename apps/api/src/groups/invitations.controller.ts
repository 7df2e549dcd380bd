import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  acceptedInvitationSchema,
  createdInvitationSchema,
  createInvitationSchema,
  invitationPreviewSchema,
  invitationSchema,
  pageOf,
} from '@technopolice/shared';
import { type z } from 'zod';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { Public } from '../auth/public.decorator.js';
import { openApiSchema } from '../common/openapi.js';
import { UuidParam } from '../common/uuid-param.pipe.js';
import { ZodBody } from '../common/zod-body.pipe.js';
import { InvitationsService } from './invitations.service.js';

@ApiTags('invitations')
@ApiBearerAuth()
@Controller('api')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post('groups/:groupId/invitations')
  @ApiOperation({
    summary: 'Create an invitation link (admins, coordinators); the token is shown once',
  })
  @ApiOkResponse({ schema: openApiSchema(createdInvitationSchema) })
  create(
    @CurrentActor() actor: Actor,
    @Param('groupId', UuidParam) groupId: string,
    @Body(new ZodBody(createInvitationSchema)) body: z.output<typeof createInvitationSchema>,
  ) {
    return this.invitations.create(actor, groupId, body);
  }

  @Get('groups/:groupId/invitations')
  @ApiOkResponse({ schema: openApiSchema(pageOf(invitationSchema)) })
  async list(@CurrentActor() actor: Actor, @Param('groupId', UuidParam) groupId: string) {
    return { items: await this.invitations.list(actor, groupId), nextCursor: null };
  }

  @Delete('groups/:groupId/invitations/:invitationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an invitation' })
  async revoke(
    @CurrentActor() actor: Actor,
    @Param('groupId', UuidParam) groupId: string,
    @Param('invitationId', UuidParam) invitationId: string,
  ) {
    await this.invitations.revoke(actor, groupId, invitationId);
  }

  @Public()
  @Get('invitations/:token')
  @ApiOperation({ summary: 'What an invitation link offers (no sign-in)' })
  @ApiOkResponse({ schema: openApiSchema(invitationPreviewSchema) })
  preview(@Param('token') token: string) {
    return this.invitations.preview(token);
  }

  @Post('invitations/:token/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Join the group the invitation is for' })
  @ApiOkResponse({ schema: openApiSchema(acceptedInvitationSchema) })
  accept(@CurrentActor() actor: Actor, @Param('token') token: string) {
    return this.invitations.accept(actor, token);
  }
}
