import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Taxonomy, taxonomy, taxonomySchema } from '@technopolice/shared';
import { Public } from '../auth/public.decorator.js';
import { openApiSchema } from '../common/openapi.js';

@ApiTags('taxonomy')
@Public()
@Controller('api/taxonomy')
export class TaxonomyController {
  @Get()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({
    summary:
      'Technologies, project statuses, document kinds, stages and roles, with French and English labels',
  })
  @ApiOkResponse({ schema: openApiSchema(taxonomySchema) })
  list(): Taxonomy {
    return taxonomy;
  }
}
