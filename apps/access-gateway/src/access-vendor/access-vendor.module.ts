import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { AccessGatewayConfig } from '../config/access-gateway.config';
import { ACCESS_VENDOR } from './application/ports/access-vendor.port';
import { VENDOR_EVENTS_REPOSITORY } from './application/ports/vendor-events.repository.port';
import { AccessVendorHttpAdapter } from './infrastructure/access-vendor.http.adapter';
import { PgVendorEventsRepository } from './infrastructure/vendor-events.repository';

/** The access vendor's API and the events it sent us, for the contexts that need them. */
@Module({
  providers: [
    {
      provide: ACCESS_VENDOR,
      useFactory: (config: AccessGatewayConfig) =>
        new AccessVendorHttpAdapter(config.ACCESS_VENDOR_URL, config.ACCESS_VENDOR_API_KEY),
      inject: [SERVICE_CONFIG],
    },
    { provide: VENDOR_EVENTS_REPOSITORY, useClass: PgVendorEventsRepository },
  ],
  exports: [ACCESS_VENDOR, VENDOR_EVENTS_REPOSITORY],
})
export class AccessVendorModule {}
