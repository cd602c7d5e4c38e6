import { Module } from '@nestjs/common';
import { CheckClipsHandler } from './application/check-clips/check-clips.handler';
import { ClipHighlightHandler } from './application/clip-highlight/clip-highlight.handler';
import { ClipOutcomes } from './application/clip-outcomes';
import { HIGHLIGHTS_REPOSITORY } from './application/ports/highlights.repository.port';
import { RecordPressHandler } from './application/record-press/record-press.handler';
import { HighlightsRepository } from './infrastructure/highlights.repository';
import { ClipsScheduler } from './interface/clips.scheduler';
import { HighlightsHandlers } from './interface/highlights.handlers';

/**
 * The court button's highlights: a clip per press from the court's recording, ended by the vendor's
 * webhook or, when that never comes, by looking the clip up.
 */
@Module({
  controllers: [HighlightsHandlers],
  providers: [
    { provide: HIGHLIGHTS_REPOSITORY, useClass: HighlightsRepository },
    RecordPressHandler,
    ClipHighlightHandler,
    ClipOutcomes,
    CheckClipsHandler,
    ClipsScheduler,
  ],
  exports: [HIGHLIGHTS_REPOSITORY, ClipOutcomes],
})
export class HighlightsModule {}
