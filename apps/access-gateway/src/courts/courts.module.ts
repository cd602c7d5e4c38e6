import { Module } from '@nestjs/common';
import { COURTS_REPOSITORY } from './application/ports/courts.repository.port';
import { GetCourtHandler } from './application/get-court/get-court.handler';
import { ListCourtsHandler } from './application/list-courts/list-courts.handler';
import { SaveCourtHandler } from './application/save-court/save-court.handler';
import { PgCourtsRepository } from './infrastructure/courts.repository';
import { CourtsHttpController } from './interface/courts.http.controller';

@Module({
  controllers: [CourtsHttpController],
  providers: [
    { provide: COURTS_REPOSITORY, useClass: PgCourtsRepository },
    GetCourtHandler,
    ListCourtsHandler,
    SaveCourtHandler,
  ],
  exports: [GetCourtHandler, ListCourtsHandler],
})
export class CourtsModule {}
