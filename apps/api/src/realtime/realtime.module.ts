import { Module } from '@nestjs/common';
import { TokenModule } from '../auth/token.module.js';
import { UsersModule } from '../users/users.module.js';
import { RealtimeGateway } from './realtime.gateway.js';

@Module({ imports: [TokenModule, UsersModule], providers: [RealtimeGateway] })
export class RealtimeModule {}
