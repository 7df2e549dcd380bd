import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Me, meSchema, type UpdateMe, updateMeSchema } from '@technopolice/shared';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { openApiSchema } from '../common/openapi.js';
import { ZodBody } from '../common/zod-body.pipe.js';
import { UsersService } from './users.service.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('api/me')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Who I am, and my groups' })
  @ApiOkResponse({ schema: openApiSchema(meSchema) })
  me(@CurrentActor() actor: Actor): Promise<Me> {
    return this.users.me(actor);
  }

  @Patch()
  @ApiOperation({ summary: 'Change my display name (a pseudonym is enough) or language' })
  @ApiOkResponse({ schema: openApiSchema(meSchema) })
  update(
    @CurrentActor() actor: Actor,
    @Body(new ZodBody(updateMeSchema)) body: UpdateMe,
  ): Promise<Me> {
    return this.users.update(actor, body);
  }
}
