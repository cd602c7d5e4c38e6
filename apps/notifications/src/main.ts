// Tracing starts before anything it instruments (http, express, pg) is loaded.
import { startTracing } from '@sportclub/observability';
startTracing('notifications');

import { runService } from '@sportclub/service-kit';
import { ContactsModule } from './contacts/contacts.module';
import { notificationsConfigSchema } from './config/notifications.config';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { CreateNotifications1765100000000 } from './shared/infrastructure/notifications.migration';

void runService({
  name: 'notifications',
  features: [ContactsModule, DeliveriesModule],
  configSchema: notificationsConfigSchema,
  migrations: [CreateNotifications1765100000000],
});
