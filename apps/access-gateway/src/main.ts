// Tracing starts before anything it instruments (http, express, pg) is loaded.
import { startTracing } from '@sportclub/observability';
startTracing('access-gateway');

import { runService } from '@sportclub/service-kit';
import { CreateSagas1764400000100 } from '@sportclub/saga';
import {
  CreateWebhookEvents1764500000300,
  IndexAwaitingCheckouts1764600000400,
  IndexConsumptionEvents1764600000300,
  KeepRawWebhookBodies1764700000200,
} from './access-vendor/infrastructure/webhook-events.migration';
import { CreateBookingFeeds1764800000300 } from './bookings/infrastructure/booking-feeds.migration';
import {
  CreateBookingPolicies1764800000200,
  CreateBookings1764800000100,
} from './bookings/infrastructure/bookings.migration';
import { accessGatewayConfigSchema } from './config/access-gateway.config';
import { CreateCourts1764500000100 } from './courts/infrastructure/courts.migration';
import { GatewayModule } from './gateway.module';
import { CreateIdempotencyRecords1764700000300 } from './idempotency/idempotency.migration';
import { CreateMembers1764700000100 } from './members/infrastructure/members.migration';
import { serveOpenApi } from './openapi';
import { CreateRfidCards1764500000400 } from './rfid-cards/infrastructure/rfid-cards.migration';
import { CreateSessions1764500000200 } from './sessions/infrastructure/sessions.migration';

void runService({
  name: 'access-gateway',
  features: [GatewayModule],
  configure: serveOpenApi,
  configSchema: accessGatewayConfigSchema,
  migrations: [
    CreateSagas1764400000100,
    CreateCourts1764500000100,
    CreateSessions1764500000200,
    CreateWebhookEvents1764500000300,
    CreateRfidCards1764500000400,
    IndexConsumptionEvents1764600000300,
    IndexAwaitingCheckouts1764600000400,
    CreateMembers1764700000100,
    KeepRawWebhookBodies1764700000200,
    CreateIdempotencyRecords1764700000300,
    CreateBookings1764800000100,
    CreateBookingPolicies1764800000200,
    CreateBookingFeeds1764800000300,
  ],
});
