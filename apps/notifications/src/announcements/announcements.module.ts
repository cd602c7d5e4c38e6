import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { SharedModule } from '../shared/shared.module';
import { GetAnnouncementHandler } from './application/get-announcement/get-announcement.handler';
import { PlanAnnouncementHandler } from './application/plan-announcement/plan-announcement.handler';
import { ANNOUNCEMENTS_REPOSITORY } from './application/ports/announcements.repository.port';
import { StartAnnouncementHandler } from './application/start-announcement/start-announcement.handler';
import { AnnouncementsRepository } from './infrastructure/announcements.repository';
import { AnnouncementsCommandsHandler } from './interface/announcements.commands.handler';

/** A message to a segment of a club's consenting members: paced, resumable, with progress. */
@Module({
  imports: [SharedModule, ContactsModule, DeliveriesModule],
  controllers: [AnnouncementsCommandsHandler],
  providers: [
    { provide: ANNOUNCEMENTS_REPOSITORY, useClass: AnnouncementsRepository },
    StartAnnouncementHandler,
    PlanAnnouncementHandler,
    GetAnnouncementHandler,
  ],
})
export class AnnouncementsModule {}
