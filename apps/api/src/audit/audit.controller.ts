import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { auditEventSchema, pageOf } from '@technopolice/shared';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { AppError } from '../common/app-error.js';
import { openApiSchema } from '../common/openapi.js';
import { AuditService } from './audit.service.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'The instance’s security audit log (instance admins)' })
  @ApiOkResponse({ schema: openApiSchema(pageOf(auditEventSchema)) })
  async list(@CurrentActor() actor: Actor) {
    if (!actor.isInstanceAdmin)
      throw new AppError('forbidden', 'Only instance admins may read the instance audit log.');
    return { items: await this.audit.list('instance'), nextCursor: null };
  }
}
