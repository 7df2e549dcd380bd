import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { NotificationsController } from './notifications.controller.js';
import { DigestWorker } from './digest.js';
import { NotificationsService } from './notifications.service.js';

@Module({
  imports: [CasesModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, DigestWorker],
  exports: [NotificationsService],
})
export class NotificationsModule {}
