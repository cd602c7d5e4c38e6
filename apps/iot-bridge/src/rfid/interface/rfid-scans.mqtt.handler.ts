import { Inject, Injectable, Logger } from '@nestjs/common';
import { DeviceBroker } from '../../broker/device-broker';
import { RfidScansService } from '../application/rfid-scans.service';

/** `rfid/+/scan` from the device broker; a scan that cannot even be taken is answered at once. */
@Injectable()
export class RfidScansMqttHandler {
  private readonly logger = new Logger('RfidScans');

  constructor(
    @Inject(DeviceBroker) private readonly broker: DeviceBroker,
    @Inject(RfidScansService) private readonly scans: RfidScansService,
  ) {
    broker.route('rfid/+/scan', ([readerId], payload) => this.scanned(readerId, payload));
  }

  private async scanned(readerId: string, payload: Buffer): Promise<void> {
    const immediate = await this.scans.scanned(readerId, payload);
    if (!immediate) return;
    await this.broker
      .publish(`rfid/${readerId}/response`, immediate)
      .catch((error: Error) => this.logger.warn(`denial to ${readerId} not delivered: ${error.message}`));
  }
}
