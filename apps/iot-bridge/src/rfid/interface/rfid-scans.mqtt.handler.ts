import { Inject, Injectable, Logger } from '@nestjs/common';
import { BRIDGE_SUBSCRIPTIONS, deviceTopics } from '../../devices/domain/device-topics';
import {
  DEVICE_BROKER,
  type DeviceBroker,
  type DeviceReply,
} from '../../shared/application/ports/device-broker.port';
import { deviceSideIdOf, parsePayload } from '../../shared/interface/device-payload';
import { AcceptScanHandler } from '../application/accept-scan/accept-scan.handler';
import { ANSWERS, type ScanAnswer } from '../domain/scan-answer';
import { scanPayload } from './dto/scan.payload';

/**
 * `rfid/+/scan` from the device broker. A scan that cannot even be taken (it does not validate, or
 * the login is no reader) is answered at once; one the bridge keeps failing on is answered "try
 * again". Every scan is acknowledged.
 */
@Injectable()
export class RfidScansMqttHandler {
  private readonly logger = new Logger('RfidScans');

  constructor(
    @Inject(DEVICE_BROKER) broker: DeviceBroker,
    @Inject(AcceptScanHandler) private readonly acceptScan: AcceptScanHandler,
  ) {
    broker.route(BRIDGE_SUBSCRIPTIONS.scan, {
      handle: ([readerId], payload) => this.scanned(readerId, payload),
      failed: ([readerId], payload) => answer(readerId, scanIdOf(payload), ANSWERS.unavailable),
    });
  }

  private async scanned(readerId: string, raw: Buffer): Promise<DeviceReply | undefined> {
    const parsed = parsePayload(scanPayload, raw);
    if (!parsed.ok || (parsed.data.reader_id !== undefined && parsed.data.reader_id !== readerId)) {
      const reason = parsed.ok ? `reader_id: not the reader of the topic (${readerId})` : parsed.reason;
      this.logger.warn(`rfid/${readerId}/scan: invalid scan denied, ${reason}`);
      return answer(readerId, scanIdOf(raw), ANSWERS.invalidScan);
    }
    const { scan_id: scanId, card_id: cardId, timestamp } = parsed.data;
    const immediate = await this.acceptScan.execute({
      readerId,
      scanId,
      cardId,
      scannedAt: new Date(timestamp),
      receivedAt: new Date(),
    });
    return immediate && answer(readerId, scanId, immediate);
  }
}

const answer = (readerId: string, scanId: string | null, a: ScanAnswer): DeviceReply => ({
  topic: deviceTopics.scanResponse(readerId),
  message: { scanId, ...a },
});

const scanIdOf = (raw: Buffer) => deviceSideIdOf(raw, 'scan_id');
