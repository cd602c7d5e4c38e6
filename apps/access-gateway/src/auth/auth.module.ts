import { Module } from '@nestjs/common';
import { createRemoteJWKSet } from 'jose';
import { JwtVerifier } from '@sportclub/auth';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { AccessGatewayConfig } from '../config/access-gateway.config';
import { AuthGuard } from './auth.guard';

/** Verifies tokens against the realm's JWKS (fetched once, refreshed on an unknown key). */
@Module({
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
    AuthGuard,
  ],
  exports: [JwtVerifier, AuthGuard],
})
export class AuthModule {}
