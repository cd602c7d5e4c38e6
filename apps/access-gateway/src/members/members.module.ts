import { Module } from '@nestjs/common';
import { MEMBERS_REPOSITORY } from './application/ports/members.repository.port';
import { EnrolMemberHandler } from './application/enrol-member/enrol-member.handler';
import { GetMemberHandler } from './application/get-member/get-member.handler';
import { ImportMembersHandler } from './application/import-members/import-members.handler';
import { ListMembersHandler } from './application/list-members/list-members.handler';
import { SetMemberStatusHandler } from './application/set-member-status/set-member-status.handler';
import { PgMembersRepository } from './infrastructure/members.repository';
import { MembersHttpController } from './interface/members.http.controller';

/** The members directory: who belongs to which club, and whether they may check in. */
@Module({
  controllers: [MembersHttpController],
  providers: [
    { provide: MEMBERS_REPOSITORY, useClass: PgMembersRepository },
    EnrolMemberHandler,
    GetMemberHandler,
    ImportMembersHandler,
    ListMembersHandler,
    SetMemberStatusHandler,
  ],
  exports: [EnrolMemberHandler, GetMemberHandler],
})
export class MembersModule {}
