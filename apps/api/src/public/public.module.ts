import { Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module.js';
import { PublishingModule } from '../publishing/publishing.module.js';
import { PublishingService } from '../publishing/publishing.service.js';
import { PublicController } from './public.controller.js';
import { PublicPages } from './public-pages.service.js';
import { PublicRepository } from './public.repository.js';

/**
 * Server-rendered public pages (`/p`, `/p/:group/:case`…), the Atom feed and the open-data
 * listing. They forget what they rendered when publishing says something was published or
 * retracted here (after its commit); other replicas notice within a second (PageCache).
 */
@Module({
  imports: [DocumentsModule, PublishingModule],
  controllers: [PublicController],
  providers: [PublicPages, PublicRepository],
  exports: [PublicPages],
})
export class PublicModule implements OnModuleInit, OnModuleDestroy {
  private readonly onChanged = () => this.pages.invalidate();

  constructor(
    private readonly pages: PublicPages,
    private readonly publishing: PublishingService,
  ) {}

  onModuleInit(): void {
    this.publishing.changes.on('changed', this.onChanged);
  }

  onModuleDestroy(): void {
    this.publishing.changes.off('changed', this.onChanged);
  }
}
