import { Module } from '@nestjs/common';
import { OptOutHandler } from './application/opt-out/opt-out.handler';
import { GetPreferencesHandler } from './application/get-preferences/get-preferences.handler';
import { PREFERENCES_REPOSITORY } from './application/ports/preferences.repository.port';
import { SetPreferencesHandler } from './application/set-preferences/set-preferences.handler';
import { PreferencesRepository } from './infrastructure/preferences.repository';
import { PreferencesCommandsHandler } from './interface/preferences.commands.handler';

/** Members' contacts, channel order, quiet hours, LGPD consent and push devices. */
@Module({
  controllers: [PreferencesCommandsHandler],
  providers: [
    { provide: PREFERENCES_REPOSITORY, useClass: PreferencesRepository },
    GetPreferencesHandler,
    SetPreferencesHandler,
    OptOutHandler,
  ],
  exports: [PREFERENCES_REPOSITORY, OptOutHandler],
})
export class ContactsModule {}
