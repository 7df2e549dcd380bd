import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { searchQuerySchema } from '@technopolice/shared';
import { type z } from 'zod';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { ZodBody } from '../common/zod-body.pipe.js';
import { SearchService } from './search.service.js';

@ApiTags('search')
@ApiBearerAuth()
@Controller('api/search')
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Get()
  @ApiOperation({
    summary: 'Search cases, posts and documents of my groups, in French, accents folded',
    description:
      'q as people type it: "a phrase", -excluded, or. prefix=true reads the last word as a ' +
      'prefix (search as you type). Filters: groupId, caseId, type, authorId, technology, from, to.',
  })
  search(
    @CurrentActor() actor: Actor,
    @Query(new ZodBody(searchQuerySchema)) query: z.output<typeof searchQuerySchema>,
  ) {
    return this.searchService.search(actor, query);
  }
}
