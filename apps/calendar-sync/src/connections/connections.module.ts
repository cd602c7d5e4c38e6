import { Module } from '@nestjs/common';
import { AesGcmSealer, SERVICE_CONFIG } from '@sportclub/service-kit';
import type { CalendarSyncConfig } from '../config/calendar-sync.config';
import { CompleteConnectionHandler } from './application/complete-connection/complete-connection.handler';
import { ConnectionGrants, TOKEN_SEALER } from './application/connection-grants';
import { DisconnectHandler } from './application/disconnect/disconnect.handler';
import { ListConnectionsHandler } from './application/list-connections/list-connections.handler';
import { CONNECTIONS_REPOSITORY } from './application/ports/connections.repository.port';
import { StartConnectionHandler } from './application/start-connection/start-connection.handler';
import { ConnectionsRepository } from './infrastructure/connections.repository';
import { ConnectionsCommandsHandler } from './interface/connections.commands.handler';
import { OAuthCallbackHttpController } from './interface/oauth-callback.http.controller';

/** Google Calendar connections per club and per member: OAuth consent, sealed tokens, disconnect. */
@Module({
  controllers: [ConnectionsCommandsHandler, OAuthCallbackHttpController],
  providers: [
    { provide: CONNECTIONS_REPOSITORY, useClass: ConnectionsRepository },
    {
      provide: TOKEN_SEALER,
      inject: [SERVICE_CONFIG],
      useFactory: (config: CalendarSyncConfig) => new AesGcmSealer(config.TOKEN_KEYS, 'TOKEN_KEYS'),
    },
    ConnectionGrants,
    StartConnectionHandler,
    CompleteConnectionHandler,
    ListConnectionsHandler,
    DisconnectHandler,
  ],
  exports: [CONNECTIONS_REPOSITORY, ConnectionGrants],
})
export class ConnectionsModule {}
