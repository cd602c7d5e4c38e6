import { Module } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { MONGO_CONNECTION } from '../shared/infrastructure/mongo-connection.module';
import { LANDING } from './application/ports/landing.port';
import { prepareLandedPayloads } from './infrastructure/landed-payload.model';
import { MongoLandingRepository } from './infrastructure/landing.repository';

/** The landing zone behind its port; its indexes exist before the service takes its first payload. */
@Module({
  providers: [
    {
      provide: LANDING,
      useFactory: async (connection: Connection) =>
        new MongoLandingRepository(await prepareLandedPayloads(connection)),
      inject: [MONGO_CONNECTION],
    },
  ],
  exports: [LANDING],
})
export class LandingModule {}
