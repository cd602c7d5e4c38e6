import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import { answerFor, type CheckInOutcome } from '../../domain/scan-answer';
import { SCAN_REPOSITORY, type ScanRepositoryPort } from '../ports/scan.repository.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AnswerScanCommand {
  tenantId: string;
  /** The flow a scan started: its event's correlation id. */
  correlationId: string;
  outcome: CheckInOutcome;
}

/**
 * The check-in's outcome for the scan of that flow (inside the event's inbox transaction). It
 * replaces a "try again" the reader got meanwhile: the door should show what really happened.
 * Outcomes of check-ins no scan started match no scan and change nothing.
 */
@Injectable()
export class AnswerScanHandler {
  constructor(@Inject(SCAN_REPOSITORY) private readonly scans: ScanRepositoryPort) {}

  async execute(tx: Transaction, c: AnswerScanCommand): Promise<void> {
    if (!UUID.test(c.correlationId)) return; // not a flow a scan started
    await this.scans.answer(tx, c.tenantId, c.correlationId, answerFor(c.outcome));
  }
}
