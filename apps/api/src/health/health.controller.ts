import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Health, healthSchema } from '@technopolice/shared';
import { DataSource } from 'typeorm';
import { AppError } from '../common/app-error.js';
import { Public } from '../auth/public.decorator.js';
import { openApiSchema } from '../common/openapi.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

@ApiTags('health')
@Public()
@Controller('api/health')
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Whether the server and its database answer' })
  @ApiOkResponse({ schema: openApiSchema(healthSchema) })
  async health(): Promise<Health> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new AppError('service_unavailable', 'The database does not answer.');
    }
    return { status: 'ok', database: this.config.database.kind };
  }
}
