// Tracing starts before anything it instruments (http, express, pg) is loaded.
import { startTracing } from '@sportclub/observability';
startTracing('notifications');

import type { NestExpressApplication } from '@nestjs/platform-express';
import { runService } from '@sportclub/service-kit';
import { AnnouncementsModule } from './announcements/announcements.module';
import { ContactsModule } from './contacts/contacts.module';
import { notificationsConfigSchema } from './config/notifications.config';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { EarlyStatusTenant1765400000001 } from './deliveries/infrastructure/early-status-tenant.migration';
import { PrivacyModule } from './privacy/privacy.module';
import { ProviderAccountsModule } from './provider-accounts/provider-accounts.module';
import { CreateProviderAccounts1765300000000 } from './provider-accounts/infrastructure/provider-accounts.migration';
import { CreateNotifications1765100000000 } from './shared/infrastructure/notifications.migration';
import { TemplatesModule } from './templates/templates.module';
import { ProviderWebhookQueue1765400000000 } from './webhooks/infrastructure/webhook-queue.migration';
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
  migrations: [
    CreateNotifications1765100000000,
    CreateProviderAccounts1765300000000,
    ProviderWebhookQueue1765400000000,
    EarlyStatusTenant1765400000001,
  ],
  // Twilio posts its callbacks as forms; the raw body stays available for the signature.
  strictRequests: { formPaths: ['/webhooks/twilio/'] },
  configure: (app) =>
    (app as NestExpressApplication).useBodyParser('urlencoded', { extended: false, limit: '100kb' }),
});
