import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { API_MODULES } from './gateway.module';

/** The gateway's API, browsable at /docs and as JSON at /docs/openapi.json, built from the routes' zod schemas. */
export function openApiDocument(app: INestApplication) {
  return cleanupOpenApiDoc(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Sport Tech Club API')
        .setDescription(
          'Check-ins, courts, members, cards, devices and wallets of a club. Every route needs a Keycloak ' +
            'access token (Bearer) and one of the roles it names; everything is scoped to the club (tenant) ' +
            'of the token. Errors answer { error, reason | problems[] }.',
        )
        .setVersion('1')
        .addBearerAuth()
        .build(),
      // The public API only: health and metrics are for the platform's operators.
      { include: API_MODULES },
    ),
  );
}

export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, openApiDocument(app), { jsonDocumentUrl: 'docs/openapi.json' });
}
