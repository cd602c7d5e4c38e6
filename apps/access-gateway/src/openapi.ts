import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { API_MODULES } from './gateway.module';

/** The gateway's API, browsable at /docs and as JSON at /docs/openapi.json, built from the routes' zod schemas. */
export function openApiDocument(app: INestApplication) {
  return documentBodyRefusals(
    cleanupOpenApiDoc(
      SwaggerModule.createDocument(
        app,
        new DocumentBuilder()
          .setTitle('Sport Tech Club API')
          .setDescription(
            'Check-ins, courts, bookings, members, cards, devices and wallets of a club. Every route needs a ' +
              'Keycloak access token (Bearer) and one of the roles it names — except a booking feed (.ics), ' +
              'whose secret URL is its credential; everything is scoped to the club (tenant) of the token. ' +
              'Errors answer { error, reason | problems[] }.',
          )
          .setVersion('1')
          .addBearerAuth()
          .build(),
        // The public API only: health and metrics are for the platform's operators.
        { include: API_MODULES },
      ),
    ),
  );
}

/**
 * Every route that takes a body may also answer 413 (over 1 MB) and 415 (not JSON), refused before
 * the route runs (service-kit): documented once here, with the route's own error schema.
 */
function documentBodyRefusals(doc: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(doc.paths)) {
    for (const op of Object.values(path) as OperationObject[]) {
      const error = op?.responses?.['400'];
      if (!op?.requestBody || !error || !('content' in error)) continue;
      op.responses['413'] ??= { description: 'body over 1 MB', content: error.content };
      op.responses['415'] ??= { description: 'the body is not application/json', content: error.content };
    }
  }
  return doc;
}

export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, openApiDocument(app), { jsonDocumentUrl: 'docs/openapi.json' });
}
