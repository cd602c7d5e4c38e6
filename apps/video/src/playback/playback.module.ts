import { Module } from '@nestjs/common';
import { AesGcmSealer, SERVICE_CONFIG } from '@sportclub/service-kit';
import type { VideoConfig } from '../config/video.config';
import { ClubSigningKeys, SIGNING_KEY_SEALER } from './application/club-signing-keys';
import { GetHighlightHandler } from './application/get-highlight/get-highlight.handler';
import { ListHighlightsHandler } from './application/list-highlights/list-highlights.handler';
import { PLAYBACK_REPOSITORY } from './application/ports/playback.repository.port';
import { PlaybackRepository } from './infrastructure/playback.repository';
import { PlaybackCommandsHandler } from './interface/playback.commands.handler';

/** Private playback: the club's highlights for the members who were on the court and staff, signed URLs. */
@Module({
  controllers: [PlaybackCommandsHandler],
  providers: [
    { provide: PLAYBACK_REPOSITORY, useClass: PlaybackRepository },
    {
      provide: SIGNING_KEY_SEALER,
      inject: [SERVICE_CONFIG],
      useFactory: (config: VideoConfig) => new AesGcmSealer(config.SIGNING_KEYS, 'SIGNING_KEYS'),
    },
    ClubSigningKeys,
    GetHighlightHandler,
    ListHighlightsHandler,
  ],
})
export class PlaybackModule {}
