import { Inject, Injectable, Logger } from '@nestjs/common';
import { deviceTopics } from '../../../devices/domain/device-topics';
import { DEVICE_BROKER, type DeviceBroker } from '../../../shared/application/ports/device-broker.port';
import { publishAnswers } from '../../../shared/application/publish-answers';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import { ANSWERS } from '../../domain/scan-answer';
import { SCAN_REPOSITORY, type ScanRepositoryPort } from '../ports/scan.repository.port';

const BATCH = 100;
const PRUNE_EVERY_MS = 3_600_000;

/**
 * One round of answer delivery to `rfid/<readerId>/response` (QoS 1): scans whose deadline passed get
 * "try again" (yellow), then answered scans are claimed (replicas share the work) and marked
 * delivered once the broker has them. A broker outage only delays answers; the first failure ends the
 * round. Now and then old scans are forgotten.
 */
@Injectable()
export class DeliverScanAnswersHandler {
  private readonly logger = new Logger('ScanAnswers');
  private lastPrune = 0;

  constructor(
    @Inject(SCAN_REPOSITORY) private readonly scans: ScanRepositoryPort,
    @Inject(TRANSACTIONS) private readonly uow: Transactions,
    @Inject(DEVICE_BROKER) private readonly broker: DeviceBroker,
  ) {}

  /** Returns how many answers were delivered. */
  async execute(): Promise<number> {
    await this.scans.timeOut(ANSWERS.timeout);
    const delivered = await this.uow.run(async (tx) => {
      const claimed = await this.scans.claimUndelivered(tx, BATCH);
      const sent = await publishAnswers(
        this.broker,
        claimed,
        (r) => ({ topic: deviceTopics.scanResponse(r.readerId), message: { scanId: r.scanId, ...r.answer } }),
        this.logger,
      );
      await this.scans.markDelivered(tx, sent);
      return sent.length;
    });
    if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = Date.now();
      await this.scans.prune();
    }
    return delivered;
  }
}
