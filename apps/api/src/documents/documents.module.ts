import { Module, type OnModuleInit } from '@nestjs/common';
import { mkdir } from 'node:fs/promises';
import { CasesModule } from '../cases/cases.module.js';
import { GroupsModule } from '../groups/groups.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsRepository } from './documents.repository.js';
import { DocumentsService } from './documents.service.js';
import { createBlobStore, sweepTempDir } from './storage/index.js';
import { TextJobs } from './text-jobs.js';
import { TextWorker } from './text-worker.js';
import { BLOB_STORE } from './tokens.js';
import { TusUploads } from './tus-uploads.js';

/** Temp files older than this at start are what a crash mid-upload left. */
const STALE_TEMP_MS = 60 * 60 * 1000;

@Module({
  imports: [CasesModule, GroupsModule, NotificationsModule],
  controllers: [DocumentsController],
  providers: [
    {
      provide: BLOB_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        createBlobStore({ dataDir: config.dataDir, s3: config.s3 }),
    },
    DocumentsRepository,
    DocumentsService,
    TextJobs,
    TextWorker,
    TusUploads,
  ],
  exports: [DocumentsService, TusUploads],
})
export class DocumentsModule implements OnModuleInit {
  constructor(private readonly documents: DocumentsService) {}

  async onModuleInit(): Promise<void> {
    for (const dir of [this.documents.tempDir, this.documents.jobTempDir]) {
      await mkdir(dir, { recursive: true });
      await sweepTempDir(dir, STALE_TEMP_MS);
    }
  }
}
