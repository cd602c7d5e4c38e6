import { Global, Module } from '@nestjs/common';
import { Outbox } from '@sportclub/outbox';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { VideoConfig } from '../config/video.config';
import { OUTBOX } from './application/ports/outbox.port';
import { VIDEO_PLATFORM } from './application/ports/video-platform.port';
import { MuxAdapter } from './infrastructure/mux.adapter';

/** What every context of video uses: the outbox and the video vendor. */
@Global()
@Module({
  providers: [
    { provide: OUTBOX, useExisting: Outbox },
    {
      provide: VIDEO_PLATFORM,
      inject: [SERVICE_CONFIG],
      useFactory: (config: VideoConfig) => new MuxAdapter(config),
    },
  ],
  exports: [OUTBOX, VIDEO_PLATFORM],
})
export class SharedModule {}
