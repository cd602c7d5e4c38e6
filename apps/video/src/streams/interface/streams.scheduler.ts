import { Injectable } from '@nestjs/common';
import { ScheduledPasses } from '@sportclub/service-kit';
import { ReconcileCourtsHandler } from '../application/reconcile-court/reconcile-court.handler';
import { RecordSessionHandler } from '../application/record-session/record-session.handler';

/** A pass on every session change (kicked after its commit), and every second for retries and leases run out. */
@Injectable()
export class StreamsScheduler extends ScheduledPasses {
  constructor(courts: ReconcileCourtsHandler, sessions: RecordSessionHandler) {
    super({ logger: 'Streams', doing: 'reconciling court streams', everyMs: 1_000, atStart: true }, () =>
      courts.execute(),
    );
    sessions.onRecorded(() => this.kick());
  }
}
