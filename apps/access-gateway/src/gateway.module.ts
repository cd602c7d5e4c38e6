import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ZodSerializerInterceptor } from 'nestjs-zod';
import { AccessVendorWebhooksModule } from './access-vendor/access-vendor-webhooks.module';
import { AuthModule } from './auth/auth.module';
import { BookingsModule } from './bookings/bookings.module';
import { CheckInModule } from './check-in/check-in.module';
import { CourtsModule } from './courts/courts.module';
import { ForwardsModule } from './forwards/forwards.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { MembersModule } from './members/members.module';
import { RfidCardsModule } from './rfid-cards/rfid-cards.module';
import { SessionsModule } from './sessions/sessions.module';
import { GatewayValidationPipe } from './shared/interface/http-contract';
import { RequestValidationInterceptor } from './shared/interface/request-validation.interceptor';

/** The public API's contexts, as documented at /docs. */
export const API_MODULES = [
  BookingsModule,
  CheckInModule,
  CourtsModule,
  ForwardsModule,
  MembersModule,
  RfidCardsModule,
  SessionsModule,
];

/**
 * The gateway: every /v1 route behind the global auth and rate-limit guards (AuthModule), requests
 * validated by their zod schemas, responses serialized by theirs (refusals become HTTP answers in service-kit's ErrorShapeFilter).
 */
@Module({
  imports: [IdempotencyModule, AuthModule, ...API_MODULES, AccessVendorWebhooksModule],
  providers: [
    { provide: APP_PIPE, useClass: GatewayValidationPipe },
    { provide: APP_INTERCEPTOR, useClass: RequestValidationInterceptor },
    { provide: APP_INTERCEPTOR, useClass: ZodSerializerInterceptor },
  ],
})
export class GatewayModule {}
