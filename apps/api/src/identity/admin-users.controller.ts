import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CreatedUser,
  createdUserSchema,
  type CreateUser,
  createUserSchema,
  type InstanceSettings,
  instanceSettingsSchema,
} from '@technopolice/shared';
import { DataSource } from 'typeorm';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { openApiSchema } from '../common/openapi.js';
import { ZodBody } from '../common/zod-body.pipe.js';
import { AccountsService } from './accounts.service.js';
import { IssuerService } from './issuer.service.js';
import { SettingsService } from './settings.service.js';

function requireInstanceAdmin(actor: Actor): void {
  if (!actor.isInstanceAdmin) throw new AppError('forbidden', 'Only instance admins may do this.');
}

/** Account management of the built-in issuer, for instance admins. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin')
export class AdminUsersController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly settings: SettingsService,
    private readonly issuer: IssuerService,
    private readonly audit: AuditService,
  ) {}

  @Post('users')
  @ApiOperation({ summary: 'Create an account (instance admins, built-in issuer)' })
  @ApiOkResponse({ schema: openApiSchema(createdUserSchema) })
  async createUser(
    @CurrentActor() actor: Actor,
    @Body(new ZodBody(createUserSchema)) body: CreateUser,
  ): Promise<CreatedUser> {
    requireInstanceAdmin(actor);
    const account = await this.dataSource.transaction((tx) => this.accounts.create(tx, body));
    return { id: account.id, username: account.username };
  }

  @Get('settings')
  @ApiOkResponse({ schema: openApiSchema(instanceSettingsSchema) })
  async getSettings(@CurrentActor() actor: Actor): Promise<InstanceSettings> {
    requireInstanceAdmin(actor);
    return { registrationOpen: await this.settings.registrationOpen() };
  }

  @Patch('settings')
  @ApiOperation({ summary: 'Open registration to everyone, or only through invitations (default)' })
  async updateSettings(
    @CurrentActor() actor: Actor,
    @Body(new ZodBody(instanceSettingsSchema)) body: InstanceSettings,
  ): Promise<InstanceSettings> {
    requireInstanceAdmin(actor);
    await this.dataSource.transaction(async (tx) => {
      await this.settings.set(tx, 'registration_open', body.registrationOpen);
    });
    return body;
  }

  @Post('signing-keys/rotate')
  @ApiOperation({
    summary: 'Sign new tokens with a new key; tokens signed by the previous key still verify',
  })
  async rotate(@CurrentActor() actor: Actor) {
    requireInstanceAdmin(actor);
    const kid = await this.issuer.rotateKeys();
    await this.dataSource.transaction((tx) =>
      this.audit.record(tx, { type: 'signing-key.rotated', actorId: actor.id, data: { kid } }),
    );
    return { kid };
  }
}
