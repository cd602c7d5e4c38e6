import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { IotRfidScannedV1 } from '@sportclub/contracts';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { IotBridgeConfig } from '../../../config/iot-bridge.config';
import {
  DEVICE_DIRECTORY,
  type DeviceDirectory,
} from '../../../devices/application/ports/device-directory.port';
import { EVENT_PUBLISHER, type EventPublisher } from '../../../shared/application/ports/event-publisher.port';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import { ACCEPTANCE_WINDOW, AcceptanceWindow } from '../../../shared/domain/acceptance-window';
import { ANSWERS, LATE_SCAN_ANSWERS, type ScanAnswer } from '../../domain/scan-answer';
import { SCAN_REPOSITORY, type ScanRepositoryPort } from '../ports/scan.repository.port';

export interface AcceptScanCommand {
  /** The login the scan came from (its topic). */
  readerId: string;
  /** The reader's own id for the scan: the same when it repeats it. */
  scanId: string;
  cardId: string;
  /** The reader's clock. */
  scannedAt: Date;
  /** The bridge's clock when it took the scan. */
  receivedAt: Date;
}

/**
 * A reader's scan. A new scan is stored under the reader's scan id and announced as
 * `iot.rfid.scanned.v1` with a fresh correlation id in one transaction; the same scan again (QoS 1
 * redelivery, a reader retrying) finds its row: no second event, and its answer, if it has one, is
 * sent again. The check-in's outcome comes back by that correlation id. A scan outside the acceptance
 * window is stored refused, with its answer to deliver, and announced to nobody. A scan from a login
 * that is no enabled reader is answered at once (the returned answer).
 */
@Injectable()
export class AcceptScanHandler {
  private readonly logger = new Logger('RfidScans');
  private readonly answerWithinMs: number;

  constructor(
    @Inject(DEVICE_DIRECTORY) private readonly devices: DeviceDirectory,
    @Inject(SCAN_REPOSITORY) private readonly scans: ScanRepositoryPort,
    @Inject(TRANSACTIONS) private readonly uow: Transactions,
    @Inject(EVENT_PUBLISHER) private readonly events: EventPublisher,
    @Inject(ACCEPTANCE_WINDOW) private readonly window: AcceptanceWindow,
    @Inject(SERVICE_CONFIG) config: Pick<IotBridgeConfig, 'RFID_ANSWER_DEADLINE_MS'>,
  ) {
    this.answerWithinMs = config.RFID_ANSWER_DEADLINE_MS;
  }

  async execute(c: AcceptScanCommand): Promise<ScanAnswer | undefined> {
    const reader = await this.devices.active(c.readerId, 'rfid-reader');
    if (!reader?.courtId) {
      this.logger.warn(`rfid/${c.readerId}/scan: denied, ${c.readerId} is no enabled reader`);
      return ANSWERS.unknownReader;
    }
    const courtId = reader.courtId;
    const timeliness = this.window.judge(c.scannedAt, c.receivedAt);
    await this.uow.run(async (tx) => {
      const correlationId = randomUUID();
      const scan = {
        readerId: c.readerId,
        scanId: c.scanId,
        cardId: c.cardId,
        scannedAt: c.scannedAt,
        tenantId: reader.tenantId,
        courtId,
        correlationId,
        answerWithinMs: this.answerWithinMs,
      };
      if (timeliness !== 'in-time') {
        const refusal = { code: timeliness, answer: LATE_SCAN_ANSWERS[timeliness] };
        if (await this.scans.insertRefused(tx, scan, refusal)) {
          const when = this.window.describe(c.scannedAt, c.receivedAt);
          return this.logger.warn(`rfid/${c.readerId}/scan: scan ${c.scanId} refused, ${when}`);
        }
        return this.scans.redeliver(tx, c.readerId, c.scanId);
      }
      const inserted = await this.scans.insert(tx, scan);
      if (!inserted) return this.scans.redeliver(tx, c.readerId, c.scanId);
      await this.events.publish(
        tx,
        IotRfidScannedV1.envelope({
          source: 'iot-bridge',
          tenantId: reader.tenantId,
          subject: c.readerId,
          correlationId,
          data: { readerId: c.readerId, scanId: c.scanId, cardId: c.cardId, courtId },
        }),
      );
    });
    return undefined;
  }
}
