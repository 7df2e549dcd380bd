import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { citySchema, cityQuerySchema, pageOf } from '@technopolice/shared';
import { type z } from 'zod';
import { AppError } from '../common/app-error.js';
import { openApiSchema } from '../common/openapi.js';
import { ZodBody } from '../common/zod-body.pipe.js';
import { type City, Gazetteer } from './gazetteer.js';

const toCity = ({ code, name, departmentCode, departmentName, lat, lng }: City) => ({
  code,
  name,
  departmentCode,
  departmentName,
  lat,
  lng,
});

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cities')
export class CitiesController {
  constructor(private readonly gazetteer: Gazetteer) {}

  @Get()
  @ApiOperation({ summary: 'French communes matching a name or INSEE code, biggest first' })
  @ApiQuery({ name: 'q' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiOkResponse({ schema: openApiSchema(pageOf(citySchema)) })
  @Header('Cache-Control', 'private, max-age=3600')
  search(@Query(new ZodBody(cityQuerySchema)) query: z.output<typeof cityQuerySchema>) {
    return { items: this.gazetteer.search(query.q, query.limit).map(toCity), nextCursor: null };
  }

  @Get(':code')
  @ApiOkResponse({ schema: openApiSchema(citySchema) })
  @Header('Cache-Control', 'private, max-age=3600')
  get(@Param('code') code: string) {
    const city = this.gazetteer.get(code);
    if (!city) throw new AppError('not_found', `No French commune has the INSEE code ${code}.`);
    return toCity(city);
  }
}
