import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { digestSettingsSchema, readNotificationsSchema } from '@technopolice/shared';
import { z } from 'zod';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { ZodBody } from '../common/zod-body.pipe.js';
import { NotificationsService } from './notifications.service.js';

const listQuerySchema = z
  .object({
    unread: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
    cursor: z.string().max(20).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(30),
  })
  .strict();

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @ApiOperation({ summary: 'My notifications, newest first, with the unread count' })
  list(
    @CurrentActor() actor: Actor,
    @Query(new ZodBody(listQuerySchema)) query: z.output<typeof listQuerySchema>,
  ) {
    return this.notifications.list(actor, query);
  }

  @Post('notifications/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark some notifications (ids) or all of them read' })
  read(
    @CurrentActor() actor: Actor,
    @Body(new ZodBody(readNotificationsSchema)) input: z.output<typeof readNotificationsSchema>,
  ) {
    return this.notifications.read(actor, input);
  }

  @Get('me/digest')
  @ApiOperation({ summary: 'My email digest settings, and whether this instance sends email' })
  digest(@CurrentActor() actor: Actor) {
    return this.notifications.digest(actor);
  }

  @Put('me/digest')
  @ApiOperation({ summary: 'Receive unread notifications by email, hourly or daily, or not' })
  setDigest(
    @CurrentActor() actor: Actor,
    @Body(new ZodBody(digestSettingsSchema)) input: z.output<typeof digestSettingsSchema>,
  ) {
    return this.notifications.setDigest(actor, input);
  }
}
