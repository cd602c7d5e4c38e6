import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { CheckInModule } from './check-in/check-in.module';
import { CourtsModule } from './gateway.module';
import { DevicesModule } from './devices/devices.module';
import { RfidModule } from './rfid/rfid.module';

/** The gateway's API, browsable at /docs and as JSON at /docs/openapi.json. */
export function serveOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Sport Tech Club API')
      .setDescription(
        'Check-ins, courts and wallets of a club. Every route needs a Keycloak access token (Bearer); ' +
          'everything is scoped to the club (tenant) of the token. Errors answer { error, reason | problems[] }.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
    // The public API only: health and metrics are for the platform's operators.
    { include: [CheckInModule, CourtsModule, DevicesModule, RfidModule] },
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}
