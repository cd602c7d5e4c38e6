// Tracing starts before anything it instruments (http, express, pg) is loaded.
import { startTracing } from '@sportclub/observability';
startTracing('notifications');

import type { NestExpressApplication } from '@nestjs/platform-express';
import { runService } from '@sportclub/service-kit';
import { AnnouncementsModule } from './announcements/announcements.module';
import { ContactsModule } from './contacts/contacts.module';
import { notificationsConfigSchema } from './config/notifications.config';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { NOTIFICATIONS_MIGRATIONS } from './migrations';
import { PrivacyModule } from './privacy/privacy.module';
import { ProviderAccountsModule } from './provider-accounts/provider-accounts.module';
import { TemplatesModule } from './templates/templates.module';
import { WebhooksModule } from './webhooks/webhooks.module';

void runService({
  name: 'notifications',
  features: [
    ContactsModule,
    TemplatesModule,
    DeliveriesModule,
    WebhooksModule,
    PrivacyModule,
    AnnouncementsModule,
    ProviderAccountsModule,
  ],
  configSchema: notificationsConfigSchema,
  migrations: NOTIFICATIONS_MIGRATIONS,
  // Twilio posts its callbacks as forms; the raw body stays available for the signature.
  strictRequests: { formPaths: ['/webhooks/twilio/'] },
  configure: (app) =>
    (app as NestExpressApplication).useBodyParser('urlencoded', { extended: false, limit: '100kb' }),
});
