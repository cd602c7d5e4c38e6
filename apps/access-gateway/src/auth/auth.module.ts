import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { createRemoteJWKSet } from 'jose';
import { JwtVerifier } from '@sportclub/auth';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { AccessGatewayConfig } from '../config/access-gateway.config';
import { MembersModule } from '../members/members.module';
import { RateLimitGuard } from '../rate-limit/rate-limit.guard';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { AuthGuard } from './auth.guard';

/**
 * Guards every /v1 route, in this order: the token and the route's roles (keys fetched from the realm's
 * JWKS once, refreshed on an unknown key), then the rate limits of the caller and their club.
 */
@Module({
  imports: [MembersModule, RateLimitModule],
  providers: [
    {
      provide: JwtVerifier,
      useFactory: (c: AccessGatewayConfig) =>
        new JwtVerifier({
          issuer: c.KEYCLOAK_ISSUER,
          audience: c.JWT_AUDIENCE,
          keys: c.KEYCLOAK_JWKS_URL ? createRemoteJWKSet(new URL(c.KEYCLOAK_JWKS_URL)) : undefined,
        }),
      inject: [SERVICE_CONFIG],
    },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useExisting: RateLimitGuard },
  ],
})
export class AuthModule {}
