import { Module } from '@nestjs/common';
import { ClipHighlightHandler } from './application/clip-highlight/clip-highlight.handler';
import { HIGHLIGHTS_REPOSITORY } from './application/ports/highlights.repository.port';
import { RecordPressHandler } from './application/record-press/record-press.handler';
import { HighlightsRepository } from './infrastructure/highlights.repository';
import { HighlightsHandlers } from './interface/highlights.handlers';

/** The court button's highlights: a clip per press from the court's recording. */
@Module({
  controllers: [HighlightsHandlers],
  providers: [
    { provide: HIGHLIGHTS_REPOSITORY, useClass: HighlightsRepository },
    RecordPressHandler,
    ClipHighlightHandler,
  ],
  exports: [HIGHLIGHTS_REPOSITORY],
})
export class HighlightsModule {}
